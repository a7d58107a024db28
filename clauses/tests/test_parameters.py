from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from clauses.calculations import insertion_hours
from clauses.parameters import clean_values, render, validate_body, validate_definitions
from clauses.tests.factories import INSERTION_BODY, INSERTION_PARAMETERS

NBSP = "\u00a0"
RATE = {
    "name": "insertion_rate",
    "label": "Taux d'insertion",
    "type": "percent",
    "min": 5,
    "max": 20,
}


def messages(definitions):
    with pytest.raises(ValidationError) as caught:
        validate_definitions(definitions)
    return caught.value.messages


def value_errors(definitions, values):
    with pytest.raises(ValidationError) as caught:
        clean_values(definitions, values)
    return caught.value.message_dict


def test_it_accepts_well_formed_definitions():
    validate_definitions(INSERTION_PARAMETERS)


def test_it_names_a_parameter_of_unknown_type():
    assert messages([{**RATE, "type": "ratio"}]) == [
        "Le paramètre « insertion_rate » a un type inconnu : « ratio »."
    ]


def test_it_refuses_a_minimum_above_the_maximum():
    assert messages([{**RATE, "min": 20, "max": 5}]) == [
        "Le paramètre « insertion_rate » a un minimum (20) supérieur à son maximum (5)."
    ]


def test_it_refuses_a_default_out_of_bounds():
    assert messages([{**RATE, "default": 30}]) == [
        "La valeur par défaut du paramètre « insertion_rate » doit être comprise entre 5 et "
        f"20{NBSP}%."
    ]


def test_it_refuses_a_choice_without_choices():
    assert messages([{"name": "site", "label": "Site", "type": "choice"}]) == [
        "Le paramètre « site » est une liste de choix : indiquez au moins un choix."
    ]


def test_it_refuses_a_name_defined_twice():
    assert messages([RATE, RATE]) == ["Le paramètre « insertion_rate » est défini deux fois."]


def test_it_refuses_a_name_that_is_not_an_identifier():
    assert messages([{**RATE, "name": "Taux"}]) == [
        "« Taux » n'est pas un nom de paramètre valide : lettres minuscules sans accent, "
        "chiffres et tiret bas, sans chiffre au début."
    ]


def test_the_body_must_use_only_defined_parameters_and_all_of_them():
    with pytest.raises(ValidationError) as caught:
        validate_body("Au moins {hours} heures; {insertion_rate}", [RATE, {**RATE, "name": "x"}])
    assert caught.value.messages == [
        "Le texte utilise le paramètre « hours », qui n'est pas défini.",
        "Le paramètre « x » n'apparaît pas dans le texte : ajoutez {x} au texte ou retirez le "
        "paramètre.",
    ]


def test_other_braces_are_not_parameters():
    validate_body("Voir l'annexe {A} et { } : {insertion_rate}", [RATE])


def test_it_converts_values_and_applies_defaults():
    assert clean_values(INSERTION_PARAMETERS, {"hours": "1 200"}) == {
        "insertion_rate": Decimal(5),
        "hours": 1200,
    }
    assert clean_values(INSERTION_PARAMETERS, {"insertion_rate": "7,5", "hours": 10}) == {
        "insertion_rate": Decimal("7.5"),
        "hours": 10,
    }


def test_a_number_is_read_as_the_contract_form_reads_it():
    amount = {"name": "amount", "label": "Montant", "type": "decimal", "unit": "€"}

    assert clean_values([amount], {"amount": "1.234,5"}) == {"amount": Decimal("1234.5")}
    assert clean_values([amount], {"amount": "1 234,5"}) == {"amount": Decimal("1234.5")}


def test_a_parameter_without_default_is_required():
    assert value_errors([RATE], {"insertion_rate": " "}) == {
        "insertion_rate": ["Le paramètre « Taux d'insertion » est obligatoire."]
    }


def test_a_value_out_of_bounds_is_refused_with_its_bounds():
    assert value_errors([RATE], {"insertion_rate": "25"}) == {
        "insertion_rate": [
            f"Le paramètre « Taux d'insertion » doit être compris entre 5 et 20{NBSP}%."
        ]
    }


def test_a_percentage_is_between_0_and_100():
    rate = {"name": "rate", "label": "Part", "type": "percent"}
    assert value_errors([rate], {"rate": "101"}) == {
        "rate": [f"Le paramètre « Part » doit être compris entre 0 et 100{NBSP}%."]
    }


def test_a_value_of_the_wrong_type_is_refused():
    assert value_errors(INSERTION_PARAMETERS, {"hours": "12,5"}) == {
        "hours": ["Le paramètre « Nombre d'heures » doit être un nombre entier."]
    }
    assert value_errors([RATE], {"insertion_rate": "beaucoup"}) == {
        "insertion_rate": ["Le paramètre « Taux d'insertion » doit être un nombre."]
    }


def test_a_choice_must_be_one_of_the_choices():
    site = {"name": "site", "label": "Site", "type": "choice", "choices": ["Lille", "Arras"]}
    assert value_errors([site], {"site": "Douai"}) == {
        "site": ["Le paramètre « Site » doit prendre l'une des valeurs : « Lille », « Arras »."]
    }


def test_an_unknown_value_is_refused():
    assert value_errors([RATE], {"insertion_rate": 5, "rate": 5}) == {
        "rate": ["La clause n'a pas de paramètre « rate »."]
    }


def test_it_renders_values_the_french_way():
    text = render(INSERTION_BODY, INSERTION_PARAMETERS, {"insertion_rate": "7,5", "hours": 12000})
    assert text == (
        f"Le titulaire réserve 7,5{NBSP}% des heures travaillées, soit au moins "
        f"12{NBSP}000{NBSP}heures, à des personnes rencontrant des difficultés sociales ou "
        "professionnelles."
    )


def test_it_renders_decimals_with_a_comma_and_leaves_other_braces():
    amount = {"name": "amount", "label": "Montant", "type": "decimal", "unit": "€"}
    assert render("{amount} {autre} {", [amount], {"amount": "1234567.50"}) == (
        f"1{NBSP}234{NBSP}567,50{NBSP}€ {{autre}} {{"
    )


def test_insertion_hours_follow_the_example_of_the_design():
    hours = insertion_hours(
        amount=1_000_000, labour_share_percent=50, insertion_rate_percent=5, hourly_cost=30
    )
    assert hours == Decimal(833)


def test_insertion_hours_need_a_positive_hourly_cost():
    with pytest.raises(ValueError):
        insertion_hours(amount=1, labour_share_percent=1, insertion_rate_percent=1, hourly_cost=0)
