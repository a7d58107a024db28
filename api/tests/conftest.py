"""People and data of the API tests (api/tests/factories.py), for every module."""

from accounts.tests.factories import alice, bob, charlie  # noqa: F401
from api.tests.factories import (  # noqa: F401
    admin_role,
    api_as,
    clement,
    dora,
    dora_market,
    fanny,
    fresh_throttle_counts,
    henri,
    library,
    market,
    money,
    other_market,
    rules,
    tom,
)
