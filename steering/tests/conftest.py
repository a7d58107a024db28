"""People and data of the steering tests (see `factories.py`): alice is a committee member of
Roubaix, except in the tests of the dashboard's figures, which take purchasing's `admin_role`
(alice the advisor of Roubaix)."""

from accounts.tests.factories import alice, bob, charlie  # noqa: F401
from core.tests.s3 import s3_server, s3_storage  # noqa: F401
from core.tests.workers import workers  # noqa: F401
from purchasing.tests.factories import clause_admin, committee, dora, head, library  # noqa: F401
from steering.tests.factories import (  # noqa: F401
    ada,
    admin_role,
    coordinator,
    council,
    media,
    olga,
    steering_network,
)
