"""Two requests at the same moment, each through its own database connection (threads meeting
at a barrier): two contracts created at once get two references, two approvals of one contract
give one success and one clear refusal, a comment posted twice is stored once. On PostgreSQL the
row locks order them; on SQLite (a file, as installed) the IMMEDIATE transactions and the busy
timeout do: the second writer waits instead of failing with "database is locked"."""

import time

import pytest
from django.core.exceptions import ValidationError

from core.tests.threads import at_once, needs_separate_connections
from purchasing.models import Market, MarketEvent, MarketStatus, ReviewComment
from purchasing.services import lifecycle, wizard
from purchasing.tests.factories import make_market, make_ready_market

pytestmark = [pytest.mark.django_db(transaction=True), needs_separate_connections()]


def test_two_contracts_created_at_once_get_two_references(bob, dora, monkeypatch):
    dora.department = bob.department
    dora.save()
    counted = wizard._next_reference

    def slow_count(market):
        # Both requests count the same contracts before either saves its own.
        reference = counted(market)
        time.sleep(0.5)
        return reference

    monkeypatch.setattr(wizard, "_next_reference", slow_count)

    outcome = at_once(lambda: make_market(bob), lambda: make_market(dora))

    assert all(isinstance(market, Market) for market in outcome), outcome
    assert sorted(market.reference for market in outcome) == ["2026-LYC-0001", "2026-LYC-0002"]


def test_two_approvals_of_one_contract_give_one_success_and_one_message(alice, bob, library):
    market = make_ready_market(bob, library)
    market = wizard.market_submit(actor=bob, market=market)

    outcome = at_once(
        lambda: lifecycle.market_approve(actor=alice, market=market),
        lambda: lifecycle.market_approve(actor=alice, market=market),
    )

    approved = [result for result in outcome if isinstance(result, Market)]
    refused = [result for result in outcome if isinstance(result, ValidationError)]
    assert len(approved) == len(refused) == 1, outcome
    assert refused[0].messages == [
        "Impossible de valider le marché : le marché est « Validé » ; il doit être « En revue »."
    ]
    assert MarketEvent.objects.filter(market=market, to_status=MarketStatus.APPROVED).count() == 1


def test_the_same_comment_posted_twice_at_once_is_stored_once(alice, bob, library):
    market = wizard.market_submit(actor=bob, market=make_ready_market(bob, library))
    post = lambda: lifecycle.review_comment_add(  # noqa: E731
        actor=alice, market=market, text="Précisez le taux d'insertion."
    )

    first, second = at_once(post, post)

    assert first.pk == second.pk
    assert ReviewComment.objects.filter(market=market).count() == 1
