"""Chromium, driven by Playwright, through a meeting of the network: the coordinator opens the
network from the menu, plans a meeting on the textile theme with its agenda; a buyer of a
member town registers from the meeting page and downloads the iCalendar file, which holds the
meeting; the coordinator's management buttons are not offered to the buyer. No page breaks the
Content-Security-Policy (no inline script or style)."""

import datetime
import re

import icalendar
import pytest
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
BUYER = "benoit.acheteur@tourcoing.test"
TITLE = "Rencontre : le textile et les conditions de travail"


@pytest.fixture
def people(transactional_db):
    council = OrganisationFactory(name="Conseil régional Nord-Pas-de-Calais", slug="npdc")
    town = OrganisationFactory(name="Ville de Tourcoing", slug="tourcoing")
    make_network(council, [town])
    UserFactory(
        email=COORDINATOR,
        first_name="Isabelle",
        last_name="Girard",
        organisation=council,
        department=None,
        roles=[Role.NETWORK_COORDINATOR],
    )
    UserFactory(
        email=BUYER,
        first_name="Benoît",
        last_name="Delcourt",
        organisation=town,
        department=DepartmentFactory(organisation=town, code="ACH", name="Achats"),
        roles=[Role.BUYER],
    )


def log_in(page, server_url, email):
    page.goto(f"{server_url}/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(f"{server_url}/")


def field(page, label):
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def test_a_meeting_is_planned_then_a_member_registers_and_takes_the_calendar(
    people, server_url, menu_click, browser_page, tmp_path
):
    page = browser_page
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    day = datetime.date.today() + datetime.timedelta(days=21)

    log_in(page, server_url, COORDINATOR)
    menu_click(page, "Réseau")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Réseau des acheteurs publics durables du Nord-Pas-de-Calais"
    )
    page.get_by_role("link", name="Nouvelle rencontre").first.click()
    field(page, "Titre").fill(TITLE)
    field(page, "Thème (famille d'achat)").select_option(label="Textile et habillement")
    field(page, "Date").fill(day.isoformat())
    field(page, "Heure de début").fill("09:30")
    field(page, "Heure de fin").fill("12:30")
    field(page, "Lieu").fill("Hôtel de ville de Roubaix, 17 Grand'Place")
    field(page, "Ordre du jour").fill("Audits sociaux\nConventions de l'OIT")
    page.get_by_role("button", name="Créer la rencontre").click()
    expect(page.locator(".messages")).to_contain_text("La rencontre est créée")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("dt:text-is('Date') + dd")).to_contain_text("09:30 – 12:30")
    page.get_by_role("button", name="Se déconnecter").click()

    log_in(page, server_url, BUYER)
    page.goto(f"{server_url}/reseau/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("link", name="Modifier")).to_have_count(0)
    expect(field(page, "Personne à inscrire")).to_have_value(re.compile(r"\d+"))
    page.get_by_role("button", name="Inscrire").click()
    expect(page.locator(".messages")).to_contain_text("Benoît Delcourt est inscrit·e")
    expect(page.get_by_role("table", name="Personnes inscrites et leur présence")).to_contain_text(
        "Ville de Tourcoing"
    )

    page.get_by_role("link", name="Calendrier").click()
    expect(page.get_by_text("vous êtes inscrit·e")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Ajouter à mon agenda (iCalendar)").click()
    saved = tmp_path / "rencontres.ics"
    download.value.save_as(saved)
    feed = icalendar.Calendar.from_ical(saved.read_bytes())
    assert [str(event["SUMMARY"]) for event in feed.walk("VEVENT")] == [TITLE]
    assert violations == []
