import re
import uuid

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.constraints import choices_constraint
from core.models import Delivery

from .roles import CAPABILITIES, Role
from .validators import validate_postcode, validate_siret


class OrganisationKind(models.TextChoices):
    REGION = "region", _("Conseil régional")
    DEPARTEMENT = "departement", _("Conseil départemental")
    COMMUNE = "commune", _("Commune")
    EPCI = "epci", _("Intercommunalité (communauté urbaine, métropole…)")
    STATE = "state", _("Service de l'État")
    OTHER = "other", _("Autre acheteur public")


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A person sees their own organisation; network visibility comes with the network app."""
        if not user.is_authenticated or user.organisation_id is None:
            return self.none()
        return self.filter(pk=user.organisation_id)


class Organisation(models.Model):
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant court"), max_length=60, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    siret = models.CharField(_("SIRET"), max_length=14, unique=True, validators=[validate_siret])
    address = models.CharField(_("adresse"), max_length=255)
    postcode = models.CharField(_("code postal"), max_length=5, validators=[validate_postcode])
    city = models.CharField(_("commune"), max_length=120)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    history = HistoricalRecords()
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(siret__regex=r"^[0-9]{14}$"),
                name="organisation_siret_14_digits",
            ),
        ]

    def __str__(self):
        return self.name


class OrganisationScopedQuerySet(models.QuerySet):
    """Rows owned by an organisation: visible only inside it."""

    def visible_to(self, user):
        if not user.is_authenticated or user.organisation_id is None:
            return self.none()
        return self.filter(organisation_id=user.organisation_id)


class Department(models.Model):
    """A "direction": a management team of an organisation."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="departments",
    )
    code = models.CharField(
        _("code"),
        max_length=12,
        help_text=_("Sigle court en majuscules, par exemple LYC ou DSI."),
    )
    name = models.CharField(_("nom"), max_length=200)
    head = models.ForeignKey(
        "accounts.User",
        verbose_name=_("responsable"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="headed_departments",
    )

    history = HistoricalRecords()
    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("direction")
        verbose_name_plural = _("directions")
        ordering = ["organisation", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"],
                name="department_code_unique_per_organisation",
                violation_error_message=_("Une direction de votre organisation a déjà ce code."),
            ),
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[A-Z0-9][A-Z0-9-]*$"),
                name="department_code_format",
                violation_error_message=_(
                    "Le code ne contient que des majuscules, des chiffres et des tirets."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.code} — {self.name}"

    def clean(self):
        if self.head_id and self.head.organisation_id != self.organisation_id:
            raise ValidationError(
                {"head": _("Le responsable doit appartenir à la même organisation.")}
            )


class UserQuerySet(OrganisationScopedQuerySet):
    def with_role(self, role: str):
        return self.filter(groups__name=role)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def _create(self, email, password, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalise_email(email), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields["is_staff"] = True
        fields["is_superuser"] = True
        return self._create(email, password, **fields)


# The endings of a French job title's first word that say its grammatical gender; a title that
# has neither (juriste, gestionnaire, responsable) says nothing.
FEMININE_TITLE = re.compile(r"(euse|rice|ère|enne|ante|ente|ée|esse|elle|ive|eure)$")
MASCULINE_TITLE = re.compile(r"(eur|ier|er|é|ien|ant|ent|el|if)$")


def normalise_email(email: str) -> str:
    return email.strip().lower()


class User(AbstractBaseUser, PermissionsMixin):
    public_id = models.UUIDField(_("identifiant public"), default=uuid.uuid4, unique=True)
    email = models.EmailField(
        _("adresse e-mail"),
        max_length=254,
        unique=True,
        error_messages={"unique": _("Une personne utilise déjà cette adresse e-mail.")},
    )
    first_name = models.CharField(_("prénom"), max_length=150)
    last_name = models.CharField(_("nom"), max_length=150)
    job_title = models.CharField(_("fonction"), max_length=150, blank=True)
    notifications = models.CharField(
        _("e-mails de suivi"),
        max_length=10,
        choices=Delivery.choices,
        default=Delivery.IMMEDIATE,
        help_text=_(
            "Marchés soumis, renvoyés ou validés, constats dont l'échéance est passée : un "
            "e-mail à chaque fois, un résumé par jour, ou rien."
        ),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("direction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    is_active = models.BooleanField(
        _("actif"),
        default=True,
        help_text=_("Une personne désactivée ne peut plus se connecter ; son historique reste."),
    )
    is_staff = models.BooleanField(
        _("accès à l'administration technique"),
        default=False,
    )
    date_joined = models.DateTimeField(_("créée le"), default=timezone.now)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])
    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        ordering = ["last_name", "first_name"]
        permissions = [
            ("manage_people", _("Gérer les personnes de son organisation")),
            ("manage_departments", _("Gérer les directions de son organisation")),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ci",
                violation_error_message=_("Une personne utilise déjà cette adresse e-mail."),
            ),
            choices_constraint("notifications", Delivery, name="user_notifications_valid"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email

    @property
    def grammatical_gender(self) -> str:
        """ "f" or "m" as the job title says it (Acheteuse, Directeur), "" when it does not."""
        words = self.job_title.split()
        word = words[0].strip(",;:.").lower() if words else ""
        if FEMININE_TITLE.search(word):
            return "f"
        if MASCULINE_TITLE.search(word):
            return "m"
        return ""

    def agreed(self, *, feminine: str, masculine: str, unknown: str) -> str:
        """The message that agrees with this person (« Camille Martin est inscrite »)."""
        return {"f": feminine, "m": masculine}.get(self.grammatical_gender, unknown)

    def clean(self):
        super().clean()
        self.email = normalise_email(self.email)
        if self.department_id and self.department.organisation_id != self.organisation_id:
            raise ValidationError(
                {"department": _("La direction doit appartenir à l'organisation de la personne.")}
            )

    @cached_property
    def role_codes(self) -> frozenset[str]:
        """The roles this person holds; one query, or none when groups were prefetched."""
        valid = set(Role.values)
        return frozenset(group.name for group in self.groups.all() if group.name in valid)

    def has_role(self, role: str) -> bool:
        return self.is_active and role in self.role_codes

    @property
    def roles(self) -> list[Role]:
        return [role for role in Role if role in self.role_codes]

    def role_cards(self) -> list[tuple[str, list[str]]]:
        """Each role held, with what it lets the person do, for the home page."""
        return [(role.label, CAPABILITIES[role]) for role in self.roles]


class AccessibilityStatus(models.TextChoices):
    """The three levels of the accessibility statement (RGAA 4.1, arrêté of 20 September 2019)."""

    FULL = "full", _("totalement conforme")
    PARTIAL = "partial", _("partiellement conforme")
    NONE = "none", _("non conforme")


class PublicInformation(models.Model):
    """What the public pages say of the organisation that publishes the service: the legal
    notice, the accessibility statement and the personal-data page. Its administrator keeps it."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="public_information",
    )
    publication_director = models.CharField(
        _("directeur ou directrice de la publication"),
        max_length=200,
        blank=True,
        help_text=_("Nom et fonction, par exemple : la présidente du conseil régional."),
    )
    contact_email = models.EmailField(_("adresse e-mail de contact"), blank=True)
    contact_phone = models.CharField(_("téléphone de contact"), max_length=30, blank=True)
    host = models.TextField(
        _("hébergeur"),
        blank=True,
        help_text=_("Nom, adresse et téléphone de l'hébergeur du service."),
    )
    data_protection_contact = models.CharField(
        _("délégué à la protection des données"),
        max_length=254,
        blank=True,
        help_text=_("Adresse e-mail ou postale où exercer ses droits sur ses données."),
    )
    retention = models.TextField(
        _("durées de conservation propres à l'organisation"),
        blank=True,
        help_text=_(
            "Ce que votre organisation a décidé en plus de ce que la page dit déjà, par "
            "exemple la durée d'archivage des marchés."
        ),
    )
    accessibility_status = models.CharField(
        _("état de conformité au RGAA"),
        max_length=10,
        choices=AccessibilityStatus.choices,
        default=AccessibilityStatus.PARTIAL,
    )
    audit_date = models.DateField(_("date de l'évaluation"), null=True, blank=True)
    audit_by = models.CharField(
        _("évaluation réalisée par"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : audit interne, ou le nom du prestataire."),
    )
    non_conformities = models.TextField(
        _("non-conformités et dérogations relevées par l'évaluation"),
        blank=True,
        help_text=_("Une par ligne ; elles s'ajoutent à celles que la page connaît déjà."),
    )
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)

    history = HistoricalRecords()

    # What its administrator changes (public_information_save, the form).
    EDITABLE = (
        "publication_director",
        "contact_email",
        "contact_phone",
        "host",
        "data_protection_contact",
        "retention",
        "accessibility_status",
        "audit_date",
        "audit_by",
        "non_conformities",
    )

    class Meta:
        verbose_name = _("informations des pages publiques")
        verbose_name_plural = _("informations des pages publiques")
        permissions = [
            (
                "manage_public_information",
                _("Tenir à jour les informations des pages publiques"),
            ),
        ]
        constraints = [
            choices_constraint(
                "accessibility_status",
                AccessibilityStatus,
                name="public_information_accessibility_status_valid",
            ),
        ]

    def __str__(self):
        return str(self.organisation)

    @property
    def non_conformity_lines(self) -> list[str]:
        return [line.strip() for line in self.non_conformities.splitlines() if line.strip()]
