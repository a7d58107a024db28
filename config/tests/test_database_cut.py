"""PostgreSQL restarted under load: every connection of the web processes cut at once
(`pg_terminate_backend`, what a restart does to them) while four clients keep asking for pages;
the pages answer again at once, without restarting anything. Gunicorn with two workers and
persistent connections with health checks, as in production, on this test's database."""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.db import connection

from core.tests.data import process_env, wait_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("post"),
        reason="needs a PostgreSQL DATABASE_URL (set in CI)",
    ),
]

CLIENTS = 4
NAME = "web-under-load"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def web_backends() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [NAME])
        return cursor.fetchone()[0]


def test_pages_answer_again_right_after_every_database_connection_is_cut():
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            "2",
            "--threads",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=settings.BASE_DIR,
        env=process_env(PGAPPNAME=NAME, TEST_SERVER_PROCESS="1"),
        start_new_session=True,
    )
    # The health page reads the database on every request (and Redis when it is configured).
    url = f"http://127.0.0.1:{port}/sante/"
    results: list[tuple[float, int]] = []
    stop = threading.Event()

    def client():
        while not stop.is_set():
            code = status(url)
            results.append((time.monotonic(), code))

    try:
        assert wait_for(lambda: status(url) == 200, timeout=60), "the server never answered"
        clients = [threading.Thread(target=client) for _ in range(CLIENTS)]
        for thread in clients:
            thread.start()
        assert wait_for(lambda: web_backends() >= 2, timeout=30)
        time.sleep(1)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE application_name = %s",
                [NAME],
            )
            (cut,) = cursor.fetchone()
            cut_at = time.monotonic()
        time.sleep(3)
        stop.set()
        for thread in clients:
            thread.join(timeout=30)
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)

    assert cut >= 2
    after = [(at, code) for at, code in results if at > cut_at]
    failed = [(at, code) for at, code in after if code != 200]
    back = next(at for at, code in after if code == 200) - cut_at
    last_failure = max((at for at, _code in failed), default=cut_at) - cut_at
    print(
        f"{cut} connections cut under {CLIENTS} clients: {len(failed)} of {len(after)} requests "
        f"failed after the cut, the last {last_failure:.2f} s after it; the first page answered "
        f"{back:.2f} s after it"
    )
    assert after[-20:] == [(at, 200) for at, _code in after[-20:]]
    assert last_failure < 1.0
    assert len(failed) <= CLIENTS * 2  # at most the requests in flight on a cut connection
