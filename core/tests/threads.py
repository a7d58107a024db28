"""Requests at the same moment, for the concurrency tests of every app: each call runs in its
own thread, with its own database connection, released together by a barrier."""

import threading

from django.db import connections


def at_once(*calls):
    """Run the calls together; each one's result, or the error it raised, in order."""
    barrier = threading.Barrier(len(calls))
    outcome = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            outcome[index] = call()
        except Exception as error:  # noqa: BLE001 - shown by the assertions, not lost
            outcome[index] = error
        finally:
            connections.close_all()  # This thread's own connection.

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcome


def needs_separate_connections():
    """Skip where threads cannot have connections of their own: the in-memory SQLite test
    database (one shared cache, whose locks do not wait). PostgreSQL, or SQLite as a file
    (TEST_SQLITE_FILE=1), run these tests."""
    import pytest
    from django.db import connection

    return pytest.mark.skipif(
        connection.vendor == "sqlite" and not connection.settings_dict["TEST"].get("NAME"),
        reason="needs PostgreSQL (DATABASE_URL) or a SQLite file (TEST_SQLITE_FILE=1)",
    )
