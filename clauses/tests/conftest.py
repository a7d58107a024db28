from pathlib import Path

import pytest

from accounts.roles import Role
from accounts.tests.factories import alice, bob, charlie  # noqa: F401


@pytest.fixture
def cpv_file(settings):
    """The official English CPV file, kept beside the repository (shared/ next to main/)."""
    path = Path(settings.BASE_DIR).parent / "shared" / "data" / "cpv" / "cpv-en.json"
    assert path.exists(), f"The CPV file is missing: {path}"
    return path


# The named people of the accounts tests; here alice administers the clause library of
# Roubaix (bob is a buyer there) and charlie that of Tourcoing.
@pytest.fixture
def admin_role():
    return Role.CLAUSE_ADMIN
