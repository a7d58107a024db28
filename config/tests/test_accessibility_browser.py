"""Every page of every role's journeys (config/tests/journeys.py) in Chromium, on the demo
data: axe-core finds no violation of the WCAG 2.1 A and AA rules, and no page scrolls sideways
on a phone (390 px wide). The login and the first step of the contract form work with the
keyboard alone, and a form's error summary takes the focus and leads to its fields."""

import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from config.tests.demo_objects import parameters
from config.tests.journeys import journey_addresses

pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                          resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    rule: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
}"""
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
FOCUS_OUTLINE = "rgb(0, 0, 145) solid 3px"


@pytest.fixture
def journeys(server_url):
    """{person: (session cookie or None, [address, …])} on the demo data, built before
    Chromium starts (no database work while Playwright runs)."""
    call_command("seed_demo", stdout=StringIO())
    found = {}
    for person, addresses in journey_addresses(parameters()).items():
        cookie = None
        if person:
            client = Client()
            client.force_login(User.objects.get(email=person))
            cookie = {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": server_url,
            }
        found[person] = (cookie, [f"{server_url}{address}" for address in addresses])
    return found


def open_as(chromium, cookie, *, viewport, axe_script=None):
    context = chromium.new_context(locale="fr-FR", viewport=viewport)
    if cookie:
        context.add_cookies([cookie])
    if axe_script:
        # An init script, so that the page's Content-Security-Policy does not apply to it.
        context.add_init_script(axe_script)
    return context, context.new_page()


def axe_violations(page) -> list[dict]:
    return page.evaluate(AXE_RUN, WCAG_21_AA)


def by_rule(found) -> str:
    """The violations, rule by rule, with the pages and elements concerned."""
    rules = {}
    for person, address, violation in found:
        rules.setdefault((violation["rule"], violation["help"]), []).append(
            f"    {person or 'anonyme'} {address}: {', '.join(violation['nodes'])}"
        )
    return "\n".join(
        f"{rule} ({help_text}), {len(lines)} page(s):\n" + "\n".join(lines)
        for (rule, help_text), lines in sorted(rules.items())
    )


def test_no_page_of_any_journey_breaks_a_wcag_21_aa_rule(journeys, axe_script, chromium):
    found, opened = [], 0
    for person, (cookie, addresses) in journeys.items():
        context, page = open_as(chromium, cookie, viewport=DESKTOP, axe_script=axe_script)
        for address in addresses:
            response = page.goto(address)
            assert response.status == 200, f"{person or 'anonyme'}: {address} → {response.status}"
            found.extend((person, address, v) for v in axe_violations(page))
            opened += 1
        context.close()

    # A form shown again with its errors, its summary at the top.
    context, page = open_as(chromium, None, viewport=DESKTOP, axe_script=axe_script)
    page.goto(journeys[""][1][0])
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    found.extend(("", "connexion refusée", v) for v in axe_violations(page))
    context.close()

    print(f"axe-core: {len(found)} violation(s) over {opened + 1} pages")
    assert not found, by_rule(found)


def test_no_page_of_any_journey_scrolls_sideways_on_a_phone(journeys, chromium):
    wide = []
    for person, (cookie, addresses) in journeys.items():
        context, page = open_as(chromium, cookie, viewport=PHONE)
        for address in addresses:
            page.goto(address)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                wide.append((person, address, width))
        context.close()
    assert not wide, "Pages wider than the phone (scroll width in px):\n" + "\n".join(
        f"    {person or 'anonyme'} {address}: {width}" for person, address, width in wide
    )


@pytest.fixture
def camille(transactional_db):
    call_command("seed_demo", up_to="accounts", stdout=StringIO())
    return User.objects.get(email="acheteur@npdc.test")


def focused(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")


def tab_to(page, wanted: str, *, limit: int = 80, backwards: bool = False) -> None:
    """Press Tab until the focus is on the element of that id (or text)."""
    for _ in range(limit):
        if focused(page) == wanted:
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"the keyboard does not reach {wanted!r} (focus on {focused(page)!r})")


def outline_of_focus(page) -> str:
    return page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return `${s.outlineColor} ${s.outlineStyle} ${s.outlineWidth}`; })()"
    )


def test_the_login_works_with_the_keyboard_alone(server_url, camille, browser_page):
    page = browser_page
    page.goto(f"{server_url}/compte/connexion/")

    # The e-mail field has the focus when the page opens; the way back up reaches the link
    # that skips to the content.
    assert focused(page) == "id_username"
    assert outline_of_focus(page) == FOCUS_OUTLINE
    tab_to(page, "Aller au contenu", backwards=True)
    assert outline_of_focus(page) == FOCUS_OUTLINE
    tab_to(page, "id_username")
    page.keyboard.type("acheteur@npdc.test")
    page.keyboard.press("Tab")
    assert focused(page) == "id_password"
    page.keyboard.type("pas le bon")
    page.keyboard.press("Enter")

    # Refused: the summary has the focus; the form's fields come next.
    expect(page.locator("[data-error-summary]")).to_be_focused()
    tab_to(page, "id_password")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{server_url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour Camille")


@pytest.fixture
def camille_session(server_url, camille):
    client = Client()
    client.force_login(camille)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": server_url,
    }


def test_the_first_step_of_the_contract_form_works_with_the_keyboard_alone(
    server_url, camille_session, chromium
):
    context, page = open_as(chromium, camille_session, viewport=DESKTOP)
    page.goto(f"{server_url}/marches/nouveau/")

    # Sent empty: the summary takes the focus and its link puts it in the title.
    tab_to(page, "Enregistrer")
    page.keyboard.press("Enter")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Objet du marché : Ce champ est obligatoire.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused(page) == "id_title"
    assert outline_of_focus(page) == FOCUS_OUTLINE

    page.keyboard.type("Produits d'entretien écolabellisés des lycées")
    tab_to(page, "id_purchase_family")
    assert outline_of_focus(page) == FOCUS_OUTLINE
    page.keyboard.type("Produits d'entretien")
    tab_to(page, "id_estimated_amount")
    page.keyboard.type("180 000")
    tab_to(page, "id_duration_months")
    page.keyboard.type("36")
    tab_to(page, "Enregistrer")
    page.keyboard.press("Enter")

    expect(page.locator(".messages")).to_contain_text("est créé en brouillon.")
    page.goto(page.url.replace("/evaluation/", "/besoin/"))
    expect(page.locator("#id_title")).to_have_value("Produits d'entretien écolabellisés des lycées")
    expect(page.locator("#id_purchase_family option:checked")).to_have_text("Produits d'entretien")
    expect(page.locator("#id_estimated_amount")).to_have_value(re.compile(r"^180\s000,00$"))
    expect(page.locator("#id_duration_months")).to_have_value("36")
    context.close()
