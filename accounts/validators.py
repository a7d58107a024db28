from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core import siret


def validate_siret(value: str) -> None:
    """A SIRET is 14 digits whose Luhn key is right and whose SIREN (its 9 first digits) passes
    its own key (INSEE). `core.siret.is_valid` decides; the message says which part is wrong."""
    if siret.is_valid(value):
        return
    if not siret.is_well_formed(value):
        raise ValidationError(
            _("Le SIRET doit comporter exactement 14 chiffres, sans espace."), code="siret_format"
        )
    if not siret.key_is_valid(value):
        raise ValidationError(
            _("Ce SIRET n'existe pas : sa clé de contrôle est fausse. Vérifiez les chiffres."),
            code="siret_key",
        )
    raise ValidationError(
        _(
            "Ce SIRET n'existe pas : la clé de contrôle de son SIREN (les 9 premiers chiffres) "
            "est fausse. Vérifiez les chiffres."
        ),
        code="siren_key",
    )


def validate_postcode(value: str) -> None:
    if not (len(value) == 5 and value.isascii() and value.isdigit()):
        raise ValidationError(_("Le code postal doit comporter 5 chiffres."), code="postcode")
