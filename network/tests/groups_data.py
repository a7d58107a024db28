"""What the group and supply-chain tests share, built through the services. Import the
fixtures a module uses with `from network.tests.groups_data import *`.

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
from core.siret import luhn_valid
from network.models import AuditResult, AuditStandard, FindingTopic, Severity
from network.services import groups as group_services
from network.services import supply_chain as supply_chain_services
from network.tests.factories import textile_family
from purchasing import services as purchasing_services
from purchasing.models import InclusiveStructure

__all__ = [
    "audit",
    "fanny",
    "media_root",
    "site",
    "supplier",
    "textile",
    "textile_group",
]

NBSP = "\u00a0"
NNBSP = "\u202f"
PDF = b"%PDF-1.4 rapport de suivi des actions correctives"


def text_of(response) -> str:
    """The page's HTML with entities decoded and (narrow) non-breaking spaces as spaces."""
    return html.unescape(response.content.decode()).replace(NBSP, " ").replace(NNBSP, " ")


def login_url(url: str) -> str:
    return f"{reverse('accounts:login')}?{urlencode({'next': url}, safe='/')}"


def siret(n: int) -> str:
    base = f"{n:013d}"
    return next(base + str(d) for d in range(10) if luhn_valid(base + str(d)))


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
        siret=siret(7328293200007),
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
