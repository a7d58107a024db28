"""The named people of the accounts tests; here alice administers the clause library of
Roubaix (bob is a buyer there) and charlie that of Tourcoing."""

from accounts.tests.factories import alice, bob, charlie  # noqa: F401
from clauses.tests.factories import admin_role, cpv_file  # noqa: F401
