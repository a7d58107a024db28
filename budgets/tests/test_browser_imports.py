"""Chromium, driven by Playwright: a finance officer imports purchases and the head of the
department sees the 20 % office-supplies rule move.

Henri, head of the Direction des lycées (LYC), reads 5,00 % for the office-supplies rule this
year (500 € eco-labelled of a 10,000 € budget), at risk. Fanny, finance officer, uploads the
finance system's export: one line has a bad amount; the page lists it (line 3, column
amount_excl_vat) and nothing is imported. She fixes the file and sends it from the same page,
checks the preview and confirms with the keyboard. Henri then reads 20,00 %, met. No page breaks
the Content Security Policy."""

import csv
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.tests.factories import (
    TEST_PASSWORD,
    DepartmentFactory,
    OrganisationFactory,
    UserFactory,
)
from budgets.imports import PURCHASE_COLUMNS
from budgets.selectors.common import current_year
from budgets.services.budgets import budget_set
from budgets.tests.factories import make_purchases, make_seed_rules
from clauses.models import PurchaseFamily
from core.siret import make_siret

# Chromium, the live server (`server_url`) and the page (`browser_page`) come from the root
# conftest.py.
pytestmark = pytest.mark.browser

FINANCE = "fanny.finances@npdc.test"
HEAD = "henri.chef@npdc.test"
BAD_AMOUNT = (
    "« mille deux » n'est pas un montant : écrivez par exemple 1234,56 (ou -80,00 pour un avoir)."
)


@pytest.fixture
def people(transactional_db, settings, tmp_path):
    """The council with its lycées department, its head, a finance officer, the seed's rules
    in force since this year, a 10,000 € office-supplies budget and one 500 € eco-labelled
    purchase."""
    settings.MEDIA_ROOT = tmp_path / "media"
    organisation = OrganisationFactory(
        name="Conseil régional Nord-Pas-de-Calais", slug="npdc", siret=make_siret(50_000_004)
    )
    lyc = DepartmentFactory(organisation=organisation, code="LYC", name="Direction des lycées")
    finance = UserFactory(
        email=FINANCE,
        first_name="Fanny",
        last_name="Finances",
        organisation=organisation,
        department=None,
        roles=[Role.FINANCE_OFFICER],
    )
    UserFactory(
        email=HEAD,
        first_name="Henri",
        last_name="Chef",
        organisation=organisation,
        department=lyc,
        roles=[Role.DEPARTMENT_HEAD],
    )
    clause_admin = UserFactory(
        organisation=organisation, department=None, roles=[Role.CLAUSE_ADMIN]
    )
    year = current_year()
    rules = make_seed_rules(clause_admin, first_year=year)
    budget_set(
        actor=finance,
        department=lyc,
        year=year,
        family=PurchaseFamily.objects.get(code="office-supplies"),
        amount=Decimal("10000"),
    )
    make_purchases(
        organisation,
        [
            {
                "reference": "MANDAT-0001",
                "date": f"{year}-01-01",
                "department": "LYC",
                "amount_excl_vat": "500,00",
                "eco_labels": "eu-ecolabel",
            }
        ],
    )
    return {"office_rule": rules[0], "year": year}


def write_export(path, rows):
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(PURCHASE_COLUMNS)
        writer.writerows(rows)
    return path


def export_rows(year: int, amount: str):
    line = {
        "reference": "",
        "date": f"02/01/{year}",
        "department": "LYC",
        "family": "office-supplies",
        "supplier": "Bureau Vert Hauts-de-France",
        "description": "",
        "amount_excl_vat": "",
        "eco_labels": "",
        "recycled_content": "",
        "reuse": "non",
    }
    return [
        [*{**line, "reference": "MANDAT-0002", "description": "Stylos écolabellisés",
           "amount_excl_vat": "1 500,00", "eco_labels": "eu-ecolabel"}.values()],
        [*{**line, "reference": "MANDAT-0003", "description": "Classeurs plastique",
           "amount_excl_vat": amount}.values()],
    ]  # fmt: skip


def field(scope, label):
    """The control of a label, whether or not it carries the required-field asterisk."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def log_in(page, server_url, email):
    page.goto(f"{server_url}/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(f"{server_url}/")


def log_out(page):
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page).to_have_url(re.compile(r"/compte/connexion/$"))


def office_rule_section(page, rule):
    return page.get_by_role("region", name=rule.name)


def read_compliance(page, rule, menu):
    """From the menu, the compliance page of this year; the office-supplies row of LYC."""
    menu(page, "Respect des règles")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Respect des règles d'achat")
    section = office_rule_section(page, rule)
    table = section.get_by_role("table")
    expect(table.locator("tbody tr")).to_have_count(1)
    return table.locator("tbody tr")


def test_an_import_with_a_bad_line_is_fixed_and_moves_the_departments_ratio(
    people, server_url, tmp_path, menu_click, browser_page
):
    page = browser_page
    menu = menu_click
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    rule, year = people["office_rule"], people["year"]

    # Henri reads 5,00 % of the 20 % target: at risk.
    log_in(page, server_url, HEAD)
    row = read_compliance(page, rule, menu)
    expect(row.locator("th")).to_have_text("LYC")
    expect(row.locator("td.compliance-ratio")).to_have_text("5,00\u00a0%")
    expect(row).to_contain_text("En risque")
    expect(row.get_by_role("img")).to_have_accessible_name("5,00 % atteints pour un seuil de 20 %")
    log_out(page)

    # Fanny sends the export: line 3 has an amount in words.
    log_in(page, server_url, FINANCE)
    menu(page, "Imports")
    expect(page.get_by_role("heading", level=1)).to_have_text("Imports")
    page.get_by_role("link", name="Importer un fichier").click()
    expect(page.get_by_role("radio", name="Achats")).to_be_checked()
    bad = write_export(tmp_path / "export-janvier.csv", export_rows(year, "mille deux"))
    field(page, "Fichier").set_input_files(bad)
    page.get_by_role("button", name="Vérifier le fichier").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("export-janvier.csv")
    expect(page.get_by_role("alert")).to_contain_text(
        "Le fichier est refusé : 1 erreur. Rien n'a été enregistré."
    )
    errors = page.get_by_role("table", name=re.compile("Chaque erreur du fichier"))
    expect(errors.locator("tbody tr")).to_have_count(1)
    expect(errors.locator("tbody tr td")).to_have_text(["3", "amount_excl_vat", BAD_AMOUNT])
    expect(page.get_by_role("button", name="Confirmer l'import")).to_have_count(0)

    # The corrected file, from the same page.
    fixed = write_export(tmp_path / "export-janvier-corrige.csv", export_rows(year, "1002,00"))
    correction = page.get_by_role("region", name="Envoyer le fichier corrigé")
    expect(correction.get_by_role("radio", name="Achats")).to_be_checked()
    field(correction, "Fichier").set_input_files(fixed)
    correction.get_by_role("button", name="Vérifier le fichier").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("export-janvier-corrige.csv")
    expect(page.get_by_role("status").filter(has_text="aucune erreur")).to_be_visible()
    expect(page.locator("#lignes-ajoutees")).to_have_text("2")
    preview = page.get_by_role("table", name=re.compile("premières lignes du fichier"))
    expect(preview.locator("tbody tr")).to_have_count(2)
    expect(preview.locator("tbody tr").nth(1)).to_contain_text("1002,00")
    # Keyboard only: the button takes the focus and Enter submits.
    page.get_by_role("button", name="Confirmer l'import").focus()
    page.keyboard.press("Enter")

    expect(page.locator("#resultat-import")).to_contain_text("Import terminé : 2 lignes ajoutées.")
    expect(page.locator(".import-status")).to_have_text("Importé")
    menu(page, "Imports")
    listing = page.get_by_role("table", name="Imports de votre organisation")
    expect(listing.locator("tbody tr")).to_have_count(3)
    expect(listing.locator("tbody tr").first).to_contain_text("export-janvier-corrige.csv")
    expect(listing.locator("tbody tr").first).to_contain_text("Fanny Finances")
    log_out(page)

    # Henri reads 20,00 %: 2,000 € eco-labelled of 10,000 €, the target is reached.
    log_in(page, server_url, HEAD)
    row = read_compliance(page, rule, menu)
    expect(row.locator("td.compliance-ratio")).to_have_text("20,00\u00a0%")
    expect(row).to_contain_text("Atteint")
    expect(row).to_contain_text("2 000,00")
    row.get_by_role("link", name=re.compile("^qui comptent")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Achats qui comptent pour la règle")
    purchases = page.get_by_role("table", name=re.compile("Achats qui comptent"))
    expect(purchases.locator("tbody tr")).to_have_count(2)
    expect(purchases).to_contain_text("MANDAT-0002")
    expect(purchases).to_contain_text("Écolabel européen")

    assert violations == []
