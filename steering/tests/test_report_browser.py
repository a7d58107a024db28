"""Chromium, driven by Playwright: the committee member opens the dashboard, asks there for
last quarter's report, watches it go to ready (the page polls its
status; with Redis a real worker builds it) and downloads the PDF. No page breaks the
Content-Security-Policy."""

import os
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
from core.quarters import Quarter

pytestmark = pytest.mark.browser

COMMITTEE = "comite@npdc.test"


@pytest.fixture
def committee_member(transactional_db, media):
    cache.clear()
    council = OrganisationFactory(name="Conseil régional Nord-Pas-de-Calais", slug="npdc")
    return UserFactory(
        email=COMMITTEE,
        first_name="Claire",
        last_name="Comité",
        organisation=council,
        department=DepartmentFactory(organisation=council, code="ACH", name="Achats"),
        roles=[Role.COMMITTEE_MEMBER],
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def jobs(request, transactional_db):
    """A real worker on Redis when REDIS_URL is set (CI): the page then shows the build going
    on; without it the job runs inside the request."""
    if os.environ.get("REDIS_URL"):
        return request.getfixturevalue("redis_worker")
    return None


def test_the_committee_member_asks_for_last_quarters_report_and_downloads_it(
    committee_member, server_url, jobs, menu_click, browser_page, tmp_path
):
    page = browser_page
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    last = Quarter.last_complete()

    page.goto(f"{server_url}/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(COMMITTEE)
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(f"{server_url}/")

    menu_click(page, "Pilotage")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tableau de bord du comité de pilotage"
    )
    # The dashboard shows last quarter by default and offers its report.
    page.get_by_role("button", name=f"Construire le rapport PDF du {last.label}").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Rapport du {last.label}")
    # Built by the worker while the page polls, or already built in the request.
    download_link = page.get_by_role("link", name="Télécharger le rapport (PDF)")
    expect(download_link).to_be_visible(timeout=60_000)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Prêt")

    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert re.fullmatch(
        rf"rapport-npdc-{last.year}-T{last.number}-\d+\.pdf", download.suggested_filename
    )
    saved = tmp_path / "rapport.pdf"
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")

    page.get_by_role("link", name="Rapports trimestriels", exact=True).first.click()
    expect(page.get_by_role("cell", name="Prêt")).to_be_visible()
    assert violations == []
