"""Reads of the clause library: search with its filters, suggestions for a purchase, and the text
each reader gets (the live row for the owners' administrators, the version in force for others)."""

import pytest

from clauses.models import (
    Clause,
    ClauseCategory,
    ClauseKind,
    ClauseVersion,
    DecpConsideration,
)
from clauses.selectors.library import StatusFilter, clause_search, clause_suggestions, clause_text
from clauses.services.library import (
    clause_approve,
    clause_retire,
    clause_update,
    clause_version_for_use,
)
from clauses.tests.factories import PurchaseFamilyFactory, make_approved_clause, make_clause

pytestmark = pytest.mark.django_db


def text_clause(actor, code, *, title="Clause sans mot particulier", approve=True, **fields):
    """A clause without parameters whose words the test chooses, approved unless asked not."""
    fields = {"body": "Le titulaire respecte le cahier des charges.", "parameters": [], **fields}
    maker = make_approved_clause if approve else make_clause
    return maker(actor=actor, code=code, title=title, **fields)


def codes(clauses):
    return [clause.code for clause in clauses]


def found(viewer, **criteria):
    return codes(clause_search(viewer=viewer, **criteria))


# --- Words -------------------------------------------------------------------------------


def test_a_query_without_accents_finds_a_title_with_accents_and_capitals(alice):
    text_clause(alice, "vehicules", title="Véhicules à faibles émissions")
    text_clause(alice, "papier", title="Papier recyclé")

    assert found(alice, query="vehicule") == ["vehicules"]


def test_a_query_in_capitals_with_accents_finds_a_lower_case_word(alice):
    text_clause(alice, "ecolabel", title="Produits d'entretien", body="Produits sous écolabel.")
    text_clause(alice, "papier", title="Papier recyclé")

    assert found(alice, query="ÉCOLABEL") == ["ecolabel"]
    assert found(alice, query="Écolabel") == ["ecolabel"]


def test_a_query_with_accents_finds_a_text_written_without_them(alice):
    text_clause(alice, "sans-accent", title="VEHICULES ELECTRIQUES")

    assert found(alice, query="véhicules électriques") == ["sans-accent"]


def test_a_plural_in_the_query_finds_the_singular(alice):
    text_clause(alice, "singulier", title="Une clause d'insertion")
    text_clause(alice, "autre", title="Un critère d'attribution")

    assert found(alice, query="clauses") == ["singulier"]
    assert found(alice, query="critères") == ["autre"]


def test_every_word_of_the_query_must_match(alice):
    text_clause(alice, "les-deux", title="Véhicules électriques")
    text_clause(alice, "un-seul", title="Véhicules thermiques")

    assert found(alice, query="véhicules électriques") == ["les-deux"]
    assert found(alice, query="véhicules") == ["les-deux", "un-seul"]
    assert found(alice, query="véhicules hybrides") == []


def test_stop_words_do_not_narrow_the_search(alice):
    text_clause(alice, "papier", title="Papier recyclé")

    assert found(alice, query="du papier pour les bureaux") == []
    assert found(alice, query="le papier") == ["papier"]


def test_the_title_the_text_and_the_guidance_are_searched_but_not_the_warnings(alice):
    text_clause(alice, "dans-titre", title="Protection de la biodiversité")
    text_clause(alice, "dans-texte", body="Le titulaire préserve la biodiversité du site.")
    text_clause(alice, "dans-conseils", guidance="Pensez à la biodiversité.")
    text_clause(alice, "dans-vigilance", warnings="Attention à la biodiversité.")

    assert found(alice, query="biodiversite") == ["dans-conseils", "dans-texte", "dans-titre"]


# --- Filters -----------------------------------------------------------------------------


def test_it_filters_on_the_category_and_the_kind(alice):
    text_clause(
        alice,
        "env-spec",
        category=ClauseCategory.ENVIRONMENTAL,
        kind=ClauseKind.TECHNICAL_SPECIFICATION,
        decp_consideration=DecpConsideration.ENVIRONMENTAL_CLAUSE,
    )
    text_clause(
        alice,
        "env-critere",
        category=ClauseCategory.ENVIRONMENTAL,
        kind=ClauseKind.AWARD_CRITERION,
        decp_consideration=DecpConsideration.ENVIRONMENTAL_CRITERION,
    )
    text_clause(alice, "social", category=ClauseCategory.SOCIAL_INSERTION)

    assert found(alice, category=ClauseCategory.ENVIRONMENTAL) == ["env-critere", "env-spec"]
    assert found(alice, kind=ClauseKind.AWARD_CRITERION) == ["env-critere"]
    assert found(
        alice, category=ClauseCategory.ENVIRONMENTAL, kind=ClauseKind.TECHNICAL_SPECIFICATION
    ) == ["env-spec"]


def test_it_filters_on_the_decp_consideration(alice):
    text_clause(alice, "sociale", decp_consideration=DecpConsideration.SOCIAL_CLAUSE)
    text_clause(alice, "reserve", decp_consideration=DecpConsideration.RESERVED_CONTRACT)
    text_clause(alice, "aucune", decp_consideration="")

    assert found(alice, decp_consideration=DecpConsideration.RESERVED_CONTRACT) == ["reserve"]
    assert found(alice, decp_consideration=DecpConsideration.SOCIAL_CLAUSE) == ["sociale"]


def test_it_filters_on_a_purchase_family(alice):
    chairs = PurchaseFamilyFactory(code="sieges", name="Sièges")
    paper = PurchaseFamilyFactory(code="ramettes", name="Ramettes", cpv_prefixes=["30197"])
    text_clause(alice, "sieges", purchase_families=[chairs])
    text_clause(alice, "les-deux", purchase_families=[chairs, paper])
    text_clause(alice, "sans-famille")

    assert found(alice, family=chairs) == ["les-deux", "sieges"]
    assert found(alice, family=paper) == ["les-deux"]


def test_a_cpv_code_finds_the_clauses_whose_prefix_begins_it(alice):
    text_clause(alice, "petit-materiel", cpv_prefixes=["3019"])
    text_clause(alice, "mobilier", cpv_prefixes=["391"])
    text_clause(alice, "code-exact", cpv_prefixes=["45000000", "30192000"])
    text_clause(alice, "sans-cpv")

    assert found(alice, cpv="30192000") == ["code-exact", "petit-materiel"]
    assert found(alice, cpv="39130000") == ["mobilier"]
    # A prefix longer than the code asked for is a narrower branch: it is not a match.
    assert found(alice, cpv="301") == []


def test_a_cpv_prefix_is_not_matched_inside_another_one(alice):
    text_clause(alice, "bureau", cpv_prefixes=["30192"])

    assert found(alice, cpv="13019200") == []
    assert found(alice, cpv="30192130") == ["bureau"]


def test_a_shared_clause_is_filtered_on_the_category_of_its_version_in_force(alice, charlie):
    clause = text_clause(
        charlie, "partagee", shared_with_network=True, category=ClauseCategory.ENVIRONMENTAL
    )
    clause_update(actor=charlie, clause=clause, category=ClauseCategory.SOCIAL_INSERTION)

    assert found(alice, category=ClauseCategory.ENVIRONMENTAL) == ["partagee"]
    assert found(alice, category=ClauseCategory.SOCIAL_INSERTION) == []
    # Its own administrator filters on what they are writing.
    assert found(charlie, category=ClauseCategory.SOCIAL_INSERTION) == ["partagee"]
    assert found(charlie, category=ClauseCategory.ENVIRONMENTAL) == []


# --- Who gets what -------------------------------------------------------------------------


@pytest.fixture
def library(alice):
    """A never-approved draft, an approved clause, one being edited and a retired one."""
    text_clause(alice, "brouillon", approve=False)
    text_clause(alice, "approuvee")
    edited = text_clause(alice, "en-modification")
    clause_update(actor=alice, clause=edited, title="Titre en préparation")
    retired = text_clause(alice, "retiree")
    clause_retire(actor=alice, clause=retired)


@pytest.mark.parametrize(
    "status", [StatusFilter.ALL, StatusFilter.DRAFT, StatusFilter.RETIRED, StatusFilter.USABLE]
)
def test_a_buyer_gets_usable_clauses_only_whatever_the_status_asked(library, bob, status):
    assert found(bob, status=status) == ["approuvee", "en-modification"]


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (StatusFilter.ALL, ["approuvee", "brouillon", "en-modification", "retiree", "partagee"]),
        (StatusFilter.USABLE, ["approuvee", "en-modification", "partagee"]),
        (StatusFilter.DRAFT, ["brouillon", "en-modification"]),
        (StatusFilter.RETIRED, ["retiree"]),
    ],
)
def test_an_administrator_narrows_the_library_by_status(library, alice, charlie, status, expected):
    shared = text_clause(charlie, "partagee", shared_with_network=True)
    clause_update(actor=charlie, clause=shared, title="Brouillon de Tourcoing")
    text_clause(charlie, "privee")

    assert found(alice, status=status) == expected


def test_the_default_status_of_an_administrator_s_search_is_the_whole_library(library, alice):
    assert found(alice) == ["approuvee", "brouillon", "en-modification", "retiree"]


def test_a_buyer_finds_an_edited_clause_by_the_text_in_force_not_the_draft(alice, bob):
    clause = text_clause(alice, "papier", title="Papier recyclé")
    clause_update(actor=alice, clause=clause, title="Papier issu de forêts gérées")

    assert found(bob, query="recycle") == ["papier"]
    assert found(bob, query="forets") == []
    assert found(alice, query="forets") == ["papier"]
    assert found(alice, query="recycle") == []


def test_others_find_a_shared_clause_by_its_version_in_force_not_by_a_later_draft(alice, charlie):
    clause = text_clause(alice, "papier", title="Papier recyclé", shared_with_network=True)
    clause_update(actor=alice, clause=clause, title="Papier issu de forêts gérées")

    assert found(charlie, query="papier recyclé") == ["papier"]
    assert found(charlie, query="forêts") == []


def test_a_clause_shared_again_is_found_by_its_new_version_once_approved(alice, charlie):
    clause = text_clause(alice, "papier", title="Papier recyclé", shared_with_network=True)
    clause_update(actor=alice, clause=clause, title="Papier issu de forêts gérées")
    clause_approve(actor=alice, clause=clause)

    assert found(charlie, query="forêts") == ["papier"]
    assert found(charlie, query="recyclé") == []


def test_private_and_unapproved_clauses_of_others_are_never_found(alice, charlie):
    text_clause(charlie, "privee", title="Papier recyclé")
    text_clause(
        charlie,
        "partagee-brouillon",
        title="Papier recyclé",
        shared_with_network=True,
        approve=False,
    )
    retired = text_clause(
        charlie, "partagee-retiree", title="Papier recyclé", shared_with_network=True
    )
    clause_retire(actor=charlie, clause=retired)

    assert found(alice, query="papier") == []
    assert found(alice, query="papier", status=StatusFilter.RETIRED) == []


def test_an_administrator_sees_their_own_clauses_before_those_shared_by_others(alice, charlie):
    text_clause(charlie, "a-partagee", title="Papier recyclé", shared_with_network=True)
    text_clause(alice, "z-maison", title="Papier recyclé")

    assert found(alice, query="papier") == ["z-maison", "a-partagee"]
    assert found(charlie, query="papier") == ["a-partagee"]


def test_a_reader_gets_the_version_in_force_and_the_owner_the_live_row(alice, bob, charlie):
    clause = make_approved_clause(actor=alice, shared_with_network=True)
    clause_update(actor=alice, clause=clause, title="Brouillon en cours")
    first = clause.versions.get(number=1)

    for reader in (bob, charlie):
        text = clause_text(viewer=reader, clause=Clause.objects.get(pk=clause.pk))
        assert isinstance(text, ClauseVersion)
        assert (text, text.title) == (first, "Clause d'insertion par l'activité économique")
    assert clause_text(viewer=alice, clause=clause).title == "Brouillon en cours"


def test_a_contract_uses_the_version_approved_last_and_version_1_stays_as_it_was(alice):
    clause = make_approved_clause(actor=alice)
    clause_update(actor=alice, clause=clause, title="Deuxième rédaction")
    second = clause_approve(actor=alice, clause=clause)
    clause_update(actor=alice, clause=clause, title="Troisième rédaction, en brouillon")

    used = clause_version_for_use(clause=clause)

    assert (used, used.number, used.title) == (second, 2, "Deuxième rédaction")
    assert clause.versions.get(number=1).title == "Clause d'insertion par l'activité économique"


# --- Suggestions ---------------------------------------------------------------------------


@pytest.fixture
def chairs():
    # Longer than the "391" of the furniture family of the reference data, so it is the
    # family of the chairs' codes.
    return PurchaseFamilyFactory(code="sieges", name="Sièges de bureau", cpv_prefixes=["39113"])


def suggested(viewer, **criteria):
    return {
        suggestion.clause.code: suggestion.reasons
        for suggestion in clause_suggestions(viewer=viewer, **criteria)
    }


def test_it_suggests_the_usable_clauses_of_a_family(alice, bob, chairs):
    text_clause(alice, "sieges", purchase_families=[chairs])
    text_clause(alice, "sieges-brouillon", purchase_families=[chairs], approve=False)
    text_clause(alice, "sans-famille")

    expected = {"sieges": ["Famille « Sièges de bureau »"]}
    assert suggested(bob, family=chairs) == expected
    # An administrator too is offered only what a contract can use.
    assert suggested(alice, family=chairs) == expected


def test_a_cpv_code_suggests_the_clauses_whose_prefix_begins_it(alice, bob):
    text_clause(alice, "petit-materiel", cpv_prefixes=["3019"])
    text_clause(alice, "mobilier", cpv_prefixes=["391"])

    assert suggested(bob, cpv="30192000") == {"petit-materiel": ["Préfixe CPV 3019"]}


def test_a_cpv_code_suggests_the_clauses_of_the_family_it_falls_in(alice, bob, chairs):
    text_clause(alice, "sieges", purchase_families=[chairs])
    text_clause(alice, "autre-famille", purchase_families=[PurchaseFamilyFactory()])

    assert suggested(bob, cpv="39113100") == {"sieges": ["Famille « Sièges de bureau »"]}


def test_a_clause_suggested_for_two_reasons_gives_both(alice, bob, chairs):
    text_clause(alice, "sieges", purchase_families=[chairs], cpv_prefixes=["391"])

    assert suggested(bob, family=chairs, cpv="39113100") == {
        "sieges": ["Famille « Sièges de bureau »", "Préfixe CPV 391"]
    }


def test_suggestions_include_others_shared_clauses_after_the_viewer_s_own(alice, bob, charlie):
    text_clause(charlie, "a-partagee", cpv_prefixes=["3019"], shared_with_network=True)
    text_clause(charlie, "b-privee", cpv_prefixes=["3019"])
    text_clause(alice, "z-maison", cpv_prefixes=["3019"])

    assert list(suggested(bob, cpv="30192000")) == ["z-maison", "a-partagee"]


def test_suggestions_leave_out_retired_clauses(alice, bob):
    clause = text_clause(alice, "retiree", cpv_prefixes=["3019"])
    clause_retire(actor=alice, clause=clause)

    assert suggested(bob, cpv="30192000") == {}
    assert suggested(alice, cpv="30192000") == {}


def test_a_suggested_clause_reads_as_its_version_in_force(alice, bob, chairs):
    clause = text_clause(alice, "sieges", title="Sièges réparables", purchase_families=[chairs])
    clause_update(actor=alice, clause=clause, title="Sièges reconditionnés")

    [suggestion] = clause_suggestions(viewer=bob, family=chairs)

    assert suggestion.clause.text.title == "Sièges réparables"
