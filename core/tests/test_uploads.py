"""The content of a stored document (evidence, minutes, audit report): empty, of another format
than its name says, a damaged archive, or a zip bomb renamed .docx or .xlsx is refused with a
French message; a real document passes."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core import uploads
from core.tests.files import office_file, zip_bomb


def problem(name: str, content: bytes):
    return uploads.content_problem(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("preuve.pdf", b"%PDF-1.7\n..."),
        ("photo.png", b"\x89PNG\r\n\x1a\n...."),
        ("photo.JPG", b"\xff\xd8\xff\xe0...."),
        ("cr.docx", office_file({"word/document.xml": "<w:document/>"})),
        ("tableau.xlsx", office_file({"xl/workbook.xml": "<workbook/>"})),
        ("cr.odt", office_file({"mimetype": "application/vnd.oasis.opendocument.text"})),
        ("heures.csv", "mois;heures\njuin;72,5\n".encode("cp1252")),
    ],
)
def test_a_real_document_passes(name, content):
    assert problem(name, content) is None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("vide.pdf", b"", "Le fichier est vide."),
        (
            "faux.pdf",
            b"<html><script>alert(1)</script>",
            "Le fichier ne correspond pas à son extension PDF : enregistrez-le dans ce format, "
            "ou dans un autre des formats acceptés.",
        ),
        (
            "programme.docx",
            b"MZ\x90\x00\x03",
            "Le fichier ne correspond pas à son extension DOCX : enregistrez-le dans ce format, "
            "ou dans un autre des formats acceptés.",
        ),
        (
            "casse.xlsx",
            b"PK\x03\x04" + b"\x00" * 40,
            "Le fichier XLSX est endommagé : il ne s'ouvre pas.",
        ),
        (
            "binaire.csv",
            b"MZ\x00\x00\x00",
            "Le fichier CSV contient des données binaires : ce n'est pas un texte.",
        ),
    ],
)
def test_a_document_that_is_not_what_its_name_says_is_refused(name, content, message):
    assert problem(name, content) == message


def test_a_zip_bomb_renamed_docx_is_refused_before_anything_unpacks_it():
    bomb = zip_bomb(50)
    assert len(bomb) < 100_000
    # The ratio of the document's entry, as zlib of this machine compressed it (about 1,000).
    entry = zipfile.ZipFile(io.BytesIO(bomb)).getinfo("word/document.xml")
    ratio = f"{entry.file_size // entry.compress_size:,}".replace(",", "\xa0")
    assert problem("rapport.docx", bomb) == (
        f"Le fichier DOCX se décompresse en 50 Mo ({ratio} fois sa taille) : au-delà de 200 Mo "
        "ou de 100 fois, ce n'est pas un document mais une archive piégée."
    )


def test_an_archive_too_large_once_unpacked_is_refused_whatever_its_ratio(settings):
    settings.XLSX_MAX_UNCOMPRESSED_BYTES = 1 << 20
    stored = office_file({"xl/big.bin": b"x" * (2 << 20)}, compression=zipfile.ZIP_STORED)
    assert problem("classeur.xlsx", stored) == (
        "Le fichier XLSX se décompresse en 2 Mo (1 fois sa taille) : au-delà de 1 Mo ou de 100 "
        "fois, ce n'est pas un document mais une archive piégée."
    )


def test_the_upload_can_be_read_again_after_the_check():
    upload = SimpleUploadedFile("cr.docx", office_file({"word/document.xml": "<w:document/>"}))
    assert uploads.content_problem(upload) is None
    assert upload.read(4) == b"PK\x03\x04"
