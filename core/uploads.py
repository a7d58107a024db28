"""What a stored document must be beyond its name and size: evidence files, meeting minutes and
audit reports are kept and served to readers, never parsed, but a reader's office suite opens
them. Each caller refuses the extension and the size with its own words; this module checks
the content: not empty, the first bytes of the format the name announces (a renamed program or
web page is refused), and for the zip-based formats (ODT, ODS, DOCX, XLSX) an archive that opens
and that does not unpack to an absurd size or ratio (a zip bomb renamed .docx).

The name itself is the storage's business: Django keeps only letters, digits, `-`, `_` and `.`
of it, so markup in a name is never stored, and every page escapes what it shows."""

import os
import zipfile

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

ZIP = b"PK\x03\x04"
# The first bytes of each format; None: a text, checked as not binary.
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".odt": (ZIP,),
    ".ods": (ZIP,),
    ".docx": (ZIP,),
    ".xlsx": (ZIP,),
    ".csv": None,
    ".txt": None,
}
ZIP_FORMATS = frozenset({".odt", ".ods", ".docx", ".xlsx"})
# More entries than any office document holds.
MAX_ZIP_ENTRIES = 10_000


def extension_of(name: str) -> str:
    return os.path.splitext((name or "").lower())[1]


def content_problem(upload) -> str | None:
    """Why the content of `upload` is not what its name says (a French message), or None.
    The extension is one of SIGNATURES (the caller checked it) and the size within its limit."""
    extension = extension_of(upload.name)
    if upload.size == 0:
        return _("Le fichier est vide.")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    starts = SIGNATURES.get(extension)
    label = extension.lstrip(".").upper()
    if starts is None:
        if b"\x00" in head:
            return _(
                "Le fichier %(format)s contient des données binaires : ce n'est pas un texte."
            ) % {"format": label}
        return None
    if not head.startswith(starts):
        return _(
            "Le fichier ne correspond pas à son extension %(format)s : enregistrez-le dans ce "
            "format, ou dans un autre des formats acceptés."
        ) % {"format": label}
    if extension in ZIP_FORMATS:
        return _zip_problem(upload, label)
    return None


def _zip_problem(upload, label: str) -> str | None:
    damaged = _("Le fichier %(format)s est endommagé : il ne s'ouvre pas.") % {"format": label}
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return damaged
    finally:
        upload.seek(0)
    if not members or len(members) > MAX_ZIP_ENTRIES:
        return damaged
    unpacked = sum(member.file_size for member in members)
    ratio = max(member.file_size / max(member.compress_size, 1) for member in members)
    limit = settings.XLSX_MAX_UNCOMPRESSED_BYTES
    if unpacked > limit or ratio > settings.XLSX_MAX_RATIO:
        return _(
            "Le fichier %(format)s se décompresse en %(size)s Mo (%(ratio)s fois sa taille) : "
            "au-delà de %(max)s Mo ou de %(max_ratio)s fois, ce n'est pas un document mais une "
            "archive piégée."
        ) % {
            "format": label,
            "size": number_format(unpacked // 1024 // 1024, force_grouping=True),
            "ratio": number_format(int(ratio), force_grouping=True),
            "max": number_format(limit // 1024 // 1024, force_grouping=True),
            "max_ratio": number_format(settings.XLSX_MAX_RATIO, force_grouping=True),
        }
    return None
