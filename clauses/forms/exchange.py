"""The upload form of the library import; the import service reads and checks the file."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .. import exchange


def _help_text() -> str:
    return _(
        "Un fichier .json ou .csv exporté depuis une bibliothèque de clauses, de %(max)s au plus."
    ) % {"max": filesizeformat(exchange.MAX_IMPORT_BYTES)}


class LibraryImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier de clauses"),
        help_text=lazy(_help_text, str)(),
        widget=forms.FileInput(attrs={"accept": ",".join(exchange.EXTENSIONS)}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # The service checks again; here a wrong or oversized file is refused before it is read.
        exchange.check_upload(file_name=upload.name, size=upload.size)
        return upload
