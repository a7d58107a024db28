"""The status machine of a contract, service by service: who may move it, from which status,
with which message when refused (and then nothing changes); the figures the rules compute
(insertion hours, DECP considerations, criteria, art. 35 of the loi Climat et résilience)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from core.siret import make_siret
from purchasing import rules, selectors, services
from purchasing.models import (
    AppliedClause,
    Award,
    CriterionKind,
    ExecutionFollowUp,
    FollowUpStatus,
    InclusiveStructure,
    Market,
    MarketEvent,
    MarketStatus,
    ReviewComment,
    Supplier,
)
from purchasing.tests.factories import (
    PUBLISHED_ON,
    advance,
    award_lot,
    make_market,
    make_ready_market,
)

pytestmark = pytest.mark.django_db


def state(market: Market) -> tuple:
    """What a refused service must leave as it was."""
    market = Market.objects.get(pk=market.pk)
    return (
        market.status,
        market.published_on,
        market.publication_reference,
        market.abandon_reason,
        market.events.count(),
        market.history.count(),
        market.comments.count(),
        Award.objects.filter(lot__market=market).count(),
        ExecutionFollowUp.objects.filter(applied_clause__market=market).count(),
    )


def last_event(market: Market) -> MarketEvent:
    return market.events.order_by("-at", "-pk").first()


@pytest.fixture
def ready(bob, library):
    return make_ready_market(bob, library)


@pytest.fixture
def at(ready, bob, alice):
    """at(status): the ready contract moved to that status."""
    return lambda status: advance(ready, status, buyer=bob, advisor=alice)


@pytest.fixture
def colleague(bob):
    """Another buyer of bob's department."""
    return UserFactory(organisation=bob.organisation, department=bob.department, roles=[Role.BUYER])


def status_message(action: str, status: str, allowed: str) -> str:
    return f"Impossible de {action} : le marché est « {status} » ; il doit être {allowed}."


# --- Submission -------------------------------------------------------------------------------


def test_the_buyer_submits_a_ready_market_and_the_step_is_recorded(bob, ready):
    market = services.market_submit(actor=bob, market=ready)

    assert Market.objects.get(pk=market.pk).status == MarketStatus.IN_REVIEW
    event = last_event(market)
    assert (event.actor, event.from_status, event.to_status) == (
        bob,
        MarketStatus.DRAFT,
        MarketStatus.IN_REVIEW,
    )
    latest = market.history.latest()
    assert latest.history_user == bob
    assert latest.status == MarketStatus.IN_REVIEW


def test_another_buyer_of_the_department_may_submit(colleague, ready):
    market = services.market_submit(actor=colleague, market=ready)

    assert market.status == MarketStatus.IN_REVIEW
    assert last_event(market).actor == colleague


@pytest.mark.parametrize("person", ["dora", "alice", "head", "committee", "charlie"])
def test_only_a_buyer_of_the_department_submits(person, ready, request):
    before = state(ready)

    with pytest.raises(PermissionDenied):
        services.market_submit(actor=request.getfixturevalue(person), market=ready)

    assert state(ready) == before


def test_submission_is_refused_while_something_is_missing(bob):
    market = make_market(bob)
    before = state(market)

    with pytest.raises(ValidationError) as refused:
        services.market_submit(actor=bob, market=market)

    assert refused.value.messages[0] == "Avant de soumettre, complétez :"
    assert "Ajoutez au moins un lot (ou un lot unique)." in refused.value.messages
    assert state(market) == before


def test_a_market_in_review_is_not_submitted_again(bob, at):
    market = at(MarketStatus.IN_REVIEW)
    before = state(market)

    with pytest.raises(ValidationError) as refused:
        services.market_submit(actor=bob, market=market)

    assert refused.value.messages == [
        status_message(
            "soumettre à la revue", "En revue", "« Brouillon », « Renvoyé à l'acheteur »"
        )
    ]
    assert state(market) == before


# --- Review -----------------------------------------------------------------------------------


def test_the_advisor_sends_back_with_a_comment_the_buyer_resubmits(bob, alice, at):
    market = at(MarketStatus.IN_REVIEW)

    market = services.market_send_back(
        actor=alice, market=market, comment="  Ajoutez un critère social.  "
    )

    assert market.status == MarketStatus.SENT_BACK
    comment = ReviewComment.objects.get(market=market)
    assert (comment.author, comment.text) == (alice, "Ajoutez un critère social.")
    event = last_event(market)
    assert (event.actor, event.from_status, event.to_status, event.comment) == (
        alice,
        MarketStatus.IN_REVIEW,
        MarketStatus.SENT_BACK,
        "Ajoutez un critère social.",
    )
    assert market.history.latest().history_user == alice

    market = services.market_submit(actor=bob, market=market)
    assert market.status == MarketStatus.IN_REVIEW
    assert last_event(market).from_status == MarketStatus.SENT_BACK


@pytest.mark.parametrize("comment", ["", "   "])
def test_sending_back_without_a_comment_is_refused(alice, at, comment):
    market = at(MarketStatus.IN_REVIEW)
    before = state(market)

    with pytest.raises(ValidationError) as refused:
        services.market_send_back(actor=alice, market=market, comment=comment)

    assert refused.value.message_dict == {
        "comment": ["Dites à l'acheteur ce qu'il doit reprendre : le commentaire est obligatoire."]
    }
    assert state(market) == before


@pytest.mark.parametrize("person", ["bob", "dora", "head", "committee", "charlie"])
def test_only_an_advisor_of_the_organisation_sends_back_or_approves(person, at, request):
    market = at(MarketStatus.IN_REVIEW)
    actor = request.getfixturevalue(person)
    before = state(market)

    with pytest.raises(PermissionDenied):
        services.market_send_back(actor=actor, market=market, comment="À reprendre.")
    with pytest.raises(PermissionDenied):
        services.market_approve(actor=actor, market=market)

    assert state(market) == before


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (MarketStatus.DRAFT, "Brouillon"),
        (MarketStatus.APPROVED, "Validé"),
        (MarketStatus.PUBLISHED, "Publié"),
    ],
)
def test_the_advisor_decides_only_on_a_market_in_review(alice, at, ready, status, label):
    market = ready if status == MarketStatus.DRAFT else at(status)
    before = state(market)

    with pytest.raises(ValidationError) as refused:
        services.market_send_back(actor=alice, market=market, comment="À reprendre.")
    assert refused.value.messages == [status_message("renvoyer le marché", label, "« En revue »")]
    with pytest.raises(ValidationError) as refused:
        services.market_approve(actor=alice, market=market)
    assert refused.value.messages == [status_message("valider le marché", label, "« En revue »")]

    assert state(market) == before


def test_the_advisor_approves_with_a_comment(alice, at):
    market = at(MarketStatus.IN_REVIEW)

    market = services.market_approve(actor=alice, market=market, comment="Très bien.")

    assert Market.objects.get(pk=market.pk).status == MarketStatus.APPROVED
    assert list(market.comments.values_list("author", "text")) == [(alice.pk, "Très bien.")]
    event = last_event(market)
    assert (event.actor, event.from_status, event.to_status, event.comment) == (
        alice,
        MarketStatus.IN_REVIEW,
        MarketStatus.APPROVED,
        "Très bien.",
    )
    assert market.history.latest().history_user == alice


def test_an_approval_without_comment_writes_no_comment(alice, at):
    market = services.market_approve(actor=alice, market=at(MarketStatus.IN_REVIEW))

    assert market.status == MarketStatus.APPROVED
    assert not market.comments.exists()


def test_the_advisor_and_the_buyer_comment_others_may_not(bob, alice, committee, head, at):
    market = at(MarketStatus.IN_REVIEW)

    services.review_comment_add(actor=alice, market=market, text="Pourquoi 48 mois ?")
    services.review_comment_add(
        actor=bob, market=market, text="Durée de l'accord-cadre.", section="needs"
    )

    assert list(market.comments.values_list("author", "section")) == [
        (alice.pk, "general"),
        (bob.pk, "needs"),
    ]
    for outsider in (committee, head):
        with pytest.raises(PermissionDenied):
            services.review_comment_add(actor=outsider, market=market, text="Avis.")
    with pytest.raises(ValidationError) as refused:
        services.review_comment_add(actor=alice, market=market, text="  ")
    assert refused.value.message_dict == {"text": ["Écrivez le commentaire."]}
    assert market.comments.count() == 2


# --- Publication, award, execution, closure ---------------------------------------------------


def test_the_buyer_publishes_an_approved_market(bob, at):
    market = at(MarketStatus.APPROVED)

    market = services.market_publish(
        actor=bob, market=market, published_on=PUBLISHED_ON, publication_reference=" 26-12345 "
    )

    market.refresh_from_db()
    assert (market.status, market.published_on, market.publication_reference) == (
        MarketStatus.PUBLISHED,
        PUBLISHED_ON,
        "26-12345",
    )
    event = last_event(market)
    assert (event.actor, event.from_status, event.to_status) == (
        bob,
        MarketStatus.APPROVED,
        MarketStatus.PUBLISHED,
    )
    assert market.history.latest().history_user == bob


@pytest.mark.parametrize("person", ["alice", "dora", "head", "committee", "charlie"])
def test_only_the_buyer_publishes(person, at, request):
    market = at(MarketStatus.APPROVED)
    before = state(market)

    with pytest.raises(PermissionDenied):
        services.market_publish(
            actor=request.getfixturevalue(person), market=market, published_on=PUBLISHED_ON
        )

    assert state(market) == before


def test_a_market_in_review_is_not_published(bob, at):
    market = at(MarketStatus.IN_REVIEW)
    before = state(market)

    with pytest.raises(ValidationError) as refused:
        services.market_publish(actor=bob, market=market, published_on=PUBLISHED_ON)

    assert refused.value.messages == [status_message("publier le marché", "En revue", "« Validé »")]
    assert state(market) == before


def test_a_publication_date_in_the_future_is_refused(bob, at):
    market = at(MarketStatus.APPROVED)
    before = state(market)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as refused:
        services.market_publish(actor=bob, market=market, published_on=tomorrow)

    assert refused.value.message_dict == {
        "published_on": [
            "La date de publication ne peut pas être dans le futur : enregistrez la "
            "publication une fois l'avis paru."
        ]
    }
    assert state(market) == before


def test_an_award_keeps_the_supplier_as_it_was_when_notified(bob, at):
    market = at(MarketStatus.PUBLISHED)
    first, second = market.lots.order_by("number")
    common = {
        "siret": "73282932000074",
        "amount": Decimal("1000"),
        "notified_on": market.published_on,
    }
    services.award_save(
        actor=bob,
        lot=first,
        supplier_name="Atelier",
        is_sme=True,
        inclusive_structure="esat",
        **common,
    )
    services.award_save(
        actor=bob,
        lot=second,
        supplier_name="Atelier SA",
        is_sme=False,
        inclusive_structure="none",
        **common,
    )

    first.award.refresh_from_db()
    assert (first.award.is_sme, first.award.inclusive_structure) == (True, "esat")
    assert (first.award.supplier.is_sme, first.award.supplier.name) == (False, "Atelier SA")


def test_the_market_is_awarded_when_its_last_lot_is(bob, at):
    market = at(MarketStatus.PUBLISHED)
    first, second = market.lots.order_by("number")

    award = award_lot(bob, first)

    assert Market.objects.get(pk=market.pk).status == MarketStatus.PUBLISHED
    supplier = award.supplier
    assert (supplier.organisation_id, supplier.is_sme, supplier.inclusive_structure) == (
        bob.organisation_id,
        True,
        InclusiveStructure.SIAE,
    )
    assert award.amount == Decimal("512345.67")
    assert award.history.latest().history_user == bob

    award_lot(bob, second, siret=make_siret(20_100_012), is_sme=False)

    market.refresh_from_db()
    assert market.status == MarketStatus.AWARDED
    event = last_event(market)
    assert (event.actor, event.from_status, event.to_status) == (
        bob,
        MarketStatus.PUBLISHED,
        MarketStatus.AWARDED,
    )


def test_an_award_is_corrected_and_the_supplier_found_by_siret(bob, at):
    market = at(MarketStatus.AWARDED)
    lot = market.lots.order_by("number").first()
    events = market.events.count()

    award_lot(
        bob,
        lot,
        siret=make_siret(20_000_001),
        supplier_name="Nettoyage du Nord (nouveau nom)",
        inclusive_structure=InclusiveStructure.EA,
        amount=Decimal("500000"),
    )

    assert Supplier.objects.filter(organisation=bob.organisation).count() == 2
    lot.award.refresh_from_db()
    assert lot.award.amount == Decimal("500000")
    assert lot.award.supplier.name == "Nettoyage du Nord (nouveau nom)"
    assert lot.award.supplier.inclusive_structure == InclusiveStructure.EA
    assert Market.objects.get(pk=market.pk).status == MarketStatus.AWARDED
    assert market.events.count() == events


def test_a_lot_is_not_awarded_before_publication(bob, at):
    market = at(MarketStatus.APPROVED)
    before = state(market)

    with pytest.raises(ValidationError) as refused:
        award_lot(bob, market.lots.first())

    assert refused.value.messages == [
        status_message("attribuer un lot", "Validé", "« Publié », « Attribué »")
    ]
    assert state(market) == before
    assert not Supplier.objects.exists()


def test_an_award_notified_before_publication_or_with_a_bad_siret_is_refused(bob, at):
    market = at(MarketStatus.PUBLISHED)
    lot = market.lots.first()
    before = state(market)

    with pytest.raises(ValidationError) as refused:
        award_lot(bob, lot, notified_on=PUBLISHED_ON - datetime.timedelta(days=1))
    assert refused.value.message_dict == {
        "notified_on": ["La notification ne peut précéder la publication du marché."]
    }
    with pytest.raises(ValidationError) as refused:
        award_lot(bob, lot, siret="12345678901234")
    assert refused.value.message_dict["siret"] == [
        "Ce SIRET n'existe pas : sa clé de contrôle est fausse. Vérifiez les chiffres."
    ]
    with pytest.raises(ValidationError) as refused:
        award_lot(bob, lot, siret="44123456000122")
    assert refused.value.message_dict["siret"] == [
        "Ce SIRET n'existe pas : la clé de contrôle de son SIREN (les 9 premiers chiffres) "
        "est fausse. Vérifiez les chiffres."
    ]

    assert state(market) == before
    assert not Supplier.objects.exists()


@pytest.mark.parametrize("person", ["alice", "dora", "committee"])
def test_only_the_buyer_awards(person, at, request):
    market = at(MarketStatus.PUBLISHED)
    before = state(market)

    with pytest.raises(PermissionDenied):
        award_lot(request.getfixturevalue(person), market.lots.first())

    assert state(market) == before


def test_execution_starts_once_awarded_only(bob, alice, at):
    market = at(MarketStatus.AWARDED)
    with pytest.raises(PermissionDenied):
        services.market_start_execution(actor=alice, market=market)

    market = services.market_start_execution(actor=bob, market=market)

    assert Market.objects.get(pk=market.pk).status == MarketStatus.IN_EXECUTION
    event = last_event(market)
    assert (event.actor, event.from_status, event.to_status) == (
        bob,
        MarketStatus.AWARDED,
        MarketStatus.IN_EXECUTION,
    )


def test_execution_does_not_start_while_a_lot_is_not_awarded(bob, at):
    market = at(MarketStatus.PUBLISHED)
    award_lot(bob, market.lots.order_by("number").first())
    before = state(market)

    with pytest.raises(ValidationError) as refused:
        services.market_start_execution(actor=bob, market=market)

    assert refused.value.messages == [
        status_message("passer en exécution", "Publié", "« Attribué »")
    ]
    assert state(market) == before


def follow_up_arguments(**overrides):
    arguments = {
        "period_start": datetime.date(2026, 6, 1),
        "period_end": datetime.date(2026, 6, 30),
        "indicator": "Heures d'insertion réalisées",
        "status": FollowUpStatus.MET,
        "target": Decimal("70"),
        "achieved": Decimal("72.5"),
        "is_insertion_hours": True,
    }
    arguments.update(overrides)
    return arguments


def test_the_buyer_records_and_corrects_a_follow_up_in_execution(bob, at):
    market = at(MarketStatus.IN_EXECUTION)
    applied = market.clauses.get(clause_version__clause__code="insertion-heures")

    row = services.follow_up_save(actor=bob, applied=applied, **follow_up_arguments())
    services.follow_up_save(
        actor=bob,
        applied=applied,
        follow_up=row,
        **follow_up_arguments(achieved=Decimal("75"), penalty=Decimal("0")),
    )

    row.refresh_from_db()
    assert (row.achieved, row.penalty, row.recorded_by) == (Decimal("75"), Decimal("0"), bob)
    assert ExecutionFollowUp.objects.count() == 1
    assert row.history.latest().history_user == bob


def test_a_follow_up_is_refused_before_execution_and_for_others(bob, alice, at):
    market = at(MarketStatus.AWARDED)
    applied = market.clauses.first()
    before = state(market)

    with pytest.raises(ValidationError) as refused:
        services.follow_up_save(actor=bob, applied=applied, **follow_up_arguments())
    assert refused.value.messages == [
        status_message("saisir le suivi d'exécution", "Attribué", "« En exécution »")
    ]
    assert state(market) == before
    market = services.market_start_execution(actor=bob, market=market)
    with pytest.raises(PermissionDenied):
        services.follow_up_save(actor=alice, applied=applied, **follow_up_arguments())
    with pytest.raises(ValidationError) as refused:
        services.follow_up_save(
            actor=bob,
            applied=applied,
            **follow_up_arguments(period_end=datetime.date(2026, 5, 1)),
        )
    assert refused.value.messages == ["La fin de période précède son début."]

    assert not ExecutionFollowUp.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("preuve.exe", b"MZ", content_type="application/octet-stream"),
            "Justificatif refusé : formats acceptés .pdf, .png, .jpg, .jpeg, .odt, .ods, .docx, "
            ".xlsx, .csv.",
        ),
        (
            SimpleUploadedFile("preuve.html", b"<script>", content_type="text/html"),
            "Justificatif refusé : formats acceptés .pdf, .png, .jpg, .jpeg, .odt, .ods, .docx, "
            ".xlsx, .csv.",
        ),
        (
            SimpleUploadedFile(
                "gros.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), content_type="application/pdf"
            ),
            "Justificatif trop lourd : 10 Mo au plus.",
        ),
    ],
)
def test_an_evidence_of_the_wrong_type_or_too_large_is_refused(
    bob, at, upload, message, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    market = at(MarketStatus.IN_EXECUTION)

    with pytest.raises(ValidationError) as refused:
        services.follow_up_save(
            actor=bob, applied=market.clauses.first(), evidence=upload, **follow_up_arguments()
        )

    assert refused.value.message_dict == {"evidence": [message]}
    assert not ExecutionFollowUp.objects.exists()
    assert list(tmp_path.iterdir()) == []


def test_an_evidence_of_10_mb_is_stored_under_the_media_root(bob, at, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    market = at(MarketStatus.IN_EXECUTION)
    upload = SimpleUploadedFile(
        "Attestation.PDF", b"%PDF-" + b"0" * (10 * 1024 * 1024 - 5), content_type="application/pdf"
    )

    row = services.follow_up_save(
        actor=bob, applied=market.clauses.first(), evidence=upload, **follow_up_arguments()
    )

    assert row.evidence.name == f"preuves/{market.pk}/Attestation.PDF"
    assert (tmp_path / row.evidence.name).stat().st_size == 10 * 1024 * 1024


def test_the_buyer_closes_a_market_in_execution_only(bob, alice, at):
    market = at(MarketStatus.AWARDED)
    before = state(market)
    with pytest.raises(ValidationError) as refused:
        services.market_close(actor=bob, market=market)
    assert refused.value.messages == [
        status_message("clore le marché", "Attribué", "« En exécution »")
    ]
    assert state(market) == before

    market = services.market_start_execution(actor=bob, market=market)
    with pytest.raises(PermissionDenied):
        services.market_close(actor=alice, market=market)
    market = services.market_close(actor=bob, market=market, comment="Bilan positif.")

    assert Market.objects.get(pk=market.pk).status == MarketStatus.CLOSED
    event = last_event(market)
    assert (event.actor, event.from_status, event.to_status, event.comment) == (
        bob,
        MarketStatus.IN_EXECUTION,
        MarketStatus.CLOSED,
        "Bilan positif.",
    )


@pytest.mark.parametrize(
    "status",
    [
        MarketStatus.DRAFT,
        MarketStatus.IN_REVIEW,
        MarketStatus.SENT_BACK,
        MarketStatus.APPROVED,
        MarketStatus.PUBLISHED,
    ],
)
def test_the_buyer_abandons_with_a_reason_before_award(bob, alice, ready, at, status):
    if status == MarketStatus.DRAFT:
        market = ready
    elif status == MarketStatus.SENT_BACK:
        market = services.market_send_back(
            actor=alice, market=at(MarketStatus.IN_REVIEW), comment="À revoir."
        )
    else:
        market = at(status)

    market = services.market_abandon(actor=bob, market=market, reason=" Besoin disparu. ")

    market.refresh_from_db()
    assert (market.status, market.abandon_reason) == (MarketStatus.ABANDONED, "Besoin disparu.")
    event = last_event(market)
    assert (event.actor, event.from_status, event.to_status, event.comment) == (
        bob,
        status,
        MarketStatus.ABANDONED,
        "Besoin disparu.",
    )


def test_abandonment_needs_a_reason_the_buyer_and_a_status_before_award(bob, alice, ready, at):
    before = state(ready)
    with pytest.raises(ValidationError) as refused:
        services.market_abandon(actor=bob, market=ready, reason="  ")
    assert refused.value.message_dict == {"reason": ["Indiquez le motif de l'abandon."]}
    with pytest.raises(PermissionDenied):
        services.market_abandon(actor=alice, market=ready, reason="Doublon.")
    assert state(ready) == before

    market = at(MarketStatus.AWARDED)
    before = state(market)
    with pytest.raises(ValidationError) as refused:
        services.market_abandon(actor=bob, market=market, reason="Doublon.")
    assert refused.value.messages == [
        status_message(
            "abandonner le marché",
            "Attribué",
            "« Brouillon », « Renvoyé à l'acheteur », « En revue », « Validé », « Publié »",
        )
    ]
    assert state(market) == before


def test_every_step_of_a_life_is_an_event_naming_its_actor(bob, alice, ready):
    market = services.market_submit(actor=bob, market=ready)
    market = services.market_send_back(actor=alice, market=market, comment="Précisez.")
    advance(market, MarketStatus.CLOSED, buyer=bob, advisor=alice)

    steps = list(
        MarketEvent.objects.filter(market=ready)
        .order_by("at", "pk")
        .values_list("actor__email", "from_status", "to_status")
    )
    assert steps == [
        ("bob@roubaix.test", "", "draft"),
        ("bob@roubaix.test", "draft", "in_review"),
        ("alice@roubaix.test", "in_review", "sent_back"),
        ("bob@roubaix.test", "sent_back", "in_review"),
        ("alice@roubaix.test", "in_review", "approved"),
        ("bob@roubaix.test", "approved", "published"),
        ("bob@roubaix.test", "published", "awarded"),
        ("bob@roubaix.test", "awarded", "in_execution"),
        ("bob@roubaix.test", "in_execution", "closed"),
    ]
    # The history row of each status change names who made it.
    by_status = {
        row.status: row.history_user.email
        for row in ready.history.order_by("history_date", "history_id")
    }
    assert by_status == {
        "draft": "bob@roubaix.test",
        "in_review": "bob@roubaix.test",
        "sent_back": "alice@roubaix.test",
        "approved": "alice@roubaix.test",
        "published": "bob@roubaix.test",
        "awarded": "bob@roubaix.test",
        "in_execution": "bob@roubaix.test",
        "closed": "bob@roubaix.test",
    }


# --- Insertion hours --------------------------------------------------------------------------


def unsaved_insertion_clause(market, library, **values):
    """An applied insertion clause as the rules read it; its `hours` left empty, which the
    service does not allow (the parameter has no default), so it is not saved."""
    version = library["insertion"].current_version
    return AppliedClause(market=market, clause_version=version, values=values)


def test_insertion_hours_are_computed_from_amount_share_rate_and_cost(bob, library):
    """1 000 000 € × 50 % × 5 % ÷ 30 €/h = 833,33 h, rounded half up to the hour: 833 h."""
    market = make_market(bob, estimated_amount=Decimal("1000000"))
    clause = unsaved_insertion_clause(
        market, library, insertion_rate="5", labour_share="50", hourly_cost="30"
    )

    assert rules.clause_insertion_hours(clause, market) == Decimal("833")


def test_insertion_hours_round_half_up(bob, library):
    # 1 003 800 € × 50 % × 5 % ÷ 30 €/h = 836,5 h: half up gives 837 (half even would say 836).
    market = make_market(bob, estimated_amount=Decimal("1003800"))
    clause = unsaved_insertion_clause(
        market, library, insertion_rate="5", labour_share="50", hourly_cost="30"
    )

    assert rules.clause_insertion_hours(clause, market) == Decimal("837")


def test_insertion_hours_take_the_defaults_and_the_lot_amount(bob, library):
    market = make_market(bob, estimated_amount=Decimal("1000000"))
    lot = services.lots_save(
        actor=bob,
        market=market,
        lots=[{"number": 1, "title": "Lot", "estimated_amount": Decimal("600000")}],
    )[0]
    # Defaults: 5 % of the hours, 50 % of labour, 30 €/h; 600 000 € × 2,5 % ÷ 30 = 500 h.
    clause = unsaved_insertion_clause(market, library)
    clause.lot = lot

    assert rules.clause_insertion_hours(clause, market) == Decimal("500")


def test_hours_given_by_the_buyer_are_the_commitment(bob, ready, library):
    file = selectors.market_file(market=ready)

    assert file.insertion_hours_committed == Decimal("833")
    ecolabel = next(c for c in file.clauses if c.clause_version.clause.code == "produits-ecolabel")
    assert rules.clause_insertion_hours(ecolabel, ready) is None


def test_insertion_hours_achieved_roll_up_from_flagged_follow_ups(bob, at):
    market = at(MarketStatus.IN_EXECUTION)
    insertion = market.clauses.get(clause_version__clause__code="insertion-heures")
    ecolabel = market.clauses.get(clause_version__clause__code="produits-ecolabel")
    assert selectors.market_file(market=market).insertion_hours_achieved is None

    services.follow_up_save(actor=bob, applied=insertion, **follow_up_arguments(achieved=120))
    services.follow_up_save(
        actor=bob,
        applied=insertion,
        **follow_up_arguments(
            period_start=datetime.date(2026, 7, 1),
            period_end=datetime.date(2026, 7, 31),
            achieved=Decimal("80.5"),
        ),
    )
    services.follow_up_save(
        actor=bob,
        applied=ecolabel,
        **follow_up_arguments(
            indicator="Part écolabellisée", achieved=Decimal("999"), is_insertion_hours=False
        ),
    )

    assert selectors.market_file(market=market).insertion_hours_achieved == Decimal("200.5")


# --- DECP considerations ----------------------------------------------------------------------


def one_lot_market(bob, criteria):
    market = make_market(bob)
    lot = services.lots_save(actor=bob, market=market, lots=[{"number": 1, "title": "Lot unique"}])[
        0
    ]
    services.criteria_save(actor=bob, lot=lot, criteria=criteria)
    return market


PRICE_AND_TECHNICAL = [
    {"kind": CriterionKind.PRICE, "weight": 60},
    {"kind": CriterionKind.TECHNICAL, "weight": 40},
]


def considerations(market):
    found = selectors.market_file(market=market).considerations
    return found.social, found.environmental


def test_no_clause_and_no_sustainable_criterion_yield_no_consideration(bob):
    market = one_lot_market(bob, PRICE_AND_TECHNICAL)

    assert considerations(market) == (
        ["Pas de considération sociale"],
        ["Pas de considération environnementale"],
    )


def test_a_social_clause_yields_clause_sociale(bob, library):
    market = one_lot_market(bob, PRICE_AND_TECHNICAL)
    services.applied_clause_add(
        actor=bob,
        market=market,
        clause=library["insertion"],
        values={"hours": "833"},
    )

    assert considerations(market) == (
        ["Clause sociale"],
        ["Pas de considération environnementale"],
    )


def test_an_environmental_criterion_yields_critere_environnemental(bob):
    market = one_lot_market(
        bob,
        [
            {"kind": CriterionKind.PRICE, "weight": 60},
            {"kind": CriterionKind.ENVIRONMENTAL, "weight": 40},
        ],
    )

    assert considerations(market) == (
        ["Pas de considération sociale"],
        ["Critère environnemental"],
    )


def test_a_reserved_contract_yields_marche_reserve(bob, library):
    market = one_lot_market(bob, PRICE_AND_TECHNICAL)
    services.applied_clause_add(actor=bob, market=market, clause=library["reserved"], values={})

    assert considerations(market) == (["Marché réservé"], ["Pas de considération environnementale"])


def test_the_ready_market_yields_each_value_once_in_the_schema_order(ready):
    assert considerations(ready) == (
        ["Clause sociale"],
        ["Clause environnementale", "Critère environnemental"],
    )


# --- Award criteria ---------------------------------------------------------------------------


def test_weights_that_do_not_total_100_are_refused_and_nothing_changes(bob, ready):
    lot = ready.lots.order_by("number").first()
    before = list(lot.criteria.values_list("kind", "weight"))

    with pytest.raises(ValidationError) as refused:
        services.criteria_save(
            actor=bob,
            lot=lot,
            criteria=[
                {"kind": CriterionKind.PRICE, "weight": 50},
                {"kind": CriterionKind.TECHNICAL, "weight": 40},
            ],
        )

    assert refused.value.messages == [
        "Les pondérations doivent totaliser exactement 100 % : elles font 90 %."
    ]
    assert list(lot.criteria.values_list("kind", "weight")) == before


def test_a_single_price_criterion_is_refused(bob, ready):
    lot = ready.lots.order_by("number").first()

    with pytest.raises(ValidationError) as refused:
        services.criteria_save(
            actor=bob, lot=lot, criteria=[{"kind": CriterionKind.PRICE, "weight": 100}]
        )

    assert refused.value.messages == [
        "Un critère unique ne peut être que le coût, pas le prix (décret n° 2022-767) : "
        "choisissez le coût ou ajoutez d'autres critères."
    ]
    assert lot.criteria.count() == 3


def test_a_single_cost_criterion_is_accepted(bob, ready):
    lot = ready.lots.order_by("number").first()

    services.criteria_save(
        actor=bob, lot=lot, criteria=[{"kind": CriterionKind.COST, "weight": 100}]
    )

    assert list(lot.criteria.values_list("kind", "weight")) == [(CriterionKind.COST, 100)]


# --- Loi Climat et résilience, art. 35 --------------------------------------------------------


def without_environmental_consideration(bob, library, launch_date):
    """A ready contract launched on `launch_date` with no environmental criterion nor
    environmental execution clause."""
    market = make_ready_market(bob, library, launch_date=launch_date)
    services.applied_clause_remove(
        actor=bob, applied=market.clauses.get(clause_version__clause__code="produits-ecolabel")
    )
    for lot in market.lots.all():
        services.criteria_save(actor=bob, lot=lot, criteria=PRICE_AND_TECHNICAL)
    return Market.objects.get(pk=market.pk)


def gaps(market):
    return rules.climate_law_gaps(
        market=market,
        lots=list(market.lots.prefetch_related("criteria")),
        clauses=list(market.clauses.select_related("clause_version")),
    )


def test_from_21_august_2026_submission_needs_a_justification_then_the_market_is_flagged(
    bob, library
):
    market = without_environmental_consideration(bob, library, datetime.date(2026, 8, 22))
    before = state(market)

    with pytest.raises(ValidationError) as refused:
        services.market_submit(actor=bob, market=market)

    assert refused.value.messages == [
        "Avant de soumettre, complétez :",
        "Consultation lancée à partir du 21 août 2026 (loi Climat et résilience, art. 35 ; "
        "art. L2112-2 et L2152-7 du code de la commande publique ; décret n° 2022-767) : "
        "aucune condition d'exécution "
        "environnementale ; le lot 1 n'a pas de critère d'attribution environnemental ; le lot 2 "
        "n'a pas de critère d'attribution environnemental. Ajoutez-les ou justifiez leur "
        "absence.",
    ]
    assert state(market) == before

    services.climate_justification_save(
        actor=bob, market=market, justification="Prestation intellectuelle sans impact."
    )
    market = services.market_submit(actor=bob, market=market)

    assert market.status == MarketStatus.IN_REVIEW
    assert len(gaps(market)) == 3
    assert selectors.market_file(market=market).climate_gaps == gaps(market)


def test_before_21_august_2026_no_justification_is_asked(bob, library):
    market = without_environmental_consideration(bob, library, datetime.date(2026, 8, 20))

    market = services.market_submit(actor=bob, market=market)

    assert market.status == MarketStatus.IN_REVIEW
    assert gaps(market) == []


def test_an_environmental_criterion_and_clause_satisfy_art_35(bob, library):
    market = make_ready_market(bob, library, launch_date=datetime.date(2026, 9, 1))

    assert gaps(market) == []
    assert services.market_submit(actor=bob, market=market).status == MarketStatus.IN_REVIEW
