"""The buyer's contract pages: needs and lots, assessment, clauses, criteria, summary and
submission; who may open and post each page; query counts that do not grow with the data."""

import datetime
import html
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.tests.factories import TEST_PASSWORD
from clauses.models import CpvCode
from purchasing import services
from purchasing.models import (
    AppliedClause,
    AwardCriterion,
    Market,
    MarketStatus,
    Theme,
    ThemeAssessment,
)
from purchasing.tests.factories import make_market, make_ready_market

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
LOGIN = "/compte/connexion/"
WEIGHTS_80 = "Les pondérations doivent totaliser exactement 100 % : elles font 80 %."
SINGLE_PRICE = (
    "Un critère unique ne peut être que le coût, pas le prix (décret n° 2022-767) : "
    "choisissez le coût ou ajoutez d'autres critères."
)
# Session, user, permissions (2), the contract, can_read; then market_file (lots, criteria,
# clauses, follow-ups, assessments, comments, events), the legal rules and EU thresholds, and
# the extra CPV codes.
SUMMARY_QUERIES = 16
# Session, user, permissions (2), the contract, can_read, lots, criteria, assessments, applied
# clauses with their versions and lots; the suggestions (families, clauses, their families);
# the library search (clauses, their families); the legal rules and EU thresholds.
CLAUSES_QUERIES = 17


def url(name, market=None, **kwargs):
    if market is not None:
        kwargs["pk"] = market.pk
    return reverse(f"purchasing:{name}", kwargs=kwargs)


def text_of(response) -> str:
    """The page's HTML with entities decoded and non-breaking spaces as spaces."""
    return html.unescape(response.content.decode()).replace(NBSP, " ")


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def cpv_codes():
    codes = [
        ("39830000-9", "Cleaning products", "Produits de nettoyage"),
        ("39831000-6", "Washing preparations", "Préparations pour le lavage"),
        ("33760000-5", "Toilet paper", "Papier hygiénique"),
    ]
    return {
        code: CpvCode.objects.get_or_create(
            code=code, defaults={"label_en": english, "label_fr": french}
        )[0]
        for code, english, french in codes
    }


def lot_rows(rows, *, initial=0, extra=0, prefix="lots"):
    """The lots formset as the page posts it: `rows` ({number, title, estimated_amount, id,
    DELETE}) then `extra` empty rows."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows) + extra),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "100",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            if key == "DELETE" and not value:
                continue
            data[f"{prefix}-{index}-{key}"] = value
    for index in range(len(rows), len(rows) + extra):
        data[f"{prefix}-{index}-number"] = str(index + 1)
    return data


def needs_data(*, lots=(), **changes):
    data = {
        "title": "Produits d'entretien pour les lycées",
        "description": "Produits et petit matériel pour l'entretien de 40 lycées.",
        "purchase_family": "",
        "main_cpv": "39830000-9",
        "extra_cpvs": "39831000-6",
        "nature": "accord_cadre",
        "procedure": "Appel d'offres ouvert",
        "estimated_amount": "1 000 000",
        "duration_months": "48",
        "place": "Lille",
        "place_postcode": "59000",
        "launch_date": "2026-03-02",
        **changes,
    }
    return {**data, **lot_rows(list(lots), extra=1)}


TWO_LOTS = [
    {"number": "1", "title": "Produits d'entretien", "estimated_amount": "600 000"},
    {"number": "2", "title": "Petit matériel", "estimated_amount": "400 000"},
]


def assessment_data(**overrides):
    data = {}
    for theme in Theme:
        data[f"considered_{theme.value}"] = "oui"
        data[f"justification_{theme.value}"] = f"Pris en compte : {theme.label}."
    data.update(overrides)
    return data


def criteria_data(lots_rows: dict):
    """{lot: [{kind, weight}]} as the criteria page posts it (no initial rows)."""
    data = {}
    for lot, rows in lots_rows.items():
        prefix = f"criteres-{lot.pk}"
        initial = lot.criteria.count()
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(rows)),
                f"{prefix}-INITIAL_FORMS": str(initial),
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "10",
            }
        )
        for index, row in enumerate(rows):
            for key, value in row.items():
                data[f"{prefix}-{index}-{key}"] = value
    return data


def good_criteria(*, environmental=True):
    return [
        {"kind": "price", "weight": "50", "description": ""},
        {"kind": "technical", "weight": "30", "description": "Mémoire technique"},
        {
            "kind": "environmental" if environmental else "social",
            "weight": "20",
            "description": "",
        },
    ]


# --- The whole path ---------------------------------------------------------------------------


def test_a_buyer_creates_a_contract_step_by_step_and_submits_it(client, bob, library, cpv_codes):
    client.force_login(bob)
    family = library["family"]

    # Step 1: needs with two lots; French amount, "Enregistrer et continuer".
    response = client.get(url("create"))
    assert response.status_code == 200
    assert 'aria-current="step"' in text_of(response)
    response = client.post(
        url("create"),
        {
            **needs_data(lots=TWO_LOTS, purchase_family=str(family.pk)),
            "estimated_amount": "1 000 000,00",
            "continuer": "1",
        },
    )
    market = Market.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("step-assessment", market)
    assert market.department == bob.department and market.buyer == bob
    assert market.status == MarketStatus.DRAFT
    assert market.estimated_amount == Decimal("1000000")
    assert market.main_cpv == cpv_codes["39830000-9"]
    assert list(market.extra_cpvs.all()) == [cpv_codes["39831000-6"]]
    assert [(lot.number, lot.title, lot.estimated_amount) for lot in market.lots.all()] == [
        (1, "Produits d'entretien", Decimal("600000")),
        (2, "Petit matériel", Decimal("400000")),
    ]
    lot1, lot2 = market.lots.order_by("number")

    # Step 2: every theme answered.
    response = client.post(url("step-assessment", market), {**assessment_data(), "continuer": "1"})
    assert response.status_code == 302
    assert response["Location"] == url("step-clauses", market)
    assert market.assessments.count() == len(Theme)

    # Step 3: the eco-label clause is suggested for cleaning products.
    response = client.get(url("step-clauses", market))
    ecolabel, insertion = library["ecolabel"], library["insertion"]
    add_ecolabel = url("clause-add", market, clause_pk=ecolabel.pk)
    assert "Produits d'entretien écolabellisés" in text_of(response)
    assert add_ecolabel in text_of(response)
    response = client.get(add_ecolabel)
    assert response.status_code == 200
    assert "Au moins 80 % des produits livrés portent l'Ecolabel" in text_of(response)
    response = client.post(add_ecolabel, {"placement-lot": str(lot1.pk), "share": "80"})
    assert response.status_code == 302
    applied = AppliedClause.objects.get(clause_version__clause=ecolabel)
    assert applied.lot == lot1 and applied.values == {"share": "80"}

    # The insertion clause: a rate out of bounds is refused, naming the parameter.
    add_insertion = url("clause-add", market, clause_pk=insertion.pk)
    refused = {"placement-lot": "", "insertion_rate": "25", "labour_share": "50"}
    refused |= {"hourly_cost": "30", "hours": ""}
    response = client.post(add_insertion, refused)
    assert response.status_code == 200
    assert response.context["values_form"].errors == {
        "insertion_rate": [
            f"Le paramètre « Taux d'insertion » doit être compris entre 5 et 20{NBSP}%."
        ]
    }
    assert not AppliedClause.objects.filter(clause_version__clause=insertion).exists()
    # Left empty, the hours are computed: 1 000 000 € × 50 % × 5 % ÷ 30 €/h = 833 h.
    page = text_of(client.get(add_insertion))
    assert "Heures d'insertion : 833 h" in page
    assert "soit 833 heures, à des personnes en insertion" in page
    response = client.post(add_insertion, {**refused, "insertion_rate": "5"})
    assert response.status_code == 302
    applied = AppliedClause.objects.get(clause_version__clause=insertion)
    assert applied.lot is None
    assert applied.values["hours"] == "833"
    assert "soit 833 heures" in applied.rendered_text.replace(NBSP, " ")
    page = text_of(client.get(url("step-clauses", market)))
    assert "Heures d'insertion : 833 h" in page
    assert "1 000 000,00 € × 50 % × 5 % ÷ 30 €/h = 833 h" in page

    # Step 5 before the criteria: what is missing, each item linking to its step.
    response = client.get(url("summary", market))
    page = text_of(response)
    criteria_step = url("step-criteria", market)
    assert f'<a href="{criteria_step}">Lot 1 : Indiquez au moins un critère' in page
    response = client.post(url("submit", market), follow=True)
    assert messages_of(response)[0] == "Avant de soumettre, complétez :"
    assert "Lot 2 : Indiquez au moins un critère d'attribution." in messages_of(response)
    market.refresh_from_db()
    assert market.status == MarketStatus.DRAFT

    # Step 4: weights that do not total 100 on lot 1, a single price on lot 2: both refused,
    # each next to its lot, and nothing is saved.
    response = client.post(
        criteria_step,
        criteria_data(
            {
                lot1: [
                    {"kind": "price", "weight": "50"},
                    {"kind": "technical", "weight": "30"},
                ],
                lot2: [{"kind": "price", "weight": "100"}],
            }
        ),
    )
    assert response.status_code == 200
    errors = {lot.number: list(fs.non_form_errors()) for lot, fs in response.context["formsets"]}
    assert errors == {1: [WEIGHTS_80], 2: [SINGLE_PRICE]}
    assert not AwardCriterion.objects.exists()
    response = client.post(
        criteria_step,
        {**criteria_data({lot1: good_criteria(), lot2: good_criteria()}), "continuer": "1"},
    )
    assert response.status_code == 302
    assert response["Location"] == url("summary", market)
    assert lot1.criteria.count() == 3 and lot2.criteria.count() == 3

    # Step 5: complete; the DECP considerations and the clauses' text are on the summary.
    page = text_of(client.get(url("summary", market)))
    assert "Rien ne manque" in page
    assert "Prêt à soumettre" in page
    assert "Clause sociale" in page
    assert "Clause environnementale, Critère environnemental" in page
    assert "soit 833 heures" in page
    response = client.post(url("submit", market))
    assert response.status_code == 302
    assert response["Location"] == url("summary", market)
    market.refresh_from_db()
    assert market.status == MarketStatus.IN_REVIEW
    response = client.get(response["Location"])
    assert messages_of(response) == [
        f"Le marché {market.reference} est soumis à la revue du conseiller achats responsables."
    ]
    assert "Soumettre à la revue" not in text_of(response)
    # Submitted, the summary step says where the contract is, not that it is ready to submit.
    steps = {step.key: step for step in response.context["steps"]}
    assert steps["synthese"].status_label == "En revue"
    assert "Prêt à soumettre" not in text_of(response)


# --- Step 1 -----------------------------------------------------------------------------------


def test_a_contract_without_lots_gets_a_single_lot_of_its_amount(client, bob, cpv_codes):
    client.force_login(bob)
    response = client.post(
        url("create"), needs_data(estimated_amount="250 000,50", main_cpv="39830000")
    )
    market = Market.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("step-needs", market)
    assert market.estimated_amount == Decimal("250000.50")
    assert market.main_cpv == cpv_codes["39830000-9"]
    assert [(lot.number, lot.title, lot.estimated_amount) for lot in market.lots.all()] == [
        (1, "Lot unique", Decimal("250000.50"))
    ]
    response = client.get(response["Location"])
    assert messages_of(response) == [f"Le marché {market.reference} est créé en brouillon."]
    assert 'value="250 000,50"' in text_of(response)


def test_a_word_instead_of_a_cpv_code_lists_the_matching_codes(client, bob, cpv_codes):
    client.force_login(bob)
    response = client.post(url("create"), needs_data(main_cpv="nettoyage", extra_cpvs="papier"))
    assert response.status_code == 200
    assert not Market.objects.exists()
    form = response.context["form"]
    assert form.errors["main_cpv"] == [
        "« nettoyage » n'est pas un code CPV : saisissez le code (39830000-9) ou ses huit "
        "chiffres, ou choisissez l'un des codes proposés."
    ]
    assert response.context["cpv_matches"]["main_cpv"] == [cpv_codes["39830000-9"]]
    assert response.context["cpv_matches"]["extra_cpvs"] == [cpv_codes["33760000-5"]]
    assert "39830000-9</span> — Produits de nettoyage" in text_of(response)


def test_an_unknown_cpv_code_is_refused(client, bob, cpv_codes):
    client.force_login(bob)
    response = client.post(url("create"), needs_data(main_cpv="12345678-1"))
    assert response.context["form"].errors["main_cpv"] == [
        "Le code CPV 12345678-1 n'existe pas dans le vocabulaire chargé."
    ]
    assert not Market.objects.exists()


def test_an_amount_that_is_not_a_number_is_refused_in_french(client, bob, cpv_codes):
    client.force_login(bob)
    response = client.post(url("create"), needs_data(estimated_amount="un million"))
    assert response.context["form"].errors["estimated_amount"] == [
        "Saisissez un montant, par exemple 1 000 000,50."
    ]


def test_lots_are_renumbered_added_and_deleted_on_the_needs_step(client, bob, cpv_codes):
    market = make_market(bob)
    first, second = services.lots_save(
        actor=bob,
        market=market,
        lots=[
            {"number": 1, "title": "A", "estimated_amount": None},
            {"number": 2, "title": "B", "estimated_amount": None},
        ],
    )
    client.force_login(bob)
    initial = needs_data()
    rows = [
        {"id": str(first.pk), "number": "2", "title": "A", "estimated_amount": ""},
        {"id": str(second.pk), "number": "1", "title": "B", "estimated_amount": "", "DELETE": "on"},
        {"number": "3", "title": "C", "estimated_amount": "10 000"},
    ]
    data = {k: v for k, v in initial.items() if not k.startswith("lots-")}
    response = client.post(url("step-needs", market), {**data, **lot_rows(rows, initial=2)})
    assert response.status_code == 302
    assert [(lot.pk, lot.number, lot.title) for lot in market.lots.order_by("number")] == [
        (first.pk, 2, "A"),
        (market.lots.get(title="C").pk, 3, "C"),
    ]


def test_two_lots_with_one_number_are_refused(client, bob, cpv_codes):
    client.force_login(bob)
    rows = [{"number": "1", "title": "A"}, {"number": "1", "title": "B"}]
    response = client.post(url("create"), needs_data(lots=rows))
    assert response.status_code == 200
    assert list(response.context["formset"].non_form_errors()) == ["Deux lots ont le même numéro."]
    assert not Market.objects.exists()


def test_the_cpv_picker_searches_codes_and_labels(client, bob, cpv_codes):
    client.force_login(bob)
    response = client.get(url("cpv-search"), {"q": "nettoyage"})
    assert response.json() == [{"code": "39830000-9", "label": "Produits de nettoyage"}]
    assert [row["code"] for row in client.get(url("cpv-search"), {"q": "3983"}).json()] == [
        "39830000-9",
        "39831000-6",
    ]
    assert client.get(url("cpv-search"), {"q": "x"}).json() == []
    CpvCode.objects.bulk_create(
        CpvCode(code=f"{44000000 + n:08d}-0", label_en=f"Tool {n}") for n in range(30)
    )
    assert len(client.get(url("cpv-search"), {"q": "tool"}).json()) == 20


def test_the_cpv_picker_needs_a_login(client):
    response = client.get(url("cpv-search"), {"q": "nettoyage"})
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_the_steps_say_what_each_one_lacks(client, bob):
    market = make_market(bob)
    client.force_login(bob)
    response = client.get(url("step-assessment", market))
    steps = {step.key: step for step in response.context["steps"]}
    assert [step.key for step in steps.values() if step.current] == ["evaluation"]
    assert (steps["besoin"].missing, steps["evaluation"].missing) == (1, len(Theme))
    assert not steps["synthese"].complete
    page = text_of(response)
    assert f'<a href="{url("step-assessment", market)}"' in page
    assert 'aria-current="step"' in page
    assert "5 éléments manquants" in page
    assert "1 élément manquant" in page


# --- Step 2 -----------------------------------------------------------------------------------


def test_a_theme_not_considered_without_justification_is_refused(client, bob):
    market = make_market(bob)
    client.force_login(bob)
    data = assessment_data(considered_environment="non", justification_environment="  ")
    response = client.post(url("step-assessment", market), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "justification_environment": [
            "Thème « Environnement » non pris en compte : dites pourquoi (justification "
            "obligatoire)."
        ]
    }
    assert not ThemeAssessment.objects.exists()
    data["justification_environment"] = "Prestation intellectuelle sans impact notable."
    response = client.post(url("step-assessment", market), data)
    assert response.status_code == 302
    assert response["Location"] == url("step-assessment", market)
    environment = market.assessments.get(theme=Theme.ENVIRONMENT)
    assert not environment.considered
    assert environment.justification == "Prestation intellectuelle sans impact notable."


def test_the_assessment_is_shown_as_recorded(client, bob, library):
    market = make_ready_market(bob, library)
    client.force_login(bob)
    form = client.get(url("step-assessment", market)).context["form"]
    assert form["considered_working_conditions"].value() == "non"
    assert form["justification_working_conditions"].value() == (
        "Produits fabriqués en Europe, risque faible."
    )
    assert form["considered_environment"].value() == "oui"


# --- Step 3 -----------------------------------------------------------------------------------


def test_a_clause_is_edited_and_removed(client, bob, library):
    market = make_ready_market(bob, library)
    applied = market.clauses.get(clause_version__clause=library["ecolabel"])
    lot2 = market.lots.get(number=2)
    client.force_login(bob)
    edit = url("clause-edit", market, applied_pk=applied.pk)
    response = client.get(edit)
    assert response.context["values_form"]["share"].value() == "80"
    response = client.post(edit, {"placement-lot": str(lot2.pk), "share": "90"})
    assert response.status_code == 302
    applied.refresh_from_db()
    assert applied.lot == lot2
    assert applied.rendered_text.replace(NBSP, " ").startswith("Au moins 90 % des produits")
    response = client.post(url("clause-remove", market, applied_pk=applied.pk))
    assert response.status_code == 302
    assert not AppliedClause.objects.filter(pk=applied.pk).exists()


def test_a_preview_shows_the_text_without_saving(client, bob, library):
    market = make_market(bob)
    client.force_login(bob)
    response = client.post(
        url("clause-add", market, clause_pk=library["ecolabel"].pk),
        {"placement-lot": "", "share": "95", "apercu": "1"},
    )
    assert response.status_code == 200
    assert "Au moins 95 % des produits" in response.context["preview"].replace(NBSP, " ")
    assert not AppliedClause.objects.exists()


def test_the_library_search_lists_usable_clauses(client, bob, library):
    market = make_market(bob)
    client.force_login(bob)
    response = client.get(url("step-clauses", market), {"q": "ESAT"})
    assert [clause.code for clause in response.context["results"]] == ["marche-reserve-ea-esat"]
    assert url("clause-add", market, clause_pk=library["reserved"].pk) in text_of(response)


def test_an_applied_clause_of_another_contract_is_not_found(client, bob, library):
    market = make_ready_market(bob, library)
    other = make_market(bob, title="Autre marché")
    applied = market.clauses.first()
    client.force_login(bob)
    assert client.get(url("clause-edit", other, applied_pk=applied.pk)).status_code == 404
    assert client.post(url("clause-remove", other, applied_pk=applied.pk)).status_code == 404
    assert AppliedClause.objects.filter(pk=applied.pk).exists()


# --- Step 4: art. 35 ------------------------------------------------------------------------


def test_the_climate_law_flags_a_contract_until_a_justification_is_recorded(client, bob, library):
    market = make_market(bob, launch_date=datetime.date(2026, 9, 1))
    (lot,) = services.lots_save(
        actor=bob, market=market, lots=[{"number": 1, "title": "Lot unique"}]
    )
    client.force_login(bob)
    response = client.post(
        url("step-criteria", market), criteria_data({lot: good_criteria(environmental=False)})
    )
    assert response.status_code == 302
    response = client.get(url("step-criteria", market))
    page = text_of(response)
    assert response.context["climate_gaps"] == [
        "aucune condition d'exécution environnementale",
        "le lot 1 n'a pas de critère d'attribution environnemental",
    ]
    assert "le marché sera signalé comme ne respectant pas l'article 35" in page
    summary = text_of(client.get(url("summary", market)))
    assert (
        "Consultation lancée à partir du 21 août 2026 (loi Climat et résilience, art. 35 ; art. "
        "L2112-2 et L2152-7 du code de la commande publique ; décret n° 2022-767) : aucune "
        "condition" in summary
    )
    assert "Marché signalé" in summary

    justification = "Aucun produit de la gamme n'a d'équivalent labellisé."
    data = criteria_data({lot: good_criteria(environmental=False)})
    data["climate_justification"] = justification
    response = client.post(url("step-criteria", market), data)
    assert response.status_code == 302
    market.refresh_from_db()
    assert market.climate_justification == justification
    summary = text_of(client.get(url("summary", market)))
    assert (
        "Consultation lancée à partir du 21 août 2026 (loi Climat et résilience, art. 35 ; art. "
        "L2112-2 et"
    ) not in summary
    assert "Marché signalé" in summary
    assert justification in summary


def test_a_refused_lot_leaves_the_other_lots_criteria_unchanged(client, bob, library):
    market = make_ready_market(bob, library)
    lot1, lot2 = market.lots.order_by("number")
    client.force_login(bob)
    data = criteria_data(
        {
            lot1: [{"kind": "cost", "weight": "100", "DELETE": ""}],
            lot2: [{"kind": "price", "weight": "80"}],
        }
    )
    response = client.post(url("step-criteria", market), data)
    assert response.status_code == 200
    assert [c.kind for c in lot1.criteria.all()] == ["price", "technical", "environmental"]


# --- Review comments --------------------------------------------------------------------------


def test_the_buyer_reads_the_advisors_comments_on_a_sent_back_contract(client, alice, bob, library):
    market = make_ready_market(bob, library)
    services.market_submit(actor=bob, market=market)
    services.market_send_back(
        actor=alice, market=market, comment="Ajoutez un critère social au lot 2."
    )
    client.force_login(bob)
    page = text_of(client.get(url("step-needs", market)))
    assert "Le conseiller achats responsables a renvoyé ce marché." in page
    response = client.get(url("summary", market))
    assert "Ajoutez un critère social au lot 2." in text_of(response)
    assert "Soumettre à la revue" in text_of(response)
    response = client.post(url("submit", market))
    market.refresh_from_db()
    assert market.status == MarketStatus.IN_REVIEW


# --- Access -----------------------------------------------------------------------------------

STEP_PAGES = ["step-needs", "step-assessment", "step-clauses", "step-criteria", "summary"]


@pytest.fixture
def people(alice, bob, dora, head, committee, charlie):
    return {
        "bob": bob,
        "dora": dora,
        "alice": alice,
        "head": head,
        "committee": committee,
        "charlie": charlie,
    }


def edit_control(page, market, library) -> str:
    """What only an editor's page holds: its save button, the link to add a clause, or the
    submission form."""
    if page == "step-clauses":
        return url("clause-add", market, clause_pk=library["ecolabel"].pk)
    if page == "summary":
        return url("submit", market)
    return 'name="continuer"'


@pytest.mark.parametrize("page", STEP_PAGES)
@pytest.mark.parametrize(
    ("person", "status", "editable"),
    [
        ("bob", 200, True),
        ("dora", 403, None),
        ("alice", 200, False),
        ("head", 200, False),
        ("committee", 200, False),
        ("charlie", 404, None),
    ],
)
def test_who_may_open_the_steps(client, people, library, page, person, status, editable):
    market = make_ready_market(people["bob"], library)
    client.force_login(people[person])
    response = client.get(url(page, market))
    assert response.status_code == status
    if status == 200:
        assert response.context["editable"] is editable
        assert (edit_control(page, market, library) in text_of(response)) is editable
        assert bool(response.context["read_only_reason"]) is not editable


@pytest.mark.parametrize("page", [*STEP_PAGES[:2], "step-criteria"])
@pytest.mark.parametrize(
    ("person", "status"),
    [("dora", 403), ("alice", 403), ("head", 403), ("committee", 403), ("charlie", 404)],
)
def test_only_the_buyer_may_post(client, people, library, page, person, status):
    market = make_ready_market(people["bob"], library)
    client.force_login(people[person])
    before = Market.objects.values().get(pk=market.pk)
    data = {**needs_data(title="Changé"), **assessment_data(), "climate_justification": "x"}
    assert client.post(url(page, market), data).status_code == status
    assert Market.objects.values().get(pk=market.pk) == before
    assert market.assessments.get(theme=Theme.SME_SSE).justification == "Allotissement."


@pytest.mark.parametrize(
    ("person", "status"),
    [("dora", 403), ("alice", 403), ("head", 403), ("committee", 403), ("charlie", 404)],
)
def test_only_the_buyer_may_change_clauses_or_submit(client, people, library, person, status):
    market = make_ready_market(people["bob"], library)
    applied = market.clauses.first()
    client.force_login(people[person])
    pages = [
        ("get", url("clause-add", market, clause_pk=library["reserved"].pk)),
        ("post", url("clause-add", market, clause_pk=library["reserved"].pk)),
        ("get", url("clause-edit", market, applied_pk=applied.pk)),
        ("post", url("clause-remove", market, applied_pk=applied.pk)),
        ("post", url("submit", market)),
    ]
    for method, address in pages:
        assert getattr(client, method)(address).status_code == status, address
    assert market.clauses.count() == 2
    market.refresh_from_db()
    assert market.status == MarketStatus.DRAFT


@pytest.mark.parametrize(
    ("person", "status"),
    [("bob", 200), ("dora", 200), ("alice", 403), ("head", 403), ("committee", 403)],
)
def test_only_buyers_may_create_a_contract(client, people, cpv_codes, person, status):
    """dora is a buyer too: she creates contracts, for her own department."""
    client.force_login(people[person])
    assert client.get(url("create")).status_code == status
    response = client.post(url("create"), needs_data())
    assert response.status_code == (302 if status == 200 else 403)
    markets = Market.objects.all()
    if status == 200:
        assert [m.department for m in markets] == [people[person].department]
    else:
        assert not markets.exists()


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, bob, library):
    market = make_ready_market(bob, library)
    applied = market.clauses.first()
    addresses = [url("create"), *(url(page, market) for page in STEP_PAGES)]
    addresses += [
        url("clause-add", market, clause_pk=library["reserved"].pk),
        url("clause-edit", market, applied_pk=applied.pk),
    ]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith(LOGIN)
    for address in [url("submit", market), url("clause-remove", market, applied_pk=applied.pk)]:
        assert client.post(address)["Location"].startswith(LOGIN)
    market.refresh_from_db()
    assert market.status == MarketStatus.DRAFT


def test_a_contract_in_review_is_read_only_for_its_buyer(client, bob, library):
    market = make_ready_market(bob, library)
    services.market_submit(actor=bob, market=market)
    client.force_login(bob)
    response = client.get(url("step-needs", market))
    assert response.status_code == 200
    assert response.context["read_only_reason"] == (
        "Ce marché est « En revue » : il ne se modifie qu'en brouillon ou après un renvoi par "
        "le conseiller."
    )
    assert all(field.disabled for field in response.context["form"].fields.values())
    assert client.post(url("step-needs", market), needs_data(title="Changé")).status_code == 403
    response = client.post(url("submit", market), follow=True)
    assert messages_of(response) == [
        "Impossible de soumettre à la revue : le marché est « En revue » ; il doit être "
        "« Brouillon », « Renvoyé à l'acheteur »."
    ]


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("put", "create"),
        ("put", "step-needs"),
        ("delete", "step-assessment"),
        ("put", "step-clauses"),
        ("put", "step-criteria"),
        ("post", "summary"),
        ("get", "submit"),
        ("get", "clause-remove"),
        ("post", "cpv-search"),
    ],
)
def test_wrong_methods_are_refused(client, bob, library, method, name):
    market = make_ready_market(bob, library)
    kwargs = {}
    if name not in ("create", "cpv-search"):
        kwargs["pk"] = market.pk
    if name == "clause-remove":
        kwargs["applied_pk"] = market.clauses.first().pk
    client.force_login(bob)
    assert getattr(client, method)(url(name, **kwargs)).status_code == 405
    assert market.clauses.count() == 2


# --- Query counts -----------------------------------------------------------------------------


def _with_clauses(bob, library, count: int) -> Market:
    market = make_ready_market(bob, library)
    lots = list(market.lots.all())
    for index in range(count - 2):
        services.applied_clause_add(
            actor=bob,
            market=market,
            clause=library["ecolabel"],
            lot=lots[index % 2],
            values={"share": str(60 + index)},
        )
    return market


@pytest.mark.parametrize("count", [2, 12])
def test_the_summary_reads_a_fixed_number_of_queries(
    client, bob, library, count, django_assert_max_num_queries
):
    market = _with_clauses(bob, library, count)
    client.force_login(bob)
    with django_assert_max_num_queries(SUMMARY_QUERIES):
        response = client.get(url("summary", market))
    assert len(response.context["applied_rows"]) == count


@pytest.mark.parametrize("count", [2, 12])
def test_the_clauses_step_reads_a_fixed_number_of_queries(
    client, bob, library, count, django_assert_max_num_queries
):
    market = _with_clauses(bob, library, count)
    client.force_login(bob)
    with django_assert_max_num_queries(CLAUSES_QUERIES):
        response = client.get(url("step-clauses", market), {"q": "produits"})
    assert len(response.context["applied_rows"]) == count
    assert [clause.code for clause in response.context["results"]] == ["produits-ecolabel"]


# --- The CPV picker in Chromium ---------------------------------------------------------------


@pytest.fixture
def buyer_with_codes(transactional_db, bob, cpv_codes):
    return bob


@pytest.mark.browser
def test_the_cpv_picker_offers_codes_as_the_buyer_types(server_url, buyer_with_codes, browser_page):
    page = browser_page
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(f"{server_url}/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill("bob@roubaix.test")
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.goto(f"{server_url}{url('create')}")

    main = page.get_by_label("Code CPV principal")
    main.press_sequentially("nettoy")
    page.get_by_role("button", name="39830000-9 — Produits de nettoyage").click()
    expect(main).to_have_value("39830000-9")
    extra = page.get_by_label("Codes CPV complémentaires")
    extra.fill("39831000-6 ")
    extra.press_sequentially("hygi")
    page.get_by_role("button", name="33760000-5 — Papier hygiénique").click()
    expect(extra).to_have_value("39831000-6 33760000-5 ")
    assert errors == []


def test_a_refused_assessment_has_a_summary_linking_each_theme_to_its_field(client, bob):
    market = make_market(bob)
    client.force_login(bob)
    data = assessment_data(
        considered_environment="non",
        justification_environment="",
        considered_social_insertion="non",
        justification_social_insertion="",
    )

    page = text_of(client.post(url("step-assessment", market), data))

    start = page.index('id="erreurs"')
    summary = page[start : page.index("</div>", start)]
    assert "data-error-summary" in page[start - 200 : start]
    assert "2 erreurs :" in summary
    assert (
        '<a href="#id_justification_environment" class="alert-link">Environnement — Comment, '
        "ou pourquoi pas : Thème « Environnement » non pris en compte" in summary
    )
    assert '<a href="#id_justification_social_insertion" class="alert-link">Insertion' in summary
