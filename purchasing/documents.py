"""The chosen clauses of a contract as a word-processing extract (ODT, DOCX), for buyers to paste
into the CCAP or the RC: the clauses of the whole contract first, then lot by lot, each with its
text rendered with the contract's values, the values themselves and its legal references.

Both files are built by their libraries (odfpy, python-docx) from one neutral `Extract`, never
by hand-written XML: every text goes in as text, so markup typed in a clause stays characters.
Characters that XML 1.0 cannot hold (control characters) are dropped."""

import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt
from odf import teletype
from odf.dc import Title
from odf.opendocument import OpenDocumentText
from odf.style import ParagraphProperties, Style, TextProperties
from odf.text import H, P

from clauses.parameters import format_value

from .models import AppliedClause, Lot, Market

# Not allowed in an XML 1.0 document (both formats are XML inside a zip).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


@dataclass(frozen=True)
class ClauseEntry:
    title: str
    identification: str
    paragraphs: list[str]
    values: list[str]
    legal_references: list[str]


@dataclass(frozen=True)
class Section:
    heading: str
    entries: list[ClauseEntry]


@dataclass(frozen=True)
class Extract:
    title: str
    subtitle: str
    sections: list[Section]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in xml_text(text).splitlines() if line.strip()]


def _entry(applied: AppliedClause) -> ClauseEntry:
    version = applied.clause_version
    values = []
    for definition in version.parameters:
        value = applied.values.get(definition["name"])
        if value in (None, ""):
            continue
        label = definition.get("label") or definition["name"]
        values.append(xml_text(f"{label} : {format_value(definition, value)}"))
    return ClauseEntry(
        title=xml_text(version.title),
        identification=xml_text(
            _("%(code)s, version %(number)d — nature : %(kind)s ; catégorie : %(category)s")
            % {
                "code": version.clause.code,
                "number": version.number,
                "kind": version.get_kind_display(),
                "category": version.get_category_display(),
            }
        ),
        paragraphs=_lines(applied.rendered_text),
        values=values,
        legal_references=_lines(version.legal_references),
    )


def clause_extract(*, market: Market, lots: list[Lot], clauses: list[AppliedClause]) -> Extract:
    """The extract of `clauses` (the contract's, with their version, clause and lot loaded):
    the whole contract's first, then each lot that has clauses of its own, by number."""
    whole = [applied for applied in clauses if applied.lot_id is None]
    sections = []
    if whole:
        sections.append(
            Section(_("Clauses applicables à l'ensemble du marché"), [_entry(c) for c in whole])
        )
    for lot in lots:
        own = [applied for applied in clauses if applied.lot_id == lot.pk]
        if own:
            heading = _("Lot %(number)d — %(title)s") % {"number": lot.number, "title": lot.title}
            sections.append(Section(xml_text(heading), [_entry(c) for c in own]))
    return Extract(
        title=xml_text(_("Clauses du marché %(reference)s") % {"reference": market.reference}),
        subtitle=xml_text(f"{market.title} — {market.organisation.name}"),
        sections=sections,
    )


def _value_heading() -> str:
    return _("Valeurs retenues :")


def _legal_heading() -> str:
    return _("Références juridiques :")


# DOCX -------------------------------------------------------------------------------------------


def write_docx(extract: Extract) -> bytes:
    document = Document()
    document.core_properties.title = extract.title
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(extract.title, level=0)
    document.add_paragraph(extract.subtitle)
    if not extract.sections:
        document.add_paragraph(_("Aucune clause n'est choisie pour ce marché."))
    for section in extract.sections:
        document.add_heading(section.heading, level=1)
        for entry in section.entries:
            document.add_heading(entry.title, level=2)
            document.add_paragraph().add_run(entry.identification).italic = True
            for paragraph in entry.paragraphs:
                document.add_paragraph(paragraph)
            for heading, items in (
                (_value_heading(), entry.values),
                (_legal_heading(), entry.legal_references),
            ):
                if items:
                    document.add_paragraph().add_run(heading).bold = True
                    for item in items:
                        document.add_paragraph(item, style="List Bullet")
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


# ODT --------------------------------------------------------------------------------------------


def _odt_styles(document) -> dict:
    def paragraph_style(name, *, size="11pt", bold=False, italic=False, before="0cm", heading=0):
        style = Style(name=name, family="paragraph")
        if heading:
            style.setAttribute("defaultoutlinelevel", str(heading))
        properties = {"fontsize": size, "language": "fr", "country": "FR"}
        if bold:
            properties["fontweight"] = "bold"
        if italic:
            properties["fontstyle"] = "italic"
        style.addElement(TextProperties(**properties))
        style.addElement(ParagraphProperties(margintop=before, marginbottom="0.2cm"))
        document.styles.addElement(style)
        return style

    return {
        "title": paragraph_style("Titre du document", size="18pt", bold=True, heading=1),
        "section": paragraph_style("Titre de partie", size="15pt", bold=True, before="0.4cm"),
        "clause": paragraph_style("Titre de clause", size="13pt", bold=True, before="0.3cm"),
        "body": paragraph_style("Texte de clause"),
        "note": paragraph_style("Identification", italic=True),
        "label": paragraph_style("Intitulé", bold=True),
        "item": paragraph_style("Élément", before="0cm"),
    }


def _odt_add(document, element, text: str) -> None:
    # teletype keeps runs of spaces and tabs as ODF wants them; the text is text, never markup.
    teletype.addTextToElement(element, text)
    document.text.addElement(element)


def write_odt(extract: Extract) -> bytes:
    document = OpenDocumentText()
    document.meta.addElement(Title(text=extract.title))
    styles = _odt_styles(document)
    _odt_add(document, H(outlinelevel=1, stylename=styles["title"]), extract.title)
    _odt_add(document, P(stylename=styles["body"]), extract.subtitle)
    if not extract.sections:
        _odt_add(
            document,
            P(stylename=styles["body"]),
            _("Aucune clause n'est choisie pour ce marché."),
        )
    for section in extract.sections:
        _odt_add(document, H(outlinelevel=2, stylename=styles["section"]), section.heading)
        for entry in section.entries:
            _odt_add(document, H(outlinelevel=3, stylename=styles["clause"]), entry.title)
            _odt_add(document, P(stylename=styles["note"]), entry.identification)
            for paragraph in entry.paragraphs:
                _odt_add(document, P(stylename=styles["body"]), paragraph)
            for heading, items in (
                (_value_heading(), entry.values),
                (_legal_heading(), entry.legal_references),
            ):
                if items:
                    _odt_add(document, P(stylename=styles["label"]), heading)
                    for item in items:
                        _odt_add(document, P(stylename=styles["item"]), f"– {item}")
    output = io.BytesIO()
    document.write(output)
    return output.getvalue()


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT_TYPE = "application/vnd.oasis.opendocument.text"
# Format in the address → (writer, content type).
FORMATS = {"odt": (write_odt, ODT_TYPE), "docx": (write_docx, DOCX_TYPE)}
