"""The English catalogue is translated by hand, entry by entry: none is left fuzzy or empty,
and the compiled files are those of the catalogues. Plural forms follow each language's rule:
French says « 0 erreur », English « 0 errors »."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def entries(text: str) -> list[str]:
    """The catalogue's entries but its header and the obsolete ones (#~)."""
    blocks = [block for block in text.split("\n\n") if "msgid" in block]
    return [block for block in blocks[1:] if not block.lstrip().startswith("#~")]


def test_no_english_entry_is_fuzzy_or_left_empty():
    found = entries(CATALOGUE.read_text(encoding="utf-8"))

    fuzzy = [block for block in found if re.search(r"^#,.*\bfuzzy\b", block, re.M)]
    empty = [
        block
        for block in found
        if re.search(r'^msgstr(\[\d\])? ""\n?$', block + "\n", re.M)
        and not re.search(r'^msgstr(\[\d\])? ""\n"', block, re.M)
    ]
    assert len(found) > 2000
    assert fuzzy == []
    assert empty == []


def test_the_english_interface_says_the_new_pages_in_english():
    with translation.override("en"):
        assert gettext("Déclaration d'accessibilité") == "Accessibility statement"
        assert gettext("Direction :") == "Department:"
        assert gettext("— Choisir —") == "— Choose —"


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("fr", 0, "0 erreur :"),
        ("fr", 1, "1 erreur :"),
        ("fr", 2, "2 erreurs :"),
        ("en", 0, "0 errors:"),
        ("en", 1, "1 error:"),
        ("en", 2, "2 errors:"),
    ],
)
def test_the_error_summary_counts_in_each_language(language, count, expected):
    with translation.override(language):
        text = ngettext("%(counter)s erreur :", "%(counter)s erreurs :", count)
    assert text % {"counter": count} == expected


@pytest.mark.parametrize(
    ("singular", "plural", "forms"),
    [
        (
            "La présence de %(count)s personne est enregistrée.",
            "La présence de %(count)s personnes est enregistrée.",
            [
                "La présence de 0 personne est enregistrée.",
                "La présence de 1 personne est enregistrée.",
                "La présence de 2 personnes est enregistrée.",
            ],
        ),
        (
            "%(count)s marché en cours",
            "%(count)s marchés en cours",
            ["0 marché en cours", "1 marché en cours", "2 marchés en cours"],
        ),
        (
            "sur %(held)s tenue",
            "sur %(held)s tenues",
            ["sur 0 tenue", "sur 1 tenue", "sur 2 tenues"],
        ),
    ],
)
def test_french_counts_are_singular_at_0_and_1_and_plural_from_2(singular, plural, forms):
    with translation.override("fr"):
        said = [ngettext(singular, plural, n) % {"count": n, "held": n} for n in (0, 1, 2)]
    assert said == forms
