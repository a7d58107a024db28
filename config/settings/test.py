"""Tests: the real PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set, SQLite otherwise."""

import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import VAR_DIR

# pytest-xdist runs the suite in several processes ("gw0", "gw1"…): each has its own database
# (pytest-django adds the suffix), its own files and its own job queue, so that the real worker
# of one process never takes the jobs of another.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")

DEBUG = False
SECRET_KEY = "test-only-key-5b8e0c2d7a914f36b1e2c3d4a5f6e7d8c9b0a1f2e3d4c5b6"
# Fast hashing: the tests create many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# E-mails go through the outbox (a row each, written in the caller's transaction) and are
# delivered at once to Django's test outbox, so that `mail.outbox` holds them as soon as they
# are sent; the outbox's own tests (core/tests/test_outbox.py) queue them and run the job.
# Django's test set-up puts EMAIL_BACKEND back to locmem: the root conftest.py undoes that.
POST_OFFICE = {
    **POST_OFFICE,  # noqa: F405
    "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
    "DEFAULT_PRIORITY": "now",
}
# A per-test cache; Redis stays the broker of the job tests.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Jobs run inline except in the tests that start a real worker against the real broker.
# (A worker process a test starts itself sets TEST_WORKER_PROCESS=1: there, the jobs it queues
# go to the broker, with their countdowns, as in production.)
CELERY_TASK_ALWAYS_EAGER = os.environ.get("TEST_WORKER_PROCESS") != "1"
CELERY_TASK_DEFAULT_QUEUE = f"tests-{XDIST_WORKER}"
# A worker process started by a test writes where that test reads (TEST_MEDIA_ROOT).
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT") or VAR_DIR / "test-media" / XDIST_WORKER)
# No persistent connections: threads of the live server and the worker must not keep the test
# database open after they end. A web server process a fault test starts (TEST_SERVER_PROCESS=1)
# keeps them, with their health checks, as production does: they are what a restart cuts.
if os.environ.get("TEST_SERVER_PROCESS") != "1":
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Lost jobs noticed in a few seconds, retried at once: the job tests stay short.
JOB_HEARTBEAT_SECONDS = 1
JOB_LOST_AFTER_SECONDS = 3
JOB_RETRY_BACKOFF_SECONDS = 1
# TEST_SQLITE_FILE=1: the SQLite test database is a file, as the default install uses, so that
# the concurrency tests (threads, each with its own connection) show how WAL, IMMEDIATE and the
# busy timeout behave; in memory they are one shared cache and skip. Thrown away: written
# without waiting for the disk.
_database = DATABASES["default"]  # noqa: F405
if _database["ENGINE"].endswith("sqlite3") and os.environ.get("TEST_SQLITE_FILE") == "1":
    _database["TEST"] = {"NAME": str(VAR_DIR / f"test-{XDIST_WORKER}.sqlite3")}
    _database["OPTIONS"]["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF"
