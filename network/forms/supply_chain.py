"""Forms of the supply chain: production sites, audits, findings, their status and closure,
and the period of the audits counted on a page. The services hold the rules and their
messages; a field they require is left optional here so that their message is the one read."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import EMPTY_CHOICE
from purchasing.forms.fields import DateInput
from purchasing.services import EVIDENCE_EXTENSIONS, EVIDENCE_MAX_BYTES

from ..models import (
    Audit,
    Finding,
    FindingStatus,
    ProductionSite,
    PurchasingGroup,
)

SITE_FIELDS = ("name", "country", "city", "activity", "workers")
AUDIT_FIELDS = ("audited_on", "auditor", "standard", "scope", "result", "group")
FINDING_FIELDS = ("topic", "severity", "description", "corrective_action", "deadline")


def accepted_files() -> str:
    formats = ", ".join(extension.lstrip(".").upper() for extension in EVIDENCE_EXTENSIONS)
    return gettext("Formats acceptés : %(formats)s ; %(size)s Mo au plus.") % {
        "formats": formats,
        "size": EVIDENCE_MAX_BYTES // (1024 * 1024),
    }


class FileInput(forms.FileInput):
    def __init__(self, attrs=None):
        super().__init__({"accept": ",".join(EVIDENCE_EXTENSIONS), **(attrs or {})})


class ServiceModelForm(forms.ModelForm):
    """Model validation runs once, in the service, after its permission check."""

    field_names: tuple[str, ...] = ()

    def _post_clean(self):
        pass

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.field_names}


class SiteForm(ServiceModelForm):
    field_names = SITE_FIELDS

    class Meta:
        model = ProductionSite
        fields = list(SITE_FIELDS)
        help_texts = {"workers": _("Approximatif, d'après le fournisseur ou l'audit.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        countries = list(self.fields["country"].choices)[1:]
        self.fields["country"].choices = [("", EMPTY_CHOICE), *countries]


class AuditForm(ServiceModelForm):
    field_names = AUDIT_FIELDS

    report = forms.FileField(label=_("Rapport d'audit"), required=False, widget=FileInput)

    class Meta:
        model = Audit
        fields = [*AUDIT_FIELDS, "report"]
        widgets = {"audited_on": DateInput, "scope": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "auditor": _("Le cabinet ou l'organisme qui a mené l'audit."),
            "scope": _("Par exemple : confection, entrepôt, dortoirs ; sous-traitants exclus."),
        }

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = PurchasingGroup.objects.visible_to(actor).order_by("name")
        self.fields["group"].empty_label = _("— Aucun : audit de votre organisation —")
        self.fields["group"].help_text = gettext(
            "Les membres du groupement choisi voient l'audit et ses constats."
        )
        self.fields["standard"].choices = list(self.fields["standard"].choices)[1:]
        self.fields["result"].choices = list(self.fields["result"].choices)[1:]
        help_text = accepted_files()
        if self.instance.pk and self.instance.report:
            help_text = gettext("Un rapport est déjà joint ; un nouveau fichier le remplace.") + (
                " " + help_text
            )
        self.fields["report"].help_text = help_text

    def service_fields(self) -> dict:
        return {**super().service_fields(), "report": self.cleaned_data["report"] or None}


class FindingForm(ServiceModelForm):
    field_names = FINDING_FIELDS

    class Meta:
        model = Finding
        fields = list(FINDING_FIELDS)
        widgets = {
            "deadline": DateInput,
            "description": forms.Textarea(attrs={"rows": 3}),
            "corrective_action": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "corrective_action": _("Ce que le fournisseur doit faire, et comment le prouver."),
            "deadline": _("Obligatoire avec une action corrective pour suivre les retards."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = list(self.fields["topic"].choices)[1:]
        self.fields["severity"].choices = list(self.fields["severity"].choices)[1:]


class FindingStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("État"),
        choices=[
            (FindingStatus.OPEN.value, FindingStatus.OPEN.label),
            (FindingStatus.IN_PROGRESS.value, FindingStatus.IN_PROGRESS.label),
        ],
    )


class FindingCloseForm(forms.Form):
    evidence = forms.FileField(label=_("Preuve de correction"), required=False, widget=FileInput)
    closed_on = forms.DateField(label=_("Clos le"), required=False, widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = (
            gettext("Obligatoire : rapport de suivi, photos, attestation…") + " " + accepted_files()
        )
        self.fields["closed_on"].help_text = gettext("Vide : aujourd'hui.")
        self.fields["evidence"].widget.attrs["aria-required"] = "true"


class PeriodForm(forms.Form):
    """The period of the audits counted on a page (?du=…&au=…): this year by default."""

    du = forms.DateField(
        label=_("Du"), required=False, widget=DateInput(attrs={"class": "form-control"})
    )
    au = forms.DateField(
        label=_("Au"), required=False, widget=DateInput(attrs={"class": "form-control"})
    )

    def period(self) -> tuple[datetime.date, datetime.date]:
        today = timezone.localdate()
        start, end = datetime.date(today.year, 1, 1), today
        if self.is_valid():
            start = self.cleaned_data["du"] or start
            end = self.cleaned_data["au"] or end
        if end < start:
            start, end = end, start
        return start, end
