"""SIRET numbers (INSEE): a SIREN of 9 digits and a NIC of 5, the last digit a Luhn key.

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


def is_valid(value: str | None) -> bool:
    """A well-formed SIRET with a right key."""
    return bool(value) and is_well_formed(value) and key_is_valid(value)


def with_key(digits: str) -> str:
    """`digits` followed by the one digit that makes its Luhn key right."""
    return next(digits + str(key) for key in range(10) if luhn_valid(digits + str(key)))


def make_siret(number: int, *, nic: int = 1) -> str:
    """A valid SIRET made from a number, for the demo, the benchmark and the tests: different
    numbers (below 10⁸) give different SIRETs, whose SIREN passes its own key as well."""
    siren = with_key(f"{number % 10**8:08d}")
    return with_key(f"{siren}{nic % 10**4:04d}")
