"""Chromium, driven by Playwright, through the whole review of a contract for cleaning products.

A buyer creates the contract with two lots, answers the sustainable-development assessment,
adds the suggested eco-label clause (lot 1) and the insertion clause (whole contract, hours
computed: 833 h), sets the award criteria of each lot after the page refused wrong weights
and a single price criterion, and submits. The advisor sends it back with a comment; the
buyer reads it, adds an environmental criterion to lot 1 and submits again; the advisor
approves, and the contract page shows its status and the whole timeline.

The consultation is launched on 4 May 2026, before 22 August 2026: the art. 35 rule of the
loi Climat et résilience does not apply, so no climate justification is asked for."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.tests.factories import (
    TEST_PASSWORD,
    DepartmentFactory,
    OrganisationFactory,
    UserFactory,
)
from clauses.models import CpvCode
from purchasing.tests.factories import make_library

# Chromium, the live server (`server_url`) and the page (`browser_page`) come from the root
# conftest.py.
pytestmark = pytest.mark.browser

BUYER = "camille.acheteuse@npdc.test"
ADVISOR = "alix.conseil@npdc.test"
TITLE = "Fourniture de produits d'entretien pour les lycées"
SEND_BACK_COMMENT = "Ajoutez un critère environnemental au lot 1"
WEIGHTS_90 = "Les pondérations doivent totaliser exactement 100 % : elles font 90 %."
SINGLE_PRICE = (
    "Un critère unique ne peut être que le coût, pas le prix (décret n° 2022-767) : "
    "choisissez le coût ou ajoutez d'autres critères."
)
WORKING_CONDITIONS = "Conditions de travail dans la chaîne d'approvisionnement"
NO_JUSTIFICATION = (
    f"Thème « {WORKING_CONDITIONS} » non pris en compte : dites pourquoi (justification "
    "obligatoire)."
)
THEMES = (
    "Environnement",
    "Insertion sociale",
    WORKING_CONDITIONS,
    "Économie circulaire",
    "Accès des PME et des entreprises de l'économie sociale et solidaire",
)
ECOLABEL = "Produits d'entretien écolabellisés"
INSERTION = "Insertion par l'activité économique"


@pytest.fixture
def people(transactional_db):
    """A buyer of the Direction des lycées, the organisation's advisor, and the clause library
    of make_library (family "Produits d'entretien", eco-label and insertion clauses) written
    by its clause administrator; the CPV code of cleaning products."""
    organisation = OrganisationFactory(name="Conseil régional Nord-Pas-de-Calais", slug="npdc")
    department = DepartmentFactory(
        organisation=organisation, code="LYC", name="Direction des lycées"
    )
    buyer = UserFactory(
        email=BUYER,
        first_name="Camille",
        last_name="Martin",
        organisation=organisation,
        department=department,
        roles=[Role.BUYER],
    )
    advisor = UserFactory(
        email=ADVISOR,
        first_name="Alix",
        last_name="Conseil",
        organisation=organisation,
        department=None,
        roles=[Role.ADVISOR],
    )
    clause_admin = UserFactory(
        email="claude.clauses@npdc.test",
        organisation=organisation,
        department=None,
        roles=[Role.CLAUSE_ADMIN],
    )
    make_library(clause_admin)
    CpvCode.objects.get_or_create(
        code="39830000-9",
        defaults={"label_en": "Cleaning products", "label_fr": "Produits de nettoyage"},
    )
    return {"buyer": buyer, "advisor": advisor}


def field(scope, label):
    """The control of a label, whether or not it carries the required-field asterisk."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def flash(page):
    """The messages the application shows after an action."""
    return page.locator(".messages[role=status]")


def definition(page, term):
    """The <dd> of a term of a description list."""
    return page.locator(f"dt:text-is('{term}') + dd")


def status_badge(page):
    return page.locator(".market-status")


def log_in(page, server_url, email):
    page.goto(f"{server_url}/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(f"{server_url}/")


def log_out(page):
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page).to_have_url(re.compile(r"/compte/connexion/$"))


def save(page):
    page.get_by_role("button", name="Enregistrer", exact=True).click()


def save_and_continue(page):
    page.get_by_role("button", name="Enregistrer et continuer").click()


def fill_criterion(lot_group, row, *, kind=None, weight=None):
    if kind is not None:
        field(lot_group, "Nature").nth(row).select_option(label=kind)
    if weight is not None:
        field(lot_group, "Pondération (%)").nth(row).fill(str(weight))


def open_from_review_queue(page, server_url, reference):
    page.goto(f"{server_url}/marches/revue/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Marchés à relire")
    queue = page.get_by_role("table", name="Marchés en revue")
    expect(queue.locator("tbody tr")).to_have_count(1)
    expect(queue).to_contain_text(TITLE)
    expect(queue).to_contain_text("Camille Martin")
    queue.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(status_badge(page)).to_have_text("En revue")


def create_contract(page, server_url) -> tuple[str, str]:
    """Step 1: the needs and two lots. Returns the contract's reference and its URL root."""
    page.goto(f"{server_url}/marches/nouveau/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouveau marché")
    field(page, "Objet du marché").fill(TITLE)
    field(page, "Famille d'achat").select_option(label="Produits d'entretien")
    field(page, "Code CPV principal").fill("39830000-9")
    schedule = page.get_by_role("group", name="Procédure, montant et calendrier")
    field(schedule, "Nature").select_option(label="Accord-cadre")
    field(schedule, "Procédure").select_option(label="Appel d'offres ouvert")
    field(schedule, "Montant estimé HT (€)").fill("1 000 000")
    field(schedule, "Durée (mois)").fill("48")
    field(schedule, "Lieu d'exécution").fill("Lille")
    field(schedule, "Code postal du lieu d'exécution").fill("59000")
    field(schedule, "Date de lancement de la consultation").fill("2026-05-04")

    # Two empty lot rows are offered, numbered 1 and 2.
    new_lots = page.get_by_role("group", name="Nouveau lot", exact=True)
    expect(new_lots).to_have_count(2)
    first, second = new_lots.nth(0), new_lots.nth(1)
    expect(field(first, "Numéro")).to_have_value("1")
    expect(field(second, "Numéro")).to_have_value("2")
    field(first, "Intitulé").fill("Produits d'entretien")
    field(first, "Montant estimé HT (€)").fill("600 000")
    field(second, "Intitulé").fill("Petit matériel")
    field(second, "Montant estimé HT (€)").fill("400 000")
    save(page)

    expect(flash(page)).to_contain_text(re.compile(r"Le marché \S+ est créé en brouillon\."))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(status_badge(page)).to_have_text("Brouillon")
    match = re.search(r"^(.*/marches/\d+/)besoin/$", page.url)
    assert match, page.url
    root = match.group(1)
    reference = re.search(r"Le marché (\S+) est", flash(page).inner_text()).group(1)

    expect(page.get_by_role("group", name="Lot 1", exact=True)).to_be_visible()
    expect(page.get_by_role("group", name="Lot 2", exact=True)).to_be_visible()
    save_and_continue(page)

    expect(flash(page)).to_contain_text("Le besoin et les lots sont enregistrés.")
    expect(page).to_have_url(f"{root}evaluation/")
    return reference, root


def answer_assessment(page):
    """Step 2: every theme answered, working conditions not considered (the page first asks
    for the missing justification)."""
    expect(
        page.get_by_role("heading", level=2, name="Évaluation développement durable")
    ).to_be_visible()
    for theme in THEMES:
        group = page.get_by_role("group", name=theme, exact=True)
        if theme == WORKING_CONDITIONS:
            group.get_by_label("Non pris en compte", exact=True).check()
        else:
            group.get_by_label("Pris en compte", exact=True).check()
            field(group, "Comment, ou pourquoi pas").fill(f"Pris en compte : {theme.lower()}.")
    save_and_continue(page)

    working_conditions = page.get_by_role("group", name=WORKING_CONDITIONS, exact=True)
    expect(working_conditions).to_contain_text(NO_JUSTIFICATION)
    expect(working_conditions.get_by_label("Non pris en compte", exact=True)).to_be_checked()
    field(working_conditions, "Comment, ou pourquoi pas").fill(
        "Produits fabriqués en Europe, risque faible."
    )
    save_and_continue(page)
    expect(flash(page)).to_contain_text("L'évaluation développement durable est enregistrée.")


def add_clauses(page, root):
    """Step 3: the two suggested clauses."""
    expect(page).to_have_url(f"{root}clauses/")
    expect(
        page.get_by_text("Aucune clause pour l'instant : commencez par les clauses suggérées.")
    ).to_be_visible()
    suggestions = page.locator("section[aria-labelledby=suggestions]")
    expect(suggestions.get_by_role("listitem")).to_have_count(2)
    ecolabel = suggestions.get_by_role("listitem").filter(has_text=ECOLABEL)
    expect(ecolabel).to_contain_text("Famille « Produits d'entretien »")
    expect(ecolabel).to_contain_text("Préfixe CPV 398")
    suggestions.get_by_role("link", name=f"Ajouter {ECOLABEL}").click()

    expect(page.get_by_role("heading", name=f"Ajouter la clause « {ECOLABEL} »")).to_be_visible()
    field(page, "S'applique à").select_option(label="Lot 1 — Produits d'entretien")
    expect(field(page, "Part écolabellisée (%)")).to_have_value("80")
    page.get_by_role("button", name="Ajouter au marché").click()
    expect(flash(page)).to_contain_text(f"La clause « {ECOLABEL} » est ajoutée au marché.")
    expect(page.get_by_role("heading", name="1 clause dans le marché")).to_be_visible()

    page.get_by_role("link", name=f"Ajouter {INSERTION}").click()
    expect(page.get_by_role("heading", name=f"Ajouter la clause « {INSERTION} »")).to_be_visible()
    expect(field(page, "S'applique à")).to_have_value("")  # the whole contract
    field(page, "Taux d'insertion (%)").fill("5")
    field(page, "Part de main-d'œuvre (%)").fill("50")
    field(page, "Coût horaire (€/h)").fill("30")
    field(page, "Heures d'insertion").fill("")
    page.get_by_role("button", name="Voir le texte avec ces valeurs").click()
    inserted = page.locator("section[aria-labelledby=texte-insere]")
    expect(inserted).to_contain_text("Heures d'insertion : 833 h")
    expect(inserted).to_contain_text("1 000 000,00 € × 50 % × 5 % ÷ 30 €/h = 833 h")
    expect(inserted).to_contain_text("soit 833 heures, à des personnes en insertion.")
    page.get_by_role("button", name="Ajouter au marché").click()

    expect(flash(page)).to_contain_text(f"La clause « {INSERTION} » est ajoutée au marché.")
    expect(page.get_by_role("heading", name="2 clauses dans le marché")).to_be_visible()
    insertion = page.get_by_role("article", name=INSERTION)
    expect(insertion).to_contain_text("Tout le marché")
    expect(insertion).to_contain_text("Heures d'insertion : 833 h")
    expect(page.get_by_role("article", name=ECOLABEL)).to_contain_text(
        "Lot 1 — Produits d'entretien"
    )
    page.get_by_role("link", name="Continuer vers les critères").click()


def set_criteria(page, root):
    """Step 4: wrong weights on lot 1 and a single price criterion on lot 2 are refused, each
    with its message; then price 60 / technical 40 on both lots."""
    expect(page).to_have_url(f"{root}criteres/")
    lot_1 = page.get_by_role("group", name="Lot 1 — Produits d'entretien")
    lot_2 = page.get_by_role("group", name="Lot 2 — Petit matériel")
    fill_criterion(lot_1, 0, kind="Prix", weight=60)
    fill_criterion(lot_1, 1, kind="Valeur technique", weight=30)
    fill_criterion(lot_2, 0, kind="Prix", weight=100)
    save_and_continue(page)

    expect(page).to_have_url(f"{root}criteres/")
    expect(lot_1.get_by_role("alert")).to_have_text(WEIGHTS_90)
    expect(lot_2.get_by_role("alert")).to_have_text(SINGLE_PRICE)
    expect(flash(page)).to_have_count(0)
    # The page keeps what was typed.
    expect(field(lot_1, "Pondération (%)").nth(1)).to_have_value("30")

    fill_criterion(lot_1, 1, weight=40)
    fill_criterion(lot_2, 0, weight=60)
    fill_criterion(lot_2, 1, kind="Valeur technique", weight=40)
    save_and_continue(page)
    expect(flash(page)).to_contain_text("Les critères d'attribution sont enregistrés.")
    expect(page).to_have_url(f"{root}synthese/")


def submit(page, reference):
    expect(
        page.get_by_text("Rien ne manque : le marché peut être soumis à la revue.")
    ).to_be_visible()
    page.get_by_role("button", name="Soumettre à la revue").click()
    expect(flash(page)).to_contain_text(
        f"Le marché {reference} est soumis à la revue du conseiller achats responsables."
    )
    expect(status_badge(page)).to_have_text("En revue")
    expect(page.get_by_role("button", name="Soumettre à la revue")).to_have_count(0)


def test_a_contract_is_sent_back_then_approved(server_url, people, browser_page):
    page = browser_page

    # --- The buyer prepares the contract and submits it. ---
    log_in(page, server_url, BUYER)
    reference, root = create_contract(page, server_url)
    answer_assessment(page)
    add_clauses(page, root)
    set_criteria(page, root)

    lots = page.get_by_role("table", name="Lots du marché, leur montant et leurs critères")
    expect(lots.locator("tbody tr").nth(0)).to_contain_text("Prix 60 % ; Valeur technique 40 %")
    expect(lots.locator("tbody tr").nth(1)).to_contain_text("Prix 60 % ; Valeur technique 40 %")
    expect(definition(page, "Considérations sociales")).to_have_text("Clause sociale")
    expect(definition(page, "Considérations environnementales")).to_have_text(
        "Clause environnementale"
    )
    expect(page.get_by_text("Total des heures d'insertion du marché : 833 h")).to_be_visible()
    submit(page, reference)
    log_out(page)

    # --- The advisor sends it back with a comment. ---
    log_in(page, server_url, ADVISOR)
    open_from_review_queue(page, server_url, reference)
    page.get_by_role("link", name="Renvoyer à l'acheteur").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Renvoyer à l'acheteur")
    page.get_by_role("button", name="Renvoyer à l'acheteur").click()
    # Said in the summary at the top, which takes the focus, and under the field.
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(
        page.get_by_role("link", name=re.compile("le commentaire est obligatoire"))
    ).to_be_visible()
    expect(
        page.get_by_text(
            "Dites à l'acheteur ce qu'il doit reprendre : le commentaire est obligatoire.",
            exact=True,
        )
    ).to_be_visible()
    field(page, "Ce que l'acheteur doit reprendre").fill(SEND_BACK_COMMENT)
    page.get_by_role("button", name="Renvoyer à l'acheteur").click()
    expect(flash(page)).to_contain_text(
        "Le marché est renvoyé à l'acheteur avec votre commentaire."
    )
    expect(status_badge(page)).to_have_text("Renvoyé à l'acheteur")
    page.goto(f"{server_url}/marches/revue/")
    expect(page.get_by_text("Aucun marché n'attend votre revue.")).to_be_visible()
    log_out(page)

    # --- The buyer reads the comment, adds an environmental criterion, submits again. ---
    log_in(page, server_url, BUYER)
    page.goto(root)
    expect(status_badge(page)).to_have_text("Renvoyé à l'acheteur")
    expect(
        page.get_by_text("Le conseiller achats responsables a renvoyé ce marché à l'acheteur.")
    ).to_be_visible()
    comments = page.locator("section[aria-labelledby=commentaires]")
    expect(comments).to_contain_text(SEND_BACK_COMMENT)
    expect(comments).to_contain_text("Alix Conseil")
    page.get_by_role("link", name="Synthèse et soumission à la revue").click()
    expect(page).to_have_url(f"{root}synthese/")
    expect(page.locator("section[aria-labelledby=commentaires]")).to_contain_text(SEND_BACK_COMMENT)
    page.get_by_role("link", name="modifier les critères").click()

    expect(page).to_have_url(f"{root}criteres/")
    expect(
        page.get_by_text("Le conseiller achats responsables a renvoyé ce marché.")
    ).to_be_visible()
    lot_1 = page.get_by_role("group", name="Lot 1 — Produits d'entretien")
    expect(field(lot_1, "Nature").nth(0)).to_have_value("price")
    expect(field(lot_1, "Nature").nth(1)).to_have_value("technical")
    fill_criterion(lot_1, 0, weight=50)
    fill_criterion(lot_1, 1, weight=30)
    fill_criterion(lot_1, 2, kind="Performance environnementale", weight=20)
    save_and_continue(page)
    expect(flash(page)).to_contain_text("Les critères d'attribution sont enregistrés.")
    lots = page.get_by_role("table", name="Lots du marché, leur montant et leurs critères")
    expect(lots.locator("tbody tr").nth(0)).to_contain_text(
        "Prix 50 % ; Valeur technique 30 % ; Performance environnementale 20 %"
    )
    expect(lots.locator("tbody tr").nth(1)).to_contain_text("Prix 60 % ; Valeur technique 40 %")
    expect(definition(page, "Considérations environnementales")).to_have_text(
        "Clause environnementale, Critère environnemental"
    )
    submit(page, reference)
    log_out(page)

    # --- The advisor approves. ---
    log_in(page, server_url, ADVISOR)
    open_from_review_queue(page, server_url, reference)
    criteria = page.get_by_role("table", name="Critères d'attribution de chaque lot")
    expect(criteria).to_contain_text("Performance environnementale")
    page.get_by_role("link", name="Valider le marché").click()
    # A confirmation page (no script) says what will happen before anything is done.
    expect(page.get_by_role("heading", level=1)).to_have_text("Valider le marché")
    expect(page.get_by_role("region", name="Ce qui va se passer")).to_contain_text(
        "Il ne peut plus être modifié par l'acheteur ni lui être renvoyé."
    )
    field(page, "Commentaire (facultatif)").fill("Critères conformes, merci.")
    page.get_by_role("button", name="Confirmer : Valider le marché").click()

    expect(flash(page)).to_contain_text("Le marché est validé : l'acheteur peut le publier.")
    expect(status_badge(page)).to_have_text("Validé")
    expect(page.get_by_role("link", name="Valider le marché")).to_have_count(0)
    expect(page.get_by_role("link", name="Renvoyer à l'acheteur")).to_have_count(0)
    timeline = page.get_by_role("table", name=re.compile(r"^Étapes du marché"))
    steps = timeline.locator("tbody tr")
    expect(steps).to_have_count(5)
    expect(steps.nth(0)).to_contain_text("Camille Martin")
    expect(steps.nth(0)).to_contain_text("Création → Brouillon")
    expect(steps.nth(1)).to_contain_text("Camille Martin")
    expect(steps.nth(1)).to_contain_text("Brouillon → En revue")
    expect(steps.nth(2)).to_contain_text("Alix Conseil")
    expect(steps.nth(2)).to_contain_text("En revue → Renvoyé à l'acheteur")
    expect(steps.nth(2)).to_contain_text(SEND_BACK_COMMENT)
    expect(steps.nth(3)).to_contain_text("Camille Martin")
    expect(steps.nth(3)).to_contain_text("Renvoyé à l'acheteur → En revue")
    expect(steps.nth(4)).to_contain_text("Alix Conseil")
    expect(steps.nth(4)).to_contain_text("En revue → Validé")
    expect(steps.nth(4)).to_contain_text("Critères conformes, merci.")
