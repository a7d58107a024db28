"""Chromium, driven by Playwright: the committee member adopts the SPASER prepared for the
committee's decision, builds its yearly report (a real worker with Redis, in the request
without), publishes it; an anonymous visitor reads it on the public page and downloads the
PDF. No page breaks the Content-Security-Policy.

axe-core is not part of the project yet (the accessibility issue brings it): the pages keep
their landmarks, labelled forms and tables behind every chart meanwhile."""

import datetime
import os

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
from steering.services import spaser as services
from steering.tests.factories import hold_meeting

pytestmark = pytest.mark.browser

COMMITTEE = "comite@npdc.test"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def draft(transactional_db, media):
    cache.clear()
    council = OrganisationFactory(name="Conseil régional Nord-Pas-de-Calais", slug="npdc")
    member = UserFactory(
        email=COMMITTEE,
        first_name="Claire",
        last_name="Comité",
        organisation=council,
        department=DepartmentFactory(organisation=council, code="ACH", name="Achats"),
        roles=[Role.COMMITTEE_MEMBER],
    )
    scheme = services.scheme_create(actor=member, first_year=2026, last_year=2028)
    services.scheme_update(
        actor=member,
        scheme=scheme,
        signatory_name="Élise Fontaine",
        signatory_title="Vice-présidente",
    )
    hold_meeting(member, held_on=datetime.date(2026, 6, 4), decisions=1)
    return scheme


@pytest.fixture
def jobs(request, transactional_db):
    if os.environ.get("REDIS_URL"):
        return request.getfixturevalue("redis_worker")
    return None


def test_the_member_adopts_builds_and_publishes_and_a_visitor_downloads_the_pdf(
    draft, server_url, jobs, browser_page, tmp_path
):
    page = browser_page
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{server_url}/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(COMMITTEE)
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(f"{server_url}/")

    page.goto(f"{server_url}/pilotage/")
    page.get_by_role("link", name="SPASER", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("SPASER")
    page.get_by_role("link", name="2026–2028").click()
    page.get_by_label("Adopté le").fill("2026-06-04")
    page.get_by_label("Décision du comité").select_option(index=1)
    page.get_by_role("button", name="Adopter", exact=True).click()
    expect(page.get_by_text("Le SPASER est adopté")).to_be_visible()

    page.get_by_role("link", name="SPASER", exact=True).first.click()
    build = page.get_by_role("region", name="Construire le rapport annuel")
    build.get_by_label("Année").fill("2025")
    build.get_by_label("Commentaire du comité — Environnement").fill("Une première année.")
    build.get_by_role("button", name="Construire le rapport").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rapport annuel 2025")
    publish = page.get_by_role("button", name="Publier sur la page publique")
    for _attempt in range(30):
        if publish.is_visible():
            break
        page.wait_for_timeout(1000)
        page.reload()
    publish.click()
    expect(page.get_by_text("Le rapport est publié sur la page publique.")).to_be_visible()

    visitor = page.context.browser.new_context(locale="fr-FR").new_page()
    visitor.goto(f"{server_url}/npdc/achats-responsables/")
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Conseil régional")
    expect(visitor.get_by_text("Une première année.")).to_be_visible()
    with visitor.expect_download() as download_info:
        visitor.get_by_role("link", name="Rapport annuel 2025 (PDF)").click()
    saved = tmp_path / "spaser.pdf"
    download_info.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")
    assert violations == []
