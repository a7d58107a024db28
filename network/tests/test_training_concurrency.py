"""Two people taking the last place of a session at the same moment, each through their own
database connection: one gets it, the other goes on the waiting list. Only PostgreSQL has the
row locks this relies on (SQLite serialises whole-database writes instead); CI runs it there."""

import threading
import time

import pytest
from django.db import connection, connections

from network.models import RegistrationStatus
from network.services import training as services
from network.tests.data import published_session

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (DATABASE_URL=postgres://…): row locks under two connections",
    ),
]


def test_two_people_taking_the_last_place_at_once_do_not_both_get_it(nora, bob, dora, monkeypatch):
    session = published_session(nora, capacity=1)
    lock = services._lock

    def slow_lock(session):
        # Widen the window between taking the lock and counting the places: without the
        # lock, both requests would count zero places taken and both get the last one.
        locked = lock(session)
        time.sleep(0.5)
        return locked

    monkeypatch.setattr(services, "_lock", slow_lock)
    barrier = threading.Barrier(2)
    outcome = {}

    def take_the_last_place(person):
        try:
            barrier.wait(timeout=10)
            registration = services.registration_create(actor=person, session=session)
            outcome[person.email] = registration.status
        except Exception as error:  # noqa: BLE001 - shown by the assertion, not lost in the thread
            outcome[person.email] = error
        finally:
            connections.close_all()  # This thread's own connection.

    threads = [threading.Thread(target=take_the_last_place, args=(p,)) for p in (bob, dora)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcome.values()) == [RegistrationStatus.REGISTERED, RegistrationStatus.WAITING]
    assert session.registrations.holding_seat().count() == 1
    assert session.registrations.waiting_list().count() == 1
