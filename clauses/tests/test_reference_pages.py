"""The pages with which clause library administrators keep purchase families, eco-labels and
CPV codes, shared by every organisation."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import escape

from clauses.models import AgecCategory, CpvCode, EcoLabel, EcoLabelProof, PurchaseFamily
from clauses.services import reference as services
from clauses.tests.factories import (
    CpvCodeFactory,
    EcoLabelFactory,
    PurchaseFamilyFactory,
    make_approved_clause,
    make_clause,
)

pytestmark = pytest.mark.django_db

# Session, user, the user's two permission queries, the rows: the same for 1 row or many.
LIST_QUERIES = 5
# The CPV list also counts all the codes and those of the page.
CPV_LIST_QUERIES = 7
BAD_PREFIX = "« 39a » n'est pas un préfixe CPV : de 1 à 8 chiffres."
NOT_A_CHOICE = "Sélectionnez un choix valide. zzz n’en fait pas partie."
OVER_100 = "Assurez-vous que cette valeur est inférieure ou égale à 100."


def family_data(**overrides):
    data = {
        "code": "produits-entretien-bio",
        "name": "Produits d'entretien biosourcés",
        "description": "",
        "cpv_prefixes": "3983, 3376",
        "agec_category": "",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def eco_label_data(**overrides):
    data = {
        "code": "ange-bleu-papier",
        "name": "Ange bleu (papier)",
        "proves": EcoLabelProof.RECYCLED_CONTENT,
        "recycled_content_percent": "100",
        "description": "",
    }
    data.update(overrides)
    return data


def shown(response, message):
    return escape(message) in response.content.decode()


# Purchase families ---------------------------------------------------------------------------


def test_an_administrator_creates_a_family_and_the_history_names_her(client, alice):
    client.force_login(alice)

    response = client.post(
        reverse("clauses:family-create"),
        family_data(agec_category=AgecCategory.OFFICE_SUPPLIES),
        follow=True,
    )

    assert response.redirect_chain == [(reverse("clauses:family-list"), 302)]
    assert shown(response, "La famille d'achat « Produits d'entretien biosourcés » est créée.")
    family = PurchaseFamily.objects.get(code="produits-entretien-bio")
    assert family.cpv_prefixes == ["3983", "3376"]
    assert family.agec_category == "Fournitures de bureau"
    assert family.is_active
    record = family.history.get()
    assert (record.history_user, record.history_change_reason) == (alice, "Création")


def test_an_administrator_changes_a_family_but_not_its_code(client, alice):
    family = PurchaseFamily.objects.get(code="paper")
    client.force_login(alice)

    response = client.post(
        reverse("clauses:family-edit", kwargs={"code": "paper"}),
        family_data(code="papier", name="Papier recyclé", cpv_prefixes="301976", is_active=""),
    )

    assert response.status_code == 302
    family.refresh_from_db()
    assert (family.code, family.name, family.cpv_prefixes) == (
        "paper",
        "Papier recyclé",
        ["301976"],
    )
    assert not family.is_active
    record = family.history.latest()
    assert (record.history_user, record.history_change_reason) == (alice, "Modification")


def test_the_edit_page_shows_the_prefixes_as_typed(client, alice):
    client.force_login(alice)

    response = client.get(reverse("clauses:family-edit", kwargs={"code": "paper"}))

    assert response.context["form"]["cpv_prefixes"].value() == "301976 30199"


def test_a_bad_cpv_prefix_is_shown_next_to_the_field_and_nothing_is_written(client, alice):
    client.force_login(alice)

    response = client.post(reverse("clauses:family-create"), family_data(cpv_prefixes="391 39a"))

    assert response.status_code == 200
    assert response.context["form"].errors == {"cpv_prefixes": [BAD_PREFIX]}
    assert shown(response, BAD_PREFIX)
    assert not PurchaseFamily.objects.filter(code="produits-entretien-bio").exists()


def test_a_bad_cpv_prefix_leaves_the_family_as_it_was(client, alice):
    client.force_login(alice)

    response = client.post(
        reverse("clauses:family-edit", kwargs={"code": "paper"}),
        family_data(name="Autre nom", cpv_prefixes="39a"),
    )

    assert response.context["form"].errors == {"cpv_prefixes": [BAD_PREFIX]}
    family = PurchaseFamily.objects.get(code="paper")
    assert (family.name, family.cpv_prefixes) == ("Papier", ["301976", "30199"])
    assert not family.history.exists()


def test_an_unknown_agec_category_is_refused_by_the_form(client, alice):
    client.force_login(alice)

    response = client.post(reverse("clauses:family-create"), family_data(agec_category="zzz"))

    assert response.context["form"].errors == {"agec_category": [NOT_A_CHOICE]}
    assert not PurchaseFamily.objects.filter(code="produits-entretien-bio").exists()


def test_the_service_refuses_an_unknown_agec_category_and_a_repeated_prefix(alice):
    with pytest.raises(ValidationError) as caught:
        services.family_create(
            actor=alice, code="x", name="X", agec_category="zzz", cpv_prefixes=["391", "391"]
        )

    assert caught.value.message_dict == {
        "agec_category": ["La valeur «\xa0'zzz'\xa0» n’est pas un choix valide."],
        "cpv_prefixes": ["Un préfixe CPV est répété."],
    }
    assert not PurchaseFamily.objects.filter(code="x").exists()


def test_a_family_code_already_used_is_refused(client, alice):
    client.force_login(alice)

    response = client.post(reverse("clauses:family-create"), family_data(code="paper"))

    assert response.context["form"].errors == {
        "code": ["Un objet Famille d'achat avec ce champ Code existe déjà."]
    }
    assert PurchaseFamily.objects.get(code="paper").name == "Papier"


def test_an_edit_that_changes_nothing_leaves_no_history_row(alice):
    family = PurchaseFamily.objects.get(code="paper")

    services.family_update(
        actor=alice, family=family, name="Papier", cpv_prefixes=("301976", "30199")
    )

    assert not family.history.exists()


def test_the_update_service_cannot_change_the_code(alice):
    family = PurchaseFamily.objects.get(code="paper")

    with pytest.raises(TypeError, match="cannot change code"):
        services.family_update(actor=alice, family=family, code="papier")


def test_the_family_list_counts_the_clauses_the_viewer_can_see(client, alice, charlie):
    family = PurchaseFamily.objects.get(code="paper")
    make_clause(actor=alice, purchase_families=[family])
    make_approved_clause(
        actor=charlie, code="partagee", shared_with_network=True, purchase_families=[family]
    )
    # A draft of another organisation is not Alice's to see, nor to count.
    make_clause(actor=charlie, code="brouillon", purchase_families=[family])
    client.force_login(alice)

    response = client.get(reverse("clauses:family-list"))

    counts = {row.code: row.clause_count for row in response.context["families"]}
    assert counts["paper"] == 2
    assert counts["furniture"] == 0
    content = response.content.decode()
    assert "<code>301976</code> <code>30199</code>" in content
    assert "Papier" in content


def test_inactive_families_come_after_active_ones(client, alice):
    PurchaseFamily.objects.filter(code="catering").update(is_active=False)
    client.force_login(alice)

    response = client.get(reverse("clauses:family-list"))

    assert [row.code for row in response.context["families"]][-1] == "catering"
    assert "Inactive" in response.content.decode()


@pytest.mark.parametrize("extra", [0, 20])
def test_the_family_list_takes_the_same_queries_for_few_or_many(
    client, alice, extra, django_assert_max_num_queries
):
    for n in range(extra):
        family = PurchaseFamilyFactory()
        make_clause(actor=alice, code=f"clause-{n}", purchase_families=[family])
    client.force_login(alice)

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(reverse("clauses:family-list"))

    assert len(response.context["families"]) == 12 + extra


def test_the_family_history_lists_who_changed_what_newest_first(client, alice, charlie):
    family = services.family_create(
        actor=alice, code="mobilier-urbain", name="Mobilier urbain", cpv_prefixes=["3492"]
    )
    services.family_update(
        actor=charlie,
        family=family,
        cpv_prefixes=["3492", "4311"],
        agec_category=AgecCategory.STREET_FURNITURE,
    )
    client.force_login(alice)

    response = client.get(reverse("clauses:family-history", kwargs={"code": "mobilier-urbain"}))

    latest, first = response.context["entries"]
    assert (latest.user, latest.reason) == (charlie, "Modification")
    assert {(c.label, c.old, c.new) for c in latest.changes} == {
        ("préfixes CPV", "3492", "3492 4311"),
        ("catégorie AGEC", "", "Mobilier urbain"),
    }
    assert (first.user, first.reason, first.changes) == (alice, "Création", [])
    content = response.content.decode()
    assert "Charlie Garnier" in content
    assert escape("Mobilier urbain") in content


# Eco-labels ----------------------------------------------------------------------------------


def test_an_administrator_creates_an_eco_label(client, alice):
    client.force_login(alice)

    response = client.post(reverse("clauses:eco-label-create"), eco_label_data(), follow=True)

    assert response.redirect_chain == [(reverse("clauses:eco-label-list"), 302)]
    assert shown(response, "L'écolabel « Ange bleu (papier) » est créé.")
    label = EcoLabel.objects.get(code="ange-bleu-papier")
    assert (label.proves, label.recycled_content_percent) == (EcoLabelProof.RECYCLED_CONTENT, 100)
    record = label.history.get()
    assert (record.history_user, record.history_change_reason) == (alice, "Création")


def test_an_administrator_edits_an_eco_label_but_not_its_code(client, alice):
    label = EcoLabelFactory(code="label-x", name="Label X")
    client.force_login(alice)

    response = client.post(
        reverse("clauses:eco-label-edit", kwargs={"code": "label-x"}),
        eco_label_data(code="autre", name="Label X révisé", recycled_content_percent=""),
    )

    assert response.status_code == 302
    label.refresh_from_db()
    assert (label.code, label.name, label.recycled_content_percent) == (
        "label-x",
        "Label X révisé",
        None,
    )
    assert label.history.latest().history_user == alice


def test_a_recycled_share_over_100_is_refused_and_nothing_is_written(client, alice):
    client.force_login(alice)

    response = client.post(
        reverse("clauses:eco-label-create"), eco_label_data(recycled_content_percent="101")
    )

    assert response.context["form"].errors == {"recycled_content_percent": [OVER_100]}
    assert shown(response, OVER_100)
    assert not EcoLabel.objects.filter(code="ange-bleu-papier").exists()


def test_the_service_refuses_a_recycled_share_over_100(alice):
    label = EcoLabel.objects.get(code="recycled-100")

    with pytest.raises(ValidationError) as caught:
        services.eco_label_update(actor=alice, eco_label=label, recycled_content_percent=150)

    assert caught.value.message_dict == {"recycled_content_percent": [OVER_100]}
    assert EcoLabel.objects.get(code="recycled-100").recycled_content_percent == 100


def test_the_eco_label_history_shows_the_proof_by_its_label(client, alice):
    label = services.eco_label_create(
        actor=alice, code="label-y", name="Label Y", proves=EcoLabelProof.ECO_RESPONSIBLE
    )
    services.eco_label_update(actor=alice, eco_label=label, proves=EcoLabelProof.REUSE)
    client.force_login(alice)

    response = client.get(reverse("clauses:eco-label-history", kwargs={"code": "label-y"}))

    latest = response.context["entries"][0]
    assert [(c.label, c.old, c.new) for c in latest.changes] == [
        ("ce qu'il prouve", "Produit éco-responsable", "Réemploi ou réutilisation")
    ]


@pytest.mark.parametrize("extra", [0, 20])
def test_the_eco_label_list_takes_the_same_queries_for_few_or_many(
    client, alice, extra, django_assert_max_num_queries
):
    EcoLabelFactory.create_batch(extra)
    client.force_login(alice)

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(reverse("clauses:eco-label-list"))

    assert len(response.context["eco_labels"]) == 7 + extra


# CPV codes -----------------------------------------------------------------------------------


def test_an_administrator_adds_a_cpv_code(client, alice):
    client.force_login(alice)

    response = client.post(
        reverse("clauses:cpv-create"),
        {"code": "30192000-1", "label_en": "Office supplies", "label_fr": "Fournitures de bureau"},
    )

    assert response.status_code == 302
    assert response.url == reverse("clauses:cpv-list")
    cpv_code = CpvCode.objects.get(code="30192000-1")
    assert (cpv_code.label_en, cpv_code.label_fr) == ("Office supplies", "Fournitures de bureau")


@pytest.mark.parametrize("code", ["3019200-1", "30192000", "30192000-X", "3019200a-1"])
def test_a_cpv_code_of_the_wrong_shape_is_refused(client, alice, code):
    client.force_login(alice)

    response = client.post(reverse("clauses:cpv-create"), {"code": code, "label_en": "Office"})

    assert response.context["form"].errors == {
        "code": [
            f"« {code} » n'est pas un code CPV : huit chiffres, un tiret et le chiffre de "
            "contrôle, par exemple 30192000-1."
        ]
    }
    assert not CpvCode.objects.exists()


def test_a_cpv_code_with_the_digits_of_another_is_refused(client, alice):
    CpvCodeFactory(code="30192000-1", label_en="Office supplies")
    client.force_login(alice)

    response = client.post(reverse("clauses:cpv-create"), {"code": "30192000-7", "label_en": "X"})

    message = (
        "Le code CPV 30192000-1 a déjà les huit chiffres de 30192000-7 : un code CPV est "
        "identifié par ses huit chiffres, le chiffre de contrôle mis à part."
    )
    assert response.context["form"].errors == {"code": [message]}
    assert shown(response, message)
    assert list(CpvCode.objects.values_list("code", flat=True)) == ["30192000-1"]


def test_a_cpv_code_already_there_is_refused(alice):
    CpvCodeFactory(code="30192000-1", label_en="Office supplies")

    with pytest.raises(ValidationError) as caught:
        services.cpv_code_create(actor=alice, code="30192000-1", label_en="Again")

    assert caught.value.message_dict == {"code": ["Le code CPV 30192000-1 existe déjà."]}


def test_an_administrator_changes_the_labels_of_a_cpv_code_but_not_the_code(client, alice):
    CpvCodeFactory(code="39100000-3", label_en="Furniture")
    client.force_login(alice)

    response = client.post(
        reverse("clauses:cpv-edit", kwargs={"code": "39100000-3"}),
        {"code": "39100000-4", "label_en": "Furniture", "label_fr": "Mobilier"},
    )

    assert response.status_code == 302
    assert list(CpvCode.objects.values_list("code", "label_fr")) == [("39100000-3", "Mobilier")]


def test_an_empty_english_label_is_refused(client, alice):
    CpvCodeFactory(code="39100000-3", label_en="Furniture")
    client.force_login(alice)

    response = client.post(
        reverse("clauses:cpv-edit", kwargs={"code": "39100000-3"}),
        {"label_en": "", "label_fr": "Mobilier"},
    )

    assert response.context["form"].errors == {"label_en": ["Ce champ est obligatoire."]}
    assert CpvCode.objects.get().label_fr == ""


def cpv_search(client, query):
    response = client.get(reverse("clauses:cpv-list"), {"q": query})
    return [cpv_code.code for cpv_code in response.context["page"]]


def test_the_cpv_list_finds_codes_by_code_or_by_label_whatever_the_case(client, alice):
    CpvCodeFactory(code="30192000-1", label_en="Office supplies", label_fr="Fournitures de bureau")
    CpvCodeFactory(code="30197630-1", label_en="Printing paper")
    CpvCodeFactory(code="39100000-3", label_en="Furniture", label_fr="Mobilier")
    CpvCodeFactory(code="42130190-1", label_en="Valves")
    client.force_login(alice)

    assert cpv_search(client, "3019") == ["30192000-1", "30197630-1"]
    assert cpv_search(client, "30192000-1") == ["30192000-1"]
    assert cpv_search(client, "MOBILIER") == ["39100000-3"]
    assert cpv_search(client, "paper") == ["30197630-1"]
    assert cpv_search(client, "fournitures bureau") == ["30192000-1"]
    assert cpv_search(client, "") == ["30192000-1", "30197630-1", "39100000-3", "42130190-1"]


def test_a_search_says_how_many_codes_match_out_of_all_those_loaded(client, alice):
    CpvCodeFactory(code="30192000-1", label_en="Office supplies")
    CpvCodeFactory(code="39100000-3", label_en="Furniture")
    client.force_login(alice)

    content = client.get(reverse("clauses:cpv-list"), {"q": "furniture"}).content.decode()

    assert "2 codes CPV sont chargés." in content
    assert "1 code correspond à la recherche." in content


def test_the_cpv_list_says_how_many_codes_are_loaded_and_how_to_load_them(client, alice):
    CpvCodeFactory.create_batch(51)
    client.force_login(alice)

    response = client.get(reverse("clauses:cpv-list"))
    second = client.get(reverse("clauses:cpv-list"), {"page": 2})

    content = response.content.decode()
    assert "51 codes CPV sont chargés." in content
    assert "python manage.py load_cpv FICHIER" in content
    assert len(response.context["page"]) == 50
    assert len(second.context["page"]) == 1


@pytest.mark.parametrize("extra", [0, 20])
def test_the_cpv_list_takes_the_same_queries_for_few_or_many(
    client, alice, extra, django_assert_max_num_queries
):
    CpvCodeFactory.create_batch(1 + extra)
    client.force_login(alice)

    with django_assert_max_num_queries(CPV_LIST_QUERIES):
        response = client.get(reverse("clauses:cpv-list"), {"q": "product"})

    assert response.context["page"].paginator.count == 1 + extra


# Access --------------------------------------------------------------------------------------

PAGES = [
    ("clauses:family-list", {}),
    ("clauses:family-create", {}),
    ("clauses:family-edit", {"code": "paper"}),
    ("clauses:family-history", {"code": "paper"}),
    ("clauses:eco-label-list", {}),
    ("clauses:eco-label-create", {}),
    ("clauses:eco-label-edit", {"code": "fsc"}),
    ("clauses:eco-label-history", {"code": "fsc"}),
    ("clauses:cpv-list", {}),
    ("clauses:cpv-create", {}),
    ("clauses:cpv-edit", {"code": "39100000-3"}),
]
FORM_PAGES = [page for page in PAGES if page[0].endswith(("-create", "-edit"))]


@pytest.fixture
def furniture_code():
    return CpvCodeFactory(code="39100000-3", label_en="Furniture")


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_every_page_opens_for_an_administrator(client, alice, furniture_code, name, kwargs):
    client.force_login(alice)

    response = client.get(reverse(name, kwargs=kwargs))

    assert response.status_code == 200
    assert 'aria-label="Référentiels partagés"' in response.content.decode()


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_a_buyer_gets_403_on_every_page(client, bob, furniture_code, name, kwargs):
    client.force_login(bob)

    response = client.get(reverse(name, kwargs=kwargs))

    assert response.status_code == 403


@pytest.mark.parametrize(("name", "kwargs"), FORM_PAGES)
def test_a_buyer_cannot_write_through_any_form(client, bob, furniture_code, name, kwargs):
    client.force_login(bob)
    data = {**family_data(), **eco_label_data(), "label_en": "Changed", "label_fr": "Changé"}
    data["code"] = "30192000-1" if name.startswith("clauses:cpv") else "nouveau-code"

    response = client.post(reverse(name, kwargs=kwargs), data)

    assert response.status_code == 403
    assert not PurchaseFamily.objects.filter(code="nouveau-code").exists()
    assert not EcoLabel.objects.filter(code="nouveau-code").exists()
    assert list(CpvCode.objects.values_list("code", "label_en")) == [("39100000-3", "Furniture")]
    assert PurchaseFamily.objects.get(code="paper").name == "Papier"
    assert EcoLabel.objects.get(code="fsc").history.count() == 0


@pytest.mark.parametrize(
    "call",
    [
        lambda actor: services.family_create(actor=actor, code="x", name="X"),
        lambda actor: services.eco_label_create(
            actor=actor, code="x", name="X", proves=EcoLabelProof.REUSE
        ),
        lambda actor: services.cpv_code_create(actor=actor, code="30192000-1", label_en="X"),
    ],
)
def test_the_services_refuse_a_buyer(bob, call):
    with pytest.raises(PermissionDenied):
        call(bob)


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, furniture_code, name, kwargs):
    url = reverse(name, kwargs=kwargs)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url}"


def test_an_administrator_of_another_organisation_keeps_the_same_shared_families(client, charlie):
    client.force_login(charlie)

    client.post(
        reverse("clauses:family-edit", kwargs={"code": "paper"}),
        family_data(name="Papier et cartons", cpv_prefixes="301976 30199"),
    )

    assert PurchaseFamily.objects.get(code="paper").name == "Papier et cartons"


def test_an_unknown_code_is_404_for_an_administrator(client, alice):
    client.force_login(alice)

    assert client.get(reverse("clauses:family-edit", kwargs={"code": "nope"})).status_code == 404
    assert client.get(reverse("clauses:cpv-edit", kwargs={"code": "00000000-0"})).status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_list_and_history_pages_only_answer_get(client, alice, method):
    client.force_login(alice)

    for url in [
        reverse("clauses:family-list"),
        reverse("clauses:family-history", kwargs={"code": "paper"}),
        reverse("clauses:cpv-list"),
    ]:
        assert getattr(client, method)(url).status_code == 405
