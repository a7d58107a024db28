"""What the network tests share, built through the services: meetings and projects by nora, the
coordinator (Roubaix coordinates the network, Tourcoing is a member); training sessions as the
coordinator would make them; the purchasing group and its supply chain. The fixtures are
imported by conftest.py.

The textile group is coordinated by Roubaix (nora, its network coordinator, created it; alice,
advisor of Roubaix, accompanies it) with Tourcoing as a member. bob buys for Roubaix; tom buys
for Tourcoing (a member: reads, does not edit); fanny is the finance officer of Tourcoing (a
member without any group role: 403); charlie advises Tourcoing (a member's advisor, who did not
record the audits); eve is of Lens, outside everything (404)."""

import datetime
import html
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from clauses.models import PurchaseFamily
from network.models import Audience, AuditResult, AuditStandard, FindingTopic, Severity
from network.services import groups as group_services
from network.services import meetings as meeting_services
from network.services import projects as project_services
from network.services import supply_chain as supply_chain_services
from network.services import training as training_services
from network.tests.factories import SUPPLIER_SIRET, textile_family
from purchasing import services as purchasing_services
from purchasing.models import InclusiveStructure

NBSP = "\u00a0"
NNBSP = "\u202f"
PDF = b"%PDF-1.4 rapport de suivi des actions correctives"


def text_of(response) -> str:
    """The page's HTML with entities decoded and (narrow) non-breaking spaces as spaces."""
    return html.unescape(response.content.decode()).replace(NBSP, " ").replace(NNBSP, " ")


def login_url(url: str) -> str:
    return f"{reverse('accounts:login')}?{urlencode({'next': url}, safe='/')}"


def days(n: int) -> datetime.date:
    """n days from today (before it when negative)."""
    return timezone.localdate() + datetime.timedelta(days=n)


def evidence_file(name: str = "preuve.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def add_finding(actor, audit, **overrides):
    arguments = {
        "topic": FindingTopic.WORKING_HOURS,
        "severity": Severity.HIGH,
        "description": "Heures supplémentaires au-delà de 60 heures par semaine.",
        "corrective_action": "Planning des équipes revu et heures enregistrées.",
        "deadline": days(30),
    }
    arguments.update(overrides)
    return supply_chain_services.finding_add(actor=actor, audit=audit, **arguments)


def record_audit(actor, site, **overrides):
    arguments = {
        "audited_on": days(-40),
        "auditor": "Bureau d'audit social indépendant",
        "standard": AuditStandard.ILO_CORE,
        "scope": "Confection, entrepôt, dortoirs",
        "result": AuditResult.MAJOR,
    }
    arguments.update(overrides)
    return supply_chain_services.audit_record(actor=actor, site=site, **arguments)


# --- Meetings and projects ---


def family(code="paper"):
    return PurchaseFamily.objects.get(code=code)


def plan(network, coordinator, *, in_days=30, hours=2, title=None, **fields):
    """A meeting `in_days` from now (negative: in the past), of `hours` hours."""
    starts_at = (timezone.now() + datetime.timedelta(days=in_days)).replace(second=0, microsecond=0)
    values = {
        "title": title or f"Rencontre du réseau ({in_days:+d} jours)",
        "theme": family(),
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=hours),
        "place": "Hôtel de ville de Roubaix, 17 Grand'Place",
        "agenda": "Tour de table\nRetours d'expérience",
    }
    values.update(fields)
    return meeting_services.meeting_create(actor=coordinator, network=network, **values)


def project(network, coordinator, *, title="Guide commun des achats textiles", **fields):
    values = {
        "lead_organisation": network.coordinator_organisation,
        "participants": [],
        "status": "in_progress",
        "description": "Un guide partagé.",
    }
    values.update(fields)
    return project_services.project_create(
        actor=coordinator, network=network, title=title, **values
    )


# --- Training ---


TITLE = "Les clauses sociales dans les marchés publics"


def paris(*args) -> datetime.datetime:
    """An aware datetime in the site's time zone (Europe/Paris)."""
    return timezone.make_aware(datetime.datetime(*args))


def session_values(*, network=None, starts_at=None, hours=7, **fields) -> dict:
    starts_at = starts_at or timezone.now() + datetime.timedelta(days=14)
    values = {
        "title": TITLE,
        "module": "Module 2 — Clauses sociales et insertion",
        "description": "Rédiger une clause d'insertion ; suivre les heures réalisées.",
        "trainer": "Camille Roussel",
        "place": "Hôtel de Région, Lille",
        "online_url": "",
        "capacity": 2,
        "audience": Audience.NETWORK if network else Audience.ORGANISATION,
        "network": network,
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=hours),
    }
    values.update(fields)
    return values


def draft_session(coordinator, **fields):
    return training_services.session_create(actor=coordinator, **session_values(**fields))


def published_session(coordinator, **fields):
    """Published, in two weeks by default; `network=` opens it to the network."""
    session = draft_session(coordinator, **fields)
    return training_services.session_publish(actor=coordinator, session=session)


def started_session(coordinator, **fields):
    """Published, started an hour ago: registrations by the coordinator, attendance open."""
    fields.setdefault("starts_at", timezone.now() - datetime.timedelta(hours=1))
    return published_session(coordinator, **fields)


def register(session, person, *, by=None):
    return training_services.registration_create(actor=by or person, session=session, person=person)


def attended(session, coordinator, *people):
    """Each person registered by the coordinator and marked present (session started)."""
    registrations = [register(session, person, by=coordinator) for person in people]
    if registrations:
        training_services.attendance_record(
            actor=coordinator,
            session=session,
            presence={registration.pk: True for registration in registrations},
        )
    for registration in registrations:
        registration.refresh_from_db()
    return registrations


# --- Fixtures ---


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a directory of the test."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def fanny(charlie):
    return UserFactory(
        email="fanny@tourcoing.test",
        first_name="Fanny",
        last_name="Comptable",
        organisation=charlie.organisation,
        department=None,
        roles=[Role.FINANCE_OFFICER],
    )


@pytest.fixture
def textile():
    return textile_family()


@pytest.fixture
def textile_group(nora, alice, charlie, network, textile):
    return group_services.group_create(
        actor=nora,
        name="Groupement de commandes textile",
        coordinator_organisation=alice.organisation,
        purchase_family=textile,
        members=[charlie.organisation],
        agreement_date=datetime.date(2025, 3, 1),
        advisor=alice,
        network=network,
    )


@pytest.fixture
def supplier(bob):
    """A supplier of Roubaix, the group's coordinator."""
    return purchasing_services.supplier_for(
        actor=bob,
        name="Confections du Nord",
        siret=SUPPLIER_SIRET,
        is_sme=True,
        inclusive_structure=InclusiveStructure.NONE,
    )


@pytest.fixture
def site(alice, supplier):
    return supply_chain_services.site_create(
        actor=alice,
        supplier=supplier,
        name="Atelier de confection de Gazipur",
        country="BD",
        city="Gazipur",
        activity="Confection",
        workers=420,
    )


@pytest.fixture
def audit(alice, site, textile_group):
    """An audit of the group's supplier, shared with the group, recorded by alice."""
    return record_audit(alice, site, group=textile_group)
