from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from core.templatetags.formatting import euros

pytestmark = pytest.mark.django_db


class MenuLinks(HTMLParser):
    """The addresses linked from the main menu (the page header)."""

    def __init__(self):
        super().__init__()
        self.in_header = 0
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "header":
            self.in_header += 1
        elif tag == "a" and self.in_header:
            self.links.append(dict(attrs).get("href"))

    def handle_endtag(self, tag):
        if tag == "header":
            self.in_header -= 1


def menu_links(response):
    parser = MenuLinks()
    parser.feed(response.content.decode())
    parser.close()
    return parser.links


def test_the_home_page_requires_login(client):
    response = client.get(reverse("core:home"))

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next=/"


def test_the_home_page_shows_where_the_person_works(client, bob):
    client.force_login(bob)

    response = client.get(reverse("core:home"))

    content = response.content.decode()
    assert "Ville de Roubaix" in content
    assert "Direction des lycées (LYC)" in content


def test_the_home_page_shows_what_a_buyer_can_do(client, bob):
    client.force_login(bob)

    response = client.get(reverse("core:home"))

    content = response.content.decode()
    assert ">Acheteur</h3>" in content
    assert "<li>Consulter la bibliothèque de clauses</li>" in content
    assert "Gérer les personnes de votre organisation" not in content


def test_the_home_page_shows_what_an_organisation_administrator_can_do(client, alice):
    client.force_login(alice)

    response = client.get(reverse("core:home"))

    content = response.content.decode()
    assert "Administrateur de l&#x27;organisation</h3>" in content
    assert "<li>Gérer les directions de votre organisation</li>" in content
    assert "Consulter la bibliothèque de clauses" not in content


def test_the_menu_of_an_organisation_administrator_leads_to_people_and_departments(client, alice):
    client.force_login(alice)

    links = menu_links(client.get(reverse("core:home")))

    assert reverse("accounts:person-list") in links
    assert reverse("accounts:department-list") in links


def test_the_menu_of_a_buyer_does_not_lead_to_people_or_departments(client, bob):
    client.force_login(bob)

    response = client.get(reverse("core:home"))

    links = menu_links(response)
    assert reverse("core:home") in links
    assert reverse("accounts:person-list") not in links
    assert reverse("accounts:department-list") not in links
    assert reverse("accounts:person-list") not in response.content.decode()


def test_the_site_is_available_in_english(client, bob):
    client.force_login(bob)

    switched = client.post("/i18n/setlang/", {"language": "en", "next": reverse("core:home")})
    response = client.get(reverse("core:home"))

    assert switched.status_code == 302
    assert '<html lang="en">' in response.content.decode()


def test_amounts_are_in_euros_with_french_separators():
    # Django's French format module groups thousands with a no-break space (U+00A0).
    with translation.override("fr"):
        assert euros(Decimal("1234.56")) == "1\u00a0234,56\u00a0€"
        assert euros(Decimal("1234567")) == "1\u00a0234\u00a0567,00\u00a0€"


def test_a_missing_amount_is_a_dash():
    assert euros(None) == "—"


def test_the_interface_is_french_whatever_the_browser_language(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert '<html lang="fr">' in response.content.decode()
    assert "Se connecter" in response.content.decode()


def test_the_menu_marks_only_the_entry_with_the_longest_matching_address(rf, monkeypatch):
    from core import context_processors, navigation

    items = [
        navigation.NavItem("Accueil", "core:home", lambda user: True),
        navigation.NavItem("Profil", "accounts:profile", lambda user: True),
    ]
    monkeypatch.setattr(navigation, "items_for", lambda user: items)
    request = rf.get("/compte/profil/")
    request.user = object()

    entries = context_processors.navigation(request)["nav_items"]

    assert [(entry["label"], entry["active"]) for entry in entries] == [
        ("Accueil", False),
        ("Profil", True),
    ]


def test_the_menu_groups_its_entries_by_area_in_the_order_of_the_areas():
    from core import navigation

    entries = [
        {"label": "Imports", "url": "/b/", "area": "budgets", "active": False},
        {"label": "Marchés", "url": "/m/", "area": "markets", "active": True},
        {"label": "Clauses", "url": "/c/", "area": "markets", "active": False},
    ]

    areas = navigation.areas_for(entries)

    assert [(str(area["label"]), area["active"]) for area in areas] == [
        ("Marchés", True),
        ("Budgets", False),
    ]
    assert [entry["label"] for entry in areas[0]["entries"]] == ["Marchés", "Clauses"]


def test_an_entry_in_an_unknown_area_is_refused():
    from core import navigation

    with pytest.raises(ValueError, match="Unknown menu area 'shop'"):
        navigation.NavItem("Boutique", "core:home", lambda user: True, area="shop")


def test_the_menu_of_a_buyer_shows_the_markets_area_as_a_drop_down(client, bob):
    client.force_login(bob)

    content = client.get(reverse("core:home")).content.decode()

    assert 'class="navbar navbar-expand-lg"' in content
    assert 'id="rubrique-markets"' in content
    assert ">Marchés</button>" in content
