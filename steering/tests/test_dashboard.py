"""The committee dashboard page: who may open it, the quarter and department chosen, the
figures it shows (those `figures_json` archives), and a query count that does not grow."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from budgets.tests.factories import make_budgets, make_purchases, purchase_row
from core.quarters import Quarter

# alice and charlie are the advisors of Roubaix and Tourcoing in these tests.
from purchasing.tests.factories import admin_role  # noqa: F401
from steering.selectors import dashboard as indicators
from steering.tests.factories import (
    budgets_and_purchases,
    flagged_draft,
    held_meeting,
    held_session,
    insertion_follow_up,
    notified_market,
)

pytestmark = pytest.mark.django_db

URL = reverse("steering:dashboard")
MAX_QUERIES = 40


def page(client, person, **params):
    client.force_login(person)
    return client.get(URL, params)


def text_of(response) -> str:
    return response.content.decode()


# --- Access ------------------------------------------------------------------------------------


def test_the_dashboard_lives_at_pilotage():
    assert URL == "/pilotage/"


def test_a_committee_member_and_the_advisor_open_it(client, committee, alice):
    assert page(client, committee).status_code == 200
    assert page(client, alice).status_code == 200


def test_a_buyer_is_refused(client, bob):
    assert page(client, bob).status_code == 403


def test_a_department_head_is_refused(client, bob):
    head = UserFactory(
        organisation=bob.organisation, department=bob.department, roles=[Role.DEPARTMENT_HEAD]
    )

    assert page(client, head).status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_answers_get_only(client, committee):
    client.force_login(committee)

    assert client.post(URL).status_code == 405


def test_another_organisation_sees_only_its_own_figures(client, alice, bob, charlie, library):
    notified_market(bob, alice, library, notified_on=datetime.date(2026, 8, 3))
    outsider = UserFactory(organisation=charlie.organisation, roles=[Role.COMMITTEE_MEMBER])

    mine = page(client, alice, annee=2026, trimestre=3)
    theirs = page(client, outsider, annee=2026, trimestre=3)
    with_our_department = page(client, outsider, annee=2026, trimestre=3, direction="LYC")

    assert mine.context["d"].contracts.notified == 1
    assert theirs.context["d"].organisation_name == charlie.organisation.name
    assert theirs.context["d"].contracts.notified == 0
    assert with_our_department.status_code == 200
    assert with_our_department.context["d"].organisation_name == charlie.organisation.name
    assert with_our_department.context["d"].department_code == ""
    assert "Sélectionnez un choix valide" in text_of(with_our_department)


# --- Quarter and department --------------------------------------------------------------------


def test_the_last_complete_quarter_is_shown_by_default(client, committee):
    response = page(client, committee)

    expected = Quarter.last_complete(timezone.localdate())
    assert response.context["d"].quarter == expected
    assert expected.label in text_of(response)


def test_a_committee_member_can_ask_for_the_report_of_a_complete_quarter_from_it(
    client, committee, alice
):
    last = Quarter.last_complete(timezone.localdate())
    request_url = reverse("steering:report-request")

    assert request_url in text_of(page(client, committee))
    # The advisor reads the reports but does not ask for them.
    assert request_url not in text_of(page(client, alice))
    # The quarter under way has no report yet.
    current = last.next()
    response = page(client, committee, annee=current.year, trimestre=current.number)
    assert response.context["d"].quarter == current
    assert request_url not in text_of(response)


def test_only_years_with_data_are_offered(client, committee, bob, freeze_clock):
    freeze_clock(datetime.date(2026, 11, 20))
    make_purchases(bob.organisation, [purchase_row(date="2023-05-02", department="LYC")])

    response = page(client, committee)

    offered = [value for value, _label in response.context["filters"].fields["annee"].choices]
    assert offered == [2026, 2023]


def test_a_quarter_not_begun_is_refused_with_a_message(client, committee):
    response = page(client, committee, annee=timezone.localdate().year, trimestre=4)
    today = Quarter.of(timezone.localdate())

    if Quarter(timezone.localdate().year, 4) > today:
        assert "Ce trimestre n&#x27;a pas commencé" in text_of(response)
        assert response.context["d"].quarter == Quarter.last_complete(timezone.localdate())
    else:
        assert response.context["d"].quarter == Quarter(today.year, 4)


def test_a_department_narrows_contracts_and_says_what_stays_organisation_wide(
    client, committee, alice, bob, dora, library
):
    notified_market(bob, alice, library, notified_on=datetime.date(2026, 8, 3))

    response = page(client, committee, annee=2026, trimestre=3, direction="ENV")

    d = response.context["d"]
    assert (d.department_code, d.contracts.notified) == ("ENV", 0)
    assert "portent sur toute l'organisation" in text_of(response)
    assert page(client, committee, annee=2026, trimestre=3).context["d"].contracts.notified == 1


# --- What it shows -----------------------------------------------------------------------------


def test_the_page_shows_the_figures_of_figures_json_with_their_lists(
    client, committee, alice, bob, dora, library
):
    notified_market(bob, alice, library, notified_on=datetime.date(2026, 8, 3))
    notified_market(
        dora, alice, library, notified_on=datetime.date(2026, 9, 3), environmental=False
    )
    flagged_draft(bob, library)

    response = page(client, committee, annee=2026, trimestre=3)
    html = text_of(response)
    data = indicators.figures_json(response.context["d"])

    contracts = data["contracts"]
    assert (contracts["notified"], contracts["environmental"]["share_by_count"]) == (2, "50.0")
    assert f'<a href="{escape(contracts["url"])}">2<' in html
    assert f'<a href="{escape(contracts["environmental"]["url"])}">50\u00a0%<' in html
    assert f'<a href="{escape(contracts["social"]["url"])}">100\u00a0%<' in html
    assert contracts["environmental"]["status_label"] in html.replace("&#x27;", "'")
    assert f'<a href="{escape(data["flagged"]["url"])}">1<' in html
    for point in contracts["trend"]:
        assert f'<a href="{escape(point["url"])}">{point["notified"]}<' in html
    assert data["flagged"]["contracts"][0]["reference"] in html
    # Two progress bars and two trends for contracts, the insertion trend, buyers trained.
    assert html.count('role="img"') == 6
    assert html.count("<caption>") == 8
    assert f'href="{reverse("steering:report-list")}"' in html


def test_charts_are_described_for_screen_readers(client, committee):
    html = text_of(page(client, committee, annee=2026, trimestre=3))

    assert 'aria-label="Part des marchés notifiés avec une considération environnementale"' in html
    assert "<desc" in html and "objectif : 100\u00a0%" in html


# --- Queries -----------------------------------------------------------------------------------


def _queries(client, person) -> int:
    client.force_login(person)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, {"annee": 2026, "trimestre": 3})
    assert response.status_code == 200
    return len(captured.captured_queries)


def _line(code, day, amount, **fields) -> dict:
    return {
        "department": code,
        "date": day,
        "family": "office-supplies",
        "amount_excl_vat": Decimal(amount),
        **fields,
    }


def test_the_query_count_does_not_grow_with_the_data(
    client, committee, alice, bob, dora, library, coordinator, steering_network, clause_admin
):
    finance = UserFactory(
        organisation=alice.organisation, department=None, roles=[Role.FINANCE_OFFICER]
    )
    budgets_and_purchases(
        clause_admin,
        finance,
        year=2026,
        budgets=[("LYC", "office-supplies", "1000")],
        lines=[_line("LYC", "2026-02-03", "100", eco_labels="ecolabel-ue")],
    )
    notified_market(bob, alice, library, notified_on=datetime.date(2026, 8, 3))
    flagged_draft(bob, library)
    held_session(coordinator, datetime.date(2026, 8, 20), present=[bob])
    held_meeting(steering_network, coordinator, datetime.date(2026, 9, 15), present=[bob])
    small = _queries(client, committee)

    for day in (datetime.date(2026, 7, 2), datetime.date(2026, 3, 31), datetime.date(2025, 11, 4)):
        notified_market(dora, alice, library, notified_on=day, environmental=False)
    market = notified_market(
        bob, alice, library, notified_on=datetime.date(2026, 9, 1), amounts=(Decimal("5"),) * 3
    )
    insertion_follow_up(
        bob,
        market,
        period_start=datetime.date(2026, 9, 1),
        period_end=datetime.date(2026, 9, 30),
        achieved="35",
    )
    flagged_draft(bob, library)
    flagged_draft(dora, library, environmental_clause=True)
    held_session(coordinator, datetime.date(2026, 8, 21), present=[bob, dora])
    held_meeting(steering_network, coordinator, datetime.date(2026, 9, 16), present=[bob, dora])
    make_budgets(
        alice.organisation,
        [{"department": "ENV", "year": 2025, "family": "paper", "amount": Decimal("500")}],
        actor=finance,
    )
    make_purchases(
        alice.organisation,
        [
            _line(code, f"{year}-{month:02d}-11", "40", family=family, recycled_content=100)
            for code in ("LYC", "ENV")
            for year in (2025, 2026)
            for month in (1, 5, 8)
            for family in ("office-supplies", "paper")
        ],
        actor=finance,
    )
    large = _queries(client, committee)

    assert small == large
    assert large <= MAX_QUERIES


# --- The lists behind the figures --------------------------------------------------------------


def _references(client, person, **params) -> list[str]:
    client.force_login(person)
    response = client.get(reverse("purchasing:list"), params)
    assert response.status_code == 200
    return sorted(market.reference for market in response.context["page"])


def test_the_contract_list_filters_the_dashboard_links_to(alice, bob, client, library):
    in_q3 = notified_market(bob, alice, library, notified_on=datetime.date(2026, 9, 30))
    in_q4 = notified_market(
        bob,
        alice,
        library,
        notified_on=datetime.date(2026, 10, 1),
        social=False,
        reserved=True,
    )
    flagged = flagged_draft(bob, library, social_clause=False)

    assert _references(client, alice, notifie="2026-T3") == [in_q3.reference]
    assert _references(client, alice, notifie="2026-T4", reserve="oui") == [in_q4.reference]
    assert _references(client, alice, signale="oui") == [flagged.reference]
    assert _references(client, alice, insertion="oui") == [in_q3.reference]
    assert len(_references(client, alice, signale="non")) == 2
    client.force_login(alice)
    wrong = client.get(reverse("purchasing:list"), {"notifie": "2026-T5"})
    assert "Indiquez un trimestre sous la forme AAAA-Tn" in wrong.content.decode()
    assert len(wrong.context["page"]) == 3
