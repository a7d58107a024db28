"""The 1 October alert to the heads of departments at risk: sent once, never twice."""

import datetime
import smtplib
from decimal import Decimal

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from post_office.models import STATUS, Email

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from budgets.models import ComplianceAlert, ComplianceStatus
from budgets.services.alerts import compliance_alerts_send
from budgets.tasks import send_compliance_alerts
from budgets.tests.data import add_purchases, line, set_budget
from config.celery import app
from core.outbox import outbox_deliver

pytestmark = pytest.mark.django_db

OCTOBER_1 = datetime.date(2026, 10, 1)
SITE = "https://achats.roubaix.test"


@override_settings(SITE_URL=SITE)
def test_the_heads_of_a_department_at_risk_are_told_once(lyc, office_rule, lyc_at_risk):
    assert compliance_alerts_send(as_of=OCTOBER_1) == 1

    alert = ComplianceAlert.objects.get()
    assert (alert.rule, alert.department, alert.year) == (office_rule, lyc, 2026)
    assert alert.status == ComplianceStatus.AT_RISK
    assert alert.ratio_percent == Decimal("10.00")
    assert alert.recipients == ["henri@roubaix.test", "lea@roubaix.test"]
    assert [message.to for message in mail.outbox] == [
        ["henri@roubaix.test"],
        ["lea@roubaix.test"],
    ]
    message = mail.outbox[0]
    assert message.subject == (
        "Règle d'achat en risque pour LYC : 20 % du budget de fournitures de bureau en "
        "fournitures écoresponsables (2026)"
    )
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.body.startswith(
        "Bonjour Henri,\n\n"
        "Au 1 octobre 2026, Direction des lycées (LYC) risque de ne pas respecter la règle "
        "d'achat « 20 % du budget de fournitures de bureau en fournitures écoresponsables » "
        "en 2026.\n\n"
        "Objectif : 20 % — part du budget alloué, Fournitures de bureau (2\xa0000,00 € HT)\n"
        "Montant qui compte : 1\xa0000,00 € HT, soit 10,00 %\n"
        "Prévision de fin d'année au rythme actuel : 1\xa0332,12 € HT, soit 13,32 %\n"
    )
    assert f"{SITE}/budgets/conformite/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'<a href="{SITE}/budgets/conformite/">' in html
    assert "Bonjour Léa," in mail.outbox[1].body

    assert compliance_alerts_send(as_of=OCTOBER_1) == 0
    assert compliance_alerts_send(as_of=datetime.date(2026, 10, 2)) == 0
    assert ComplianceAlert.objects.count() == 1
    assert len(mail.outbox) == 2


def test_a_department_that_is_at_risk_again_in_another_year_is_told_again(
    organisation, fanny, lyc, office, lyc_at_risk
):
    compliance_alerts_send(as_of=OCTOBER_1)
    set_budget(fanny, lyc, office, 2027, "10000.00")
    add_purchases(organisation, [line(lyc, office, "2027-02-01", "10.00")])

    assert compliance_alerts_send(as_of=datetime.date(2027, 10, 1)) == 1
    assert list(ComplianceAlert.objects.order_by("year").values_list("year", flat=True)) == [
        2026,
        2027,
    ]


def test_no_one_is_told_when_no_department_is_at_risk(
    organisation, fanny, lyc, office, office_rule, heads
):
    set_budget(fanny, lyc, office, 2026, "1000.00")
    add_purchases(organisation, [line(lyc, office, "2026-02-01", "160.00", labels=["eu-ecolabel"])])

    # 160 × 365 ÷ 274 = 213.14 by 31 December: on track.
    assert compliance_alerts_send(as_of=OCTOBER_1) == 0
    assert not ComplianceAlert.objects.exists()
    assert mail.outbox == []


def test_a_department_without_anyone_to_tell_gets_its_alert_once_it_has_a_head(
    organisation, lyc, lyc_at_risk
):
    lyc.head = None
    lyc.save()
    lyc.people.update(is_active=False)

    assert compliance_alerts_send(as_of=OCTOBER_1) == 0
    assert not ComplianceAlert.objects.exists()

    UserFactory(
        organisation=organisation,
        department=lyc,
        email="nouveau@roubaix.test",
        roles=[Role.DEPARTMENT_HEAD],
    )
    assert compliance_alerts_send(as_of=OCTOBER_1) == 1
    assert ComplianceAlert.objects.get().recipients == ["nouveau@roubaix.test"]


def test_a_mail_server_down_loses_no_alert_and_the_outbox_sends_it_once_back(
    lyc_at_risk, monkeypatch, queued_mail
):
    from django.core.mail.backends.locmem import EmailBackend

    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("connexion perdue")

    with monkeypatch.context() as patched:
        patched.setattr(EmailBackend, "send_messages", refuse)
        assert compliance_alerts_send(as_of=OCTOBER_1) == 1
        outbox_deliver()
    assert ComplianceAlert.objects.count() == 1
    assert mail.outbox == []
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.requeued}

    outbox_deliver()
    assert compliance_alerts_send(as_of=OCTOBER_1) == 0
    outbox_deliver()

    assert sorted(message.to[0] for message in mail.outbox) == [
        "henri@roubaix.test",
        "lea@roubaix.test",
    ]


def test_rules_not_in_force_that_year_raise_no_alert(clement, office_rule, lyc_at_risk):
    from budgets.services.rules import rule_update

    rule_update(actor=clement, rule=office_rule, last_year=2025)

    assert compliance_alerts_send(as_of=OCTOBER_1) == 0


def test_the_job_takes_an_iso_date_and_sends_once(lyc_at_risk):
    send_compliance_alerts.delay("2026-10-01")
    send_compliance_alerts.delay("2026-10-01")

    assert ComplianceAlert.objects.count() == 1
    assert len(mail.outbox) == 2


def test_the_job_runs_for_today_in_paris_by_default(lyc_at_risk, monkeypatch):
    from django.utils import timezone

    # 30 September 2026 at 23:30 in UTC is already 1 October in Paris.
    monkeypatch.setattr(
        timezone, "now", lambda: datetime.datetime(2026, 9, 30, 23, 30, tzinfo=datetime.UTC)
    )

    assert send_compliance_alerts() == 1
    assert ComplianceAlert.objects.get().year == 2026


def test_the_job_is_scheduled_on_1_october_at_8_in_paris():
    entry = settings.CELERY_BEAT_SCHEDULE["compliance-alerts"]

    assert entry["task"] == "budgets.send_compliance_alerts"
    assert entry["task"] in app.tasks
    assert entry["schedule"] == crontab(minute=0, hour=8, day_of_month=1, month_of_year=10)
    assert settings.CELERY_TIMEZONE == "Europe/Paris"


def test_the_command_runs_the_job_by_hand(lyc_at_risk, capsys):
    call_command("send_compliance_alerts", "--date", "2026-10-01")
    call_command("send_compliance_alerts", "--date", "2026-10-01")

    assert capsys.readouterr().out == "Alertes envoyées : 1.\nAlertes envoyées : 0.\n"
    assert len(mail.outbox) == 2


def test_the_command_refuses_a_malformed_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as error:
        call_command("send_compliance_alerts", "--date", "01/10/2026")

    assert str(error.value) == (
        "Error: argument --date: date invalide : « 01/10/2026 » (AAAA-MM-JJ attendu)"
    )
