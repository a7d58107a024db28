"""DECP records as consolidators read them: one per lot of an allotted contract, each with its
own amount and holder, and the identifier and date of its first publication kept."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.siret import make_siret
from purchasing import services
from purchasing.models import DecpRecord, MarketStatus
from purchasing.opendata import decp, validation
from purchasing.selectors import opendata as selectors
from purchasing.services import opendata as opendata_services
from purchasing.tests.factories import (
    advance,
    award_lot,
    make_market,
    make_ready_market,
    notified_market,
)

pytestmark = [pytest.mark.django_db, pytest.mark.schemas]

FIRST_EXPORT = datetime.date(2026, 6, 1)
SECOND_EXPORT = datetime.date(2026, 9, 15)


def export(organisation, year, *, today, actor=None):
    result = decp.write(
        selectors.chunks(selectors.decp_markets(organisation=organisation, year=year)),
        today=today,
    )
    assert result.ok, result.messages()
    document = json.load(result.handle)
    opendata_services.decp_records_store(actor=actor, records=result.new_records)
    return {entry["id"]: entry for entry in document["marches"]["marche"]}


@pytest.fixture
def allotted(bob, alice, library):
    """Two lots awarded to two suppliers (512,345.67 € and 98,000 €) in 2026."""
    market = make_ready_market(bob, library)
    market = advance(market, MarketStatus.PUBLISHED, buyer=bob, advisor=alice)
    lot_1, lot_2 = market.lots.order_by("number")
    award_lot(bob, lot_1, siret=make_siret(20_000_001))
    award_lot(bob, lot_2, siret=make_siret(20_000_002), amount=Decimal("98000"))
    return market


def test_an_allotted_contract_is_one_record_per_lot_with_its_amount_and_holder(bob, allotted):
    found = export(bob.organisation, 2026, today=FIRST_EXPORT)
    reference = allotted.reference

    assert sorted(found) == [f"{reference}-1", f"{reference}-2"]
    first, second = found[f"{reference}-1"], found[f"{reference}-2"]
    assert first["objet"] == f"{allotted.title} — lot 1 : Produits d'entretien"
    assert first["montant"] == 512345.67
    assert second["montant"] == 98000
    assert first["titulaires"] == [
        {"titulaire": {"typeIdentifiant": "SIRET", "id": make_siret(20_000_001)}}
    ]
    assert second["titulaires"] == [
        {"titulaire": {"typeIdentifiant": "SIRET", "id": make_siret(20_000_002)}}
    ]
    assert first["typeGroupementOperateurs"] == second["typeGroupementOperateurs"]
    assert first["typeGroupementOperateurs"] == "Pas de groupement"
    # The eco-label clause is on lot 1 only; the insertion clause on the whole contract.
    assert first["considerationsEnvironnementales"]["considerationEnvironnementale"] == [
        "Clause environnementale",
        "Critère environnemental",
    ]
    assert second["considerationsEnvironnementales"]["considerationEnvironnementale"] == [
        "Critère environnemental"
    ]
    assert first["considerationsSociales"] == second["considerationsSociales"]
    for entry in (first, second):
        assert validation.errors(validation.decp_marche_validator(), entry) == []


def test_a_contract_with_one_lot_stays_one_record(bob, alice, library):
    market = notified_market(bob, alice, library, title="Un seul lot")

    found = export(bob.organisation, 2025, today=FIRST_EXPORT)

    assert list(found) == [market.reference]
    assert found[market.reference]["montant"] == 120000


def test_the_first_publication_date_is_kept_by_later_exports(bob, alice, library, allotted):
    first = export(bob.organisation, 2026, today=FIRST_EXPORT, actor=bob)
    assert {entry["datePublicationDonnees"] for entry in first.values()} == {"2026-06-01"}
    assert DecpRecord.objects.filter(market=allotted).count() == 2

    other = make_ready_market(bob, library, title="Deuxième marché")
    other = advance(other, MarketStatus.AWARDED, buyer=bob, advisor=alice)
    second = export(bob.organisation, 2026, today=SECOND_EXPORT)

    for key in first:
        assert second[key]["datePublicationDonnees"] == "2026-06-01"
    assert second[f"{other.reference}-1"]["datePublicationDonnees"] == "2026-09-15"
    assert DecpRecord.objects.count() == 4


def test_a_refused_file_publishes_nothing(bob, allotted):
    result = decp.write(
        selectors.chunks(selectors.decp_markets(organisation=bob.organisation, year=2026)),
        today=FIRST_EXPORT,
    )
    assert result.ok
    assert len(result.new_records) == 2
    assert not DecpRecord.objects.exists()


@pytest.mark.parametrize(
    ("reference", "lot", "expected"),
    [
        ("2026-ROU-0012", 0, "2026-ROU-0012"),
        ("2026-ROU-0012", 2, "2026-ROU-0012-2"),
        ("2026-ROU-DSI-042", 2, "26-ROU-DSI-042-2"),
        ("2026-ROU-DSI-042", 12, "6-ROU-DSI-042-12"),
    ],
)
def test_a_record_id_keeps_the_end_of_a_long_reference(reference, lot, expected):
    assert decp.record_id(reference, lot) == expected
    assert len(expected) <= 16


def test_a_contract_is_not_published_without_its_tender_deadline(bob, alice, library):
    market = make_ready_market(bob, library, tender_deadline=None)
    market = advance(market, MarketStatus.APPROVED, buyer=bob, advisor=alice)

    with pytest.raises(ValidationError) as refused:
        services.market_publish(actor=bob, market=market, published_on=datetime.date(2026, 3, 10))
    assert refused.value.messages == [
        "Renseignez la date limite de réception des offres (étape « Besoin ») avant de publier "
        "le marché."
    ]


def test_the_needs_step_records_the_tender_deadline(bob):
    market = make_market(bob, launch_date=datetime.date(2026, 3, 2))
    assert market.tender_deadline.isoformat() == "2026-04-06T12:00:00+02:00"
