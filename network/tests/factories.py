"""The network's objects, written with the ORM until the services exist (then built through
them). Contracts come from purchasing's factories, which use its services."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.tests.factories import OrganisationFactory
from clauses.tests.factories import PurchaseFamilyFactory
from core.siret import make_siret
from network.models import (
    Audience,
    Audit,
    AuditResult,
    AuditStandard,
    CommonProject,
    Finding,
    FindingStatus,
    FindingTopic,
    GroupContract,
    GroupMembership,
    Meeting,
    Network,
    NetworkMembership,
    ProductionSite,
    PurchasingGroup,
    SessionStatus,
    Severity,
    TrainingRegistration,
    TrainingSession,
)
from purchasing.models import Supplier
from purchasing.tests.factories import make_market

NETWORK_NAME = "Réseau des acheteurs publics durables du Nord-Pas-de-Calais"
# The one SIRET of the tests' supplier (network's range of core.siret.make_siret).
SUPPLIER_SIRET = make_siret(30_000_001)


def textile_family():
    return PurchaseFamilyFactory(code="textile", name="Textile et habillement", cpv_prefixes=["18"])


def make_network(coordinator_organisation, members=(), *, name=NETWORK_NAME, joined_on=None):
    """A network coordinated by the organisation, which is also a member, with the others."""
    network = Network.objects.create(
        name=name,
        description="Rencontres trimestrielles et projets communs.",
        coordinator_organisation=coordinator_organisation,
    )
    joined_on = joined_on or datetime.date(2024, 1, 15)
    for organisation in [coordinator_organisation, *members]:
        NetworkMembership.objects.create(
            network=network, organisation=organisation, joined_on=joined_on
        )
    return network


def make_meeting(network, created_by, *, starts_at=None, theme=None, **fields):
    """A meeting of two hours, in a month by default."""
    starts_at = starts_at or timezone.now() + datetime.timedelta(days=30)
    values = {
        "title": "Rencontre trimestrielle : papier recyclé",
        "place": "Hôtel de Région, Lille",
        "agenda": "1. Tour de table\n2. Retours d'expérience\n3. Actions",
        "ends_at": starts_at + datetime.timedelta(hours=2),
    }
    values.update(fields)
    return Meeting.objects.create(
        network=network, created_by=created_by, starts_at=starts_at, theme=theme, **values
    )


def make_project(network, created_by, *, lead_organisation=None, participants=(), **fields):
    values = {"title": "Guide commun des achats textiles", "description": "Un guide partagé."}
    values.update(fields)
    project = CommonProject.objects.create(
        network=network,
        created_by=created_by,
        lead_organisation=lead_organisation or network.coordinator_organisation,
        **values,
    )
    project.participants.set(participants)
    return project


def make_training_session(organiser, created_by, *, capacity=2, network=None, **fields):
    """A published session of a day, in two weeks; open to the network when one is given."""
    starts_at = fields.pop("starts_at", None) or timezone.now() + datetime.timedelta(days=14)
    values = {
        "title": "Les clauses sociales dans les marchés publics",
        "module": "Module 2 — Clauses sociales et insertion",
        "trainer": "Camille Roussel",
        "place": "Hôtel de Région, Lille",
        "ends_at": starts_at + datetime.timedelta(hours=7),
        "audience": Audience.NETWORK if network else Audience.ORGANISATION,
        "status": SessionStatus.PUBLISHED,
        "published_at": timezone.now(),
    }
    values.update(fields)
    return TrainingSession.objects.create(
        organiser=organiser,
        network=network,
        created_by=created_by,
        capacity=capacity,
        starts_at=starts_at,
        **values,
    )


def make_training_registration(session, user, *, registered_by=None, **fields):
    return TrainingRegistration.objects.create(
        session=session, user=user, registered_by=registered_by or user, **fields
    )


def make_group(coordinator_organisation, members=(), *, created_by, network=None, **fields):
    """A group whose coordinator is also a member, as the services will make it."""
    values = {
        "name": "Groupement textile",
        "purchase_family": fields.pop("purchase_family", None) or textile_family(),
        "agreement_date": datetime.date(2025, 3, 1),
    }
    values.update(fields)
    group = PurchasingGroup.objects.create(
        coordinator_organisation=coordinator_organisation,
        network=network,
        created_by=created_by,
        **values,
    )
    for organisation in [coordinator_organisation, *members]:
        GroupMembership.objects.create(group=group, organisation=organisation)
    return group


def make_group_contract(group, buyer, **market_fields):
    """A draft contract of the coordinator's buyer, run for the group."""
    market_fields.setdefault("title", "Vêtements de travail des agents")
    market_fields.setdefault("purchase_family", group.purchase_family)
    market = make_market(buyer, **market_fields)
    GroupContract.objects.create(group=group, market=market, added_by=buyer)
    return market


def make_supplier(organisation=None, **fields):
    values = {"name": "Confections du Nord", "siret": SUPPLIER_SIRET, "is_sme": True}
    values.update(fields)
    return Supplier.objects.create(organisation=organisation or OrganisationFactory(), **values)


def make_site(supplier, recorded_by, **fields):
    values = {
        "name": "Atelier de confection de Gazipur",
        "country": "BD",
        "city": "Gazipur",
        "activity": "Confection",
        "workers": 420,
    }
    values.update(fields)
    return ProductionSite.objects.create(supplier=supplier, recorded_by=recorded_by, **values)


def make_audit(site, recorded_by, *, group=None, **fields):
    """An audit recorded by the organisation of the person who records it."""
    values = {
        "audited_on": datetime.date(2026, 2, 10),
        "auditor": "Bureau d'audit social indépendant",
        "standard": AuditStandard.ILO_CORE,
        "scope": "Confection, entrepôt, dortoirs",
        "result": AuditResult.MAJOR,
    }
    values.update(fields)
    return Audit.objects.create(
        site=site,
        group=group,
        organisation=recorded_by.organisation,
        recorded_by=recorded_by,
        **values,
    )


def make_finding(audit, **fields):
    values = {
        "topic": FindingTopic.WORKING_HOURS,
        "severity": Severity.HIGH,
        "description": "Heures supplémentaires au-delà de 60 heures par semaine.",
        "corrective_action": "Planning des équipes revu et heures enregistrées.",
        "deadline": timezone.localdate() + datetime.timedelta(days=60),
    }
    values.update(fields)
    return Finding.objects.create(audit=audit, **values)


def close_finding(finding, closed_by, *, closed_on=None):
    """Closed with a proof file, as the closure requires."""
    finding.evidence.save("preuve.pdf", ContentFile(b"%PDF-1.4 preuve"), save=False)
    finding.status = FindingStatus.CLOSED
    finding.closed_on = closed_on or timezone.localdate()
    finding.closed_by = closed_by
    finding.save()
    return finding
