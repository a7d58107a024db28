"""The checks before publication of the open-data page: late publication, amounts far from
their peers."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from purchasing.models import DecpRecord
from purchasing.opendata import checks
from purchasing.selectors import opendata as selectors
from purchasing.tests.factories import notified_market

pytestmark = pytest.mark.django_db

IN_TIME = datetime.date(2025, 7, 15)
TOO_LATE = datetime.date(2025, 8, 3)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2025, 6, 2), datetime.date(2025, 8, 2)),
        (datetime.date(2025, 12, 31), datetime.date(2026, 2, 28)),
        (datetime.date(2023, 12, 30), datetime.date(2024, 2, 29)),
    ],
)
def test_two_months_later_keeps_the_day_or_takes_the_month_s_last(day, expected):
    assert checks.months_later(day, 2) == expected


def test_an_amount_is_far_beyond_ten_times_or_under_a_tenth_of_the_median():
    peers = checks.peers_of([Decimal(100_000)] * 5)
    assert not checks.far_from(Decimal(1_000_000), peers)
    assert checks.far_from(Decimal("1000000.01"), peers)
    assert checks.far_from(Decimal("9999.99"), peers)
    assert checks.peers_of([Decimal(100_000)] * 4) is None


def flags_of(organisation, today):
    return selectors.prepublication_flags(organisation=organisation, year=2025, today=today)


def test_a_record_not_published_two_months_after_notification_is_flagged(bob, alice, library):
    market = notified_market(bob, alice, library, title="Publié en retard")

    assert flags_of(bob.organisation, IN_TIME) == []
    (flag,) = flags_of(bob.organisation, TOO_LATE)
    assert (flag.reference, flag.check) == (market.reference, checks.Check.LATE)
    assert flag.message == (
        "Données publiées pour la première fois le 03/08/2025, plus de 2 mois après la "
        "notification du 02/06/2025 (art. R2196-1 : deux mois au plus)."
    )


def test_a_record_published_in_time_is_not_flagged_later(bob, alice, library):
    market = notified_market(bob, alice, library, title="Publié à temps")
    DecpRecord.objects.create(
        organisation=bob.organisation,
        market=market,
        lot_number=0,
        record_id=market.reference,
        first_published_on=IN_TIME,
    )

    assert flags_of(bob.organisation, datetime.date(2026, 1, 5)) == []


def test_an_amount_far_from_its_peers_is_flagged_with_the_figures(client, bob, alice, library):
    for number in range(5):
        notified_market(
            bob, alice, library, title=f"Pair {number}", amount=Decimal(80_000 + 10_000 * number)
        )
    outlier = notified_market(
        bob, alice, library, title="Un zéro de trop", amount=Decimal(1_500_000)
    )

    (flag,) = flags_of(bob.organisation, IN_TIME)
    assert (flag.reference, flag.check) == (outlier.reference, checks.Check.AMOUNT)
    assert flag.message == (
        "Montant de 1\u202f500\u202f000 €, 15 fois la médiane (100\u202f000 €) des 5 autres "
        "marchés de la division CPV 39 passés en « Appel d'offres ouvert » : vérifiez le "
        "montant attribué."
    )
    client.force_login(alice)
    page = client.get(reverse("purchasing:opendata"), {"annee": 2025}).content.decode()
    award = reverse("purchasing:award", kwargs={"pk": outlier.pk, "lot_pk": outlier.lots.get().pk})
    assert "Vérifications avant publication" in page
    assert f'<a href="{award}">corriger l&#x27;attribution</a>' in page


def test_the_demo_flags_name_a_check_and_a_message(demo_flags):
    for flag in demo_flags:
        print(f"{flag.reference} [{flag.check}] {flag.message}")
    assert all(flag.check in {checks.Check.LATE, checks.Check.AMOUNT} for flag in demo_flags)
    assert all(flag.message for flag in demo_flags)


@pytest.fixture
def demo_flags():
    from accounts import demo as accounts_demo
    from accounts.models import Organisation
    from clauses import demo as clauses_demo
    from purchasing import demo as purchasing_demo

    accounts_demo.load_and_describe()
    clauses_demo.load_and_describe()
    purchasing_demo.load_and_describe()
    organisation = Organisation.objects.get(slug="npdc")
    return [
        flag
        for year in (2024, 2025, 2026)
        for flag in selectors.prepublication_flags(
            organisation=organisation, year=year, today=datetime.date.today()
        )
    ]
