"""Chromium, driven by Playwright, through a training session: the coordinator creates a
session of one place for the network from the « Formations » menu and publishes it; a buyer of
a member town takes the place, a buyer of the council goes on the waiting list; the first
cancels and the second finds the place is hers. No page breaks the Content-Security-Policy."""

import datetime
import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.tests.factories import (
    TEST_PASSWORD,
    DepartmentFactory,
    OrganisationFactory,
    UserFactory,
)
from network.tests.factories import make_network

pytestmark = pytest.mark.browser

COORDINATOR = "isabelle.reseau@npdc.test"
TOWN_BUYER = "benoit.acheteur@tourcoing.test"
COUNCIL_BUYER = "camille.acheteuse@npdc.test"
TITLE = "Les clauses sociales d'insertion"


@pytest.fixture
def people(transactional_db):
    cache.clear()
    council = OrganisationFactory(name="Conseil régional Nord-Pas-de-Calais", slug="npdc")
    town = OrganisationFactory(name="Ville de Tourcoing", slug="tourcoing")
    make_network(council, [town])
    for email, first_name, last_name, organisation, roles in (
        (COORDINATOR, "Isabelle", "Girard", council, [Role.NETWORK_COORDINATOR]),
        (TOWN_BUYER, "Benoît", "Delcourt", town, [Role.BUYER]),
        (COUNCIL_BUYER, "Camille", "Martin", council, [Role.BUYER]),
    ):
        UserFactory(
            email=email,
            first_name=first_name,
            last_name=last_name,
            organisation=organisation,
            department=DepartmentFactory(organisation=organisation),
            roles=roles,
        )


def log_in(page, server_url, email):
    page.goto(f"{server_url}/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(f"{server_url}/")


def log_out(page):
    page.get_by_role("button", name="Se déconnecter").click()


def field(page, label):
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def open_session(page, menu_click):
    menu_click(page, "Formations")
    page.get_by_role("link", name=TITLE).click()


def test_a_session_is_published_then_its_last_place_moves_down_the_waiting_list(
    people, server_url, menu_click, browser_page
):
    page = browser_page
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    day = datetime.date.today() + datetime.timedelta(days=30)

    log_in(page, server_url, COORDINATOR)
    menu_click(page, "Formations")
    page.get_by_role("link", name="Nouvelle session").click()
    field(page, "Titre").fill(TITLE)
    field(page, "Module").fill("Module 2 — Clauses sociales et insertion")
    field(page, "Formateur ou formatrice").fill("Mehdi Benaïssa")
    field(page, "Début").fill(f"{day.isoformat()}T09:00")
    field(page, "Fin").fill(f"{day.isoformat()}T12:00")
    field(page, "Lieu").fill("Hôtel de Région, Lille")
    page.get_by_label("Les membres du réseau").check()
    field(page, "Nombre de places").fill("1")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("La session est enregistrée en brouillon")
    page.get_by_role("button", name="Publier la session").click()
    expect(page.locator(".messages")).to_contain_text("La session est publiée")
    log_out(page)

    log_in(page, server_url, TOWN_BUYER)
    open_session(page, menu_click)
    expect(page.get_by_role("link", name="Modifier")).to_have_count(0)
    page.get_by_role("button", name="M'inscrire").click()
    expect(page.locator(".messages")).to_contain_text("Vous êtes inscrit·e à la session.")
    log_out(page)

    log_in(page, server_url, COUNCIL_BUYER)
    open_session(page, menu_click)
    page.get_by_role("button", name="M'inscrire sur la liste d'attente").click()
    expect(page.locator(".messages")).to_contain_text("vous êtes sur la liste d'attente")
    log_out(page)

    log_in(page, server_url, TOWN_BUYER)
    open_session(page, menu_click)
    page.get_by_role("link", name="Annuler mon inscription").click()
    expect(page.get_by_role("region", name="Ce qui va se passer")).to_contain_text(
        "La place libérée va aussitôt à la première personne de la liste d'attente"
    )
    page.get_by_role("button", name="Confirmer l'annulation").click()
    expect(page.locator(".messages")).to_contain_text("Votre inscription est annulée.")
    log_out(page)

    log_in(page, server_url, COUNCIL_BUYER)
    open_session(page, menu_click)
    expect(page.get_by_role("region", name="Mon inscription")).to_contain_text("Inscrit")
    expect(page.get_by_role("link", name="Annuler mon inscription")).to_be_visible()
    assert violations == []
