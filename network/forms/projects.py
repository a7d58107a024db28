"""Forms of the common projects and their milestones.

They turn what people type into the arguments of the services, which hold the rules: the
service's French message is shown on the field it concerns."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from clauses.models import PurchaseFamily
from purchasing.forms.fields import DateInput

from ..models import ProjectStatus
from .networks import NetworkField, OrganisationChoiceField, textarea

# --- Common projects ---------------------------------------------------------------------------


class ProjectForm(forms.Form):
    network = forms.Field(required=False, widget=forms.HiddenInput)
    title = forms.CharField(label=_("Titre"), max_length=200)
    description = textarea(_("Description"), rows=5)
    theme = forms.ModelChoiceField(
        label=_("Thème (famille d'achat)"),
        queryset=PurchaseFamily.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=_("— Sans thème —"),
    )
    lead_organisation = OrganisationChoiceField(
        label=_("Organisation pilote"), queryset=Organisation.objects.none()
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Organisations participantes"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("L'organisation pilote participe d'office."),
    )
    status = forms.ChoiceField(
        label=_("Statut"), choices=ProjectStatus.choices, initial=ProjectStatus.PROPOSED
    )

    def __init__(self, *args, organisations, networks=None, project=None, participants=(), **kw):
        if project is not None:
            kw.setdefault(
                "initial",
                {
                    "title": project.title,
                    "description": project.description,
                    "theme": project.theme_id,
                    "lead_organisation": project.lead_organisation_id,
                    "participants": [organisation.pk for organisation in participants],
                    "status": project.status,
                },
            )
        super().__init__(*args, **kw)
        if networks is None:
            del self.fields["network"]
        else:
            self.fields["network"] = NetworkField(networks)
        self.fields["lead_organisation"].queryset = organisations
        self.fields["participants"].queryset = organisations
        self.fields["participants"].label_from_instance = lambda obj: obj.name

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "title",
                "description",
                "theme",
                "lead_organisation",
                "participants",
                "status",
            )
        }


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Jalon"), max_length=200)
    due_on = forms.DateField(label=_("Échéance"), widget=DateInput)
    done_on = forms.DateField(
        label=_("Atteint le"),
        required=False,
        widget=DateInput,
        help_text=_("Vide tant que le jalon n'est pas atteint."),
    )
