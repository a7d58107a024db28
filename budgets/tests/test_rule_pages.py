"""The purchasing rules: read by compliance readers and rule managers, created and changed by
clause library administrators, with the model constraints' French messages on the form."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.models import PurchasingRule, RuleBasis
from budgets.selectors.common import current_year
from budgets.tests.data import login_url, text_of
from clauses.models import PurchaseFamily

pytestmark = pytest.mark.django_db

LIST = reverse("budgets:rule-list")
CREATE = reverse("budgets:rule-create")
# Session, user, permissions (2), the rules with their family; the other apps' menu.
LIST_QUERIES = 6


def edit_url(rule) -> str:
    return reverse("budgets:rule-edit", kwargs={"pk": rule.pk})


def family_pk(code: str) -> int:
    return PurchaseFamily.objects.get(code=code).pk


def rule_data(**overrides) -> dict:
    """The form's fields; `family` by code, sent as the form's value (the primary key)."""
    overrides.setdefault("family", "furniture")
    if overrides["family"]:
        overrides["family"] = family_pk(overrides["family"])
    data = {
        "name": "Mobilier de réemploi",
        "basis": RuleBasis.SPEND,
        "threshold_percent": "12,5",
        "accepts_reuse": "on",
        "first_year": "2026",
        "last_year": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def office_rule(seed_rules):
    return seed_rules[0]


# --- Access ------------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, office_rule):
    for url in (LIST, CREATE, edit_url(office_rule)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == login_url(url)


def test_compliance_readers_and_rule_managers_read_the_rules(
    client, fanny, henri, colette, clement, seed_rules
):
    for person in (fanny, henri, colette, clement):
        client.force_login(person)
        response = client.get(LIST)
        assert response.status_code == 200
        assert [rule for rule, _in_force in response.context["rules"]] == [
            seed_rules[0],
            seed_rules[1],
        ]


def test_a_buyer_without_compliance_rights_cannot_read_the_rules(client, bob, seed_rules):
    client.force_login(bob)

    assert client.get(LIST).status_code == 403


def test_only_clause_administrators_create_and_change_rules(
    client, fanny, henri, colette, office_rule
):
    for person in (fanny, henri, colette):
        client.force_login(person)
        assert client.get(CREATE).status_code == 403
        assert client.post(CREATE, rule_data()).status_code == 403
        assert client.get(edit_url(office_rule)).status_code == 403
        assert client.post(edit_url(office_rule), rule_data()).status_code == 403
    assert PurchasingRule.objects.count() == 2


def test_a_rule_of_another_organisation_is_not_found(client, oscar, office_rule):
    client.force_login(oscar)

    assert client.get(edit_url(office_rule)).status_code == 404
    assert client.post(edit_url(office_rule), rule_data()).status_code == 404
    response = client.get(LIST)
    assert response.context["rules"] == []


def test_the_list_only_answers_get(client, clement):
    client.force_login(clement)

    assert client.post(LIST).status_code == 405
    assert client.delete(CREATE).status_code == 405


# --- The list ----------------------------------------------------------------------------------


def test_the_list_shows_each_rule_with_its_criteria_and_years_in_force(
    client, colette, clement, seed_rules
):
    from budgets.services.rules import rule_create

    rule_create(
        actor=clement,
        name="Textile 2020-2022",
        family=PurchaseFamily.objects.get(code="textile"),
        basis=RuleBasis.BUDGET,
        threshold_percent=Decimal("10"),
        accepts_reuse=True,
        first_year=2020,
        last_year=2022,
    )
    client.force_login(colette)

    response = client.get(LIST)

    text = text_of(response)
    this_year = current_year()
    assert seed_rules[1].name in text
    assert "Part du budget alloué" in text
    assert "Part de la dépense" in text
    assert "un écolabel prouvant le caractère écoresponsable" in text
    assert "au moins 100 % de matière recyclée" in text
    assert "depuis 2024" in text
    assert "de 2020 à 2022" in text
    assert f"En vigueur en {this_year}" in text
    assert f"Pas en vigueur en {this_year}" in text
    assert "Nouvelle règle" not in text
    assert "Modifier" not in text


def test_the_list_takes_the_same_queries_whatever_the_number_of_rules(
    client, clement, seed_rules, django_assert_max_num_queries
):
    from budgets.services.rules import rule_create

    client.force_login(clement)
    # The first request fills caches (the other apps' menu entries).
    client.get(LIST)
    with django_assert_max_num_queries(LIST_QUERIES) as few:
        client.get(LIST)
    for n in range(20):
        rule_create(
            actor=clement,
            name=f"Règle {n}",
            family=PurchaseFamily.objects.get(code="furniture"),
            basis=RuleBasis.SPEND,
            threshold_percent=Decimal("5"),
            accepts_reuse=True,
            first_year=2024,
        )

    with django_assert_max_num_queries(LIST_QUERIES) as many:
        response = client.get(LIST)

    assert len(many) == len(few)
    assert len(response.context["rules"]) == 22
    assert "Modifier" in text_of(response)


# --- Create and edit ---------------------------------------------------------------------------


def test_a_clause_administrator_creates_a_rule(client, clement):
    client.force_login(clement)

    response = client.post(CREATE, rule_data())

    assert response.status_code == 302
    assert response.url == LIST
    rule = PurchasingRule.objects.get()
    assert (rule.name, rule.family.code, rule.basis, rule.threshold_percent) == (
        "Mobilier de réemploi",
        "furniture",
        RuleBasis.SPEND,
        Decimal("12.50"),
    )
    assert (rule.accepts_reuse, rule.accepts_eco_label, rule.accepts_recycled) == (
        True,
        False,
        False,
    )
    assert (rule.first_year, rule.last_year, rule.organisation) == (
        2026,
        None,
        clement.organisation,
    )
    assert rule.history.get().history_user == clement
    assert "La règle « Mobilier de réemploi » est créée." in text_of(client.get(LIST))


def test_a_clause_administrator_changes_a_rule(client, clement, office_rule):
    client.force_login(clement)

    form = client.get(edit_url(office_rule)).context["form"]
    assert form.initial["threshold_percent"] == Decimal("20.00")
    response = client.post(
        edit_url(office_rule),
        rule_data(
            name=office_rule.name,
            family="office-supplies",
            basis=RuleBasis.BUDGET,
            threshold_percent="25",
            accepts_eco_label="on",
            accepts_reuse=None,
            first_year="2024",
            last_year="2027",
        ),
    )

    assert response.status_code == 302
    office_rule.refresh_from_db()
    assert (office_rule.threshold_percent, office_rule.last_year) == (Decimal("25.00"), 2027)
    assert (office_rule.accepts_eco_label, office_rule.accepts_reuse) == (True, False)
    assert office_rule.history.latest().history_change_reason == "Règle modifiée"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"accepts_reuse": None},
            "Choisissez au moins un critère : écolabel, matière recyclée ou réemploi.",
        ),
        (
            {"accepts_recycled": "on"},
            "Indiquez la part minimale de matière recyclée lorsque la matière recyclée compte, "
            "et seulement dans ce cas.",
        ),
        (
            {"first_year": "2027", "last_year": "2025"},
            "La dernière année d'application précède la première.",
        ),
    ],
)
def test_the_model_constraints_are_explained_in_french_above_the_form(
    client, clement, overrides, message
):
    client.force_login(clement)

    response = client.post(CREATE, rule_data(**overrides))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [message]
    text = text_of(response)
    assert "La règle n'est pas enregistrée : corrigez ce qui est signalé." in text
    assert message in text
    assert not PurchasingRule.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"threshold_percent": "0"}, "threshold_percent", "Le seuil doit être supérieur à 0 %."),
        ({"threshold_percent": "120"}, "threshold_percent", "Le seuil ne peut pas dépasser 100 %."),
        (
            {"threshold_percent": "vingt"},
            "threshold_percent",
            "Saisissez un nombre, par exemple 12 345,67.",
        ),
        (
            {"accepts_recycled": "on", "min_recycled_percent": "0"},
            "min_recycled_percent",
            "La part minimale de matière recyclée est d'au moins 1 %.",
        ),
        ({"first_year": "3000"}, "first_year", "L'année doit être comprise entre 2000 et 2100."),
        ({"name": ""}, "name", "Ce champ est obligatoire."),
        ({"family": ""}, "family", "Ce champ est obligatoire."),
    ],
)
def test_a_wrong_value_is_refused_on_its_field(client, clement, overrides, field, message):
    client.force_login(clement)

    response = client.post(CREATE, rule_data(**overrides))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not PurchasingRule.objects.exists()


def test_a_family_not_offered_is_refused(client, clement):
    client.force_login(clement)

    response = client.post(CREATE, {**rule_data(), "family": "999999"})

    assert response.context["form"].errors["family"] == [
        "Choisissez une famille d'achat de la liste."
    ]


def test_a_rule_with_recycled_content_keeps_its_minimum(client, clement):
    client.force_login(clement)

    client.post(
        CREATE,
        rule_data(
            name="Papier recyclé",
            family="paper",
            accepts_reuse=None,
            accepts_recycled="on",
            min_recycled_percent="80",
        ),
    )

    rule = PurchasingRule.objects.get()
    assert (rule.accepts_recycled, rule.min_recycled_percent) == (True, 80)
