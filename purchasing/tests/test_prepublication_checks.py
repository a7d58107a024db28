"""The checks before publication of the open-data page: late publication, amounts far from
their peers, the place of execution given by its postcode (the INSEE code offered)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clauses.communes import CommuneRow
from clauses.services.reference import communes_load
from purchasing.models import DecpRecord
from purchasing.opendata import checks, decp
from purchasing.selectors import opendata as selectors
from purchasing.services import opendata as services
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


def flags_of(organisation, today, check=None):
    """The flags of one check; by default those of the dates and amounts (the factory's
    contracts give their place by its postcode: each has a flag of `Check.PLACE`)."""
    checks_of = {check} if check else {checks.Check.LATE, checks.Check.AMOUNT}
    flags = selectors.prepublication_flags(organisation=organisation, year=2025, today=today)
    return [flag for flag in flags if flag.check in checks_of]


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
    assert all(
        flag.check in {checks.Check.LATE, checks.Check.AMOUNT, checks.Check.PLACE}
        for flag in demo_flags
    )
    assert all(flag.message for flag in demo_flags)
    # Every demo place of execution is a postcode whose commune the demo ships.
    places = [flag for flag in demo_flags if flag.check == checks.Check.PLACE]
    assert places and all(len(flag.offers) == 1 for flag in places)


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


# --- The place of execution: the INSEE code the DECP prefers to the postcode ---------------


def test_a_place_given_by_its_postcode_is_flagged_with_the_communes_of_that_postcode(
    client, bob, alice, library
):
    communes_load(
        rows=[
            CommuneRow("59350", "59000", "LILLE"),
            CommuneRow("59009", "59650", "VILLENEUVE D ASCQ"),
        ]
    )
    market = notified_market(bob, alice, library, title="Lieu par code postal")

    (flag,) = flags_of(bob.organisation, IN_TIME, checks.Check.PLACE)
    assert (flag.reference, flag.offers) == (market.reference, (("59350", "LILLE"),))
    assert flag.message == (
        "Lieu d'exécution donné par son code postal 59000 : les données essentielles préfèrent "
        "le code commune INSEE, celui de LILLE (59350)."
    )

    client.force_login(bob)
    page = client.get(reverse("purchasing:opendata"), {"annee": 2025}).content.decode()
    apply = reverse("purchasing:opendata-place", kwargs={"pk": market.pk})
    assert f'action="{apply}"' in page and "Utiliser 59350 (LILLE)" in page
    response = client.post(apply, {"insee_code": "59350"})
    assert response.status_code == 302

    market.refresh_from_db()
    assert market.place_insee_code == "59350"
    assert flags_of(bob.organisation, IN_TIME, checks.Check.PLACE) == []
    (written,) = selectors.chunks(selectors.decp_markets(organisation=bob.organisation, year=2025))
    ((_record, entry),) = decp.records(written, today=IN_TIME)
    assert entry["lieuExecution"] == {"code": "59350", "typeCode": "Code commune"}


def test_a_code_of_another_postcode_or_of_no_commune_is_refused(bob, alice, library):
    communes_load(
        rows=[CommuneRow("59350", "59000", "LILLE"), CommuneRow("62041", "62000", "ARRAS")]
    )
    market = notified_market(bob, alice, library, title="Code INSEE")

    with pytest.raises(ValidationError) as wrong_postcode:
        services.market_place_set_insee_code(actor=bob, market=market, insee_code="62041")
    assert wrong_postcode.value.message_dict == {
        "place_insee_code": [
            "La commune ARRAS (code INSEE 62041) n'a pas le code postal 59000 du lieu d'exécution."
        ]
    }
    with pytest.raises(ValidationError) as unknown:
        services.market_place_set_insee_code(actor=bob, market=market, insee_code="99999")
    assert unknown.value.message_dict == {
        "place_insee_code": ["Aucune commune n'a le code INSEE 99999."]
    }
    with pytest.raises(ValidationError):
        services.market_place_set_insee_code(actor=bob, market=market, insee_code="5935")


def test_only_a_buyer_of_the_contract_gives_its_insee_code(client, bob, alice, charlie, library):
    communes_load(rows=[CommuneRow("59350", "59000", "LILLE")])
    market = notified_market(bob, alice, library, title="Code INSEE")
    apply = reverse("purchasing:opendata-place", kwargs={"pk": market.pk})

    client.force_login(alice)  # the advisor reads the contract, does not change it
    assert client.post(apply, {"insee_code": "59350"}).status_code == 403
    client.force_login(charlie)  # another organisation
    assert client.post(apply, {"insee_code": "59350"}).status_code == 404
    client.force_login(bob)
    assert client.get(apply).status_code == 405
    market.refresh_from_db()
    assert market.place_insee_code == ""
