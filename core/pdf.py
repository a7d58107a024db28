"""Every PDF the product writes (the quarterly and SPASER reports, the training certificates) goes
through `html_to_pdf`: WeasyPrint on a template and print CSS of the document's own, written as
tagged PDF (PDF/UA-1: the structure of headings, paragraphs and tables, the document's language
from `<html lang>` and its title from `<title>`), so that a screen reader reads it in order and
a search finds its words.

On top of each document's CSS, the rules that keep the text searchable once in the PDF: words
never cut by hyphenation (the hyphen and the break stay in the extracted text: « mar- chés »),
letters never spaced apart (a letter-spaced heading extracts as « R A P P O R T »). The
bookmarks follow the headings (WeasyPrint's `bookmark-level`: h1 at level 1, h2 at 2…); a
document sets its own where its headings say otherwise."""

from django.conf import settings

PDF_VARIANT = "pdf/ua-1"
SEARCHABLE_TEXT_CSS = """
* { hyphens: manual !important; letter-spacing: normal !important; }
"""


def _options() -> dict:
    from weasyprint import CSS

    return {
        "stylesheets": [CSS(string=SEARCHABLE_TEXT_CSS)],
        "pdf_variant": PDF_VARIANT,
        "pdf_tags": True,
    }


def html_layout(html: str):
    """WeasyPrint's laid-out pages of `html` (static files and images resolved from the
    project's folder): what `html_to_pdf` writes, and what tests measure."""
    from weasyprint import HTML  # Heavy: loaded only when a PDF is written.

    return HTML(string=html, base_url=str(settings.BASE_DIR)).render(**_options())


def html_to_pdf(html: str) -> bytes:
    """The PDF of `html`."""
    options = _options()
    del options["stylesheets"]  # applied by the layout
    return html_layout(html).write_pdf(**options)
