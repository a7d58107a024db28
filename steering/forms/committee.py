"""Forms of the committee pages: name and targets, a member, a member's departure, a meeting
and a decision. They turn what people type into the services' arguments; the services hold the
rules and their French messages are shown on the field they concern."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, User
from purchasing.forms.fields import DateInput

from ..models import Committee, CommitteeMember, DecisionStatus, MemberRole


def _textarea(label, *, rows=4, help_text=""):
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea({"rows": rows}),
    )


def _percent(label, help_text):
    return forms.DecimalField(
        label=label,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
        localize=True,  # typed the French way: 32,5
        help_text=help_text,
        error_messages={
            "min_value": _("Un objectif est un pourcentage entre 0 et 100."),
            "max_value": _("Un objectif est un pourcentage entre 0 et 100."),
        },
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name() or obj.email
        return f"{name} — {obj.email}" if obj.get_full_name() else name


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} — {obj.name}"


class AttendeesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        label = f"{obj.full_name} ({obj.get_role_display()})"
        if obj.left_on is not None:
            return _("%(label)s — a quitté le comité") % {"label": label}
        return label


class CommitteeForm(forms.Form):
    name = forms.CharField(label=_("Nom du comité"), max_length=200)
    environmental_target = _percent(
        _("Objectif : marchés avec une considération environnementale (%)"),
        _("PNAD 2022-2025 : 100 % des marchés notifiés dans l'année."),
    )
    social_target = _percent(
        _("Objectif : marchés avec une considération sociale (%)"),
        _("PNAD 2022-2025 : 30 % des marchés notifiés dans l'année."),
    )

    @classmethod
    def initial_for(cls, committee: Committee) -> dict:
        return {name: getattr(committee, name) for name in cls.base_fields}


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Nom et prénom"), max_length=150)
    role = forms.ChoiceField(
        label=_("Rôle au comité"),
        choices=MemberRole.choices,
        help_text=_("La présidence revient à un élu ; le comité en a une à la fois."),
    )
    position = forms.CharField(
        label=_("Fonction"),
        max_length=200,
        required=False,
        help_text=_("Par exemple : vice-présidente chargée du développement durable."),
    )
    user = PersonChoiceField(
        label=_("Compte dans l'application"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Pour un membre qui a un compte : il recevra les rapports trimestriels."),
    )
    department = DepartmentChoiceField(
        label=_("Direction"), queryset=Department.objects.none(), required=False
    )
    email = forms.EmailField(label=_("Adresse e-mail"), required=False)
    joined_on = forms.DateField(label=_("Membre depuis le"), widget=DateInput)

    def __init__(self, *args, organisation_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(
            organisation_id=organisation_id, is_active=True
        ).order_by("last_name", "first_name", "email")
        self.fields["department"].queryset = Department.objects.filter(
            organisation_id=organisation_id
        ).order_by("code")

    @classmethod
    def initial_for(cls, member: CommitteeMember | None) -> dict:
        if member is None:
            return {}
        return {
            "full_name": member.full_name,
            "role": member.role,
            "position": member.position,
            "user": member.user_id,
            "department": member.department_id,
            "email": member.email,
            "joined_on": member.joined_on,
        }


class MemberEndForm(forms.Form):
    left_on = forms.DateField(label=_("A quitté le comité le"), widget=DateInput)


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date de la réunion"), widget=DateInput)
    place = forms.CharField(label=_("Lieu"), max_length=200, required=False)
    agenda = _textarea(_("Ordre du jour"), rows=5, help_text=_("Un point par ligne."))
    minutes = _textarea(
        _("Compte rendu"),
        rows=8,
        help_text=_("Ce qui a été présenté et débattu ; les décisions s'ajoutent à part."),
    )
    attendees = AttendeesField(
        label=_("Membres présents"),
        queryset=CommitteeMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members

    @classmethod
    def initial_for(cls, meeting) -> dict:
        if meeting is None:
            return {}
        return {
            "held_on": meeting.held_on,
            "place": meeting.place,
            "agenda": meeting.agenda,
            "minutes": meeting.minutes,
            "attendees": [member.pk for member in meeting.attendees.all()],
        }


class DecisionForm(forms.Form):
    title = forms.CharField(label=_("Intitulé"), max_length=250)
    text = _textarea(_("Décision"), rows=4)
    owner = forms.CharField(
        label=_("Porteur"),
        max_length=200,
        required=False,
        help_text=_("La personne ou la direction chargée de la mettre en œuvre."),
    )
    due_on = forms.DateField(label=_("Échéance"), required=False, widget=DateInput)
    status = forms.ChoiceField(
        label=_("État"), choices=DecisionStatus.choices, initial=DecisionStatus.ADOPTED
    )

    @classmethod
    def initial_for(cls, decision) -> dict:
        if decision is None:
            return {}
        return {name: getattr(decision, name) for name in cls.base_fields}
