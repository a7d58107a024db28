"""French text search that works the same on SQLite and PostgreSQL.

Each clause and version keeps its searchable text in a normalised column (lower case, accents
and ligatures removed, punctuation turned into spaces); a query is normalised the same way and
every one of its words must appear. Plural endings are dropped from the words of the query, so
"véhicules" finds "véhicule" and "vehicules"."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "’": "'"})
# Words too common to narrow a search of clauses down.
STOP_WORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "d",
        "dans",
        "de",
        "des",
        "du",
        "en",
        "et",
        "l",
        "la",
        "le",
        "les",
        "ou",
        "par",
        "pour",
        "sur",
        "un",
        "une",
    ]
)


def normalise(text: str) -> str:
    """Lower case, without accents, words separated by single spaces, one space on each side."""
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    words = _NON_WORD.sub(" ", text).split()
    return f" {' '.join(words)} " if words else ""


def _stem(word: str) -> str:
    if len(word) > 3 and word[-1] in "sx" and not word.endswith("ss"):
        return word[:-1]
    return word


def query_terms(query: str) -> list[str]:
    """The words of a search, normalised, without stop words and plural endings, each once."""
    terms = []
    for word in normalise(query).split():
        if word in STOP_WORDS:
            continue
        stem = _stem(word)
        if stem not in terms:
            terms.append(stem)
    return terms
