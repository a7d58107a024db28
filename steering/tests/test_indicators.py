"""The committee's indicators on hand-built data: contracts notified and their considerations
against the targets, the 8-quarter trend, budgets rules, insertion, training, network, flagged
contracts; empty quarters and departments; the archived JSON."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import OrganisationFactory, UserFactory
from core.quarters import Quarter
from core.siret import make_siret
from network.models import Severity
from network.tests.factories import make_audit, make_finding, make_site, make_supplier
from purchasing import selectors, services
from purchasing.models import InclusiveStructure

# alice and charlie are the advisors of Roubaix and Tourcoing in these tests.
from purchasing.tests.factories import admin_role  # noqa: F401
from steering.models import Committee
from steering.selectors import dashboard as indicators
from steering.selectors.dashboard import TargetStatus
from steering.selectors.dashboard import flagged as flagged_selectors
from steering.tests.factories import (
    budgets_and_purchases,
    flagged_draft,
    held_meeting,
    held_session,
    insertion_follow_up,
    notified_market,
)

pytestmark = pytest.mark.django_db

Q3 = Quarter(2026, 3)


def figures(organisation, quarter=Q3, department=None):
    return indicators.dashboard(organisation=organisation, quarter=quarter, department=department)


# --- Contracts ---------------------------------------------------------------------------------


def test_it_counts_the_contracts_notified_in_the_quarter_and_their_considerations(
    alice, bob, dora, library
):
    notified_market(
        bob,
        alice,
        library,
        notified_on=datetime.date(2026, 7, 1),
        amounts=(Decimal("60000"), Decimal("40000")),
    )
    notified_market(
        dora, alice, library, notified_on=datetime.date(2026, 9, 30), environmental=False
    )
    notified_market(bob, alice, library, notified_on=datetime.date(2026, 6, 30))
    notified_market(bob, alice, library, notified_on=datetime.date(2026, 10, 1))

    contracts = figures(alice.organisation).contracts

    assert (contracts.notified, contracts.amount) == (2, Decimal("160000"))
    assert contracts.environmental.count == 1
    assert contracts.environmental.amount == Decimal("100000")
    assert contracts.environmental.share_by_count == Decimal("50.0")
    assert contracts.environmental.share_by_amount == Decimal("62.5")
    assert contracts.environmental.target == Decimal("100")
    assert contracts.environmental.status == TargetStatus.BELOW
    assert contracts.environmental.status_label == "En dessous de l'objectif"
    assert (contracts.social.count, contracts.social.share_by_count) == (2, Decimal("100.0"))
    assert (contracts.social.status, contracts.social.status_label) == (
        TargetStatus.MET,
        "Objectif atteint",
    )
    assert contracts.url == "/marches/?notifie=2026-T3"
    assert contracts.environmental.url == "/marches/?notifie=2026-T3&environnement=oui"
    assert [(row.code, row.notified, row.environmental) for row in contracts.by_department] == [
        ("DSI", 0, 0),
        ("ENV", 1, 0),
        ("LYC", 1, 1),
    ]


def test_a_contract_is_notified_on_its_first_lot_and_abandoned_ones_do_not_count(
    alice, bob, library
):
    market = notified_market(
        bob,
        alice,
        library,
        notified_on=datetime.date(2026, 9, 20),
        amounts=(Decimal("1000"), Decimal("2000")),
    )
    services.award_save(
        actor=bob,
        lot=market.lots.get(number=2),
        supplier_name="Autre titulaire",
        siret=make_siret(40_900_001),
        is_sme=False,
        inclusive_structure=InclusiveStructure.NONE,
        amount=Decimal("2000"),
        notified_on=datetime.date(2026, 10, 5),
    )
    abandoned = flagged_draft(bob, library)
    services.market_abandon(actor=bob, market=abandoned, reason="Besoin disparu.")

    q3, q4 = figures(alice.organisation), figures(alice.organisation, Quarter(2026, 4))

    assert (q3.contracts.notified, q3.contracts.amount) == (1, Decimal("3000"))
    assert q4.contracts.notified == 0


def test_the_trend_puts_31_march_and_1_april_in_their_own_quarters(alice, bob, library):
    notified_market(bob, alice, library, notified_on=datetime.date(2026, 3, 31))
    notified_market(bob, alice, library, notified_on=datetime.date(2026, 4, 1), environmental=False)
    notified_market(bob, alice, library, notified_on=datetime.date(2024, 9, 30))

    trend = figures(alice.organisation).contracts.trend

    assert [point.quarter for point in trend] == [
        "2024-T4",
        "2025-T1",
        "2025-T2",
        "2025-T3",
        "2025-T4",
        "2026-T1",
        "2026-T2",
        "2026-T3",
    ]
    assert [point.label for point in trend][-1] == "T3 2026"
    assert [(p.notified, p.environmental) for p in trend] == [
        (0, 0),
        (0, 0),
        (0, 0),
        (0, 0),
        (0, 0),
        (1, 1),
        (1, 0),
        (0, 0),
    ]
    assert trend[5].environmental_share == Decimal("100.0")
    assert trend[6].environmental_share == Decimal("0.0")
    assert trend[7].environmental_share is None
    assert trend[6].url == "/marches/?notifie=2026-T2"


def test_an_empty_quarter_has_zeros_and_no_shares(alice):
    d = figures(alice.organisation)

    assert (d.contracts.notified, d.contracts.amount) == (0, Decimal("0"))
    assert d.contracts.environmental.share_by_count is None
    assert d.contracts.environmental.status == TargetStatus.NO_DATA
    assert d.contracts.environmental.status_label == "Aucun marché notifié"
    assert [point.notified for point in d.contracts.trend] == [0] * 8
    assert d.budgets.rules == []
    assert (d.insertion.hours_committed, d.insertion.hours_achieved) == (0, 0)
    assert d.insertion.reserved == 0
    assert d.flagged.count == 0
    assert (d.training.sessions_held, d.training.buyers_trained_share) == (0, None)
    assert (d.network.meetings_held, d.network.audits_total) == (0, 0)


def test_a_department_without_contracts_shows_zeros(alice, bob, dora, library):
    notified_market(bob, alice, library, notified_on=datetime.date(2026, 8, 3))

    d = figures(alice.organisation, department=dora.department)

    assert (d.department_code, d.department_name) == ("ENV", "Environnement")
    assert d.contracts.notified == 0
    assert [(row.code, row.notified) for row in d.contracts.by_department] == [("ENV", 0)]
    assert d.contracts.url == "/marches/?direction=ENV&notifie=2026-T3"
    assert figures(alice.organisation, department=bob.department).contracts.notified == 1


def test_targets_come_from_the_committee_else_the_pnad(alice, bob, library):
    notified_market(bob, alice, library, notified_on=datetime.date(2026, 8, 3), social=False)

    before = figures(alice.organisation)
    Committee.objects.create(
        organisation=alice.organisation,
        environmental_target=Decimal("80"),
        social_target=Decimal("0"),
    )
    after = figures(alice.organisation)

    assert before.targets == indicators.Targets(Decimal("100"), Decimal("30"), False)
    assert before.contracts.social.status == TargetStatus.BELOW
    assert after.targets == indicators.Targets(Decimal("80"), Decimal("0"), True)
    assert after.contracts.environmental.target == Decimal("80")
    assert after.contracts.social.status == TargetStatus.MET


def test_another_organisation_sees_none_of_these_contracts(alice, bob, charlie, library):
    notified_market(bob, alice, library, notified_on=datetime.date(2026, 8, 3))

    assert figures(charlie.organisation).contracts.notified == 0


# --- Insertion ---------------------------------------------------------------------------------


def test_insertion_hours_committed_achieved_and_reserved_contracts(alice, bob, library):
    first = notified_market(bob, alice, library, notified_on=datetime.date(2026, 7, 6))
    notified_market(
        bob,
        alice,
        library,
        notified_on=datetime.date(2026, 8, 6),
        insertion_hours="200",
        reserved=True,
    )
    notified_market(
        bob,
        alice,
        library,
        notified_on=datetime.date(2026, 9, 6),
        social=False,
        inclusive=InclusiveStructure.ESAT,
        amounts=(Decimal("45000"),),
    )
    flagged_draft(bob, library)  # a draft commits nothing
    insertion_follow_up(
        bob,
        first,
        period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2026, 6, 30),
        achieved="80",
    )
    insertion_follow_up(
        bob,
        first,
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 9, 30),
        achieved="120.5",
    )
    insertion_follow_up(
        bob,
        first,
        period_start=datetime.date(2026, 10, 1),
        period_end=datetime.date(2026, 10, 31),
        achieved="40",
    )

    insertion = figures(alice.organisation).insertion

    assert insertion.hours_committed == Decimal("1033")
    assert insertion.committed_contracts == 2
    assert insertion.hours_achieved == Decimal("120.5")
    assert insertion.hours_achieved_year == Decimal("200.5")
    assert [point.achieved for point in insertion.trend][-2:] == [Decimal("80"), Decimal("120.5")]
    # The ESAT that won the third contract in open competition does not make it reserved.
    assert (insertion.reserved, insertion.reserved_amount) == (1, Decimal("60000"))
    assert insertion.reserved_url == "/marches/?notifie=2026-T3&reserve=oui"


# --- Flagged contracts -------------------------------------------------------------------------


def test_flagged_contracts_are_those_art_35_finds_lacking(alice, bob, dora, library):
    nothing = flagged_draft(bob, library, title="Entretien des espaces verts")
    one_lot = flagged_draft(
        dora, library, environmental_clause=True, criteria_per_lot=(True, False), title="Papier"
    )
    flagged_draft(bob, library, environmental_clause=True, criteria_per_lot=(True, True))
    flagged_draft(bob, library, launch_date=datetime.date(2026, 8, 20))
    abandoned = flagged_draft(bob, library)
    services.market_abandon(actor=bob, market=abandoned, reason="Besoin disparu.")

    flagged = figures(alice.organisation).flagged

    assert flagged.count == 2
    # By launch date, then reference (2026-ENV-… before 2026-LYC-…).
    assert [(c.reference, c.department_code, c.missing) for c in flagged.contracts] == [
        (one_lot.reference, "ENV", ["le lot 2 n'a pas de critère d'attribution environnemental"]),
        (
            nothing.reference,
            "LYC",
            [
                "aucune condition d'exécution environnementale",
                "le lot 1 n'a pas de critère d'attribution environnemental",
                "le lot 2 n'a pas de critère d'attribution environnemental",
            ],
        ),
    ]
    assert flagged.contracts[1].buyer == "Bob Petit"
    assert flagged.contracts[1].url == f"/marches/{nothing.pk}/"
    assert not flagged.contracts[1].justified
    assert flagged.url == "/marches/?signale=oui"
    listed = selectors.market_list(viewer=alice, flagged=True)
    assert sorted(m.pk for m in listed) == sorted([nothing.pk, one_lot.pk])
    only_env = figures(alice.organisation, department=dora.department).flagged
    assert [c.reference for c in only_env.contracts] == [one_lot.reference]


def test_a_long_list_of_flagged_contracts_shows_its_first_rows_the_count_and_the_csv(
    alice, bob, library, monkeypatch
):
    monkeypatch.setattr(flagged_selectors, "FLAGGED_SHOWN", 1)
    first = flagged_draft(bob, library, title="Entretien des espaces verts")
    flagged_draft(bob, library, title="Papier")

    flagged = figures(alice.organisation).flagged

    assert flagged.count == 2
    assert [c.reference for c in flagged.contracts] == [first.reference]
    assert flagged.truncated
    assert flagged.csv_url == "/marches/export/?signale=oui&format=csv"


def test_a_contract_above_the_eu_threshold_without_social_condition_is_flagged(alice, bob, library):
    market = flagged_draft(
        bob,
        library,
        environmental_clause=True,
        criteria_per_lot=(True, True),
        social_clause=False,
    )
    flagged_draft(bob, library, social_clause=False, launch_date=datetime.date(2026, 8, 20))

    flagged = figures(alice.organisation).flagged

    assert [(c.reference, c.missing, c.justified) for c in flagged.contracts] == [
        (
            market.reference,
            [
                "aucune condition d'exécution sociale pour un montant estimé au moins égal au "
                "seuil européen (216\xa0000 € HT, fournitures et services des collectivités "
                "territoriales et autres acheteurs)"
            ],
            False,
        )
    ]
    services.social_justification_save(actor=bob, market=market, justification="Sans main-d'œuvre.")
    assert figures(alice.organisation).flagged.contracts[0].justified


# --- Budgets -----------------------------------------------------------------------------------


@pytest.fixture
def finance(alice):
    return UserFactory(
        organisation=alice.organisation, department=None, roles=[Role.FINANCE_OFFICER]
    )


def test_budget_rules_per_department_as_of_the_quarter_end(alice, bob, dora, clause_admin, finance):
    office_rule, _paper_rule = budgets_and_purchases(
        clause_admin,
        finance,
        year=2026,
        budgets=[("LYC", "office-supplies", "10000"), ("ENV", "office-supplies", "10000")],
        lines=[
            {
                "department": "LYC",
                "date": "2026-05-10",
                "family": "office-supplies",
                "amount_excl_vat": Decimal("2500"),
                "eco_labels": "ecolabel-ue",
            },
            {
                "department": "ENV",
                "date": "2026-02-10",
                "family": "office-supplies",
                "amount_excl_vat": Decimal("1000"),
                "eco_labels": "ecolabel-ue",
            },
            {
                "department": "LYC",
                "date": "2026-03-10",
                "family": "paper",
                "amount_excl_vat": Decimal("800"),
                "recycled_content": 100,
            },
        ],
    )

    budgets = figures(alice.organisation).budgets

    assert (budgets.year, budgets.as_of) == (2026, datetime.date(2026, 9, 30))
    eco, paper = budgets.rules
    assert (eco.kind, eco.threshold, eco.ratio) == ("eco_supplies", Decimal("20"), Decimal("17.5"))
    assert [(line.department_code, line.ratio, line.status) for line in eco.lines] == [
        ("DSI", None, "not_applicable"),
        ("ENV", Decimal("10.00"), "at_risk"),
        ("LYC", Decimal("25.00"), "met"),
    ]
    assert (eco.met, eco.applicable, eco.status) == (1, 2, TargetStatus.BELOW)
    assert eco.lines[2].url == f"/budgets/conformite/2026/LYC/regles/{office_rule.pk}/achats/"
    assert (paper.kind, paper.ratio, paper.status) == (
        "recycled_paper",
        Decimal("100.0"),
        TargetStatus.MET,
    )
    # 2024-T4: the rule is not in force; 2025: no budget; 2026: year to date.
    assert [point.ratio for point in eco.trend] == [
        *[None] * 5,
        Decimal("5.0"),
        Decimal("17.5"),
        Decimal("17.5"),
    ]
    assert [point.ratio for point in paper.trend][-3:] == [Decimal("100.0")] * 3
    assert budgets.url == "/budgets/conformite/?annee=2026"
    only_lyc = figures(alice.organisation, department=bob.department).budgets
    assert [line.department_code for line in only_lyc.rules[0].lines] == ["LYC"]
    assert only_lyc.url == "/budgets/conformite/?annee=2026&direction=LYC"


# --- Training and network ----------------------------------------------------------------------


def test_training_and_network_figures_of_the_quarter(
    alice, bob, dora, charlie, coordinator, steering_network
):
    held_session(coordinator, datetime.date(2026, 8, 20), present=[bob, dora])
    held_session(coordinator, datetime.date(2026, 6, 20), present=[bob])
    held_meeting(steering_network, coordinator, datetime.date(2026, 9, 15), present=[bob])
    held_meeting(steering_network, coordinator, datetime.date(2026, 7, 15), absent=[dora])
    held_meeting(steering_network, coordinator, datetime.date(2026, 10, 15), present=[bob])
    site = make_site(make_supplier(alice.organisation), alice)
    audit = make_audit(site, alice, audited_on=datetime.date(2026, 8, 1))
    make_finding(audit, severity=Severity.CRITICAL, deadline=datetime.date(2026, 9, 1))
    make_finding(audit, severity=Severity.LOW, deadline=timezone.localdate())
    make_audit(site, alice, audited_on=datetime.date(2026, 10, 2))

    d = figures(alice.organisation)

    assert (d.training.sessions_held, d.training.sessions_attendances) == (1, 2)
    assert d.training.people_trained == 2
    assert (d.training.buyers, d.training.buyers_trained) == (2, 2)
    assert d.training.buyers_trained_share == Decimal("100.0")
    assert (d.network.meetings_held, d.network.meetings_attended) == (2, 1)
    assert d.network.people_present == 1
    assert d.network.audits_total == 1
    assert {item.code: item.count for item in d.network.open_findings} == {
        "critical": 1,
        "high": 0,
        "medium": 0,
        "low": 1,
    }
    assert d.network.overdue_total == 1
    assert d.network.projects_total == 0
    assert figures(charlie.organisation).training.sessions_held == 0


# --- JSON --------------------------------------------------------------------------------------


def test_figures_json_is_plain_json_with_the_same_figures(alice, bob, library):
    notified_market(bob, alice, library, notified_on=datetime.date(2026, 8, 3))
    d = figures(alice.organisation)

    data = json.loads(json.dumps(indicators.figures_json(d)))

    assert data["quarter"] == "2026-T3"
    assert data["start"] == "2026-07-01"
    assert data["contracts"]["notified"] == 1
    assert data["contracts"]["amount"] == "60000.00"
    assert data["contracts"]["environmental"]["share_by_count"] == "100.0"
    assert data["targets"] == {"environmental": "100", "social": "30", "from_committee": False}
    assert len(data["contracts"]["trend"]) == 8
    assert data["trend_quarters"][-1] == "T3 2026"


def test_an_organisation_without_departments_gets_a_dashboard():
    organisation = OrganisationFactory(name="Syndicat mixte")

    d = figures(organisation)

    assert d.contracts.by_department == []
