"""SIRET numbers (INSEE): a SIREN of 9 digits and a NIC of 5. Both carry a Luhn key: the last
digit of the SIREN makes its 9 digits pass, the last digit of the NIC makes the 14 pass.

One home for the key, for the validators of the forms and imports, the open-data checks, the
demo and the tests."""

# La Poste's establishments do not follow the Luhn key; their SIREN is this one.
LA_POSTE_SIREN = "356000000"
# Except its head office, whose SIRET has an ordinary Luhn key.
LA_POSTE_HEAD_OFFICE = "35600000000048"


def luhn_valid(digits: str) -> bool:
    """The Luhn key of a string of digits is right."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        number = int(char)
        if index % 2 == 1:
            number *= 2
            if number > 9:
                number -= 9
        total += number
    return total % 10 == 0


def is_well_formed(value: str) -> bool:
    """Exactly 14 ASCII digits."""
    return len(value) == 14 and value.isascii() and value.isdigit()


def key_is_valid(value: str) -> bool:
    """The key of a well-formed SIRET is right (La Poste's establishments excepted)."""
    if value.startswith(LA_POSTE_SIREN) and value != LA_POSTE_HEAD_OFFICE:
        return sum(int(c) for c in value) % 5 == 0
    return luhn_valid(value)


def siren_key_is_valid(value: str) -> bool:
    """The key of the SIREN (the first 9 digits) of a well-formed SIRET is right."""
    siren = value[:9]
    return siren == LA_POSTE_SIREN or luhn_valid(siren)


def is_valid(value: str | None) -> bool:
    """A well-formed SIRET whose two keys are right: the one of the 14 digits and the one of
    its SIREN. Every check of a SIRET typed or imported comes here or to
    `accounts.validators.validate_siret`, which says which key is wrong."""
    return (
        bool(value) and is_well_formed(value) and key_is_valid(value) and siren_key_is_valid(value)
    )


def with_key(digits: str) -> str:
    """`digits` followed by the one digit that makes its Luhn key right."""
    return next(digits + str(key) for key in range(10) if luhn_valid(digits + str(key)))


def with_keys(siren_digits: str, nic_digits: str = "0001") -> str:
    """The SIRET of the 8 first digits of a SIREN and the 4 first of a NIC, both keys added."""
    return with_key(with_key(siren_digits) + nic_digits)


def make_siret(number: int, *, nic: int = 1) -> str:
    """A valid SIRET made from a number, for the demo, the benchmark and the tests: different
    numbers (below 10⁸) give different SIRETs, whose SIREN passes its own key as well."""
    return with_keys(f"{number % 10**8:08d}", f"{nic % 10**4:04d}")
