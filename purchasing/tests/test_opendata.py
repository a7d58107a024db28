"""The DECP file and the OCDS release package: what they hold, that they validate against the
official schemas (offline), and that they are refused, naming the contract, when a contract
lacks what the format requires."""

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts import demo as accounts_demo
from accounts.models import Organisation
from clauses import demo as clauses_demo
from core.siret import make_siret
from purchasing import demo as purchasing_demo
from purchasing import rules
from purchasing.models import CriterionKind, Market, Supplier
from purchasing.opendata import decp, ocds, validation
from purchasing.selectors import opendata as selectors
from purchasing.tests.factories import notified_market

# Every test reads the official schemas (or, for the refusals, replaces them).
pytestmark = [pytest.mark.django_db, pytest.mark.schemas]

YEAR = 2025


def decp_file(organisation, year=YEAR) -> dict:
    result = decp.write(
        selectors.chunks(selectors.decp_markets(organisation=organisation, year=year))
    )
    assert result.ok, result.messages()
    return json.load(result.handle)


def ocds_package(organisation, year=None) -> dict:
    markets = selectors.ocds_markets(organisation=organisation, year=year)
    result = ocds.write(
        selectors.chunks(markets), organisation=organisation, uri="https://a.test/p"
    )
    assert result.ok, result.messages()
    return json.load(result.handle)


def run(command: str, **options) -> None:
    """The command as typed on the command line (its arguments parsed and converted)."""
    arguments = []
    for name, value in options.items():
        arguments += [f"--{name}", str(value)]
    call_command(command, *arguments)


def entries(document) -> dict:
    return {entry["id"]: entry for entry in document["marches"]["marche"]}


# --- Schemas and merge patch -----------------------------------------------------------------


def test_merge_patch_follows_rfc_7386():
    target = {"a": "b", "c": {"d": "e", "f": "g"}, "l": [1, 2]}
    patch = {"a": "z", "c": {"f": None, "h": {"i": 1}}, "l": [3]}

    assert validation.merge_patch(target, patch) == {
        "a": "z",
        "c": {"d": "e", "h": {"i": 1}},
        "l": [3],
    }
    assert target == {"a": "b", "c": {"d": "e", "f": "g"}, "l": [1, 2]}


def test_the_patched_release_schema_has_the_sustainability_fields():
    schema = validation.patched_release_schema()

    tender = schema["definitions"]["Tender"]["properties"]
    assert "hasSustainability" in tender and "sustainability" in tender
    assert "id" in tender  # the core fields are kept
    assert schema["definitions"]["Sustainability"]["properties"]["goal"]["codelist"]


def test_the_official_examples_validate_and_a_broken_entry_does_not():
    with (validation.schemas_dir() / "decp" / "marches_avec_modifications.json").open() as f:
        example = json.load(f)
    assert validation.errors(validation.decp_validator(), example) == []

    broken = dict(example["marches"]["marche"][0], acheteur={"id": "123"})
    assert validation.errors(validation.decp_marche_validator(), broken)


# --- Demo data -------------------------------------------------------------------------------


@pytest.fixture
def demo():
    accounts_demo.load_and_describe()
    clauses_demo.load_and_describe()
    purchasing_demo.load_and_describe()
    return Organisation.objects.get(slug="npdc")


def expected_records(markets) -> dict:
    """Each record the DECP file should hold: its id → (market, lot or None)."""
    expected = {}
    for market in markets:
        lots = list(market.lots.all())
        if len(lots) == 1:
            expected[market.reference] = (market, None)
        for lot in lots if len(lots) > 1 else []:
            if hasattr(lot, "award"):
                expected[decp.record_id(market.reference, lot.number)] = (market, lot)
    return expected


def test_the_decp_files_of_the_demo_validate_with_the_considerations_of_each_record(demo):
    seen = set()
    for year in (2024, 2025, 2026):
        document = decp_file(demo, year)
        assert validation.errors(validation.decp_validator(), document) == []
        markets = selectors.decp_markets(organisation=demo, year=year).prefetch_related(
            "clauses__clause_version", "lots__criteria"
        )
        expected = expected_records(markets)
        assert set(entries(document)) == set(expected)
        assert len(document["marches"]["marche"]) > 0
        for key, (market, lot) in expected.items():
            entry = entries(document)[key]
            lots = [lot] if lot else list(market.lots.all())
            clauses = [c for c in market.clauses.all() if lot is None or c.lot_id in (None, lot.pk)]
            expected_considerations = rules.decp_considerations(
                clauses=clauses, criteria=[c for one in lots for c in one.criteria.all()]
            )
            assert (
                entry["considerationsSociales"]["considerationSociale"]
                == expected_considerations.social
            )
            assert (
                entry["considerationsEnvironnementales"]["considerationEnvironnementale"]
                == expected_considerations.environmental
            )
            assert entry["acheteur"]["id"] == demo.siret
            if lot is not None:
                assert entry["montant"] == decp.json_number(lot.award.amount)
                assert entry["titulaires"] == [
                    {"titulaire": {"typeIdentifiant": "SIRET", "id": lot.award.supplier.siret}}
                ]
            assert entry["typeGroupementOperateurs"] == "Pas de groupement"
            assert len(entry["titulaires"]) == 1
            seen.update(expected_considerations.social + expected_considerations.environmental)
    assert seen >= {
        "Clause sociale",
        "Critère social",
        "Marché réservé",
        "Pas de considération sociale",
        "Clause environnementale",
        "Critère environnemental",
    }


def test_the_ocds_package_of_the_demo_validates_with_the_extension_merged(demo):
    package = ocds_package(demo)

    assert validation.errors(validation.ocds_package_validator(), package) == []
    assert package["extensions"] == ocds.EXTENSIONS
    goals, strategies = validation.sustainability_goals(), validation.sustainability_strategies()
    for release in package["releases"]:
        for entry in release["tender"].get("sustainability", []):
            assert entry["goal"] in goals
            assert set(entry["strategies"]) <= set(strategies)
    published = Market.objects.filter(organisation=demo, published_on__isnull=False).count()
    assert len(package["releases"]) == published


# --- Built contracts -------------------------------------------------------------------------


@pytest.fixture
def contracts(bob, alice, library):
    """Five contracts of bob's organisation notified in 2025, one under the threshold."""
    return {
        "social_env": notified_market(
            bob,
            alice,
            library,
            title="Entretien avec insertion et écolabel",
            clauses=("insertion", "ecolabel"),
            criteria=[
                {"kind": CriterionKind.PRICE, "weight": 50},
                {"kind": CriterionKind.ENVIRONMENTAL, "weight": 50},
            ],
        ),
        "reserved": notified_market(
            bob,
            alice,
            library,
            title="Marché réservé aux ESAT",
            clauses=("reserved",),
            criteria=[
                {"kind": CriterionKind.PRICE, "weight": 70},
                {"kind": CriterionKind.SOCIAL, "weight": 30},
            ],
        ),
        "criteria_only": notified_market(
            bob,
            alice,
            library,
            title="Critère environnemental seulement",
            criteria=[
                {"kind": CriterionKind.COST, "weight": 80},
                {"kind": CriterionKind.ENVIRONMENTAL, "weight": 20},
            ],
        ),
        "plain": notified_market(bob, alice, library, title="Sans considération"),
        "small": notified_market(
            bob, alice, library, title="Petit achat", amount=Decimal("39999.99")
        ),
    }


def test_the_decp_file_holds_each_consideration_where_expected(bob, contracts):
    document = decp_file(bob.organisation)

    assert validation.errors(validation.decp_validator(), document) == []
    found = entries(document)
    social = {
        key: found[contracts[key].reference]["considerationsSociales"]["considerationSociale"]
        for key in ("social_env", "reserved", "criteria_only", "plain")
    }
    environmental = {
        key: found[contracts[key].reference]["considerationsEnvironnementales"][
            "considerationEnvironnementale"
        ]
        for key in ("social_env", "reserved", "criteria_only", "plain")
    }
    assert social == {
        "social_env": ["Clause sociale"],
        "reserved": ["Critère social", "Marché réservé"],
        "criteria_only": ["Pas de considération sociale"],
        "plain": ["Pas de considération sociale"],
    }
    assert environmental == {
        "social_env": ["Clause environnementale", "Critère environnemental"],
        "reserved": ["Pas de considération environnementale"],
        "criteria_only": ["Critère environnemental"],
        "plain": ["Pas de considération environnementale"],
    }


def test_the_decp_entry_carries_the_contract_and_its_supplier(bob, contracts):
    market = contracts["plain"]
    entry = entries(decp_file(bob.organisation))[market.reference]
    supplier = Supplier.objects.get(awards__lot__market=market)

    assert entry["acheteur"] == {"id": bob.organisation.siret}
    # The schema asks for the eight digits without the check digit.
    assert entry["codeCPV"] == "39830000"
    assert entry["procedure"] == "Appel d'offres ouvert"
    assert entry["techniques"] == {"technique": ["Accord-cadre"]}
    assert entry["lieuExecution"] == {"code": "59000", "typeCode": "Code postal"}
    assert entry["dureeMois"] == 48
    assert entry["dateNotification"] == "2025-06-02"
    assert entry["montant"] == 120000
    assert entry["titulaires"] == [
        {"titulaire": {"typeIdentifiant": "SIRET", "id": supplier.siret}}
    ]


def test_a_contract_under_40000_euros_is_left_out(bob, contracts):
    document = decp_file(bob.organisation)

    assert contracts["small"].reference not in entries(document)
    assert len(document["marches"]["marche"]) == 4
    counts = selectors.decp_counts(organisation=bob.organisation, year=YEAR)
    assert (counts.included, counts.under_threshold) == (4, 1)
    # Another year holds none of them.
    assert decp_file(bob.organisation, 2024)["marches"]["marche"] == []


def test_a_purchasing_group_contract_names_the_coordinator_as_buyer(bob, charlie, contracts):
    from network.models import GroupContract, PurchasingGroup

    group = PurchasingGroup.objects.create(
        name="Groupement textile",
        coordinator_organisation=charlie.organisation,
        purchase_family=contracts["plain"].purchase_family,
        created_by=charlie,
    )
    GroupContract.objects.create(group=group, market=contracts["plain"], added_by=charlie)

    found = entries(decp_file(bob.organisation))

    assert found[contracts["plain"].reference]["acheteur"] == {"id": charlie.organisation.siret}
    assert found[contracts["reserved"].reference]["acheteur"] == {"id": bob.organisation.siret}


def test_a_wrong_supplier_siret_refuses_the_file_naming_the_contract(bob, contracts, tmp_path):
    market = contracts["reserved"]
    # A SIRET whose key is wrong (14 digits: the database accepts it, the format does not).
    Supplier.objects.filter(awards__lot__market=market).update(siret="12345678901234")

    result = decp.write(
        selectors.chunks(selectors.decp_markets(organisation=bob.organisation, year=YEAR))
    )

    assert not result.ok and result.handle is None
    assert [(p.reference, [m.code for m in p.missing]) for p in result.problems] == [
        (market.reference, ["supplier_siret"])
    ]
    output = tmp_path / "decp.json"
    with pytest.raises(CommandError) as error:
        run("export_decp", organisation=bob.organisation.slug, year=str(YEAR), output=output)
    assert error.value.returncode == 1
    assert market.reference in str(error.value)
    assert "le SIRET du titulaire du lot 1" in str(error.value)
    assert not output.exists()


def test_a_wrong_buyer_siret_refuses_the_file_naming_every_contract(bob, contracts):
    Organisation.objects.filter(pk=bob.organisation_id).update(siret="11111111111112")

    result = decp.write(
        selectors.chunks(selectors.decp_markets(organisation=bob.organisation, year=YEAR))
    )

    assert not result.ok
    assert len(result.problems) == 4
    assert {p.reference for p in result.problems} == {
        contracts[key].reference for key in ("social_env", "reserved", "criteria_only", "plain")
    }
    assert all([m.code for m in p.missing] == ["buyer_siret"] for p in result.problems)


def test_a_missing_postcode_is_a_field_to_complete(bob, contracts):
    Market.objects.filter(pk=contracts["plain"].pk).update(place_postcode="")

    result = decp.write(
        selectors.chunks(selectors.decp_markets(organisation=bob.organisation, year=YEAR))
    )

    assert [(p.reference, [m.label for m in p.missing]) for p in result.problems] == [
        (contracts["plain"].reference, ["le code postal du lieu d'exécution"])
    ]


def test_has_sustainability_is_true_exactly_with_a_sustainability_clause_or_criterion(
    bob, contracts
):
    package = ocds_package(bob.organisation, YEAR)

    assert validation.errors(validation.ocds_package_validator(), package) == []
    tenders = {release["tender"]["id"]: release["tender"] for release in package["releases"]}
    assert {reference: t["hasSustainability"] for reference, t in tenders.items()} == {
        contracts["social_env"].reference: True,
        contracts["reserved"].reference: True,
        contracts["criteria_only"].reference: True,
        contracts["plain"].reference: False,
        contracts["small"].reference: False,
    }
    assert "sustainability" not in tenders[contracts["plain"].reference]
    assert tenders[contracts["social_env"].reference]["sustainability"] == [
        {"goal": "environmental", "strategies": ["awardCriteria"]},
        {
            "goal": "environmental.pollutionPrevention",
            "strategies": ["contractPerformanceConditions"],
        },
        {
            "goal": "social.disadvantagedEmploymentOpportunities",
            "strategies": ["contractPerformanceConditions"],
        },
    ]
    assert tenders[contracts["reserved"].reference]["sustainability"] == [
        {"goal": "social", "strategies": ["awardCriteria"]},
        {
            "goal": "social.disadvantagedEmploymentOpportunities",
            "strategies": ["reservedParticipation"],
        },
    ]
    assert tenders[contracts["criteria_only"].reference]["awardCriteria"] == "ratedCriteria"


def test_the_ocds_release_describes_parties_lots_awards_and_contracts(bob, contracts):
    market = contracts["plain"]
    package = ocds_package(bob.organisation, YEAR)
    (release,) = [r for r in package["releases"] if r["tender"]["id"] == market.reference]
    supplier = Supplier.objects.get(awards__lot__market=market)

    assert release["ocid"].endswith(f"-{bob.organisation.siret}-{market.pk}")
    assert release["tag"] == ["tender", "award", "contract"]
    roles = {party["identifier"]["id"]: party["roles"] for party in release["parties"]}
    assert roles == {
        bob.organisation.siret: ["buyer", "procuringEntity"],
        supplier.siret: ["supplier", "tenderer"],
    }
    tender = release["tender"]
    assert tender["procurementMethod"] == "open"
    assert tender["mainProcurementCategory"] == "goods"
    assert tender["items"][0]["classification"]["id"] == "39830000-9"
    assert tender["lots"][0]["id"] == "1"
    assert release["awards"][0]["value"] == {"amount": 120000, "currency": "EUR"}
    assert release["awards"][0]["date"].startswith("2025-06-02T00:00:00")
    assert release["contracts"][0]["awardID"] == release["awards"][0]["id"]


def test_the_ocds_command_writes_a_valid_package_and_refuses_an_empty_one(bob, contracts, tmp_path):
    output = tmp_path / "ocds.json"
    run("export_ocds", organisation=bob.organisation.slug, output=output)

    package = json.loads(output.read_text(encoding="utf-8"))
    assert validation.errors(validation.ocds_package_validator(), package) == []
    assert len(package["releases"]) == 5

    with pytest.raises(CommandError) as error:
        run("export_ocds", organisation=bob.organisation.slug, year="2020", output=tmp_path / "x")
    assert error.value.returncode == 1
    assert not (tmp_path / "x").exists()


def test_the_decp_command_writes_a_file_that_validates(bob, contracts, tmp_path):
    output = tmp_path / "decp.json"
    run("export_decp", organisation=bob.organisation.slug, year=str(YEAR), output=output)

    document = json.loads(output.read_text(encoding="utf-8"))
    assert validation.errors(validation.decp_validator(), document) == []
    assert len(document["marches"]["marche"]) == 4
    assert not list(tmp_path.glob("*.tmp"))


def test_the_selectors_read_a_constant_number_of_queries(bob, alice, library):
    notified_market(bob, alice, library, title="Premier")

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            decp.write(
                selectors.chunks(selectors.decp_markets(organisation=bob.organisation, year=YEAR))
            )
            markets = selectors.ocds_markets(organisation=bob.organisation)
            ocds.write(selectors.chunks(markets), organisation=bob.organisation, uri="https://a.t")
        return len(captured.captured_queries)

    few = count_queries()
    for number in range(4):
        notified_market(
            bob,
            alice,
            library,
            title=f"Suivant {number}",
            clauses=("insertion", "ecolabel"),
            supplier_siret=make_siret(20_700_000 + number),
        )
    assert count_queries() == few


def test_without_the_schemas_no_file_is_made(bob, contracts, settings, tmp_path):
    settings.OPEN_DATA_SCHEMAS_DIR = tmp_path

    assert validation.missing_schema_files()
    with pytest.raises(validation.SchemasUnavailable):
        decp.write(
            selectors.chunks(selectors.decp_markets(organisation=bob.organisation, year=YEAR))
        )
    with pytest.raises(CommandError):
        run(
            "export_decp", organisation=bob.organisation.slug, year=str(YEAR), output=tmp_path / "d"
        )
    assert not (tmp_path / "d").exists()
