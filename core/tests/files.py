"""Office files for the upload tests of every app: a real archive, and a zip bomb shaped like a
.docx."""

import io
import zipfile


def office_file(members: dict, compression=zipfile.ZIP_DEFLATED) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return output.getvalue()


def zip_bomb(megabytes: int) -> bytes:
    """A .docx-shaped archive whose document unpacks `megabytes` of zeros from a few kB."""
    return office_file(
        {"[Content_Types].xml": "<Types/>", "word/document.xml": b"\0" * (megabytes << 20)}
    )
