# The named people are defined once, with the accounts they belong to.
from accounts.tests.conftest import alice, bob, charlie  # noqa: F401
