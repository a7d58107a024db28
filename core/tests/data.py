"""What the tests of every app share that is not a fixture."""

import io
import os
import time

from pypdf import PdfReader


def process_env(**extra) -> dict:
    """The environment of a process a test starts (a worker, a command): this test's database,
    media folder and queue, its jobs sent to the broker as in production."""
    from django.conf import settings
    from django.db import connection

    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": url,
        "PYTEST_XDIST_WORKER": settings.XDIST_WORKER,
        "TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "TEST_WORKER_PROCESS": "1",
        **extra,
    }


def wait_for(condition, timeout=20.0) -> bool:
    """Poll `condition` until it holds or the timeout passes (for jobs run by a worker)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


# --- PDF (core.pdf): what a reader and a search find in them --------------------------------


def pdf_outline(data: bytes) -> list[tuple[int, str]]:
    """The PDF's bookmarks as (level, title), level 1 at the top."""
    reader = PdfReader(io.BytesIO(data))

    def walk(entries, level):
        for entry in entries:
            if isinstance(entry, list):
                yield from walk(entry, level + 1)
            else:
                yield level, entry.title

    return list(walk(reader.outline, 1))


def pdf_catalog(data: bytes) -> dict:
    """The document's language and whether it is tagged (its structure marked for readers)."""
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    return {
        "lang": str(root.get("/Lang", "")),
        "tagged": bool(root.get("/MarkInfo", {}).get("/Marked")),
        "structure": "/StructTreeRoot" in root,
    }


def hyphenation_breaks(data: bytes) -> list[str]:
    """Lines of the PDF's text that end with a word cut by hyphenation."""
    reader = PdfReader(io.BytesIO(data))
    lines = "\n".join(page.extract_text() for page in reader.pages).splitlines()
    return [line for line in lines if line.endswith(("\u2010", "\u00ad"))]


def _boxes(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def laid_out(document):
    """(page number, page box, box) of every box WeasyPrint laid out (core.pdf.html_layout)."""
    for number, page in enumerate(document.pages, 1):
        for box in _boxes(page._page_box):
            yield number, page._page_box, box


def beyond_the_margins(document, *, tolerance=0.5) -> list[tuple[int, str]]:
    """(page, what) of the tables and the words whose right edge passes the page's margin."""
    found = []
    for number, page, box in laid_out(document):
        kind = type(box).__name__
        if kind not in ("TableBox", "TextBox"):
            continue
        right = page.content_box_x() + page.width
        if box.border_box_x() + box.border_width() > right + tolerance:
            found.append((number, box.text if kind == "TextBox" else box.element_tag))
    return found


def letter_spaced(document) -> list[str]:
    """The texts laid out with spaced letters (they extract as « R A P P O R T »)."""
    return sorted(
        {
            box.text
            for _number, _page, box in laid_out(document)
            if hasattr(box, "text") and box.style["letter_spacing"] != "normal"
        }
    )


def box_of(document, css_class: str):
    """The first box laid out for the element of that class."""
    for _number, _page, box in laid_out(document):
        element = getattr(box, "element", None)
        if element is not None and css_class in (element.get("class") or "").split():
            return box
    raise LookupError(css_class)
