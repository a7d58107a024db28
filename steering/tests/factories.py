"""Test data of the steering app, built through the real services of purchasing, budgets,
network and steering; the people of its tests (imported by `conftest.py`).

From accounts' fixtures, with `admin_role` set to the committee's role: alice, committee member
of Roubaix (DSI); bob, buyer of Roubaix (LYC); charlie, committee member of Tourcoing. The tests
of the dashboard's figures take purchasing's `admin_role` instead: alice and charlie are then
the advisors of Roubaix and Tourcoing. From purchasing's: dora, buyer of Roubaix (ENV); head,
head of bob's department; colette (`committee`), committee member of Roubaix; clément
(`clause_admin`) and the clause `library`. Added here: ada, advisor of Roubaix; olga,
administrator of Roubaix (manages the committee); nora (`coordinator`), network coordinator of
Roubaix; `steering_network`; `council`, Roubaix with its committee, meetings and a notified
contract; `media`, each test's own directory of files."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from budgets.tests.factories import make_budgets, make_purchases, make_seed_rules
from clauses.models import EcoLabelProof
from clauses.tests.factories import EcoLabelFactory
from core.quarters import Quarter
from core.siret import make_siret
from network.services import meetings as meeting_services
from network.services import training as training_services
from network.tests.factories import make_network
from purchasing import services
from purchasing.models import CriterionKind, InclusiveStructure, Theme
from purchasing.tests.factories import make_market, make_ready_market
from steering.models import DecisionStatus, MemberRole
from steering.services import committee as committee_services

d = datetime.date
QUARTER = Quarter(2026, 3)
NOTIFIED_ON = datetime.date(2026, 8, 4)

# --- People ------------------------------------------------------------------------------------


@pytest.fixture
def admin_role():
    return Role.COMMITTEE_MEMBER


@pytest.fixture
def ada(alice):
    return UserFactory(
        email="ada@roubaix.test",
        first_name="Ada",
        last_name="Conseil",
        organisation=alice.organisation,
        department=alice.department,
        roles=[Role.ADVISOR],
    )


@pytest.fixture
def olga(alice):
    return UserFactory(
        email="olga@roubaix.test",
        first_name="Olga",
        last_name="Admin",
        organisation=alice.organisation,
        department=alice.department,
        roles=[Role.ORG_ADMIN],
    )


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """The files (reports) of each test in a directory of their own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


_sirets = iter(range(1, 10**6))


def siret() -> str:
    """A new SIRET of the steering tests' range."""
    return make_siret(40_000_000 + next(_sirets))


# --- Contracts ---------------------------------------------------------------------------------


ANSWERS = {
    Theme.ENVIRONMENT: (True, "Écolabel exigé."),
    Theme.SOCIAL_INSERTION: (True, "Clause d'insertion."),
    Theme.WORKING_CONDITIONS: (False, "Risque faible."),
    Theme.CIRCULAR_ECONOMY: (False, "Pas de filière."),
    Theme.SME_SSE: (True, "Allotissement."),
}


def notified_market(
    buyer,
    advisor,
    library,
    *,
    notified_on: datetime.date,
    amounts=(Decimal("60000"),),
    environmental: bool = True,
    social: bool = True,
    reserved: bool = False,
    inclusive: str = InclusiveStructure.NONE,
    insertion_hours: str = "833",
    launch_date: datetime.date = datetime.date(2024, 1, 8),
    **fields,
):
    """A contract taken through submission, approval, publication and the award of each lot
    (one lot per amount), every lot notified on `notified_on`.

    `environmental`: the eco-label execution clause and an environmental criterion per lot;
    `social`: the insertion clause (`insertion_hours` hours); `reserved`: the reserved-contract
    clause; `inclusive`: the winners' inclusive structure."""
    market = make_market(buyer, launch_date=launch_date, **fields)
    lots = services.lots_save(
        actor=buyer,
        market=market,
        lots=[
            {"number": number, "title": f"Lot {number}", "estimated_amount": amount}
            for number, amount in enumerate(amounts, start=1)
        ],
    )
    services.assessment_save(actor=buyer, market=market, answers=ANSWERS)
    if social:
        services.applied_clause_add(
            actor=buyer,
            market=market,
            clause=library["insertion"],
            values={
                "insertion_rate": "5",
                "labour_share": "50",
                "hourly_cost": "30",
                "hours": insertion_hours,
            },
        )
    if environmental:
        services.applied_clause_add(
            actor=buyer, market=market, clause=library["ecolabel"], values={"share": "80"}
        )
    if reserved:
        services.applied_clause_add(
            actor=buyer, market=market, clause=library["reserved"], values={}
        )
    criteria = (
        [
            {"kind": CriterionKind.PRICE, "weight": 50},
            {"kind": CriterionKind.TECHNICAL, "weight": 30},
            {"kind": CriterionKind.ENVIRONMENTAL, "weight": 20},
        ]
        if environmental
        else [
            {"kind": CriterionKind.PRICE, "weight": 60},
            {"kind": CriterionKind.TECHNICAL, "weight": 40},
        ]
    )
    for lot in lots:
        services.criteria_save(actor=buyer, lot=lot, criteria=criteria)
    market.refresh_from_db()
    services.market_submit(actor=buyer, market=market)
    services.market_approve(actor=advisor, market=market)
    market.refresh_from_db()
    services.market_publish(
        actor=buyer, market=market, published_on=notified_on - datetime.timedelta(days=20)
    )
    for lot, amount in zip(lots, amounts, strict=True):
        services.award_save(
            actor=buyer,
            lot=lot,
            supplier_name="Titulaire du Nord",
            siret=siret(),
            is_sme=True,
            inclusive_structure=inclusive,
            amount=amount,
            notified_on=notified_on,
        )
    market.refresh_from_db()
    return market


def insertion_follow_up(buyer, market, *, period_start, period_end, achieved: str):
    """Hours of insertion achieved under the contract's insertion clause (the contract is put
    in execution first when it is not yet)."""
    market.refresh_from_db()
    if market.status != "in_execution":
        market = services.market_start_execution(actor=buyer, market=market)
    applied = market.clauses.get(clause_version__clause__code="insertion-heures")
    return services.follow_up_save(
        actor=buyer,
        applied=applied,
        period_start=period_start,
        period_end=period_end,
        indicator="Heures d'insertion",
        status="met",
        target=Decimal("200"),
        achieved=Decimal(achieved),
        is_insertion_hours=True,
    )


def flagged_draft(
    buyer,
    library,
    *,
    environmental_clause=False,
    criteria_per_lot=None,
    social_clause=True,
    **fields,
):
    """A draft launched from 21 August 2026 (1,000,000 EUR, above the EU threshold): two lots;
    `criteria_per_lot` lists, for each lot, whether it has an environmental criterion (none by
    default); `social_clause`: the insertion clause (art. L2112-2-1)."""
    fields.setdefault("launch_date", datetime.date(2026, 9, 1))
    market = make_market(buyer, **fields)
    if social_clause:
        services.applied_clause_add(
            actor=buyer,
            market=market,
            clause=library["insertion"],
            values={
                "insertion_rate": "5",
                "labour_share": "50",
                "hourly_cost": "30",
                "hours": "833",
            },
        )
    lots = services.lots_save(
        actor=buyer,
        market=market,
        lots=[
            {"number": 1, "title": "Lot 1", "estimated_amount": Decimal("500000")},
            {"number": 2, "title": "Lot 2", "estimated_amount": Decimal("500000")},
        ],
    )
    if environmental_clause:
        services.applied_clause_add(
            actor=buyer, market=market, clause=library["ecolabel"], values={"share": "80"}
        )
    for lot, green in zip(lots, criteria_per_lot or (False, False), strict=True):
        services.criteria_save(
            actor=buyer,
            lot=lot,
            criteria=[
                {"kind": CriterionKind.PRICE, "weight": 80},
                {
                    "kind": CriterionKind.ENVIRONMENTAL if green else CriterionKind.TECHNICAL,
                    "weight": 20,
                },
            ],
        )
    market.refresh_from_db()
    return market


# --- Budgets -----------------------------------------------------------------------------------


def budgets_and_purchases(clause_admin, finance, *, year: int, lines: list[dict], budgets):
    """The seed's two rules, budgets (rows of department, family, amount) and purchase lines
    (dicts for budgets' `purchase_row`), through the import services."""
    EcoLabelFactory(
        code="ecolabel-ue", name="Ecolabel européen", proves=EcoLabelProof.ECO_RESPONSIBLE
    )
    rules = make_seed_rules(clause_admin, first_year=year - 1)
    organisation = clause_admin.organisation
    if budgets:
        make_budgets(
            organisation,
            [
                {"department": code, "year": year, "family": family, "amount": Decimal(amount)}
                for code, family, amount in budgets
            ],
            actor=finance,
        )
    if lines:
        make_purchases(organisation, lines, actor=finance)
    return rules


# --- Network -----------------------------------------------------------------------------------


@pytest.fixture
def coordinator(alice):
    """nora, network coordinator of Roubaix."""
    return UserFactory(
        email="nora@roubaix.test",
        first_name="Nora",
        last_name="Réseau",
        organisation=alice.organisation,
        department=None,
        roles=[Role.NETWORK_COORDINATOR],
    )


@pytest.fixture
def steering_network(alice, charlie):
    """A network coordinated by Roubaix with Tourcoing as a member."""
    return make_network(alice.organisation, [charlie.organisation])


def aware(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def held_meeting(network, coordinator, day: datetime.date, present=(), absent=()):
    """A meeting of the network held on `day`, with its attendance recorded."""
    meeting = meeting_services.meeting_create(
        actor=coordinator,
        network=network,
        title=f"Rencontre du {day:%d/%m/%Y}",
        starts_at=aware(day),
        ends_at=aware(day, 11),
        place="Hôtel de Région, Lille",
    )
    attendance = {}
    for person, came in [*((p, True) for p in present), *((p, False) for p in absent)]:
        registration = meeting_services.meeting_register(
            actor=coordinator, meeting=meeting, person=person
        )
        attendance[registration.pk] = came
    return meeting_services.meeting_attendance_save(
        actor=coordinator, meeting=meeting, attendance=attendance
    )


def held_session(coordinator, day: datetime.date, present=(), capacity=10):
    """A training session of the coordinator's organisation held on `day`, people present."""
    session = training_services.session_create(
        actor=coordinator,
        title="Les clauses sociales dans les marchés publics",
        module="Module 2",
        description="Rédiger une clause d'insertion.",
        trainer="Camille Roussel",
        place="Hôtel de Région, Lille",
        online_url="",
        capacity=capacity,
        audience="organisation",
        network=None,
        starts_at=aware(day),
        ends_at=aware(day, 17),
    )
    session = training_services.session_publish(actor=coordinator, session=session)
    registrations = [
        training_services.registration_create(actor=coordinator, session=session, person=person)
        for person in present
    ]
    if registrations:
        training_services.attendance_record(
            actor=coordinator,
            session=session,
            presence={registration.pk: True for registration in registrations},
        )
    return session


# --- The committee -------------------------------------------------------------------------------


def seat(actor, *, full_name="Jeanne Élue", role=MemberRole.REPRESENTATIVE, **fields):
    fields.setdefault("joined_on", d(2024, 1, 15))
    return committee_services.member_add(actor=actor, full_name=full_name, role=role, **fields)


def make_committee(actor, *, technicians: int = 1, representatives: int = 1):
    """A president, elected representatives and technicians of the actor's organisation."""
    members = [
        seat(
            actor,
            full_name="Élise Présidente",
            role=MemberRole.PRESIDENT,
            position="Vice-présidente chargée du développement durable",
        )
    ]
    members += [seat(actor, full_name=f"Élu {n:03d}") for n in range(representatives)]
    members += [
        seat(actor, full_name=f"Technicien {n:03d}", role=MemberRole.TECHNICIAN)
        for n in range(technicians)
    ]
    return members


def hold_meeting(actor, *, held_on=d(2026, 9, 17), attendees=(), decisions: int = 1, **fields):
    fields.setdefault("place", "Hôtel de ville, salle du conseil")
    fields.setdefault("agenda", "Bilan du trimestre\nDécisions")
    fields.setdefault("minutes", "Le comité examine le bilan du trimestre.")
    meeting = committee_services.meeting_create(
        actor=actor, held_on=held_on, attendees=list(attendees), **fields
    )
    for n in range(decisions):
        committee_services.decision_add(
            actor=actor,
            meeting=meeting,
            title=f"Décision {n:03d}",
            text="Ce que le comité décide.",
            owner="Direction des achats",
            due_on=held_on + datetime.timedelta(days=90),
            status=DecisionStatus.IN_PROGRESS,
        )
    return meeting


# --- Quarterly reports -------------------------------------------------------------------------


def council_market(buyer, advisor, library, *, notified_on=NOTIFIED_ON, amount="512345.67"):
    """A contract of the buyer walked through review, publication and award of each lot."""
    market = make_ready_market(buyer, library)
    market = services.market_submit(actor=buyer, market=market)
    market = services.market_approve(actor=advisor, market=market)
    market = services.market_publish(
        actor=buyer, market=market, published_on=datetime.date(2026, 3, 10)
    )
    for number, lot in enumerate(market.lots.order_by("number"), start=1):
        services.award_save(
            actor=buyer,
            lot=lot,
            supplier_name=f"Nettoyage Services du Nord {number}",
            siret=siret(),
            is_sme=True,
            inclusive_structure=InclusiveStructure.SIAE,
            amount=Decimal(amount),
            notified_on=notified_on,
        )
    return market


@pytest.fixture
def council(alice, bob, ada, library):
    """Roubaix with its committee, a meeting of the quarter and a notified contract."""
    make_committee(alice, technicians=1, representatives=1)
    hold_meeting(alice, held_on=datetime.date(2026, 9, 17), decisions=2)
    hold_meeting(alice, held_on=datetime.date(2026, 6, 11), decisions=1, place="Ailleurs")
    council_market(bob, ada, library)
    return alice.organisation


def pdf_text(data: bytes) -> str:
    """The PDF's text, spaces of every kind made plain."""
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def page_size_mm(data: bytes) -> list[tuple[int, int]]:
    reader = PdfReader(io.BytesIO(data))
    return [
        (
            round(float(page.mediabox.width) * 25.4 / 72),
            round(float(page.mediabox.height) * 25.4 / 72),
        )
        for page in reader.pages
    ]


def plain(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", str(text))


# --- SPASER ------------------------------------------------------------------------------------


def adopted_scheme(actor, *, first_year=2026, last_year=2028, adopted_on=d(2026, 3, 12)):
    """A SPASER drafted with the PNAD defaults, signed and adopted by a decision of a meeting
    held on `adopted_on`, through the services."""
    from steering.services import spaser as spaser_services

    scheme = spaser_services.scheme_create(
        actor=actor, first_year=first_year, last_year=last_year, summary="Nos engagements."
    )
    scheme = spaser_services.scheme_update(
        actor=actor,
        scheme=scheme,
        signatory_name="Élise Présidente",
        signatory_title="Vice-présidente chargée du développement durable",
    )
    meeting = hold_meeting(actor, held_on=adopted_on, decisions=1)
    return spaser_services.scheme_adopt(
        actor=actor, scheme=scheme, adopted_on=adopted_on, decision=meeting.decisions.get()
    )
