import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from clauses.access import get_clause_for_user
from clauses.models import Clause
from clauses.services.library import clause_approve, clause_retire, clause_update
from clauses.tests.factories import make_approved_clause, make_clause

pytestmark = pytest.mark.django_db


def test_a_buyer_sees_the_approved_clauses_of_their_organisation(alice, bob):
    clause = make_approved_clause(actor=alice)
    assert get_clause_for_user(bob, clause.pk) == clause


def test_a_buyer_does_not_see_a_clause_never_approved(alice, bob):
    draft = make_clause(actor=alice)
    assert get_clause_for_user(alice, draft.pk) == draft
    with pytest.raises(Http404):
        get_clause_for_user(bob, draft.pk)


def test_a_retired_clause_stays_visible_to_its_administrators_only(alice, bob):
    clause = make_approved_clause(actor=alice)
    clause_retire(actor=alice, clause=clause)
    assert get_clause_for_user(alice, clause.pk) == clause
    with pytest.raises(Http404):
        get_clause_for_user(bob, clause.pk)


def test_a_shared_clause_stays_visible_to_others_while_its_owner_edits_it(alice, bob, charlie):
    clause = make_approved_clause(actor=alice, shared_with_network=True)
    clause_update(actor=alice, clause=clause, title="Nouveau titre en préparation")
    assert get_clause_for_user(charlie, clause.pk) == clause
    assert get_clause_for_user(bob, clause.pk).current_version.number == 1


def test_a_private_clause_of_another_organisation_is_hidden(alice, charlie):
    clause = make_approved_clause(actor=alice)
    with pytest.raises(Http404):
        get_clause_for_user(charlie, clause.pk)


def test_a_shared_approved_clause_is_visible_to_other_organisations(alice, charlie):
    clause = make_approved_clause(actor=alice, shared_with_network=True)
    assert get_clause_for_user(charlie, clause.pk) == clause


def test_a_shared_clause_is_hidden_from_others_until_approved(alice, charlie):
    draft = make_clause(actor=alice, shared_with_network=True)
    assert not Clause.objects.visible_to(charlie).filter(pk=draft.pk).exists()
    clause_approve(actor=alice, clause=draft)
    assert Clause.objects.visible_to(charlie).filter(pk=draft.pk).exists()


def test_an_anonymous_visitor_sees_no_clause(alice):
    make_approved_clause(actor=alice, shared_with_network=True)
    assert not Clause.objects.visible_to(AnonymousUser()).exists()
