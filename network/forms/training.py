"""Forms of the training pages: a session (create and edit), registering someone (for the
coordinator), the attendance sheet.

They turn what people type into the arguments of the services, which hold the rules; a field
the service checks is left to the service, so that its French message is the one people read,
on the field it concerns."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User, normalise_email

from ..models import Audience, Network, TrainingSession


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        # The browser's picker sends and expects ISO date and time, in local time.
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=200)
    module = forms.CharField(
        label=_("Module"),
        max_length=200,
        help_text=_("Par exemple : Module 2 — Clauses sociales et insertion."),
    )
    description = forms.CharField(
        label=_("Programme"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    trainer = forms.CharField(label=_("Formateur ou formatrice"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Début"), widget=DateTimeInput)
    ends_at = forms.DateTimeField(label=_("Fin"), widget=DateTimeInput)
    place = forms.CharField(
        label=_("Lieu"),
        max_length=255,
        required=False,
        help_text=_("L'adresse de la salle ; laissez vide pour une session à distance."),
    )
    online_url = forms.URLField(
        label=_("Lien de la classe virtuelle"),
        required=False,
        assume_scheme="https",
        help_text=_("Pour une session à distance ou hybride."),
    )
    capacity = forms.IntegerField(label=_("Nombre de places"), min_value=1)
    audience = forms.ChoiceField(
        label=_("Public"),
        choices=[
            (Audience.ORGANISATION, _("Les agents de mon organisation")),
            (Audience.NETWORK, _("Les membres du réseau")),
        ],
        widget=forms.RadioSelect,
        initial=Audience.ORGANISATION,
    )
    network = forms.ModelChoiceField(
        label=_("Réseau"),
        queryset=Network.objects.none(),
        required=False,
        help_text=_("Pour une session ouverte aux membres d'un réseau."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        networks = Network.objects.visible_to(user)
        self.fields["network"].queryset = networks
        if "network" not in self.initial and len(choices := list(networks[:2])) == 1:
            self.initial["network"] = choices[0]

    @staticmethod
    def initial_for(session: TrainingSession) -> dict:
        return {
            name: getattr(session, name)
            for name in (
                "title",
                "module",
                "description",
                "trainer",
                "starts_at",
                "ends_at",
                "place",
                "online_url",
                "capacity",
                "audience",
                "network",
            )
        }

    def service_arguments(self) -> dict:
        return dict(self.cleaned_data)


class RegisterPersonForm(forms.Form):
    """The coordinator registers someone by e-mail address: a list of every person of the
    network would be long, and an address says who it is without doubt."""

    email = forms.EmailField(
        label=_("Adresse e-mail de la personne à inscrire"),
        help_text=_("Une personne d'une organisation à laquelle la session est ouverte."),
    )

    def __init__(self, *args, session: TrainingSession, **kwargs):
        self.session = session
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        person = User.objects.filter(email__iexact=email, is_active=True).first()
        if (
            person is None
            or not TrainingSession.objects.visible_to(person).filter(pk=self.session.pk).exists()
        ):
            # The same message whether the address exists elsewhere or not: nothing leaks.
            raise forms.ValidationError(
                _(
                    "Aucune personne active d'une organisation à laquelle la session est "
                    "ouverte n'a cette adresse."
                )
            )
        self.cleaned_data["person"] = person
        return email


PRESENT, ABSENT = "present", "absent"


class AttendanceForm(forms.Form):
    """One choice per person holding a place: present, absent, or not recorded yet."""

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = registrations
        for registration in registrations:
            self.fields[self.field_name(registration)] = forms.ChoiceField(
                label=registration.user.get_full_name(),
                choices=[(PRESENT, _("Présent")), (ABSENT, _("Absent"))],
                required=False,
                widget=forms.RadioSelect,
                initial={"attended": PRESENT, "absent": ABSENT}.get(registration.status),
            )

    @staticmethod
    def field_name(registration) -> str:
        return f"presence-{registration.public_id}"

    def rows(self):
        """(registration, its bound field), in the order of the sheet."""
        return [
            (registration, self[self.field_name(registration)])
            for registration in self.registrations
        ]

    def presence(self) -> dict[int, bool]:
        """{registration id: present?} for the people whose line is filled in."""
        return {
            registration.pk: self.cleaned_data[self.field_name(registration)] == PRESENT
            for registration in self.registrations
            if self.cleaned_data.get(self.field_name(registration))
        }
