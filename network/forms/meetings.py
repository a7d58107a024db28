"""Forms of the meetings: the meeting, registration, attendance, minutes and action items.

They turn what people type into the arguments of the services, which hold the rules: the
service's French message is shown on the field it concerns."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from clauses.models import PurchaseFamily
from purchasing.forms.fields import DateInput

from ..models import ActionStatus, Network
from ..services.meetings import MINUTES_EXTENSIONS, MINUTES_MAX_BYTES
from .networks import NetworkField, OrganisationChoiceField, textarea


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name() or obj.email
        return f"{name} — {obj.organisation.name}" if obj.organisation_id else name


# --- Meetings ----------------------------------------------------------------------------------


class MeetingForm(forms.Form):
    network = forms.Field(required=False, widget=forms.HiddenInput)
    title = forms.CharField(
        label=_("Titre"),
        max_length=200,
        help_text=_("Par exemple : Rencontre trimestrielle — les produits d'entretien."),
    )
    theme = forms.ModelChoiceField(
        label=_("Thème (famille d'achat)"),
        queryset=PurchaseFamily.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=_("— Sans thème —"),
    )
    day = forms.DateField(label=_("Date"), widget=DateInput)
    start_time = forms.TimeField(label=_("Heure de début"), widget=TimeInput)
    end_time = forms.TimeField(label=_("Heure de fin"), widget=TimeInput)
    place = forms.CharField(
        label=_("Lieu"),
        max_length=255,
        required=False,
        help_text=_("Adresse et salle. Le lieu ou le lien de visioconférence est obligatoire."),
    )
    online_url = forms.URLField(
        label=_("Lien de visioconférence"),
        required=False,
        assume_scheme="https",
    )
    agenda = textarea(_("Ordre du jour"), rows=6, help_text=_("Un point par ligne."))

    def __init__(self, *args, networks: list[Network] | None = None, meeting=None, **kwargs):
        if meeting is not None:
            starts_at = timezone.localtime(meeting.starts_at)
            kwargs.setdefault(
                "initial",
                {
                    "title": meeting.title,
                    "theme": meeting.theme_id,
                    "day": starts_at.date(),
                    "start_time": starts_at.time(),
                    "end_time": timezone.localtime(meeting.ends_at).time(),
                    "place": meeting.place,
                    "online_url": meeting.online_url,
                    "agenda": meeting.agenda,
                },
            )
        super().__init__(*args, **kwargs)
        if networks is None:
            del self.fields["network"]
        else:
            self.fields["network"] = NetworkField(networks)

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start_time"), data.get("end_time")
        if day and start and end and end <= start:
            self.add_error("end_time", gettext("La rencontre doit finir après son début."))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        tz = timezone.get_current_timezone()
        return {
            "title": data["title"],
            "theme": data["theme"],
            "starts_at": datetime.datetime.combine(data["day"], data["start_time"], tzinfo=tz),
            "ends_at": datetime.datetime.combine(data["day"], data["end_time"], tzinfo=tz),
            "place": data["place"],
            "online_url": data["online_url"],
            "agenda": data["agenda"],
        }


class RegistrationForm(forms.Form):
    person = PersonChoiceField(
        label=_("Personne à inscrire"),
        queryset=User.objects.none(),
        empty_label=None,
    )

    def __init__(self, *args, people, viewer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        if viewer is not None:
            self.fields["person"].initial = viewer.pk


PRESENCE_CHOICES = [("", _("Non relevé")), ("present", _("Présent")), ("absent", _("Absent"))]
PRESENCE_VALUES = {"": None, "present": True, "absent": False}


class AttendanceForm(forms.Form):
    """One choice per registration: present, absent, or not known yet."""

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for registration in registrations:
            name = f"presence_{registration.pk}"
            person = registration.user
            current = {None: "", True: "present", False: "absent"}[registration.attended]
            self.fields[name] = forms.ChoiceField(
                label=f"{person.get_full_name() or person.email}",
                choices=PRESENCE_CHOICES,
                required=False,
                initial=current,
                widget=forms.RadioSelect,
            )
            self.rows.append((registration, self[name]))

    def attendance(self) -> dict[int, bool | None]:
        return {
            registration.pk: PRESENCE_VALUES[self.cleaned_data[field.name]]
            for registration, field in self.rows
        }


class MinutesForm(forms.Form):
    minutes = forms.FileField(
        label=_("Compte rendu"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(MINUTES_EXTENSIONS)}),
    )

    def __init__(self, *args, replacing=False, **kwargs):
        super().__init__(*args, **kwargs)
        accepted = gettext("Formats acceptés : %(formats)s ; %(size)s Mo au plus.") % {
            "formats": ", ".join(ext.lstrip(".").upper() for ext in MINUTES_EXTENSIONS),
            "size": MINUTES_MAX_BYTES // (1024 * 1024),
        }
        if replacing:
            accepted = "{} {}".format(
                gettext("Un compte rendu est déjà déposé ; le nouveau fichier le remplace."),
                accepted,
            )
        self.fields["minutes"].help_text = accepted


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("Action à mener"), max_length=255)
    description = textarea(_("Précisions"), rows=3)
    owner_organisation = OrganisationChoiceField(
        label=_("Organisation responsable"), queryset=Organisation.objects.none()
    )
    due_on = forms.DateField(label=_("Échéance"), required=False, widget=DateInput)

    def __init__(self, *args, organisations, item=None, **kwargs):
        if item is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": item.title,
                    "description": item.description,
                    "owner_organisation": item.owner_organisation_id,
                    "due_on": item.due_on,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = organisations


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("État"), choices=ActionStatus.choices)
    done_on = forms.DateField(
        label=_("Faite le"),
        required=False,
        widget=DateInput,
        help_text=_("Pour une action faite ; aujourd'hui si vide."),
    )
