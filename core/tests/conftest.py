# The named people are defined once, with the accounts they belong to.
from accounts.tests.factories import admin_role, alice, bob, charlie  # noqa: F401
