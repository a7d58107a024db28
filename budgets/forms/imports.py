"""The upload of a file of the finance system."""

import os

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .. import imports
from ..models import ImportKind


def _extensions() -> str:
    return _(" ou ").join(sorted(imports.ALLOWED_EXTENSIONS))


def _upload_help_text() -> str:
    return _("Un fichier %(types)s de %(max)s au plus, encodé en UTF-8 pour le CSV.") % {
        "types": _extensions(),
        "max": filesizeformat(imports.MAX_UPLOAD_BYTES),
    }


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Contenu du fichier"),
        choices=ImportKind.choices,
        initial=ImportKind.PURCHASES,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("Fichier"),
        help_text=lazy(_upload_help_text, str)(),
        widget=forms.FileInput(attrs={"accept": ",".join(imports.ALLOWED_EXTENSIONS)}),
        error_messages={
            "required": _("Choisissez le fichier à importer."),
            "empty": _("Le fichier envoyé est vide."),
        },
    )

    def clean_file(self):
        # The service checks again; a wrong or oversized file is refused here before it is read.
        upload = self.cleaned_data["file"]
        extension = os.path.splitext(upload.name)[1].lower()
        if extension not in imports.ALLOWED_EXTENSIONS:
            raise ValidationError(
                _("Le fichier « %(name)s » n'est pas accepté : envoyez un fichier %(types)s."),
                params={"name": upload.name, "types": _extensions()},
            )
        if upload.size > imports.MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("Le fichier fait %(size)s : la limite est de %(max)s."),
                params={
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(imports.MAX_UPLOAD_BYTES),
                },
            )
        return upload
