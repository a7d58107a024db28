from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# La Poste's establishments do not follow the Luhn key; their SIREN is this one.
_LA_POSTE_SIREN = "356000000"
# Except its head office, whose SIRET has an ordinary Luhn key.
_LA_POSTE_HEAD_OFFICE = "35600000000048"


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        number = int(char)
        if index % 2 == 1:
            number *= 2
            if number > 9:
                number -= 9
        total += number
    return total % 10 == 0


def validate_siret(value: str) -> None:
    """A SIRET is 14 digits whose Luhn key is right (SIREN + NIC, INSEE)."""
    if not (len(value) == 14 and value.isascii() and value.isdigit()):
        raise ValidationError(
            _("Le SIRET doit comporter exactement 14 chiffres, sans espace."), code="siret_format"
        )
    if value.startswith(_LA_POSTE_SIREN) and value != _LA_POSTE_HEAD_OFFICE:
        valid = sum(int(c) for c in value) % 5 == 0
    else:
        valid = luhn_valid(value)
    if not valid:
        raise ValidationError(
            _("Ce SIRET n'existe pas : sa clé de contrôle est fausse. Vérifiez les chiffres."),
            code="siret_key",
        )


def validate_postcode(value: str) -> None:
    if not (len(value) == 5 and value.isascii() and value.isdigit()):
        raise ValidationError(_("Le code postal doit comporter 5 chiffres."), code="postcode")
