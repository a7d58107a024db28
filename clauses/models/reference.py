"""The reference data every organisation shares: purchase families, CPV codes, eco-labels.

Clause library administrators keep them; clauses, contracts, budgets and purchases refer to
them by code."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models.functions import Left
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..cpv import CPV_PREFIX_RE, LABEL_MAX_LENGTH


class AgecCategory(models.TextChoices):
    """The product categories of the yearly AGEC declaration.

    Values are the exact strings of the `type_produit_acquis` enum of the official table schema
    (schema-declaration-biens-reemploi-reutilisation-recycle v0.1.0): the declaration exports
    them as they are."""

    TEXTILE = (
        "Produits textiles à l'exception des équipements de protection individuels",
        _("Produits textiles à l'exception des équipements de protection individuels"),
    )
    IT_AND_TELEPHONY = (
        "Matériel informatique et téléphonie",
        _("Matériel informatique et téléphonie"),
    )
    PRINTING_EQUIPMENT = (
        "Matériel de reprographie et d'impression",
        _("Matériel de reprographie et d'impression"),
    )
    PRINTING_CONSUMABLES = "Consommables d'impression", _("Consommables d'impression")
    PAPER = "Papier", _("Papier")
    OFFICE_SUPPLIES = "Fournitures de bureau", _("Fournitures de bureau")
    TRANSPORT_MACHINERY = (
        "Engins de transport et pièces détachées",
        _("Engins de transport et pièces détachées"),
    )
    VEHICLES = "Véhicules et pièces détachées", _("Véhicules et pièces détachées")
    FURNITURE = "Mobilier et aménagement d'intérieur", _("Mobilier et aménagement d'intérieur")
    STREET_FURNITURE = "Mobilier urbain", _("Mobilier urbain")
    WASTE_COLLECTION = "Equipements de collecte de déchets", _("Équipements de collecte de déchets")
    JARS_AND_BOTTLES = "Bocaux et flacons", _("Bocaux et flacons")
    SPORTS = "Articles et équipement sportifs", _("Articles et équipements sportifs")
    GREEN_SPACES = (
        "Matériel d'entretien des espaces verts",
        _("Matériel d'entretien des espaces verts"),
    )
    MODULAR_BUILDINGS = (
        "Bâtiments modulaires ou préfabriqués",
        _("Bâtiments modulaires ou préfabriqués"),
    )
    LARGE_APPLIANCES = (
        "Gros électroménager, y compris appareils professionnels",
        _("Gros électroménager, y compris appareils professionnels"),
    )
    TOYS = "Jeux et jouets", _("Jeux et jouets")


def validate_cpv_prefixes(value):
    if not isinstance(value, list):
        raise ValidationError(_("Saisissez une liste de préfixes CPV."))
    for prefix in value:
        if not isinstance(prefix, str) or not CPV_PREFIX_RE.fullmatch(prefix):
            raise ValidationError(
                _("« %(prefix)s » n'est pas un préfixe CPV : de 1 à 8 chiffres."),
                params={"prefix": prefix},
            )
    if len(set(value)) != len(value):
        raise ValidationError(_("Un préfixe CPV est répété."))


class ReferenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """What the person may read: the reference data is shared by every organisation of the
        installation, so all of it for anyone who belongs to one."""
        if not user.is_authenticated or user.organisation_id is None:
            return self.none()
        return self


class PurchaseFamily(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("nom"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    # A list rather than a relation to CpvCode: a prefix ("5552", "45") names a branch of the
    # vocabulary, not one code, and must hold before the vocabulary is loaded; the list is small,
    # edited with the family, and kept in the family's history as one value.
    cpv_prefixes = models.JSONField(
        _("préfixes CPV"),
        default=list,
        blank=True,
        validators=[validate_cpv_prefixes],
        help_text=_(
            "Début des codes CPV de la famille, chiffres significatifs seulement : "
            "« 391 » pour le mobilier (39100000)."
        ),
    )
    agec_category = models.CharField(
        _("catégorie AGEC"),
        max_length=100,
        choices=AgecCategory.choices,
        blank=True,
        help_text=_(
            "Laisser vide quand la famille ne relève d'aucune catégorie de la déclaration."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()
    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("famille d'achat")
        verbose_name_plural = _("familles d'achat")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(agec_category__in=["", *AgecCategory.values]),
                name="purchase_family_agec_category_valid",
            ),
        ]

    def __str__(self):
        return self.name


class CpvCodeQuerySet(ReferenceQuerySet):
    def matching_prefix(self, prefix: str):
        """Codes whose eight digits start with `prefix` ("391": furniture and its branches)."""
        if not CPV_PREFIX_RE.fullmatch(prefix):
            raise ValueError(f"A CPV prefix is 1 to 8 digits, not {prefix!r}.")
        # The code starts with its eight digits, so a prefix of them is a prefix of the code.
        return self.filter(code__startswith=prefix)


class CpvCode(models.Model):
    """A code of the Common Procurement Vocabulary, loaded with `manage.py load_cpv`.

    No history: the rows are a copy of the published vocabulary, replaced by loading a file."""

    code = models.CharField(
        _("code"),
        max_length=10,
        unique=True,
        help_text=_("Huit chiffres, un tiret et le chiffre de contrôle : 03000000-1."),
    )
    label_en = models.CharField(_("libellé anglais"), max_length=LABEL_MAX_LENGTH)
    label_fr = models.CharField(_("libellé français"), max_length=LABEL_MAX_LENGTH, blank=True)

    objects = CpvCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("code CPV")
        verbose_name_plural = _("codes CPV")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{8}-[0-9]$"),
                name="cpv_code_format",
            ),
            models.UniqueConstraint(
                Left("code", 8),
                name="cpv_code_digits_unique",
            ),
        ]

    def __str__(self):
        return f"{self.code} — {self.label}"

    @property
    def digits(self) -> str:
        """The eight digits without the check digit, which prefixes are matched against."""
        return self.code[:8]

    @property
    def label(self) -> str:
        return self.label_fr or self.label_en


class EcoLabelProof(models.TextChoices):
    ECO_RESPONSIBLE = "eco_responsible", _("Produit éco-responsable")
    RECYCLED_CONTENT = "recycled_content", _("Matières recyclées")
    REUSE = "reuse", _("Réemploi ou réutilisation")


class EcoLabel(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("nom"), max_length=120)
    proves = models.CharField(_("ce qu'il prouve"), max_length=20, choices=EcoLabelProof.choices)
    recycled_content_percent = models.PositiveSmallIntegerField(
        _("part de matières recyclées (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Part minimale garantie par le label, quand il en garantit une."),
    )
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()
    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("écolabel")
        verbose_name_plural = _("écolabels")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recycled_content_percent__isnull=True)
                | models.Q(recycled_content_percent__gte=0, recycled_content_percent__lte=100),
                name="eco_label_recycled_content_percent_range",
                violation_error_message=_("La part de matières recyclées va de 0 à 100 %%."),
            ),
        ]

    def __str__(self):
        return self.name


INSEE_CODE_RE = r"^([0-9]{2}|2A|2B)[0-9]{3}$"
POSTCODE_RE = r"^[0-9]{5}$"


class Commune(models.Model):
    """A French commune under one of its postcodes, from the official correspondence between
    postcodes and the communes' INSEE codes (La Poste's « base officielle des codes postaux »,
    public data), loaded with `manage.py load_communes`. A commune has several postcodes
    (Lille: 59000, 59160, 59260, 59777, 59800) and a postcode several communes: one row each.
    The DECP prefers the INSEE code (« Code commune ») to the postcode for the place of
    execution. No history: the rows are a copy of the published file."""

    insee_code = models.CharField(_("code commune INSEE"), max_length=5)
    postcode = models.CharField(_("code postal"), max_length=5, db_index=True)
    name = models.CharField(_("nom"), max_length=100)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["postcode", "name", "insee_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["insee_code", "postcode"], name="commune_unique_per_postcode"
            ),
            models.CheckConstraint(
                condition=models.Q(insee_code__regex=INSEE_CODE_RE),
                name="commune_insee_code_format",
            ),
            models.CheckConstraint(
                condition=models.Q(postcode__regex=POSTCODE_RE), name="commune_postcode_format"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.insee_code})"
