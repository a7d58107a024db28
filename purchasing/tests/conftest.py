"""People of the contract tests, in two departments of Roubaix and in Tourcoing."""

from accounts.tests.factories import alice, bob, charlie  # noqa: F401
from purchasing.tests.factories import admin_role, clause_admin, committee, dora, head, library  # noqa: F401
