"""The contract page, the advisor's review and the life after approval, through the pages:
the whole life of a contract, who may open and post each page, refusals shown with the
service's message, evidence files served only to readers, query counts that do not grow."""

import datetime
import html
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from core.siret import make_siret
from purchasing import services
from purchasing.models import (
    CriterionKind,
    ExecutionFollowUp,
    FollowUpStatus,
    InclusiveStructure,
    Market,
    MarketEvent,
    MarketStatus,
    ReviewComment,
    Theme,
)
from purchasing.tests.factories import advance, make_library, make_market, make_ready_market

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
NNBSP = "\u202f"
PDF = b"%PDF-1.4 attestation d'heures d'insertion"
# Session, user, permissions (2), the contract, can_read; then market_file (lots with awards
# and suppliers, criteria, clauses with versions, follow-ups, assessments, comments, events)
# the legal rules and EU thresholds, and the extra CPV codes.
DETAIL_QUERIES = 16
# Session, user, permissions (2), the count and the page of the queue.
QUEUE_QUERIES = 6


def url(name, market=None, **kwargs):
    if market is not None:
        kwargs["pk"] = market.pk
    return reverse(f"purchasing:{name}", kwargs=kwargs)


def text_of(response) -> str:
    """The page's HTML with entities decoded and (narrow) non-breaking spaces as spaces."""
    return html.unescape(response.content.decode()).replace(NBSP, " ").replace(NNBSP, " ")


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def reloaded(market) -> Market:
    return Market.objects.get(pk=market.pk)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def ready(bob, library):
    return make_ready_market(bob, library)


@pytest.fixture
def at(ready, bob, alice):
    return lambda status: advance(ready, status, buyer=bob, advisor=alice)


def record_follow_up(buyer, market, *, evidence=True, **overrides):
    applied = market.clauses.get(clause_version__clause__code="insertion-heures")
    arguments = {
        "period_start": datetime.date(2026, 6, 1),
        "period_end": datetime.date(2026, 6, 30),
        "indicator": "Heures d'insertion",
        "status": FollowUpStatus.MET,
        "target": Decimal("70"),
        "achieved": Decimal("72"),
        "is_insertion_hours": True,
    }
    if evidence:
        arguments["evidence"] = SimpleUploadedFile("attestation.pdf", PDF)
    arguments.update(overrides)
    return services.follow_up_save(actor=buyer, applied=applied, **arguments)


# --- The whole life ---------------------------------------------------------------------------


def test_the_whole_life_of_a_contract_through_the_pages(
    client, bob, alice, charlie, ready, media_root, settings
):
    market = services.market_submit(actor=bob, market=ready)

    # The advisor finds it in the queue and sends it back: a comment is required.
    client.force_login(alice)
    assert market.reference in text_of(client.get(url("review-queue")))
    page = text_of(client.get(url("detail", market)))
    assert "Renvoyer à l'acheteur" in page and "Valider le marché" in page
    response = client.post(url("send-back", market), {"comment": "  "})
    assert response.status_code == 200
    assert (
        "Dites à l'acheteur ce qu'il doit reprendre : le commentaire est obligatoire."
        in text_of(response)
    )
    assert reloaded(market).status == MarketStatus.IN_REVIEW
    response = client.post(url("send-back", market), {"comment": "Ajoutez un critère social."})
    assert response.status_code == 302
    assert response["Location"] == url("detail", market)
    assert reloaded(market).status == MarketStatus.SENT_BACK

    # The buyer reads the comment, resubmits; the advisor approves.
    client.force_login(bob)
    page = text_of(client.get(url("detail", market)))
    assert "Ajoutez un critère social." in page
    assert "Le conseiller achats responsables a renvoyé ce marché" in page
    services.market_submit(actor=bob, market=market)
    client.force_login(alice)
    # The contract page's button leads to a confirmation that says what will happen.
    assert url("approve", market) in text_of(client.get(url("detail", market)))
    confirm = text_of(client.get(url("approve", market)))
    assert "Ce qui va se passer" in confirm
    assert (
        "Le marché passe au statut « Validé » : l'acheteur peut enregistrer sa publication."
        in confirm
    )
    assert "Il ne peut plus être modifié par l'acheteur ni lui être renvoyé." in confirm
    assert "Confirmer : Valider le marché" in confirm
    assert reloaded(market).status == MarketStatus.IN_REVIEW
    response = client.post(url("approve", market), {"validation-comment": "Bon travail."})
    assert response.status_code == 302
    assert reloaded(market).status == MarketStatus.APPROVED
    assert ReviewComment.objects.filter(market=market, text="Bon travail.").exists()

    # The buyer publishes, awards both lots (French amounts), starts the execution.
    client.force_login(bob)
    assert client.get(url("publish", market)).status_code == 200
    response = client.post(
        url("publish", market),
        {"published_on": "2026-03-10", "publication_reference": "26-12345"},
    )
    assert response.status_code == 302
    market = reloaded(market)
    assert (market.status, market.published_on, market.publication_reference) == (
        MarketStatus.PUBLISHED,
        datetime.date(2026, 3, 10),
        "26-12345",
    )
    first, second = market.lots.order_by("number")
    for lot, number, amount in ((first, 1, "512 345,67"), (second, 2, "380 000")):
        assert client.get(url("award", market, lot_pk=lot.pk)).status_code == 200
        response = client.post(
            url("award", market, lot_pk=lot.pk),
            {
                "name": f"Titulaire {number}",
                "siret": make_siret(20_000_000 + number),
                "is_sme": "on",
                "inclusive_structure": InclusiveStructure.SIAE,
                "amount": amount,
                "notified_on": "04/05/2026",
            },
        )
        assert response.status_code == 302, text_of(response)
    first.award.refresh_from_db()
    assert first.award.amount == Decimal("512345.67")
    assert first.award.notified_on == datetime.date(2026, 5, 4)
    assert reloaded(market).status == MarketStatus.AWARDED
    confirm = text_of(client.get(url("start-execution", market)))
    assert "Les attributions de ses lots ne peuvent plus être modifiées." in confirm
    assert reloaded(market).status == MarketStatus.AWARDED
    assert client.post(url("start-execution", market)).status_code == 302
    assert reloaded(market).status == MarketStatus.IN_EXECUTION

    # The follow-up of the insertion clause, with its evidence file.
    applied = market.clauses.get(clause_version__clause__code="insertion-heures")
    form_page = text_of(client.get(url("follow-up", market, applied_pk=applied.pk)))
    assert "Formats acceptés : PDF, PNG, JPG, JPEG, ODT, ODS, DOCX, XLSX, CSV ; 10 Mo au plus." in (
        form_page
    )
    response = client.post(
        url("follow-up", market, applied_pk=applied.pk),
        {
            "period_start": "2026-06-01",
            "period_end": "2026-06-30",
            "indicator": "Heures d'insertion réalisées",
            "target": "70",
            "achieved": "72,5",
            "is_insertion_hours": "on",
            "status": FollowUpStatus.MET,
            "penalty": "",
            "comment": "",
            "evidence": SimpleUploadedFile("attestation.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302, text_of(response)
    row = ExecutionFollowUp.objects.get(applied_clause=applied)
    assert (row.achieved, row.recorded_by) == (Decimal("72.5"), bob)
    assert (media_root / row.evidence.name).read_bytes() == PDF
    assert "72,5 h" in text_of(client.get(url("detail", market)))

    # Buyer and advisor download it; the other organisation does not know it exists.
    for reader in (bob, alice):
        client.force_login(reader)
        response = client.get(url("evidence", market, follow_up_pk=row.pk))
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="attestation.pdf"'
        assert b"".join(response.streaming_content) == PDF
    client.force_login(charlie)
    assert client.get(url("evidence", market, follow_up_pk=row.pk)).status_code == 404
    # The media directory itself is not served.
    client.force_login(bob)
    assert client.get(f"{settings.MEDIA_URL}{row.evidence.name}").status_code == 404

    # The buyer closes it; the timeline tells the whole story.
    client.force_login(bob)
    confirm = text_of(client.get(url("close", market)))
    assert "Le marché passe au statut « Clos » : c'est définitif." in confirm
    assert reloaded(market).status == MarketStatus.IN_EXECUTION
    response = client.post(url("close", market), {"cloture-comment": "Objectifs atteints."})
    assert response.status_code == 302
    assert reloaded(market).status == MarketStatus.CLOSED
    assert list(
        MarketEvent.objects.filter(market=market)
        .order_by("at", "pk")
        .values_list("actor__email", "to_status")
    ) == [
        ("bob@roubaix.test", "draft"),
        ("bob@roubaix.test", "in_review"),
        ("alice@roubaix.test", "sent_back"),
        ("bob@roubaix.test", "in_review"),
        ("alice@roubaix.test", "approved"),
        ("bob@roubaix.test", "published"),
        ("bob@roubaix.test", "awarded"),
        ("bob@roubaix.test", "in_execution"),
        ("bob@roubaix.test", "closed"),
    ]
    page = text_of(client.get(url("detail", market)))
    assert "En exécution → Clos" in page
    assert "Objectifs atteints." in page
    assert "Alice Martin" in page


# --- Access -----------------------------------------------------------------------------------


@pytest.fixture
def executed(at, bob):
    """A contract in execution with a follow-up and its evidence: every page has an object."""
    market = at(MarketStatus.IN_EXECUTION)
    row = record_follow_up(bob, market)
    return market, row


def pages(market, row):
    """(method, url) of every page of a contract, by name."""
    lot = market.lots.order_by("number").first()
    applied = row.applied_clause
    return {
        "detail": ("get", url("detail", market)),
        "comment": ("post", url("comment", market)),
        "send-back": ("get", url("send-back", market)),
        "send-back-post": ("post", url("send-back", market)),
        "approve": ("get", url("approve", market)),
        "approve-post": ("post", url("approve", market)),
        "publish": ("get", url("publish", market)),
        "publish-post": ("post", url("publish", market)),
        "award": ("get", url("award", market, lot_pk=lot.pk)),
        "award-post": ("post", url("award", market, lot_pk=lot.pk)),
        "start-execution": ("get", url("start-execution", market)),
        "start-execution-post": ("post", url("start-execution", market)),
        "follow-up": ("get", url("follow-up", market, applied_pk=applied.pk)),
        "follow-up-post": ("post", url("follow-up", market, applied_pk=applied.pk)),
        "evidence": ("get", url("evidence", market, follow_up_pk=row.pk)),
        "close": ("get", url("close", market)),
        "close-post": ("post", url("close", market)),
        "abandon": ("get", url("abandon", market)),
        "abandon-post": ("post", url("abandon", market)),
    }


READ = {"detail", "evidence"}
REVIEW = {"comment", "send-back", "send-back-post", "approve", "approve-post"}
BUYER = {
    "comment",
    "publish",
    "publish-post",
    "award",
    "award-post",
    "start-execution",
    "start-execution-post",
    "follow-up",
    "follow-up-post",
    "close",
    "close-post",
    "abandon",
    "abandon-post",
}


@pytest.mark.parametrize(
    ("person", "allowed"),
    [
        ("head", READ),
        ("committee", READ),
        ("alice", READ | REVIEW),
        ("bob", READ | BUYER),
    ],
)
def test_inside_the_organisation_each_role_gets_its_pages_and_403_on_the_others(
    client, executed, person, allowed, request
):
    market, row = executed
    client.force_login(request.getfixturevalue(person))
    before = (
        reloaded(market).status,
        market.events.count(),
        market.comments.count(),
        ExecutionFollowUp.objects.count(),
    )

    for name, (method, address) in pages(market, row).items():
        response = getattr(client, method)(address)
        if name in allowed:
            # Shown (200), done or refused for the status: back to the contract (302).
            assert response.status_code in (200, 302), (name, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith(url("detail", market)), name
        else:
            assert response.status_code == 403, (name, response.status_code)

    if person != "bob":
        # Forbidden pages, empty forms and statuses that refuse: nothing was written.
        assert (
            reloaded(market).status,
            market.events.count(),
            market.comments.count(),
            ExecutionFollowUp.objects.count(),
        ) == before
    else:
        # The only empty POST a buyer may make in execution is the closure.
        assert reloaded(market).status == MarketStatus.CLOSED


def test_a_buyer_of_another_department_gets_403_everywhere(client, executed, dora):
    market, row = executed
    client.force_login(dora)

    for name, (method, address) in pages(market, row).items():
        assert getattr(client, method)(address).status_code == 403, name
    assert client.get(url("review-queue")).status_code == 403


def test_another_organisation_gets_404_everywhere(client, executed, charlie):
    market, row = executed
    client.force_login(charlie)

    for name, (method, address) in pages(market, row).items():
        assert getattr(client, method)(address).status_code == 404, name
    assert reloaded(market).status == MarketStatus.IN_EXECUTION


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, executed):
    market, row = executed
    login = reverse("accounts:login")

    for name, (method, address) in [
        *pages(market, row).items(),
        ("review-queue", ("get", url("review-queue"))),
    ]:
        response = getattr(client, method)(address)
        assert response.status_code == 302, name
        assert response["Location"].startswith(f"{login}?next="), name


def test_wrong_methods_are_refused(client, executed, bob):
    market, row = executed
    client.force_login(bob)

    assert client.get(url("comment", market)).status_code == 405
    for name in ("approve", "start-execution", "close"):
        assert client.put(url(name, market)).status_code == 405, name
    assert client.post(url("detail", market)).status_code == 405
    assert client.post(url("evidence", market, follow_up_pk=row.pk)).status_code == 405
    assert client.post(url("review-queue")).status_code == 405
    assert client.put(url("publish", market)).status_code == 405


def test_the_committee_and_the_head_read_the_contract_without_action_buttons(
    client, executed, committee, head
):
    market, row = executed
    for reader in (committee, head):
        client.force_login(reader)
        response = client.get(url("detail", market))
        page = text_of(response)

        assert response.status_code == 200
        assert market.reference in page
        assert "Clore le marché" not in page
        assert "Saisir le suivi d'une période" not in page
        assert "Ajouter un commentaire" not in page
        assert client.get(url("evidence", market, follow_up_pk=row.pk)).status_code == 200


def test_the_buttons_follow_the_role_and_the_status(client, at, bob, alice):
    market = at(MarketStatus.APPROVED)

    client.force_login(bob)
    page = text_of(client.get(url("detail", market)))
    assert url("publish", market) in page
    assert url("abandon", market) in page
    assert url("approve", market) not in page

    client.force_login(alice)
    page = text_of(client.get(url("detail", market)))
    assert url("publish", market) not in page
    assert url("approve", market) not in page
    assert "Ajouter un commentaire" in page


# --- Review queue -----------------------------------------------------------------------------


@pytest.fixture
def tourcoing_buyer(charlie):
    return UserFactory(
        organisation=charlie.organisation, department=charlie.department, roles=[Role.BUYER]
    )


@pytest.fixture
def tourcoing_library(charlie):
    admin = UserFactory(
        organisation=charlie.organisation, department=None, roles=[Role.CLAUSE_ADMIN]
    )
    return make_library(admin)


def test_the_queue_lists_only_contracts_in_review_of_the_organisation(
    client, bob, dora, alice, charlie, library, tourcoing_buyer, tourcoing_library
):
    in_review = services.market_submit(actor=bob, market=make_ready_market(bob, library))
    other_department = services.market_submit(
        actor=dora, market=make_ready_market(dora, library, title="Fournitures de bureau")
    )
    draft = make_ready_market(bob, library, title="Brouillon pas encore soumis")
    approved = advance(
        make_ready_market(bob, library, title="Marché déjà validé"),
        MarketStatus.APPROVED,
        buyer=bob,
        advisor=alice,
    )
    elsewhere = services.market_submit(
        actor=tourcoing_buyer,
        market=make_ready_market(tourcoing_buyer, tourcoing_library, title="Tourcoing"),
    )

    client.force_login(alice)
    response = client.get(url("review-queue"))

    assert response.status_code == 200
    assert [m.pk for m in response.context["page"].object_list] == [
        in_review.pk,
        other_department.pk,
    ]
    page = text_of(response)
    for hidden in (draft, approved, elsewhere):
        assert url("detail", hidden) not in page

    client.force_login(charlie)
    assert [m.pk for m in client.get(url("review-queue")).context["page"].object_list] == [
        elsewhere.pk
    ]


@pytest.mark.parametrize("person", ["bob", "head", "committee"])
def test_the_queue_is_for_advisors_only(client, person, request):
    client.force_login(request.getfixturevalue(person))

    assert client.get(url("review-queue")).status_code == 403


def test_the_queue_query_count_does_not_grow(
    client, alice, bob, library, django_assert_max_num_queries
):
    services.market_submit(actor=bob, market=make_ready_market(bob, library))
    client.force_login(alice)
    with django_assert_max_num_queries(QUEUE_QUERIES):
        assert len(client.get(url("review-queue")).context["page"].object_list) == 1

    for number in range(5):
        services.market_submit(
            actor=bob, market=make_ready_market(bob, library, title=f"Marché {number}")
        )
    with django_assert_max_num_queries(QUEUE_QUERIES):
        assert len(client.get(url("review-queue")).context["page"].object_list) == 6


# --- Refusals show the service's message ------------------------------------------------------


def test_a_refused_transition_shows_the_service_message_and_changes_nothing(client, at, bob):
    market = at(MarketStatus.PUBLISHED)
    first = market.lots.order_by("number").first()
    services.award_save(
        actor=bob,
        lot=first,
        supplier_name="Titulaire",
        siret=make_siret(20_000_001),
        is_sme=False,
        inclusive_structure=InclusiveStructure.NONE,
        amount=Decimal("1000"),
        notified_on=datetime.date(2026, 5, 4),
    )
    events = market.events.count()
    client.force_login(bob)

    response = client.post(url("start-execution", market))

    assert response.status_code == 302
    assert response["Location"] == url("detail", market)
    assert messages_of(response) == [
        "Impossible de passer en exécution : le marché est « Publié » ; il doit être « Attribué »."
    ]
    assert reloaded(market).status == MarketStatus.PUBLISHED
    assert market.events.count() == events


def test_the_advisor_cannot_approve_twice(client, at, alice):
    market = at(MarketStatus.APPROVED)
    client.force_login(alice)

    response = client.post(url("approve", market), {"validation-comment": "Encore."})

    assert messages_of(response) == [
        "Impossible de valider le marché : le marché est « Validé » ; il doit être « En revue »."
    ]
    assert not market.comments.exists()


def test_a_form_page_out_of_its_status_sends_back_to_the_contract(client, at, bob, alice):
    market = at(MarketStatus.IN_REVIEW)
    client.force_login(bob)

    response = client.get(url("publish", market))

    assert response.status_code == 302
    assert response["Location"] == url("detail", market)
    assert messages_of(response) == [
        "Cette action n'est pas possible : le marché est « En revue »."
    ]

    market = services.market_approve(actor=alice, market=market)
    client.force_login(alice)
    response = client.post(url("send-back", market), {"comment": "Trop tard ?"})
    assert response.status_code == 200
    assert (
        "Impossible de renvoyer le marché : le marché est « Validé » ; il doit être « En revue »."
        in text_of(response)
    )
    assert reloaded(market).status == MarketStatus.APPROVED


def test_the_publication_form_says_what_is_wrong(client, at, bob):
    market = at(MarketStatus.APPROVED)
    client.force_login(bob)

    response = client.post(url("publish", market), {"published_on": "2099-01-01"})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "published_on": [
            "La date de publication ne peut pas être dans le futur : enregistrez la "
            "publication une fois l'avis paru."
        ]
    }
    assert reloaded(market).status == MarketStatus.APPROVED


def test_the_award_form_refuses_a_bad_siret_and_a_bad_amount(client, at, bob):
    market = at(MarketStatus.PUBLISHED)
    lot = market.lots.order_by("number").first()
    client.force_login(bob)

    response = client.post(
        url("award", market, lot_pk=lot.pk),
        {
            "name": "Titulaire",
            "siret": "123 456 789 01234",
            "inclusive_structure": InclusiveStructure.NONE,
            "amount": "douze mille",
            "notified_on": "2026-05-04",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "siret": ["Ce SIRET n'existe pas : sa clé de contrôle est fausse. Vérifiez les chiffres."],
        "amount": ["Saisissez un nombre, par exemple 12 345,67."],
    }
    assert not hasattr(reloaded(market).lots.get(pk=lot.pk), "award")


def test_the_award_form_takes_a_siret_with_spaces_and_is_prefilled_to_correct(client, at, bob):
    market = at(MarketStatus.PUBLISHED)
    lot = market.lots.order_by("number").first()
    number = make_siret(20_300_019)
    client.force_login(bob)

    response = client.post(
        url("award", market, lot_pk=lot.pk),
        {
            "name": "Atelier Solidaire",
            "siret": f"{number[:3]} {number[3:6]} {number[6:9]} {number[9:]}",
            "inclusive_structure": InclusiveStructure.ESAT,
            "amount": "12 345,67 €",
            "notified_on": "2026-05-04",
        },
    )

    assert response.status_code == 302
    lot.refresh_from_db()
    assert (lot.award.supplier.siret, lot.award.amount) == (number, Decimal("12345.67"))
    assert lot.award.supplier.inclusive_structure == InclusiveStructure.ESAT
    form = client.get(url("award", market, lot_pk=lot.pk)).context["form"]
    assert form["siret"].value() == number
    assert form["amount"].value() == Decimal("12345.67")
    assert 'value="12 345,67"' in text_of(client.get(url("award", market, lot_pk=lot.pk)))


def test_a_lot_of_another_contract_is_404(client, at, bob, library):
    market = at(MarketStatus.PUBLISHED)
    other = make_ready_market(bob, library, title="Autre")
    client.force_login(bob)

    lot = other.lots.first()
    assert client.get(url("award", market, lot_pk=lot.pk)).status_code == 404


def test_an_evidence_of_a_refused_type_is_said_on_its_field(client, at, bob, media_root):
    market = at(MarketStatus.IN_EXECUTION)
    applied = market.clauses.first()
    client.force_login(bob)

    response = client.post(
        url("follow-up", market, applied_pk=applied.pk),
        {
            "period_start": "2026-06-01",
            "period_end": "2026-06-30",
            "indicator": "Heures",
            "status": FollowUpStatus.MET,
            "evidence": SimpleUploadedFile("page.html", b"<script>alert(1)</script>"),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "evidence": [
            "Justificatif refusé : formats acceptés .pdf, .png, .jpg, .jpeg, .odt, .ods, "
            ".docx, .xlsx, .csv."
        ]
    }
    assert not ExecutionFollowUp.objects.exists()
    assert list(media_root.iterdir()) == []


def test_a_follow_up_is_corrected_through_its_page(client, executed, bob):
    market, row = executed
    client.force_login(bob)
    address = f"{url('follow-up', market, applied_pk=row.applied_clause_id)}?suivi={row.pk}"

    form = client.get(address).context["form"]
    assert form["indicator"].value() == "Heures d'insertion"
    response = client.post(
        address,
        {
            "period_start": "2026-06-01",
            "period_end": "2026-06-30",
            "indicator": "Heures d'insertion",
            "achieved": "80",
            "is_insertion_hours": "on",
            "status": FollowUpStatus.PARTIAL,
            "penalty": "1 500,00",
        },
    )

    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.achieved, row.status, row.penalty) == (
        Decimal("80"),
        FollowUpStatus.PARTIAL,
        Decimal("1500"),
    )
    assert row.evidence  # Kept when no new file is sent.
    assert ExecutionFollowUp.objects.count() == 1


def test_the_beneficiaries_of_insertion_hours_are_counts_with_errors_on_their_field(
    client, executed, bob
):
    market, row = executed
    client.force_login(bob)
    address = f"{url('follow-up', market, applied_pk=row.applied_clause_id)}?suivi={row.pk}"
    fields = {
        "period_start": "2026-06-01",
        "period_end": "2026-06-30",
        "indicator": "Heures d'insertion",
        "achieved": "80",
        "is_insertion_hours": "on",
        "status": FollowUpStatus.MET,
    }
    assert "Bénéficiaires des heures d'insertion" in client.get(address).content.decode()

    refused = client.post(address, {**fields, "beneficiaries_rsa": "-2"})
    assert refused.status_code == 200
    assert refused.context["form"].errors == {
        "beneficiaries_rsa": ["Un nombre de personnes ne peut pas être négatif."]
    }
    response = client.post(
        address, {**fields, "beneficiaries_rsa": "2", "contracts_insertion": "3"}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.beneficiaries_rsa, row.contracts_insertion, row.beneficiaries_qpv) == (2, 3, None)


def test_a_follow_up_of_another_clause_or_a_bad_id_is_404(client, executed, bob):
    market, row = executed
    other_clause = market.clauses.exclude(pk=row.applied_clause_id).first()
    client.force_login(bob)
    base = url("follow-up", market, applied_pk=other_clause.pk)

    assert client.get(f"{base}?suivi={row.pk}").status_code == 404
    assert client.get(f"{base}?suivi=abc").status_code == 404


def test_evidence_is_404_without_a_file_or_under_another_contract(client, executed, bob, library):
    market, row = executed
    without = record_follow_up(
        bob,
        market,
        evidence=False,
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 7, 31),
    )
    other = make_ready_market(bob, library, title="Autre")
    client.force_login(bob)

    assert client.get(url("evidence", market, follow_up_pk=without.pk)).status_code == 404
    assert client.get(url("evidence", other, follow_up_pk=row.pk)).status_code == 404


def test_abandoning_needs_a_reason(client, at, bob):
    market = at(MarketStatus.APPROVED)
    client.force_login(bob)

    response = client.post(url("abandon", market), {"reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["Indiquez le motif de l'abandon."]}
    assert reloaded(market).status == MarketStatus.APPROVED

    response = client.post(url("abandon", market), {"reason": "Besoin couvert par l'UGAP."})
    assert response.status_code == 302
    market = reloaded(market)
    assert (market.status, market.abandon_reason) == (
        MarketStatus.ABANDONED,
        "Besoin couvert par l'UGAP.",
    )
    assert "Besoin couvert par l'UGAP." in text_of(client.get(url("detail", market)))


def test_an_empty_comment_is_said_on_the_contract_page(client, at, alice):
    market = at(MarketStatus.IN_REVIEW)
    client.force_login(alice)

    response = client.post(
        url("comment", market), {"section": "criteria", "text": "  "}, follow=True
    )

    assert response.redirect_chain == [(url("detail", market) + "#commentaires", 302)]
    form = response.context["comment_form"]
    assert form.errors == {"text": ["Écrivez le commentaire."]}
    assert form["section"].value() == "criteria"
    assert not market.comments.exists()

    response = client.post(
        url("comment", market), {"section": "criteria", "text": "Et le social ?"}
    )
    assert response.status_code == 302
    comment = market.comments.get()
    assert (comment.author, comment.section, comment.text) == (alice, "criteria", "Et le social ?")


# --- What the contract page shows -------------------------------------------------------------


def test_the_page_shows_considerations_hours_clauses_and_assessment(client, at, bob):
    market = at(MarketStatus.IN_EXECUTION)
    record_follow_up(bob, market, achieved=Decimal("1200"))
    client.force_login(bob)

    page = text_of(client.get(url("detail", market)))

    assert "Clause sociale" in page
    assert "Clause environnementale" in page and "Critère environnemental" in page
    assert "Heures d'insertion prévues : 833 h." in page
    assert "833 h" in page and "1 200 h" in page
    assert "Le titulaire réserve 5 % des heures" in page
    assert "Produits fabriqués en Europe, risque faible." in page
    assert str(Theme.WORKING_CONDITIONS.label) in page
    assert "Performance environnementale" in page
    assert "Direction des lycées" in page and "Bob Petit" in page
    assert "Brouillon → En revue" in page


def test_a_contract_launched_from_21_august_2026_without_env_consideration_is_flagged(
    client, bob, library
):
    market = make_ready_market(bob, library, launch_date=datetime.date(2026, 9, 1))
    for lot in market.lots.all():
        services.criteria_save(
            actor=bob,
            lot=lot,
            criteria=[
                {"kind": CriterionKind.PRICE, "weight": 60},
                {"kind": CriterionKind.TECHNICAL, "weight": 40},
            ],
        )
    client.force_login(bob)

    page = text_of(client.get(url("detail", market)))
    assert (
        "Considération environnementale (loi Climat et résilience, art. 35 ; art. L2112-2 et "
        "L2152-7 du code de la commande publique ; décret n° 2022-767) : marché signalé"
    ) in page
    assert "la règle s'applique depuis le 21 août 2026" in page
    assert "le lot 1 n'a pas de critère d'attribution environnemental" in page
    assert "Aucune justification n'est enregistrée" in page

    services.climate_justification_save(
        actor=bob, market=market, justification="Achat de très faible montant unitaire."
    )
    page = text_of(client.get(url("detail", market)))
    assert "Justification enregistrée :</strong> Achat de très faible montant unitaire." in page
    assert "Aucune justification n'est enregistrée" not in page


def test_a_contract_launched_before_the_date_is_not_flagged(client, at, bob):
    client.force_login(bob)

    page = text_of(client.get(url("detail", at(MarketStatus.IN_REVIEW))))

    assert "marché signalé" not in page


# --- Query counts -----------------------------------------------------------------------------


def large_contract(bob, alice, library, *, lots: int):
    """A contract with many lots, clauses, events, comments and follow-ups, made by the
    services, then in execution."""
    market = make_market(bob)
    saved = services.lots_save(
        actor=bob,
        market=market,
        lots=[
            {"number": n, "title": f"Lot {n}", "estimated_amount": Decimal("100000")}
            for n in range(1, lots + 1)
        ],
    )
    services.assessment_save(
        actor=bob, market=market, answers=dict.fromkeys(Theme.values, (True, ""))
    )
    for lot in saved:
        services.applied_clause_add(
            actor=bob, market=market, clause=library["ecolabel"], lot=lot, values={}
        )
        services.applied_clause_add(
            actor=bob,
            market=market,
            clause=library["insertion"],
            lot=lot,
            values={"hours": "100"},
        )
        services.criteria_save(
            actor=bob,
            lot=lot,
            criteria=[
                {"kind": CriterionKind.PRICE, "weight": 40},
                {"kind": CriterionKind.ENVIRONMENTAL, "weight": 30},
                {"kind": CriterionKind.SOCIAL, "weight": 30},
            ],
        )
    for _round in range(3):
        market = services.market_submit(actor=bob, market=market)
        services.review_comment_add(actor=alice, market=market, text="Une remarque.")
        market = services.market_send_back(actor=alice, market=market, comment="À reprendre.")
    market = advance(market, MarketStatus.IN_EXECUTION, buyer=bob, advisor=alice)
    for applied in market.clauses.all():
        for month in (6, 7):
            services.follow_up_save(
                actor=bob,
                applied=applied,
                period_start=datetime.date(2026, month, 1),
                period_end=datetime.date(2026, month, 28),
                indicator="Indicateur",
                status=FollowUpStatus.MET,
                achieved=Decimal("10"),
                is_insertion_hours=True,
                evidence=SimpleUploadedFile(f"preuve-{month}.pdf", PDF),
            )
    return market


@pytest.mark.parametrize("person", ["bob", "alice"])
def test_the_contract_page_query_count_does_not_grow(
    client, bob, alice, library, person, request, django_assert_max_num_queries
):
    small = make_ready_market(bob, library)
    large = large_contract(bob, alice, library, lots=6)
    assert large.clauses.count() == 12 and large.events.count() > 10
    client.force_login(request.getfixturevalue(person))

    for market in (small, large):
        with django_assert_max_num_queries(DETAIL_QUERIES):
            response = client.get(url("detail", market))
        assert response.status_code == 200
    assert "240 h" in text_of(response)  # 12 clauses × 2 months × 10 hours.


def test_the_follow_up_form_shows_every_error_at_once_and_asks_for_the_file_again(client, at, bob):
    market = at(MarketStatus.IN_EXECUTION)
    applied = market.clauses.first()
    client.force_login(bob)

    response = client.post(
        url("follow-up", market, applied_pk=applied.pk),
        {
            "period_start": "2026-06-30",
            "period_end": "2026-06-01",
            "indicator": "",
            "status": FollowUpStatus.MET,
            "penalty": "abc",
            "evidence": SimpleUploadedFile("heures.pdf", PDF),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "period_end": ["La fin de période précède son début."],
        "indicator": ["Ce champ est obligatoire."],
        "penalty": ["Saisissez un nombre, par exemple 12 345,67."],
    }
    page = text_of(response)
    summary = page[page.index('id="erreurs"') : page.index("</div>", page.index('id="erreurs"'))]
    assert "3 erreurs :" in summary
    assert '<a href="#id_period_end" class="alert-link">Fin de période : ' in summary
    assert '<a href="#id_indicator" class="alert-link">Indicateur : ' in summary
    assert '<a href="#id_penalty" class="alert-link">' in summary
    assert "Choisissez à nouveau le fichier « heures.pdf » : il n'a pas été gardé." in page
    assert not ExecutionFollowUp.objects.exists()
