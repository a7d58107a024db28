"""Forms of the contract page and of the steps after approval: review, publication, award,
execution follow-up, closure and abandonment.

They turn what people type (French amounts and dates) into the arguments of the services,
which hold the rules: a field the service requires is left optional here, so that the
service's own message is the one people read, on the field it concerns."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import (
    BENEFICIARY_CATEGORIES,
    BENEFICIARY_FIELDS,
    CONTRACT_KINDS,
    ExecutionFollowUp,
    FollowUpStatus,
    InclusiveStructure,
    ReviewSection,
)
from ..services.lifecycle import EVIDENCE_EXTENSIONS, EVIDENCE_MAX_BYTES, check_evidence
from .fields import DateInput, FrenchDecimalField, SiretField

EVIDENCE_FORMATS = ", ".join(extension.lstrip(".").upper() for extension in EVIDENCE_EXTENSIONS)


def _text(label, *, rows=3, help_text="", required=False, aria_required=False):
    attrs = {"rows": rows}
    if aria_required:
        attrs["aria-required"] = "true"
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs=attrs),
    )


class CommentForm(forms.Form):
    section = forms.ChoiceField(
        label=_("Partie du marché"), choices=ReviewSection.choices, initial=ReviewSection.GENERAL
    )
    text = _text(_("Commentaire"), rows=4, aria_required=True)


class SendBackForm(forms.Form):
    comment = _text(
        _("Ce que l'acheteur doit reprendre"),
        rows=6,
        aria_required=True,
        help_text=_("Obligatoire. L'acheteur le lit sur la page du marché avant de le reprendre."),
    )


class OptionalCommentForm(forms.Form):
    """Approval and closure: a comment may go with the decision."""

    comment = _text(_("Commentaire (facultatif)"), rows=2)


class PublishForm(forms.Form):
    published_on = forms.DateField(label=_("Date de publication de l'avis"), widget=DateInput)
    publication_reference = forms.CharField(
        label=_("Référence de l'avis"),
        max_length=100,
        required=False,
        help_text=_("Par exemple le numéro d'annonce au BOAMP ou au JOUE."),
    )


class AwardForm(forms.Form):
    name = forms.CharField(label=_("Raison sociale du titulaire"), max_length=200)
    siret = SiretField(label=_("SIRET"), help_text=_("14 chiffres."))
    is_sme = forms.BooleanField(label=_("Le titulaire est une PME"), required=False)
    inclusive_structure = forms.ChoiceField(
        label=_("Structure inclusive"),
        choices=InclusiveStructure.choices,
        initial=InclusiveStructure.NONE,
    )
    amount = FrenchDecimalField(
        label=_("Montant attribué HT (€)"),
        max_digits=14,
        decimal_places=2,
        help_text=_("À la française, par exemple 12 345,67."),
    )
    notified_on = forms.DateField(label=_("Date de notification"), widget=DateInput)

    @classmethod
    def initial_for(cls, award) -> dict:
        if award is None:
            return {}
        supplier = award.supplier
        return {
            "name": supplier.name,
            "siret": supplier.siret,
            "is_sme": supplier.is_sme,
            "inclusive_structure": supplier.inclusive_structure,
            "amount": award.amount,
            "notified_on": award.notified_on,
        }

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "supplier_name": data["name"],
            "siret": data["siret"],
            "is_sme": data["is_sme"],
            "inclusive_structure": data["inclusive_structure"],
            "amount": data["amount"],
            "notified_on": data["notified_on"],
        }


class EvidenceInput(forms.FileInput):
    def __init__(self, attrs=None):
        super().__init__({"accept": ",".join(EVIDENCE_EXTENSIONS), **(attrs or {})})


class FollowUpForm(forms.Form):
    period_start = forms.DateField(label=_("Début de période"), widget=DateInput)
    period_end = forms.DateField(label=_("Fin de période"), widget=DateInput)
    indicator = forms.CharField(
        label=_("Indicateur"),
        max_length=200,
        help_text=_("Par exemple : heures d'insertion réalisées, part de produits écolabellisés."),
    )
    target = FrenchDecimalField(
        label=_("Objectif"), required=False, max_digits=14, decimal_places=2
    )
    achieved = FrenchDecimalField(
        label=_("Réalisé"), required=False, max_digits=14, decimal_places=2
    )
    is_insertion_hours = forms.BooleanField(
        label=_("Heures d'insertion"),
        required=False,
        help_text=_(
            "Cochez si le réalisé est un nombre d'heures d'insertion : il s'ajoute au "
            "total du marché."
        ),
    )
    evidence = forms.FileField(
        label=_("Justificatif"),
        required=False,
        widget=EvidenceInput,
    )
    status = forms.ChoiceField(
        label=_("État"), choices=FollowUpStatus.choices, initial=FollowUpStatus.PENDING
    )
    penalty = FrenchDecimalField(
        label=_("Pénalité appliquée (€)"), required=False, max_digits=12, decimal_places=2
    )
    comment = _text(_("Commentaire"), rows=3)

    def __init__(self, *args, follow_up=None, **kwargs):
        if follow_up is not None:
            kwargs.setdefault(
                "initial",
                {
                    name: getattr(follow_up, name)
                    for name in (
                        *BENEFICIARY_FIELDS,
                        "period_start",
                        "period_end",
                        "indicator",
                        "target",
                        "achieved",
                        "is_insertion_hours",
                        "status",
                        "penalty",
                        "comment",
                    )
                },
            )
        super().__init__(*args, **kwargs)
        accepted = gettext("Formats acceptés : %(formats)s ; %(size)s Mo au plus.") % {
            "formats": EVIDENCE_FORMATS,
            "size": EVIDENCE_MAX_BYTES // (1024 * 1024),
        }
        if follow_up is not None and follow_up.evidence:
            replaced = gettext("Un justificatif est déjà joint ; un nouveau fichier le remplace.")
            accepted = f"{replaced} {accepted}"
        self.fields["evidence"].help_text = accepted

    def clean_evidence(self):
        # The service checks it again; asked here, its error comes with the others at once.
        evidence = self.cleaned_data["evidence"]
        if evidence:
            try:
                check_evidence(evidence)
            except ValidationError as error:
                raise ValidationError(error.messages) from error
        return evidence

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("La fin de période précède son début."))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "indicator": data["indicator"],
            "status": data["status"],
            "target": data["target"],
            "achieved": data["achieved"],
            "is_insertion_hours": data["is_insertion_hours"],
            "penalty": data["penalty"],
            "comment": data["comment"],
            "evidence": data["evidence"] or None,
            "beneficiaries": {name: data[name] for name in BENEFICIARY_FIELDS},
        }

    def beneficiary_fields(self):
        return [self[name] for name in BENEFICIARY_CATEGORIES]

    def contract_fields(self):
        return [self[name] for name in CONTRACT_KINDS]


def _people_field(name: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=ExecutionFollowUp._meta.get_field(name).verbose_name.capitalize(),
        required=False,
        min_value=0,
        max_value=100000,
        error_messages={
            "invalid": _("Un nombre de personnes s'écrit en chiffres."),
            "min_value": _("Un nombre de personnes ne peut pas être négatif."),
            "max_value": _("Un nombre de personnes est au plus de 100 000."),
        },
    )


# Eleven counts of the same kind, named as the model's fields.
FollowUpForm.base_fields.update({name: _people_field(name) for name in BENEFICIARY_FIELDS})


class AbandonForm(forms.Form):
    reason = _text(
        _("Motif de l'abandon"),
        rows=4,
        aria_required=True,
        help_text=_("Obligatoire. L'abandon est définitif."),
    )
