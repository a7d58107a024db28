"""The accessibility statement, the legal notice and the personal-data page: open to anyone,
linked in every page's footer, with the details that the publisher's administrator keeps."""

import html

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import AccessibilityStatus, PublicInformation

pytestmark = pytest.mark.django_db

PAGES = ["site:accessibility", "site:legal-notice", "site:personal-data"]
# The publisher and its information (one query with its join).
PUBLIC_PAGE_QUERIES = 1


def text_of(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def published(alice):
    services.public_information_save(
        actor=alice,
        publication_director="La maire de Roubaix",
        contact_email="accessibilite@roubaix.test",
        host="Hébergeur municipal, 17 Grand-Place, 59100 Roubaix",
        data_protection_contact="dpo@roubaix.test",
        accessibility_status=AccessibilityStatus.PARTIAL,
        non_conformities="Le plan du site manque.\n\nLes vidéos n'ont pas de sous-titres.",
        retention="Les marchés sont archivés dix ans après leur clôture.",
    )
    return alice.organisation


@pytest.mark.parametrize("name", PAGES)
def test_each_page_is_open_to_an_anonymous_visitor_and_linked_in_the_footer(
    client, published, name, django_assert_max_num_queries
):
    with django_assert_max_num_queries(PUBLIC_PAGE_QUERIES):
        response = client.get(reverse(name))

    assert response.status_code == 200
    page = text_of(response)
    footer = page[page.index("<footer") :]
    for other in PAGES:
        assert f'href="{reverse(other)}"' in footer
    assert "Modifier les informations de ces pages" not in page


def test_the_statement_gives_the_level_the_non_conformities_a_contact_and_the_remedy(
    client, published
):
    page = text_of(client.get(reverse("site:accessibility")))

    assert '<h1 class="h2 mb-3">Déclaration d\'accessibilité</h1>' in page
    assert (
        "Le service « Achats responsables » est <strong>partiellement conforme</strong> avec le "
        "référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1." in page
    )
    assert "<li>Le plan du site manque.</li>" in page
    assert "<li>Les vidéos n'ont pas de sous-titres.</li>" in page
    assert 'href="mailto:accessibilite@roubaix.test"' in page
    assert "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07." in page


def test_the_legal_notice_names_the_publisher_its_director_and_its_host(client, published):
    page = text_of(client.get(reverse("site:legal-notice")))

    assert "Ville de Roubaix" in page
    assert f"SIRET : {published.siret}" in page
    assert "La maire de Roubaix" in page
    assert "Hébergeur municipal, 17 Grand-Place, 59100 Roubaix" in page


def test_the_personal_data_page_says_what_is_kept_why_how_long_and_the_rights(client, published):
    page = text_of(client.get(reverse("site:personal-data")))

    assert "Combien de temps" in page
    assert "Les échecs s'effacent après 15 minutes ou à la connexion réussie" in page
    assert "8 heures pour la session" in page
    assert "Les marchés sont archivés dix ans après leur clôture." in page
    assert "<strong>dpo@roubaix.test</strong>" in page
    assert "cnil.fr/fr/plaintes" in page


def test_the_pages_say_what_is_missing_before_the_administrator_fills_them_in(client, alice):
    page = text_of(client.get(reverse("site:legal-notice")))

    assert "Ville de Roubaix" in page
    assert page.count("non renseigné") == 3  # Director, e-mail, host.


def test_the_setting_chooses_the_publisher_among_the_organisations(
    client, settings, alice, charlie
):
    settings.SITE_PUBLISHER = charlie.organisation.slug

    assert "Ville de Tourcoing" in text_of(client.get(reverse("site:legal-notice")))


def test_the_administrator_edits_the_information_and_history_keeps_who(client, alice):
    client.force_login(alice)
    address = reverse("accounts:public-information")
    assert client.get(address).status_code == 200

    response = client.post(
        address,
        {
            "publication_director": " La maire de Roubaix ",
            "contact_email": "contact@roubaix.test",
            "accessibility_status": AccessibilityStatus.FULL,
            "audit_date": "2026-11-30",
        },
    )

    assert response.status_code == 302
    information = PublicInformation.objects.get(organisation=alice.organisation)
    assert information.publication_director == "La maire de Roubaix"
    assert information.history.get().history_user == alice
    page = text_of(client.get(reverse("site:accessibility")))
    assert "<strong>totalement conforme</strong>" in page
    assert "Évaluation du 30 novembre 2026" in page
    assert "Modifier les informations de ces pages" in page


def test_a_refused_edit_lists_its_errors_and_records_nothing(client, alice):
    client.force_login(alice)

    response = client.post(
        reverse("accounts:public-information"),
        {"contact_email": "pas une adresse", "accessibility_status": "parfait"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "contact_email": ["Saisissez une adresse e-mail valide."],
        "accessibility_status": ["Sélectionnez un choix valide. parfait n’en fait pas partie."],
    }
    assert "2 erreurs :" in text_of(response)
    assert not PublicInformation.objects.exists()


def test_only_the_administrator_edits_and_an_anonymous_visitor_logs_in_first(client, bob):
    address = reverse("accounts:public-information")
    assert client.get(address).status_code == 302
    client.force_login(bob)
    assert client.get(address).status_code == 403
    assert client.post(address, {"accessibility_status": "full"}).status_code == 403
    assert not PublicInformation.objects.exists()
