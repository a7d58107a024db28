from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from core.models import Delivery

from .models import Department, PublicInformation, User, normalise_email
from .roles import Role


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Adresse e-mail"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "Adresse e-mail ou mot de passe incorrect. Vérifiez votre saisie : après "
            "%(limit)s essais infructueux, le compte est verrouillé pendant %(minutes)s minutes."
        ),
        "inactive": _(
            "Ce compte est désactivé. Adressez-vous à l'administrateur de votre organisation."
        ),
    }

    def get_invalid_login_error(self):
        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={
                "limit": settings.AXES_FAILURE_LIMIT,
                "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            },
        )


class PersonForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail"), max_length=254)
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    job_title = forms.CharField(label=_("Fonction"), max_length=150, required=False)
    department = forms.ModelChoiceField(
        label=_("Direction"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("— Aucune direction —"),
    )
    roles = forms.MultipleChoiceField(
        label=_("Rôles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisation, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["department"].queryset = Department.objects.filter(
            organisation=organisation
        ).order_by("code")
        if person is not None:
            # The e-mail is the login: it is changed by the person, not here.
            self.fields["email"].disabled = True

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        others = User.objects.filter(email__iexact=email)
        if self.person is not None:
            others = others.exclude(pk=self.person.pk)
        if others.exists():
            raise forms.ValidationError(_("Une personne utilise déjà cette adresse e-mail."))
        return email

    @classmethod
    def initial_for(cls, person: User) -> dict:
        return {
            "email": person.email,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "job_title": person.job_title,
            "department": person.department_id,
            "roles": sorted(person.role_codes),
        }


class PeopleFilterForm(forms.Form):
    STATUS_CHOICES = [("", _("Tous")), ("active", _("Actives")), ("inactive", _("Désactivées"))]

    q = forms.CharField(label=_("Rechercher"), required=False)
    department = forms.ModelChoiceField(
        label=_("Direction"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("Toutes"),
    )
    role = forms.ChoiceField(
        label=_("Rôle"), choices=[("", _("Tous")), *Role.choices], required=False
    )
    status = forms.ChoiceField(label=_("Statut"), choices=STATUS_CHOICES, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(
            organisation=organisation
        ).order_by("code")
        for field in self.fields.values():
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs["class"] = css

    def active(self):
        return {"active": True, "inactive": False}.get(self.cleaned_data.get("status") or "")


class DepartmentForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=12,
        help_text=_("Sigle court en majuscules, par exemple LYC ou DSI."),
    )
    name = forms.CharField(label=_("Nom"), max_length=200)
    head = forms.ModelChoiceField(
        label=_("Responsable"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("— Aucun responsable —"),
    )

    def __init__(self, *args, organisation, department=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["head"].queryset = User.objects.filter(
            organisation=organisation, is_active=True
        ).order_by("last_name", "first_name")
        if department is not None:
            self.fields["code"].disabled = True

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class InvitationAwarePasswordResetForm(PasswordResetForm):
    """Django sends no link to a person without a usable password; a person invited by their
    administrator has none until they choose one, and must be able to ask for a new link."""

    def get_users(self, email):
        return User.objects.filter(email__iexact=normalise_email(email), is_active=True)


class NotificationsForm(forms.Form):
    notifications = forms.ChoiceField(
        label=_("Comment souhaitez-vous être prévenu ?"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Marchés soumis à votre revue, renvoyés ou validés, constats d'audit dont l'échéance "
            "est passée."
        ),
    )


class PublicInformationForm(forms.ModelForm):
    """What the public pages say of the organisation; public_information_save records it."""

    class Meta:
        model = PublicInformation
        fields = PublicInformation.EDITABLE
        widgets = {
            "audit_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "host": forms.Textarea(attrs={"rows": 3}),
            "retention": forms.Textarea(attrs={"rows": 3}),
            "non_conformities": forms.Textarea(attrs={"rows": 5}),
        }
