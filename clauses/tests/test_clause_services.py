import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clauses.models import ClauseStatus, ClauseVersion
from clauses.services.library import (
    clause_approve,
    clause_retire,
    clause_update,
    clause_version_for_use,
)
from clauses.tests.factories import INSERTION_BODY, PurchaseFamilyFactory, make_clause

pytestmark = pytest.mark.django_db


def test_a_new_clause_is_a_draft_of_the_actors_organisation(alice):
    family = PurchaseFamilyFactory()
    clause = make_clause(actor=alice, purchase_families=[family], cpv_prefixes=["90919"])
    assert clause.status == ClauseStatus.DRAFT
    assert clause.organisation == alice.organisation
    assert clause.created_by == alice
    assert list(clause.purchase_families.all()) == [family]
    assert clause.latest_version() is None


def test_approval_freezes_version_1(alice):
    clause = make_clause(actor=alice)
    version = clause_approve(actor=alice, clause=clause)
    clause.refresh_from_db()
    assert clause.status == ClauseStatus.APPROVED
    assert (version.number, version.title, version.body) == (1, clause.title, INSERTION_BODY)
    assert version.parameters == clause.parameters
    assert version.approved_by == alice
    assert clause.latest_version() == version


def test_editing_after_approval_makes_a_draft_and_leaves_version_1_alone(alice):
    clause = make_clause(actor=alice)
    version = clause_approve(actor=alice, clause=clause)
    clause_update(
        actor=alice,
        clause=clause,
        title="Nouveau titre",
        body="Le titulaire réserve {insertion_rate} et {hours} à l'insertion.",
    )
    clause.refresh_from_db()
    version.refresh_from_db()
    assert clause.status == ClauseStatus.DRAFT
    assert clause.title == "Nouveau titre"
    assert version.title == "Clause d'insertion par l'activité économique"
    assert version.body == INSERTION_BODY


def test_a_second_approval_gives_version_2(alice):
    clause = make_clause(actor=alice)
    clause_approve(actor=alice, clause=clause)
    clause_update(actor=alice, clause=clause, title="Nouveau titre")
    version = clause_approve(actor=alice, clause=clause)
    assert version.number == 2
    assert version.title == "Nouveau titre"
    assert list(clause.versions.values_list("number", flat=True)) == [1, 2]


def test_an_approved_clause_cannot_be_approved_again(alice):
    clause = make_clause(actor=alice)
    clause_approve(actor=alice, clause=clause)
    with pytest.raises(ValidationError) as caught:
        clause_approve(actor=alice, clause=clause)
    assert caught.value.messages == [
        "Seule une clause en brouillon s'approuve : celle-ci est « Approuvée »."
    ]


def test_a_contract_uses_the_approved_version_not_the_live_clause(alice):
    clause = make_clause(actor=alice)
    version = clause_approve(actor=alice, clause=clause)
    clause_update(actor=alice, clause=clause, title="Brouillon en cours")
    used = clause_version_for_use(clause=clause)
    assert isinstance(used, ClauseVersion)
    assert used == version
    assert used.title == "Clause d'insertion par l'activité économique"


def test_a_never_approved_clause_cannot_be_used(alice):
    with pytest.raises(ValidationError) as caught:
        clause_version_for_use(clause=make_clause(actor=alice))
    assert caught.value.messages == [
        "Cette clause n'a encore jamais été approuvée : elle ne peut pas être utilisée."
    ]


def test_a_retired_clause_can_be_neither_edited_nor_used(alice):
    clause = make_clause(actor=alice)
    clause_approve(actor=alice, clause=clause)
    clause_retire(actor=alice, clause=clause)
    with pytest.raises(ValidationError) as caught:
        clause_update(actor=alice, clause=clause, title="Autre titre")
    assert caught.value.messages == ["Une clause retirée ne se modifie plus."]
    with pytest.raises(ValidationError) as caught:
        clause_version_for_use(clause=clause)
    assert caught.value.messages == ["Cette clause est retirée : elle ne peut plus être utilisée."]


def test_a_version_is_never_saved_twice(alice):
    clause = make_clause(actor=alice)
    version = clause_approve(actor=alice, clause=clause)
    version.title = "Réécrit"
    with pytest.raises(ValueError):
        version.save()


def test_a_buyer_cannot_create_a_clause(bob):
    with pytest.raises(PermissionDenied):
        make_clause(actor=bob)


def test_an_administrator_of_another_organisation_cannot_approve_or_edit(alice, charlie):
    clause = make_clause(actor=alice)
    with pytest.raises(PermissionDenied):
        clause_approve(actor=charlie, clause=clause)
    with pytest.raises(PermissionDenied):
        clause_update(actor=charlie, clause=clause, title="Pris")
    with pytest.raises(PermissionDenied):
        clause_retire(actor=charlie, clause=clause)


def test_the_code_is_unique_in_an_organisation_only(alice, charlie):
    make_clause(actor=alice)
    make_clause(actor=charlie)
    with pytest.raises(ValidationError) as caught:
        make_clause(actor=alice)
    assert caught.value.messages == ["Une clause de votre organisation a déjà ce code."]


def test_the_body_and_the_parameters_must_match(alice):
    with pytest.raises(ValidationError) as caught:
        make_clause(actor=alice, body="Le titulaire réserve {insertion_rate} à l'insertion.")
    assert caught.value.message_dict == {
        "body": [
            "Le paramètre « hours » n'apparaît pas dans le texte : ajoutez {hours} au texte ou "
            "retirez le paramètre."
        ]
    }


def test_an_unknown_ocds_goal_or_strategy_is_refused(alice):
    with pytest.raises(ValidationError) as caught:
        make_clause(actor=alice, ocds_goal="social.happiness", ocds_strategies=["lottery"])
    assert caught.value.message_dict["ocds_goal"] == [
        # Django's own message, with its non-breaking spaces inside the quotation marks.
        "La valeur «\u00a0'social.happiness'\u00a0» n’est pas un choix valide."
    ]
    assert caught.value.message_dict["ocds_strategies"] == [
        "« lottery » n'est pas une stratégie de durabilité OCDS."
    ]


def test_history_rows_record_the_actor(alice):
    clause = make_clause(actor=alice)
    clause_approve(actor=alice, clause=clause)
    clause_retire(actor=alice, clause=clause)
    rows = list(clause.history.order_by("history_date", "history_id"))
    assert {row.history_user for row in rows} == {alice}
    assert [row.status for row in rows][-2:] == [ClauseStatus.APPROVED, ClauseStatus.RETIRED]
    assert [row.history_change_reason for row in rows][-2:] == [
        "Approbation (version 1)",
        "Retrait",
    ]
