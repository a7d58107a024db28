"""The clause library pages: search, suggestions, detail with its example, the administrators'
create / edit / approve / retire / copy, history, versions, and who may open each page."""

import html
from html import escape

import pytest
from django.urls import reverse

from clauses.forms.library import ParameterForm
from clauses.models import Clause, ClauseStatus
from clauses.services.library import clause_approve, clause_retire, clause_update
from clauses.tests.factories import (
    INSERTION_BODY,
    INSERTION_PARAMETERS,
    PurchaseFamilyFactory,
    make_approved_clause,
    make_clause,
)

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
FIRST_TITLE = "Clause d'insertion par l'activité économique"
LOGIN = "/compte/connexion/"
# Session, viewer, their permissions (2), the count, the page of clauses with their
# organisation and version in force, their purchase families, the families of the filter.
LIST_QUERIES = 8
# Session, viewer, permissions (2), the clause with its organisation and version in force,
# its approved versions, its families.
DETAIL_QUERIES = 7


def url(name, clause=None, **kwargs):
    if clause is not None:
        kwargs["pk"] = clause.pk
    return reverse(f"clauses:{name}", kwargs=kwargs)


def parameter_rows(rows, *, initial=0, extra=1):
    """The formset's fields as the form posts them: `rows` then `extra` empty rows."""
    data = {
        "parametres-TOTAL_FORMS": str(len(rows) + extra),
        "parametres-INITIAL_FORMS": str(initial),
        "parametres-MIN_NUM_FORMS": "0",
        "parametres-MAX_NUM_FORMS": "20",
    }
    blank = dict.fromkeys(
        ["name", "label", "type", "unit", "min", "max", "default", "choices", "help"], ""
    )
    for index, row in enumerate([*rows, *[blank] * extra]):
        for key, value in {**blank, **row}.items():
            if key == "DELETE" and not value:
                continue
            data[f"parametres-{index}-{key}"] = value
    return data


SHARE = {
    "name": "share",
    "label": "Part de véhicules propres",
    "type": "percent",
    "min": "50",
    "max": "100",
    "default": "80",
    "help": "Au moins la moitié du parc livré.",
}


def clause_data(*, parameters=(SHARE,), families=(), **changes):
    data = {
        "code": "vehicules-propres",
        "title": "Véhicules à faibles émissions",
        "body": "Au moins {share} des véhicules livrés sont à faibles émissions.",
        "guidance": "À utiliser pour les achats de véhicules légers.",
        "warnings": "",
        "legal_references": "Code de l'environnement, art. L224-7",
        "category": "environmental",
        "kind": "technical_specification",
        "decp_consideration": "Clause environnementale",
        "ocds_goal": "environmental.carbonEmissionsReduction",
        "ocds_strategies": ["technicalSpecifications"],
        "purchase_families": [family.pk for family in families],
        "cpv_prefixes_text": "341 343",
        **changes,
    }
    return {**data, **parameter_rows(list(parameters))}


def edit_data(clause, *, parameter_changes=None, **changes):
    """What the edit page posts when the administrator changes only `changes`: the rows of the
    existing parameters as the page shows them, `parameter_changes` ({index: {key: value}})
    applied, and the empty row."""
    rows = [ParameterForm.initial_for(definition) for definition in clause.parameters]
    for index, row_changes in (parameter_changes or {}).items():
        rows[index] = {**rows[index], **row_changes}
    data = {
        "title": clause.title,
        "body": clause.body,
        "guidance": clause.guidance,
        "warnings": clause.warnings,
        "legal_references": clause.legal_references,
        "category": clause.category,
        "kind": clause.kind,
        "decp_consideration": clause.decp_consideration,
        "ocds_goal": clause.ocds_goal,
        "ocds_strategies": clause.ocds_strategies,
        "purchase_families": [family.pk for family in clause.purchase_families.all()],
        "cpv_prefixes_text": " ".join(clause.cpv_prefixes),
        **changes,
    }
    return {**data, **parameter_rows(rows, initial=len(rows))}


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def page_text(response):
    return response.content.decode()


# --- Creating and editing ------------------------------------------------------------------


def test_an_administrator_creates_a_draft_clause_with_a_parameter(client, alice):
    family = PurchaseFamilyFactory(code="vehicules-legers", name="Véhicules légers")
    client.force_login(alice)

    response = client.post(url("create"), clause_data(families=[family]))

    clause = Clause.objects.get(organisation=alice.organisation, code="vehicules-propres")
    assert response.status_code == 302
    assert response.url == url("detail", clause)
    assert clause.status == ClauseStatus.DRAFT
    assert clause.current_version is None
    assert clause.parameters == [
        {
            "name": "share",
            "label": "Part de véhicules propres",
            "type": "percent",
            "help": "Au moins la moitié du parc livré.",
            "min": "50",
            "max": "100",
            "default": "80",
        }
    ]
    assert list(clause.purchase_families.all()) == [family]
    assert clause.cpv_prefixes == ["341", "343"]
    assert clause.ocds_strategies == ["technicalSpecifications"]
    assert not clause.shared_with_network
    assert {row.history_user for row in clause.history.all()} == {alice}
    detail = client.get(response.url)
    assert messages_of(detail) == ["La clause vehicules-propres est enregistrée en brouillon."]
    assert detail.context["rendered"] == (
        f"Au moins 80{NBSP}% des véhicules livrés sont à faibles émissions."
    )


def test_the_create_page_offers_one_empty_parameter_row(client, alice):
    client.force_login(alice)

    response = client.get(url("create"))

    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 1
    assert 'name="parametres-TOTAL_FORMS" value="1"' in page_text(response)
    assert 'name="cpv_prefixes_text"' in page_text(response)


def test_a_placeholder_without_its_parameter_shows_the_form_again_and_writes_nothing(client, alice):
    client.force_login(alice)

    response = client.post(
        url("create"),
        clause_data(parameters=(), body="Au moins {taux} des véhicules sont électriques."),
    )

    message = "Le texte utilise le paramètre « taux », qui n'est pas défini."
    assert response.status_code == 200
    assert response.context["form"].errors == {"body": [message]}
    assert escape(message) in page_text(response)
    assert not Clause.objects.exists()


def test_a_parameter_missing_from_the_text_is_named_above_the_parameters(client, alice):
    client.force_login(alice)

    response = client.post(url("create"), clause_data(body="Des véhicules propres."))

    message = (
        "Le paramètre « share » n'apparaît pas dans le texte : ajoutez {share} au texte ou "
        "retirez le paramètre."
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"body": [message]}
    assert not Clause.objects.exists()


def test_a_bad_cpv_prefix_is_named_in_the_error(client, alice):
    client.force_login(alice)

    response = client.post(url("create"), clause_data(cpv_prefixes_text="341, 34a1"))

    message = "« 34a1 » n'est pas un préfixe CPV : de 1 à 8 chiffres."
    assert response.status_code == 200
    assert response.context["form"].errors == {"cpv_prefixes_text": [message]}
    assert escape(message) in page_text(response)
    assert not Clause.objects.exists()


def test_a_code_already_used_in_the_library_is_refused(client, alice):
    make_clause(actor=alice, code="vehicules-propres")
    client.force_login(alice)

    response = client.post(url("create"), clause_data())

    assert response.status_code == 200
    message = "Une clause de votre organisation a déjà ce code."
    assert response.context["form"].errors["code"] == [message]
    assert escape(message) in page_text(response)
    assert Clause.objects.count() == 1


def test_editing_keeps_the_parameters_posted_unchanged(client, alice):
    clause = make_clause(actor=alice)
    client.force_login(alice)
    page = client.get(url("edit", clause))

    response = client.post(
        url("edit", clause), edit_data(clause, title="Insertion par l'activité économique")
    )

    assert page.status_code == 200
    assert [form.initial["name"] for form in page.context["formset"].forms[:2]] == [
        "insertion_rate",
        "hours",
    ]
    assert response.status_code == 302
    clause.refresh_from_db()
    assert clause.title == "Insertion par l'activité économique"
    assert [(d["name"], d["label"], d["type"]) for d in clause.parameters] == [
        ("insertion_rate", "Taux d'insertion", "percent"),
        ("hours", "Nombre d'heures", "integer"),
    ]
    assert [
        {key: str(value) for key, value in d.items() if key in ("min", "max", "default", "unit")}
        for d in clause.parameters
    ] == [
        {"min": "5", "max": "20", "default": "5"},
        {"unit": "heures", "min": "1"},
    ]


def test_an_edit_of_the_title_alone_records_a_change_of_the_title_alone(client, alice):
    clause = make_clause(actor=alice)
    client.force_login(alice)

    client.post(url("edit", clause), edit_data(clause, title="Insertion professionnelle"))
    response = client.get(url("history", clause))

    [edit, _creation] = response.context["entries"]
    assert edit.reason == "Modification"
    # The parameters were posted as the page showed them: the history must not list them.
    assert [change.label for change in edit.changes] == ["titre"]


def test_a_parameter_ticked_for_deletion_is_removed(client, alice):
    clause = make_clause(actor=alice)
    client.force_login(alice)

    response = client.post(
        url("edit", clause),
        edit_data(
            clause,
            body="Le titulaire réserve {insertion_rate} des heures travaillées à l'insertion.",
            parameter_changes={1: {"DELETE": "on"}},
        ),
    )

    assert response.status_code == 302
    clause.refresh_from_db()
    assert [d["name"] for d in clause.parameters] == ["insertion_rate"]


def test_a_parameter_added_in_the_empty_row_is_kept(client, alice):
    clause = make_clause(actor=alice)
    client.force_login(alice)
    data = edit_data(clause, body=INSERTION_BODY + " Durée : {months}.")
    data.update(
        {
            "parametres-2-name": "months",
            "parametres-2-label": "Durée",
            "parametres-2-type": "integer",
            "parametres-2-unit": "mois",
        }
    )

    response = client.post(url("edit", clause), data)

    assert response.status_code == 302
    clause.refresh_from_db()
    assert [d["name"] for d in clause.parameters] == ["insertion_rate", "hours", "months"]
    assert clause.parameters[2] == {
        "name": "months",
        "label": "Durée",
        "type": "integer",
        "unit": "mois",
    }


def test_the_code_does_not_change_from_the_edit_page(client, alice):
    clause = make_clause(actor=alice)
    client.force_login(alice)

    client.post(url("edit", clause), edit_data(clause, code="autre-code"))

    clause.refresh_from_db()
    assert clause.code == "insertion-heures"


# --- Approval, drafts after approval, retirement --------------------------------------------


def test_approving_a_draft_creates_version_1(client, alice):
    clause = make_clause(actor=alice)
    client.force_login(alice)

    response = client.post(url("approve", clause), follow=True)

    clause.refresh_from_db()
    assert response.redirect_chain == [(url("detail", clause), 302)]
    assert clause.status == ClauseStatus.APPROVED
    assert clause.current_version.number == 1
    assert clause.current_version.approved_by == alice
    assert messages_of(response) == ["La clause insertion-heures est approuvée : version 1."]


def test_approving_asks_first_and_says_what_will_happen(client, alice):
    clause = make_approved_clause(actor=alice)
    clause_update(actor=alice, clause=clause, title="Heures d'insertion (2027)")
    client.force_login(alice)
    assert url("approve", clause) in page_text(client.get(url("detail", clause)))

    page = html.unescape(page_text(client.get(url("approve", clause))))

    assert "Ce qui va se passer" in page
    assert (
        "« Heures d'insertion (2027) » est figée telle qu'elle est écrite aujourd'hui, comme "
        "version 2 : cette version ne pourra plus être modifiée." in page
    )
    assert (
        "Elle remplace la version 1 pour les nouveaux marchés ; les marchés qui utilisent déjà "
        "la version 1 gardent son texte." in page
    )
    assert "Approuver la version 2" in page
    assert clause.versions.count() == 1


def test_approving_an_approved_clause_again_says_why_and_makes_no_version(client, alice):
    clause = make_approved_clause(actor=alice)
    client.force_login(alice)

    response = client.post(url("approve", clause), follow=True)

    assert messages_of(response) == [
        "Seule une clause en brouillon s'approuve : celle-ci est « Approuvée »."
    ]
    assert clause.versions.count() == 1


def test_editing_an_approved_clause_makes_a_draft_readers_do_not_see(client, alice, bob):
    clause = make_approved_clause(actor=alice)
    client.force_login(alice)

    client.post(
        url("edit", clause),
        edit_data(
            clause,
            title="Insertion renforcée",
            body=INSERTION_BODY.replace("personnes", "demandeurs d'emploi"),
        ),
    )
    clause.refresh_from_db()
    owner_view = client.get(url("detail", clause))
    client.force_login(bob)
    reader_view = client.get(url("detail", clause))

    assert clause.status == ClauseStatus.DRAFT
    assert clause.current_version.number == 1
    assert owner_view.context["text"].title == "Insertion renforcée"
    assert owner_view.context["has_draft_changes"]
    assert "Cette page montre le brouillon en cours." in page_text(owner_view)
    assert reader_view.status_code == 200
    assert reader_view.context["text"] == clause.current_version
    assert f'<h1 class="h2 mb-1">{escape(FIRST_TITLE)}</h1>' in page_text(reader_view)
    assert "Insertion renforcée" not in page_text(reader_view)
    assert "demandeurs" not in page_text(reader_view)
    assert "brouillon" not in page_text(reader_view).lower()


def test_the_retire_page_asks_for_confirmation_then_retires(client, alice, bob):
    clause = make_approved_clause(actor=alice)
    client.force_login(alice)

    confirm = client.get(url("retire", clause))
    response = client.post(url("retire", clause), follow=True)

    assert confirm.status_code == 200
    assert "Retirer définitivement" in page_text(confirm)
    clause.refresh_from_db()
    assert clause.status == ClauseStatus.RETIRED
    assert response.redirect_chain == [(url("detail", clause), 302)]
    assert messages_of(response) == [
        "La clause insertion-heures est retirée : les nouveaux marchés ne peuvent plus "
        "l'utiliser ; les marchés existants gardent leur version."
    ]
    client.force_login(bob)
    assert client.get(url("detail", clause)).status_code == 404


def test_a_retired_clause_is_not_edited(client, alice):
    clause = make_approved_clause(actor=alice)
    clause_retire(actor=alice, clause=clause)
    client.force_login(alice)

    response = client.post(url("edit", clause), edit_data(clause, title="Ressuscitée"), follow=True)

    assert response.redirect_chain == [(url("detail", clause), 302)]
    assert messages_of(response) == ["Une clause retirée ne se modifie plus."]
    clause.refresh_from_db()
    assert clause.title == FIRST_TITLE


# --- History and versions ---------------------------------------------------------------


def test_the_history_lists_each_change_with_who_made_it(client, alice):
    clause = make_clause(actor=alice)
    clause_approve(actor=alice, clause=clause)
    clause_update(actor=alice, clause=clause, title="Insertion renforcée")
    client.force_login(alice)

    response = client.get(url("history", clause))

    entries = response.context["entries"]
    assert [entry.reason for entry in entries] == [
        "Modification",
        "Approbation (version 1)",
        "Création",
    ]
    assert [entry.status for entry in entries] == ["Brouillon", "Approuvée", "Brouillon"]
    assert sorted((c.label, c.old, c.new) for c in entries[0].changes) == [
        ("statut", "Approuvée", "Brouillon"),
        ("titre", FIRST_TITLE, "Insertion renforcée"),
    ]
    assert page_text(response).count("<td>Alice Martin</td>") == 3


def test_a_change_of_text_and_families_is_one_entry_of_the_history(client, alice):
    clause = make_clause(actor=alice)
    paper = PurchaseFamilyFactory(code="paper-test", name="Papier test")
    clause_update(
        actor=alice, clause=clause, title="Insertion et papier", purchase_families=[paper]
    )
    client.force_login(alice)

    entries = client.get(url("history", clause)).context["entries"]

    assert [entry.reason for entry in entries] == ["Modification", "Création"]
    assert sorted((c.label, c.old, c.new) for c in entries[0].changes) == [
        ("familles d'achat", "", "Papier test"),
        ("titre", FIRST_TITLE, "Insertion et papier"),
    ]


@pytest.fixture
def two_versions(alice):
    clause = make_approved_clause(actor=alice)
    clause_update(
        actor=alice,
        clause=clause,
        title="Clause d'insertion renforcée",
        body=INSERTION_BODY.replace("sociales ou professionnelles", "d'accès à l'emploi"),
    )
    clause_approve(actor=alice, clause=clause)
    return clause


def changed_words(diff, change):
    return [segment.text.strip() for segment in diff.segments if segment.change == change]


def test_comparing_versions_shows_the_words_removed_and_added(client, alice, two_versions):
    client.force_login(alice)

    response = client.get(url("compare", two_versions), {"de": "1", "a": "2"})

    assert response.status_code == 200
    assert (response.context["old"].number, response.context["new"].number) == (1, 2)
    diffs = {diff.label: diff for diff in response.context["diffs"]}
    assert changed_words(diffs["titre"], "removed") == ["par l'activité économique"]
    assert changed_words(diffs["titre"], "added") == ["renforcée"]
    assert changed_words(diffs["texte"], "removed") == ["sociales", "ou", "professionnelles."]
    assert changed_words(diffs["texte"], "added") == ["d'accès", "à", "l'emploi."]
    assert not diffs["catégorie"].changed
    assert not diffs["paramètres"].changed
    text = page_text(response)
    assert '<del class="diff-removed">par l&#x27;activité économique</del>' in text
    assert '<ins class="diff-added">renforcée</ins>' in text
    assert '<del class="diff-removed">professionnelles.</del>' in text
    assert '<ins class="diff-added">l&#x27;emploi.</ins>' in text


def test_comparing_needs_two_approved_versions(client, alice):
    clause = make_approved_clause(actor=alice)
    client.force_login(alice)

    response = client.get(url("compare", clause), follow=True)

    assert response.redirect_chain == [(url("detail", clause), 302)]
    assert messages_of(response) == ["Il faut au moins deux versions approuvées pour comparer."]


def test_a_version_page_shows_the_frozen_text(client, alice, two_versions):
    client.force_login(alice)

    response = client.get(url("version", two_versions, number=1))

    assert response.status_code == 200
    assert response.context["version"].title == FIRST_TITLE
    assert "Version 1, approuvée le" in page_text(response)
    assert "par Alice Martin" in page_text(response)


def test_readers_know_only_the_version_in_force(client, bob, two_versions):
    client.force_login(bob)

    assert client.get(url("version", two_versions, number=2)).status_code == 200
    assert client.get(url("version", two_versions, number=1)).status_code == 404
    assert client.get(url("version", two_versions, number=3)).status_code == 404


# --- Copy -------------------------------------------------------------------------------


def test_a_shared_clause_is_copied_into_the_library_as_a_draft_with_a_free_code(
    client, alice, charlie
):
    make_clause(actor=alice)
    shared = make_approved_clause(actor=charlie, shared_with_network=True)
    clause_update(actor=charlie, clause=shared, title="Brouillon de Tourcoing")
    client.force_login(alice)

    response = client.post(url("copy", shared), follow=True)

    copy = Clause.objects.get(organisation=alice.organisation, code="insertion-heures-2")
    assert response.redirect_chain == [(url("detail", copy), 302)]
    assert copy.status == ClauseStatus.DRAFT
    assert copy.current_version is None
    assert copy.title == FIRST_TITLE
    assert copy.copied_from == shared.versions.get(number=1)
    assert not copy.shared_with_network
    assert copy.created_by == alice
    assert messages_of(response) == [
        "La clause est copiée dans votre bibliothèque sous le code insertion-heures-2, en "
        "brouillon : adaptez-la puis approuvez-la."
    ]
    assert "Copiée de insertion-heures, version 1." in page_text(response)


def test_a_private_clause_of_another_organisation_cannot_be_copied(client, alice, charlie):
    private = make_approved_clause(actor=charlie)
    client.force_login(alice)

    response = client.post(url("copy", private))

    assert response.status_code == 404
    assert not Clause.objects.filter(organisation=alice.organisation).exists()


def test_a_draft_cannot_be_copied(client, alice):
    draft = make_clause(actor=alice)
    client.force_login(alice)

    response = client.post(url("copy", draft), follow=True)

    assert response.redirect_chain == [(url("detail", draft), 302)]
    assert messages_of(response) == ["Seule une clause approuvée et en vigueur peut être copiée."]
    assert Clause.objects.count() == 1


def test_a_retired_clause_cannot_be_copied(client, alice):
    clause = make_approved_clause(actor=alice)
    clause_retire(actor=alice, clause=clause)
    client.force_login(alice)

    response = client.post(url("copy", clause), follow=True)

    assert messages_of(response) == ["Seule une clause approuvée et en vigueur peut être copiée."]
    assert Clause.objects.count() == 1


# --- The example on the detail page ------------------------------------------------------


def test_the_example_shows_the_defaults_and_the_label_of_a_parameter_without_one(
    client, bob, alice
):
    clause = make_approved_clause(actor=alice)
    client.force_login(bob)

    response = client.get(url("detail", clause))

    example = (
        f"Le titulaire réserve 5{NBSP}% des heures travaillées, soit au moins "
        "[Nombre d'heures], à des personnes rencontrant des difficultés sociales ou "
        "professionnelles."
    )
    assert response.status_code == 200
    assert response.context["rendered"] == example
    assert escape(example) in page_text(response)
    form = response.context["values_form"]
    assert not form.is_bound
    assert [field.label for field in form] == ["Taux d'insertion (%)", "Nombre d'heures"]


def test_trying_values_shows_the_text_with_them(client, alice, bob):
    clause = make_approved_clause(actor=alice)
    client.force_login(bob)

    response = client.get(
        url("detail", clause), {"essai": "1", "insertion_rate": "7,5", "hours": "1 200"}
    )

    assert response.context["rendered"] == (
        f"Le titulaire réserve 7,5{NBSP}% des heures travaillées, soit au moins "
        f"1{NBSP}200{NBSP}heures, à des personnes rencontrant des difficultés sociales ou "
        "professionnelles."
    )


def test_a_value_out_of_bounds_is_explained_by_the_parameter_s_label(client, alice, bob):
    clause = make_approved_clause(actor=alice)
    client.force_login(bob)

    response = client.get(
        url("detail", clause), {"essai": "1", "insertion_rate": "25", "hours": "0"}
    )

    rate = f"Le paramètre « Taux d'insertion » doit être compris entre 5 et 20{NBSP}%."
    hours = f"Le paramètre « Nombre d'heures » doit être supérieur ou égal à 1{NBSP}heures."
    assert response.status_code == 200
    assert response.context["rendered"] is None
    assert response.context["values_form"].errors == {
        "insertion_rate": [rate],
        "hours": [hours],
    }
    assert escape(rate) in page_text(response)
    assert escape(hours) in page_text(response)


def test_a_missing_value_without_default_is_required(client, alice, bob):
    clause = make_approved_clause(actor=alice)
    client.force_login(bob)

    response = client.get(url("detail", clause), {"essai": "1", "insertion_rate": "10"})

    assert response.context["values_form"].errors == {
        "hours": ["Le paramètre « Nombre d'heures » est obligatoire."]
    }


# --- Search and suggestion pages -----------------------------------------------------------


def listed(response):
    return [clause.code for clause in response.context["page"]]


def test_the_list_searches_with_the_words_and_filters_of_the_query_string(client, alice, bob):
    family = PurchaseFamilyFactory(code="vehicules-legers", name="Véhicules légers")
    make_approved_clause(
        actor=alice,
        code="vehicules",
        title="Véhicules à faibles émissions",
        body="Des véhicules propres.",
        parameters=[],
        purchase_families=[family],
        cpv_prefixes=["341"],
        category="environmental",
        kind="technical_specification",
        decp_consideration="Clause environnementale",
        ocds_goal="environmental.carbonEmissionsReduction",
        ocds_strategies=["technicalSpecifications"],
    )
    make_approved_clause(actor=alice)
    client.force_login(bob)

    assert listed(client.get(url("list"), {"q": "VEHICULES"})) == ["vehicules"]
    assert listed(client.get(url("list"), {"family": "vehicules-legers"})) == ["vehicules"]
    assert listed(client.get(url("list"), {"cpv": "34100000-8"})) == ["vehicules"]
    assert listed(client.get(url("list"), {"kind": "execution_condition"})) == ["insertion-heures"]
    assert listed(client.get(url("list"), {"decp": "Clause sociale"})) == ["insertion-heures"]
    assert listed(client.get(url("list"), {"category": "social_insertion"})) == ["insertion-heures"]


def test_a_buyer_s_list_has_no_status_filter_and_ignores_one(client, alice, bob):
    make_clause(actor=alice, code="brouillon")
    make_approved_clause(actor=alice)
    client.force_login(bob)

    response = client.get(url("list"), {"status": "draft"})

    assert "status" not in response.context["filters"].fields
    assert listed(response) == ["insertion-heures"]
    assert 'name="status"' not in page_text(response)


def test_a_malformed_cpv_code_lists_nothing_and_explains(client, alice, bob):
    make_approved_clause(actor=alice)
    client.force_login(bob)

    response = client.get(url("list"), {"cpv": "3019-2"})

    assert listed(response) == []
    assert response.context["filters"].errors == {
        "cpv": ["Saisissez un code CPV (30192000-1) ou ses premiers chiffres (3019)."]
    }


def test_the_suggestions_page_gives_each_clause_with_its_reasons(client, alice, bob):
    family = PurchaseFamilyFactory(code="sieges", name="Sièges de bureau", cpv_prefixes=["39113"])
    make_approved_clause(actor=alice, purchase_families=[family], cpv_prefixes=["391"])
    client.force_login(bob)

    response = client.get(url("suggestions"), {"cpv": "39113100-0"})

    [suggestion] = response.context["suggestions"]
    assert suggestion.clause.code == "insertion-heures"
    assert suggestion.reasons == ["Famille « Sièges de bureau »", "Préfixe CPV 391"]
    assert "Famille « Sièges de bureau » ; Préfixe CPV 391" in page_text(response)


def test_the_suggestions_page_asks_for_a_family_or_a_code(client, bob):
    client.force_login(bob)

    response = client.get(url("suggestions"), {"family": "", "cpv": ""})

    assert response.status_code == 200
    assert response.context["suggestions"] is None
    assert response.context["form"].non_field_errors() == [
        "Choisissez une famille d'achat ou saisissez un code CPV."
    ]


# --- Who may open each page ------------------------------------------------------------------

# (name, needs a clause, method, reads only)
PAGES = [
    ("list", False, "get", True),
    ("suggestions", False, "get", True),
    ("detail", True, "get", True),
    ("version", True, "get", True),
    ("create", False, "get", False),
    ("create", False, "post", False),
    ("edit", True, "get", False),
    ("edit", True, "post", False),
    ("approve", True, "get", False),
    ("approve", True, "post", False),
    ("retire", True, "get", False),
    ("retire", True, "post", False),
    ("copy", True, "post", False),
    ("history", True, "get", False),
    ("compare", True, "get", False),
]
CLAUSE_PAGES = [page for page in PAGES if page[1]]


def page_url(name, needs_clause, clause):
    if not needs_clause:
        return url(name)
    if name == "version":
        return url(name, clause, number=2)
    return url(name, clause)


def send(client, method, target, clause):
    """GET the page, or POST what a valid form of that page would send."""
    if method == "get":
        return client.get(target)
    if target == url("create"):
        return client.post(target, clause_data())
    return client.post(target, edit_data(clause, title="Changée"))


def unchanged(clause):
    clause.refresh_from_db()
    return (
        clause.status == ClauseStatus.APPROVED
        and clause.title == "Clause d'insertion renforcée"
        and clause.versions.count() == 2
        and Clause.objects.count() == 1
    )


# What the clause's administrator gets: the page, or the redirection a change ends with.
ADMIN_STATUS = {"get": 200, "post": 302}


@pytest.mark.parametrize(("name", "needs_clause", "method", "_reads"), PAGES)
def test_the_administrator_opens_every_page(
    client, alice, two_versions, name, needs_clause, method, _reads
):
    client.force_login(alice)

    response = send(client, method, page_url(name, needs_clause, two_versions), two_versions)

    assert response.status_code == ADMIN_STATUS[method]


@pytest.mark.parametrize(("name", "needs_clause", "method", "reads"), PAGES)
def test_a_buyer_reads_the_library_but_changes_nothing(
    client, bob, two_versions, name, needs_clause, method, reads
):
    client.force_login(bob)

    response = send(client, method, page_url(name, needs_clause, two_versions), two_versions)

    assert response.status_code == (200 if reads else 403)
    assert unchanged(two_versions)


@pytest.mark.parametrize(("name", "needs_clause", "method", "_reads"), CLAUSE_PAGES)
def test_a_private_clause_does_not_exist_for_another_organisation(
    client, charlie, two_versions, name, needs_clause, method, _reads
):
    client.force_login(charlie)

    response = send(client, method, page_url(name, needs_clause, two_versions), two_versions)

    assert response.status_code == 404
    assert unchanged(two_versions)


def test_another_organisation_reads_a_shared_clause_but_changes_nothing(client, alice, charlie):
    clause = make_approved_clause(actor=alice, shared_with_network=True)
    client.force_login(charlie)

    assert client.get(url("detail", clause)).status_code == 200
    assert client.get(url("version", clause, number=1)).status_code == 200
    for name in ("edit", "retire", "history", "compare"):
        assert client.get(url(name, clause)).status_code == 403
    for name in ("edit", "approve", "retire"):
        assert client.post(url(name, clause), edit_data(clause, title="Prise")).status_code == 403
    clause.refresh_from_db()
    assert (clause.status, clause.title) == (ClauseStatus.APPROVED, FIRST_TITLE)


@pytest.mark.parametrize(("name", "needs_clause", "method", "_reads"), PAGES)
def test_an_anonymous_visitor_is_sent_to_the_login_page(
    client, two_versions, name, needs_clause, method, _reads
):
    target = page_url(name, needs_clause, two_versions)

    response = send(client, method, target, two_versions)

    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next={target}"
    assert unchanged(two_versions)


@pytest.mark.parametrize(("name", "method"), [("approve", "put"), ("copy", "get")])
def test_a_change_is_refused_by_another_method(client, alice, two_versions, name, method):
    client.force_login(alice)

    response = getattr(client, method)(url(name, two_versions))

    assert response.status_code == 405
    assert unchanged(two_versions)


@pytest.mark.parametrize(
    ("name", "needs_clause"),
    [
        ("list", False),
        ("suggestions", False),
        ("detail", True),
        ("history", True),
        ("compare", True),
        ("version", True),
    ],
)
def test_a_reading_page_refuses_a_post(client, alice, two_versions, name, needs_clause):
    client.force_login(alice)

    response = client.post(page_url(name, needs_clause, two_versions))

    assert response.status_code == 405


# --- Queries do not grow with the library ------------------------------------------------------


def add_clauses(actor, count):
    families = [
        PurchaseFamilyFactory(code=f"famille-requetes-{n}", name=f"Famille {n}") for n in range(3)
    ]
    for n in range(count):
        make_approved_clause(
            actor=actor, code=f"clause-{n:02d}", purchase_families=families[: 1 + n % 3]
        )


@pytest.mark.parametrize("extra", [0, 20])
@pytest.mark.parametrize("viewer", ["bob", "alice"])
def test_the_list_takes_the_same_queries_for_one_clause_or_many(
    client, request, alice, charlie, viewer, extra, django_assert_max_num_queries
):
    make_approved_clause(actor=alice, purchase_families=[PurchaseFamilyFactory()])
    make_approved_clause(actor=charlie, code="partagee", shared_with_network=True)
    add_clauses(alice, extra)
    client.force_login(request.getfixturevalue(viewer))

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(url("list"))

    assert len(listed(response)) == min(extra + 2, 20)
    assert response.context["page"].paginator.count == extra + 2


@pytest.mark.parametrize("extra", [0, 20])
@pytest.mark.parametrize("viewer", ["bob", "alice"])
def test_the_detail_takes_the_same_queries_whatever_the_library(
    client, request, alice, viewer, extra, django_assert_max_num_queries
):
    clause = make_approved_clause(
        actor=alice, purchase_families=[PurchaseFamilyFactory(), PurchaseFamilyFactory()]
    )
    for n in range(extra // 10):
        clause_update(actor=alice, clause=clause, title=f"Rédaction {n}")
        clause_approve(actor=alice, clause=clause)
    add_clauses(alice, extra)
    client.force_login(request.getfixturevalue(viewer))

    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(url("detail", clause))

    assert response.status_code == 200


def test_the_comparison_speaks_french_not_codes(client, alice):
    clause = make_approved_clause(actor=alice)
    changed = [{**INSERTION_PARAMETERS[0], "default": "7.5"}, INSERTION_PARAMETERS[1]]
    clause_update(actor=alice, clause=clause, parameters=changed)
    clause_approve(actor=alice, clause=clause)
    client.force_login(alice)

    response = client.get(url("compare", clause), {"de": "1", "a": "2"})

    diffs = {diff.label: diff for diff in response.context["diffs"]}
    before = "".join(s.text for s in diffs["paramètres"].segments if s.change != "added")
    assert before == (
        "insertion_rate — Taux d'insertion (pourcentage), minimum 5, maximum 20, par défaut 5\n"
        "hours — Nombre d'heures (nombre entier), unité : heures, minimum 1"
    )
    assert changed_words(diffs["paramètres"], "added") == ["7,5"]
    strategies = "".join(s.text for s in diffs["stratégies de durabilité OCDS"].segments)
    assert strategies == "Conditions d'exécution"
    page = page_text(response)
    assert "contractPerformanceConditions" not in page
    assert "(percent)" not in page
