"""The people and places of the budgets tests, for every module (budgets/tests/data.py)."""

from budgets.tests.data import *  # noqa: F403
from core.tests.s3 import s3_server, s3_storage  # noqa: F401
from core.tests.workers import workers  # noqa: F401
