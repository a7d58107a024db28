"""Forms of the network pages: the network, its members and their contacts; the fields the
meetings' and projects' forms share.

They turn what people type into the arguments of the services, which hold the rules: the
service's French message is shown on the field it concerns."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from purchasing.forms.fields import DateInput

from ..models import Network


def textarea(label, *, rows=3, help_text="", required=False):
    """A text field of several lines, optional unless said."""
    return forms.CharField(
        label=label, required=required, help_text=help_text, widget=forms.Textarea({"rows": rows})
    )


class NetworkField(forms.ModelChoiceField):
    """The network a new meeting, project or member belongs to: a choice only for a coordinator
    of several networks; hidden otherwise."""

    def __init__(self, networks: list[Network], **kwargs):
        super().__init__(
            queryset=Network.objects.filter(pk__in=[network.pk for network in networks]),
            label=_("Réseau"),
            empty_label=None,
            **kwargs,
        )
        if len(networks) == 1:
            self.widget = forms.HiddenInput()
            self.initial = networks[0].pk


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


# --- The network and its members ---------------------------------------------------------------


class NetworkForm(forms.Form):
    name = forms.CharField(label=_("Nom du réseau"), max_length=200)
    description = textarea(
        _("Présentation"),
        rows=4,
        help_text=_("Ce que le réseau fait, pour qui, à quel rythme ; les membres la lisent."),
    )


class MembershipAddForm(forms.Form):
    network = forms.Field(required=False, widget=forms.HiddenInput)
    organisation = OrganisationChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    joined_on = forms.DateField(label=_("Membre depuis le"), widget=DateInput)

    def __init__(self, *args, networks: list[Network], organisations, **kwargs):
        kwargs.setdefault("initial", {"joined_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["network"] = NetworkField(networks)
        self.fields["organisation"].queryset = organisations


class MembershipForm(forms.Form):
    joined_on = forms.DateField(label=_("Membre depuis le"), widget=DateInput)
    left_on = forms.DateField(
        label=_("Sortie du réseau le"),
        required=False,
        widget=DateInput,
        help_text=_("À remplir quand l'organisation quitte le réseau ; vide sinon."),
    )


class ContactForm(forms.Form):
    full_name = forms.CharField(label=_("Nom et prénom"), max_length=200)
    role = forms.CharField(
        label=_("Fonction"),
        max_length=200,
        required=False,
        help_text=_("Par exemple : référente achats responsables, élu délégué."),
    )
    email = forms.EmailField(label=_("Adresse e-mail"), required=False)
    phone = forms.CharField(label=_("Téléphone"), max_length=30, required=False)
    is_main = forms.BooleanField(
        label=_("Contact principal"),
        required=False,
        help_text=_("Le contact principal actuel, s'il y en a un, cesse de l'être."),
    )

    @classmethod
    def initial_for(cls, contact) -> dict:
        if contact is None:
            return {}
        return {name: getattr(contact, name) for name in cls.base_fields}
