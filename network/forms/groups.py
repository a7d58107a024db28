"""Forms of the purchasing groups: the group, a member to add, a contract to attach. They turn
what people type into the services' arguments; the services hold the rules and their
messages, shown on the field they concern."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from clauses.models import PurchaseFamily
from core.forms import EMPTY_CHOICE
from purchasing.forms.fields import DateInput
from purchasing.models import Market

from .. import access
from ..models import Network, NetworkMembership, PurchasingGroup
from ..selectors.groups import advisor_choices

GROUP_FIELDS = ("name", "purchase_family", "agreement_date", "advisor", "network", "description")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        return f"{person.get_full_name() or person.email} — {person.organisation.name}"


class GroupForm(forms.ModelForm):
    """Create (with the coordinating organisation and the first members) or change a group.
    Model validation runs once, in the service, after its permission check."""

    members = forms.ModelMultipleChoiceField(
        label=_("Organisations membres"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Le coordonnateur du groupement en est membre d'office."),
    )

    class Meta:
        model = PurchasingGroup
        fields = [
            "name",
            "coordinator_organisation",
            "network",
            "purchase_family",
            "agreement_date",
            "advisor",
            "members",
            "description",
        ]
        field_classes = {"advisor": PersonChoiceField}
        widgets = {"agreement_date": DateInput, "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "name": _("Par exemple : Groupement de commandes textile."),
            "agreement_date": _("La date de signature de la convention constitutive."),
            "network": _("Le réseau dont le groupement est issu, s'il y a lieu."),
        }

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        creating = self.instance.pk is None
        self.fields["network"].queryset = Network.objects.visible_to(actor).order_by("name")
        self.fields["network"].empty_label = _("— Aucun —")
        # A group may stay on a family retired since.
        families = PurchaseFamily.objects.filter(
            Q(is_active=True) | Q(pk=self.instance.purchase_family_id)
        )
        self.fields["purchase_family"].queryset = families.order_by("name")
        self.fields["purchase_family"].empty_label = EMPTY_CHOICE
        self.fields["advisor"].required = False
        self.fields["advisor"].empty_label = _("— Aucun pour l'instant —")
        if creating:
            self.fields["coordinator_organisation"].queryset = self._coordinators(actor)
            self.fields["coordinator_organisation"].initial = actor.organisation_id
            self.fields["coordinator_organisation"].empty_label = None
            self.fields["members"].queryset = Organisation.objects.order_by("name")
            self.fields["advisor"].queryset = advisor_choices(
                self._coordinators(actor).values("pk")
            )
        else:
            del self.fields["coordinator_organisation"]
            del self.fields["members"]
            self.fields["advisor"].queryset = advisor_choices(
                self.instance.memberships.values("organisation_id")
            )
        self.fields["advisor"].help_text = gettext(
            "Un conseiller achats responsables d'une organisation membre."
        )

    @staticmethod
    def _coordinators(actor):
        """The actor's organisation; for a network coordinator, the members of their network."""
        ids = {actor.organisation_id}
        if access.can_coordinate(actor):
            ids |= set(
                NetworkMembership.objects.active()
                .filter(network__coordinator_organisation_id=actor.organisation_id)
                .values_list("organisation_id", flat=True)
            )
        return Organisation.objects.filter(pk__in=ids).order_by("name")

    def _post_clean(self):
        pass

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in GROUP_FIELDS}
        if "coordinator_organisation" in self.fields:
            fields["coordinator_organisation"] = data["coordinator_organisation"]
            fields["members"] = list(data["members"])
        return fields


class MemberAddForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=EMPTY_CHOICE,
    )
    joined_on = forms.DateField(
        label=_("Membre depuis le"),
        required=False,
        widget=DateInput,
        help_text=_("Vide : aujourd'hui."),
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.exclude(
            pk__in=group.memberships.values("organisation_id")
        ).order_by("name")
        self.fields["organisation"].error_messages["invalid_choice"] = gettext(
            "Choisissez une organisation de la liste : elle n'est peut-être plus disponible."
        )


class ContractAttachForm(forms.Form):
    """A contract of the coordinating organisation, by its reference: the list of suggestions
    only holds the contracts the person reads, any other may be typed."""

    reference = forms.CharField(
        label=_("Référence du marché"),
        max_length=16,
        help_text=_("Par exemple : 2024-LYC-0012."),
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.market = None

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip().upper()
        self.market = Market.objects.filter(
            organisation_id=self.group.coordinator_organisation_id, reference__iexact=reference
        ).first()
        if self.market is None:
            raise forms.ValidationError(
                gettext("%(organisation)s n'a pas de marché de référence « %(reference)s ».")
                % {
                    "organisation": self.group.coordinator_organisation.name,
                    "reference": reference,
                }
            )
        return reference
