"""Chromium, driven by Playwright: an administrator writes and approves a clause with a
parameter, then a buyer of the same organisation finds it and reads its example."""

import re

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import TEST_PASSWORD

# Chromium, the live server (`server_url`) and the page (`browser_page`) come from the root
# conftest.py.
pytestmark = pytest.mark.browser


@pytest.fixture
def people(transactional_db, alice, bob):
    """alice administers Roubaix's clause library, bob buys for Roubaix (see conftest.py)."""
    return alice, bob


def field(page, label):
    """The control of a label, whether or not it carries the required-field asterisk."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def log_in(page, server_url, email):
    page.goto(f"{server_url}/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(f"{server_url}/")


def test_an_approved_clause_is_found_and_read_by_a_buyer(
    server_url, people, menu_click, browser_page
):
    page = browser_page
    log_in(page, server_url, "alice@roubaix.test")

    menu_click(page, "Clauses")
    page.get_by_role("link", name="Nouvelle clause").click()
    field(page, "Code").fill("vehicules-propres")
    field(page, "Titre").fill("Véhicules à faibles émissions")
    field(page, "Texte").fill("Au moins {share} des véhicules livrés sont à faibles émissions.")
    field(page, "Nom dans le texte").fill("share")
    field(page, "Libellé").fill("Part de véhicules propres")
    field(page, "Type").select_option(label="Pourcentage")
    field(page, "Minimum").fill("50")
    field(page, "Valeur par défaut").fill("80")
    field(page, "Catégorie").select_option(label="Environnementale")
    field(page, "Nature").select_option(label="Spécification technique")
    field(page, "Considération DECP").select_option(label="Clause environnementale")
    field(page, "Objectif de durabilité OCDS").select_option(
        label="Réduction des émissions de carbone"
    )
    page.get_by_role("button", name="Enregistrer le brouillon").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Véhicules à faibles émissions")
    expect(page.get_by_role("status")).to_contain_text(
        "La clause vehicules-propres est enregistrée en brouillon."
    )
    page.get_by_role("link", name="Approuver").click()
    expect(page.get_by_role("region", name="Ce qui va se passer")).to_contain_text(
        "Les acheteurs peuvent l'ajouter à leurs marchés dès maintenant."
    )
    page.get_by_role("button", name="Approuver la version 1").click()
    expect(page.get_by_role("status")).to_contain_text(
        "La clause vehicules-propres est approuvée : version 1."
    )
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page).to_have_url(re.compile(r"/compte/connexion/$"))

    log_in(page, server_url, "bob@roubaix.test")
    page.goto(f"{server_url}/clauses/")
    field(page, "Rechercher").fill("VEHICULE emissions")
    page.get_by_role("button", name="Rechercher", exact=True).click()

    expect(page.get_by_role("status")).to_have_text("1 clause")
    page.get_by_role("link", name="Véhicules à faibles émissions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Véhicules à faibles émissions")
    example = page.locator(".clause-example")
    expect(example).to_have_text(
        "Au moins 80\u00a0% des véhicules livrés sont à faibles émissions."
    )
    expect(page.get_by_role("link", name="Approuver")).to_have_count(0)
    expect(page.get_by_role("link", name="Modifier")).to_have_count(0)
