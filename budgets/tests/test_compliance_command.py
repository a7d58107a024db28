"""`manage.py compliance`: the JSON of the command-line contract and a readable table."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from budgets.tests.data import add_purchases, line, set_budget

pytestmark = pytest.mark.django_db


@pytest.fixture
def spend_2025(organisation, fanny, lyc, dsi, office, paper, office_rule, paper_rule):
    set_budget(fanny, lyc, office, 2025, "10000.00")
    set_budget(fanny, dsi, office, 2025, "1000.00")
    add_purchases(
        organisation,
        [
            line(lyc, office, "2025-03-10", "1000.00", labels=["eu-ecolabel"]),
            line(lyc, office, "2025-03-11", "-1.00", labels=["eu-ecolabel"]),
            line(dsi, office, "2025-03-10", "250.00", labels=["nf-environnement"]),
            line(lyc, paper, "2025-03-10", "300.00", recycled_content=100),
            line(lyc, paper, "2025-03-11", "100.00"),
        ],
    )


def run(*arguments) -> str:
    from io import StringIO

    out = StringIO()
    call_command("compliance", *arguments, stdout=out)
    return out.getvalue()


def test_the_json_lists_each_rule_and_department_with_amounts_as_strings(
    office_rule, paper_rule, spend_2025
):
    rows = json.loads(
        run(
            "--organisation",
            "roubaix",
            "--year",
            "2025",
            "--format",
            "json",
            "--as-of",
            "2026-02-01",
        )
    )

    office = {"rule": office_rule.name, "rule_id": office_rule.pk, "family": "office-supplies"}
    paper = {"rule": paper_rule.name, "rule_id": paper_rule.pk, "family": "paper"}
    common = {"year": 2025, "as_of": "2026-02-01"}
    assert rows == [
        {
            **office,
            **common,
            "department": "DSI",
            "department_name": "Direction du numérique",
            "basis": "budget",
            "threshold": "20.00",
            "budget_amount": "1000.00",
            "total_spend": "250.00",
            "base_amount": "1000.00",
            "target_amount": "200.00",
            "qualifying_amount": "250.00",
            "ratio": "25.00",
            "forecast_amount": "250.00",
            "forecast_ratio": "25.00",
            "status": "met",
        },
        {
            **office,
            **common,
            "department": "LYC",
            "department_name": "Direction des lycées",
            "basis": "budget",
            "threshold": "20.00",
            "budget_amount": "10000.00",
            "total_spend": "999.00",
            "base_amount": "10000.00",
            "target_amount": "2000.00",
            "qualifying_amount": "999.00",
            "ratio": "9.99",
            "forecast_amount": "999.00",
            "forecast_ratio": "9.99",
            "status": "missed",
        },
        {
            **paper,
            **common,
            "department": "DSI",
            "department_name": "Direction du numérique",
            "basis": "spend",
            "threshold": "100.00",
            "budget_amount": "0.00",
            "total_spend": "0.00",
            "base_amount": "0.00",
            "target_amount": "0.00",
            "qualifying_amount": "0.00",
            "ratio": None,
            "forecast_amount": None,
            "forecast_ratio": None,
            "status": "not_applicable",
        },
        {
            **paper,
            **common,
            "department": "LYC",
            "department_name": "Direction des lycées",
            "basis": "spend",
            "threshold": "100.00",
            "budget_amount": "0.00",
            "total_spend": "400.00",
            "base_amount": "400.00",
            "target_amount": "400.00",
            "qualifying_amount": "300.00",
            "ratio": "75.00",
            "forecast_amount": "300.00",
            "forecast_ratio": "75.00",
            "status": "missed",
        },
    ]


def test_the_default_output_is_a_table(office_rule, paper_rule, spend_2025):
    output = run("--organisation", "roubaix", "--year", "2025", "--as-of", "2026-02-01")

    # Columns as wide as their longest cell, two spaces apart.
    office = office_rule.name
    paper = paper_rule.name.ljust(len(office))
    assert output.splitlines() == [
        f"{'Règle'.ljust(len(office))}  Direction  Seuil %  Assiette €  Objectif €  "
        "Qui compte €  Ratio %  Prévision %  Statut",
        f"{office}  DSI        20.00    1000.00     200.00      250.00        25.00    "
        "25.00        Atteint",
        f"{office}  LYC        20.00    10000.00    2000.00     999.00        9.99     "
        "9.99         Manqué",
        f"{paper}  DSI        100.00   0.00        0.00        0.00          —        —            "
        "Sans objet",
        f"{paper}  LYC        100.00   400.00      400.00      300.00        75.00    75.00        "
        "Manqué",
    ]


def test_a_year_without_rules_in_force_is_an_empty_list(office_rule):
    assert json.loads(run("--organisation", "roubaix", "--year", "2023", "--format", "json")) == []


def test_an_unknown_organisation_is_refused():
    with pytest.raises(CommandError) as error:
        run("--organisation", "nulle-part", "--year", "2025")

    assert str(error.value) == "Organisation inconnue : « nulle-part »."


@pytest.mark.parametrize("year", ["25", "1999", "2101", "deux-mille"])
def test_a_year_outside_2000_2100_is_refused(year):
    with pytest.raises(CommandError) as error:
        run("--organisation", "roubaix", "--year", year)

    assert str(error.value) == (
        f"Error: argument --year: année invalide : « {year} » (de 2000 à 2100)"
    )
