"""Errors reach someone: the 500 page promises only what is configured; every log line names
its request or its job; the error e-mails to ADMINS go through the outbox."""

import logging
import os
import subprocess
import sys

import pytest
from celery import shared_task
from django.core import mail
from django.core.mail import mail_admins
from django.test import Client
from django.urls import path
from post_office.models import Email

from core.tracing import LogContextFilter

pytestmark = pytest.mark.django_db

PROMISE = "L'équipe technique en est informée."
NO_PROMISE = "signalez-la à l'administrateur de votre organisation"


class Kept(logging.Handler):
    """A handler like the console's: the context filter, then the record kept."""

    def __init__(self):
        super().__init__()
        self.addFilter(LogContextFilter())
        self.records = []

    def emit(self, record):
        self.records.append(record)


def boom(request):
    logging.getLogger("achats.tests").warning("about to fail")
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom)]
handler500 = "core.views.server_error"


@pytest.fixture
def failing_site(settings):
    settings.ROOT_URLCONF = "core.tests.test_errors"
    return Client(raise_request_exception=False)


@pytest.fixture
def kept():
    handler = Kept()
    logger = logging.getLogger("achats.tests")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def test_without_error_reporting_the_page_promises_nobody_is_told(failing_site, settings):
    settings.ERROR_REPORTING = ""

    response = failing_site.get("/boom/")

    assert response.status_code == 500
    page = response.content.decode()
    assert PROMISE not in page
    assert NO_PROMISE in page
    assert f"<code>{response['X-Request-ID']}</code>" in page


@pytest.mark.parametrize("reporting", ["email", "sentry"])
def test_with_error_reporting_the_page_says_the_team_is_told(failing_site, settings, reporting):
    settings.ERROR_REPORTING = reporting

    response = failing_site.get("/boom/")

    assert response.status_code == 500
    assert PROMISE in response.content.decode()
    assert NO_PROMISE not in response.content.decode()


def test_each_request_has_an_id_in_its_logs_and_its_answer(failing_site, kept):
    first = failing_site.get("/boom/")
    second = failing_site.get("/boom/")

    ids = [record.request_id for record in kept.records]
    assert ids == [first["X-Request-ID"], second["X-Request-ID"]]
    assert len(set(ids)) == 2
    assert kept.records[0].task_id == "-"


def test_the_proxy_s_request_id_is_kept_and_a_strange_one_replaced(failing_site, kept):
    kept_answer = failing_site.get("/boom/", headers={"x-request-id": "proxy-7f3a9c21"})
    replaced = failing_site.get("/boom/", headers={"x-request-id": "<script>"})

    assert kept_answer["X-Request-ID"] == "proxy-7f3a9c21"
    assert replaced["X-Request-ID"] != "<script>"
    assert [record.request_id for record in kept.records] == [
        "proxy-7f3a9c21",
        replaced["X-Request-ID"],
    ]


def test_outside_a_request_the_log_line_has_no_request_id(kept):
    logging.getLogger("achats.tests").warning("from a command")

    assert kept.records[0].request_id == "-"


@shared_task(name="tests.log_a_line")
def log_a_line():
    logging.getLogger("achats.tests").warning("in a job")


def test_a_job_s_log_lines_carry_its_task_id(kept):
    log_a_line.apply(task_id="job-42")

    assert [(record.task_id, record.request_id) for record in kept.records] == [("job-42", "-")]


def test_the_error_e_mails_to_admins_go_through_the_outbox(settings):
    settings.ADMINS = [("Exploitation", "exploitation@achats.test")]

    mail_admins("Erreur", "Traceback… {% quoted from a form")

    email = Email.objects.get()
    assert email.to == ["exploitation@achats.test"]
    assert "{% quoted from a form" in email.message
    assert [message.to for message in mail.outbox] == [["exploitation@achats.test"]]


def settings_with(**environment) -> str:
    """The settings read in a fresh process with this environment."""
    code = (
        "from django.conf import settings as s; "
        "print(s.ERROR_REPORTING, s.LOGGING['loggers']['django']['handlers'], s.ADMINS)"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"ADMINS", "SENTRY_DSN", "DATABASE_URL", "REDIS_URL"}
    }
    env.update(environment, DJANGO_SETTINGS_MODULE="config.settings.local")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_admins_come_from_the_environment_and_get_the_errors_without_sentry():
    assert settings_with() == "[] []"
    assert settings_with(ADMINS="Exploitation <exploitation@achats.test>, dsi@achats.test") == (
        "email ['mail_admins'] "
        "[('Exploitation', 'exploitation@achats.test'), ('', 'dsi@achats.test')]"
    )


def test_with_sentry_the_errors_go_to_sentry_not_to_the_admins_mailbox():
    assert settings_with(SENTRY_DSN="https://public@127.0.0.1:9/1", ADMINS="dsi@achats.test") == (
        "sentry [] [('', 'dsi@achats.test')]"
    )
