"""Real Celery worker processes for the job tests (`celery -A config worker`, the test settings,
this process's test database, media folder and queue), each in a process group of its own so
that a test kills it as a node dies: the whole group at once, with SIGKILL. Needs REDIS_URL and
a PostgreSQL DATABASE_URL (`needs_worker_processes` skips without them)."""

import os
import signal
import subprocess
import sys

import pytest
from django.conf import settings

from core.tests.data import process_env

needs_worker_processes = pytest.mark.skipif(
    not (os.environ.get("REDIS_URL") and os.environ.get("DATABASE_URL", "").startswith("post")),
    reason="needs REDIS_URL and a PostgreSQL DATABASE_URL (set in CI)",
)


def start_worker():
    """A worker process of its own group (killed as a node dies: the whole group at once)."""
    env = process_env()
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "--queues",
            settings.CELERY_TASK_DEFAULT_QUEUE,
            "--without-mingle",
            "--without-gossip",
            "--loglevel",
            "WARNING",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        start_new_session=True,
    )


@pytest.fixture
def workers(transactional_db):
    from config.celery import app

    app.conf.task_always_eager = False
    app.control.purge()
    started = []
    yield lambda: started.append(start_worker()) or started[-1]
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    app.control.purge()
    app.conf.task_always_eager = True
