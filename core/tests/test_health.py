"""`/sante/` (readiness, for load balancers) and `/sante/vie/` (liveness)."""

import datetime
import os
import socket

import pytest
from django.utils import timezone

from core.models import Heartbeat
from core.services import heartbeat_record

pytestmark = pytest.mark.django_db

needs_redis = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (set in CI)"
)


def closed_redis_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"redis://127.0.0.1:{probe.getsockname()[1]}/0"


def test_everything_up_answers_200_with_each_check(client):
    heartbeat_record(hostname="worker-1")

    response = client.get("/sante/")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert "no-cache" in response.headers["Cache-Control"]
    answer = response.json()
    assert answer["status"] == "ok"
    expected = {"database", "storage", "worker", "outbox"}
    if os.environ.get("REDIS_URL"):
        expected.add("redis")
    assert set(answer["checks"]) == expected
    assert {check["status"] for check in answer["checks"].values()} == {"ok"}
    assert answer["checks"]["worker"]["hostname"] == "worker-1"
    assert answer["checks"]["worker"]["age_seconds"] < 60


def test_an_html_browser_gets_json_too(client):
    response = client.get("/sante/", headers={"accept": "text/html"})

    assert response.headers["Content-Type"] == "application/json"


@needs_redis
def test_redis_up_is_checked_and_answers_200(client):
    heartbeat_record(hostname="worker-1")

    response = client.get("/sante/")

    assert response.status_code == 200
    assert response.json()["checks"]["redis"]["status"] == "ok"


@needs_redis
def test_redis_down_answers_503(client, settings):
    heartbeat_record(hostname="worker-1")
    settings.REDIS_URL = closed_redis_url()

    response = client.get("/sante/")

    assert response.status_code == 503
    answer = response.json()
    assert answer["status"] == "error"
    assert answer["checks"]["redis"] == {
        "status": "error",
        "message": "Unavailable: Unable to connect to Redis: Connection Error",
        "seconds": answer["checks"]["redis"]["seconds"],
    }
    assert answer["checks"]["database"]["status"] == "ok"


def test_without_redis_configured_there_is_no_redis_check(client, settings):
    settings.REDIS_URL = ""

    response = client.get("/sante/")

    assert "redis" not in response.json()["checks"]


def test_the_database_down_answers_503(client, monkeypatch):
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.utils import OperationalError

    def refuse(self):
        raise OperationalError("could not connect to server: Connection refused")

    # The check opens a connection of its own, in its own thread.
    monkeypatch.setattr(BaseDatabaseWrapper, "temporary_connection", refuse)

    response = client.get("/sante/")

    assert response.status_code == 503
    assert response.json()["checks"]["database"]["status"] == "error"


def test_an_old_worker_heartbeat_is_a_warning_not_a_503(client, settings):
    settings.HEALTH_WORKER_HEARTBEAT_MAX_AGE = 900
    heartbeat_record(hostname="worker-1")
    Heartbeat.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=20))

    response = client.get("/sante/")

    assert response.status_code == 200
    answer = response.json()
    assert answer["status"] == "warning"
    worker = answer["checks"]["worker"]
    assert worker["status"] == "warning"
    assert worker["message"].startswith("last heartbeat 12")
    assert 1199 <= worker["age_seconds"] <= 1260


def test_no_heartbeat_yet_is_a_warning(client):
    response = client.get("/sante/")

    assert response.status_code == 200
    assert response.json()["checks"]["worker"] == {
        "status": "warning",
        "message": "no heartbeat recorded yet",
        "last_heartbeat": None,
        "age_seconds": None,
        "seconds": response.json()["checks"]["worker"]["seconds"],
    }


def test_emails_out_of_retries_are_a_warning_with_their_count(client):
    from post_office.models import STATUS, Email

    heartbeat_record(hostname="worker-1")
    Email.objects.create(
        from_email="noreply@achats.test", to=["a@achats.test"], subject="x", status=STATUS.failed
    )

    response = client.get("/sante/")

    assert response.status_code == 200
    outbox = response.json()["checks"]["outbox"]
    assert outbox["status"] == "warning"
    assert outbox["message"] == "1 e-mail(s) could not be delivered"
    assert outbox["failed"] == 1


def test_liveness_says_only_that_the_process_runs(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/sante/vie/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_the_health_addresses_answer_only_get(client):
    assert client.post("/sante/vie/").status_code == 405
    assert client.post("/sante/").status_code == 405
