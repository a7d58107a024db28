"""Text typed by people never comes out as markup: the same hostile payload goes in every text
field of a clause and of a contract, through the services, and every page that shows them prints
it escaped."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.roles import Role
from accounts.services import user_create
from accounts.tests.factories import UserFactory
from clauses.models import (
    ClauseCategory,
    ClauseKind,
    DecpConsideration,
    OcdsSustainabilityGoal,
    OcdsSustainabilityStrategy,
)
from clauses.tests.factories import make_approved_clause
from purchasing import services
from purchasing.tests.factories import make_ready_market

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"
MARKUP = ("<script>alert", "<img src=x")


def assert_escaped(content: str, where: str, *, shown: bool = True) -> None:
    for fragment in MARKUP:
        assert fragment not in content, f"{where}: {fragment!r} came out as markup"
    if shown:
        assert ESCAPED in content or ESCAPED.replace("&quot;", "&#x27;") in content, where


@pytest.fixture
def hostile_clause(clause_admin):
    return make_approved_clause(
        actor=clause_admin,
        code="clause-hostile",
        title=f"Titre {PAYLOAD}",
        body=f"Le titulaire réserve {{rate}} et {{note}}. {PAYLOAD}",
        guidance=f"Conseil {PAYLOAD}",
        warnings=f"Vigilance {PAYLOAD}",
        legal_references=f"Article {PAYLOAD}",
        category=ClauseCategory.SOCIAL_INSERTION,
        kind=ClauseKind.EXECUTION_CONDITION,
        decp_consideration=DecpConsideration.SOCIAL_CLAUSE,
        ocds_goal=OcdsSustainabilityGoal.DISADVANTAGED_EMPLOYMENT,
        ocds_strategies=[OcdsSustainabilityStrategy.CONTRACT_PERFORMANCE_CONDITIONS],
        parameters=[
            {
                "name": "rate",
                "label": f"Taux {PAYLOAD}",
                "type": "percent",
                "default": 5,
                "help": f"Aide {PAYLOAD}",
            },
            {"name": "note", "label": "Note", "type": "text", "help": f"Aide {PAYLOAD}"},
        ],
    )


def test_a_clause_parameters_help_and_texts_are_escaped_on_every_page(
    client, clause_admin, bob, hostile_clause
):
    pk = hostile_clause.pk
    client.force_login(clause_admin)
    for name in ("detail", "edit", "history"):
        page = client.get(reverse(f"clauses:{name}", kwargs={"pk": pk}))
        assert page.status_code == 200, name
        assert_escaped(page.content.decode(), f"clauses:{name}", shown=name != "history")
    page = client.get(reverse("clauses:detail", kwargs={"pk": pk}), {"essai": "1", "note": PAYLOAD})
    assert_escaped(page.content.decode(), "clauses:detail (essai)")
    assert_escaped(client.get(reverse("clauses:list")).content.decode(), "clauses:list")

    client.force_login(bob)
    assert_escaped(
        client.get(reverse("clauses:detail", kwargs={"pk": pk})).content.decode(), "for a buyer"
    )


def test_a_contracts_texts_and_its_clause_step_are_escaped(
    client, alice, bob, library, hostile_clause
):
    market = make_ready_market(bob, library, title=f"Marché {PAYLOAD}", place=f"Lille {PAYLOAD}")
    applied = services.applied_clause_add(
        actor=bob, market=market, clause=hostile_clause, values={"rate": "5", "note": PAYLOAD}
    )
    client.force_login(bob)
    edit_clause = reverse(
        "purchasing:clause-edit", kwargs={"pk": market.pk, "applied_pk": applied.pk}
    )
    assert_escaped(client.get(edit_clause).content.decode(), "purchasing:clause-edit")
    services.market_submit(actor=bob, market=market)
    services.review_comment_add(actor=alice, market=market, text=f"Commentaire {PAYLOAD}")

    pages = {
        name: reverse(f"purchasing:{name}", kwargs={"pk": market.pk})
        for name in ("step-needs", "step-clauses", "summary", "detail")
    }
    pages["list"] = reverse("purchasing:list")
    for name, address in pages.items():
        response = client.get(address)
        assert response.status_code == 200, name
        assert_escaped(response.content.decode(), f"purchasing:{name}")

    client.force_login(alice)
    for name in ("review-queue",):
        assert_escaped(client.get(reverse(f"purchasing:{name}")).content.decode(), name)
    assert_escaped(client.get(pages["detail"]).content.decode(), "detail for the advisor")


def test_a_persons_name_is_escaped_in_the_html_invitation(
    alice, django_capture_on_commit_callbacks
):
    administrator = UserFactory(organisation=alice.organisation, roles=[Role.ORG_ADMIN])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        user_create(
            actor=administrator,
            email="nouvelle@example.test",
            first_name=f"Eve {PAYLOAD}",
            last_name="Martin",
        )

    message = mail.outbox[-1]
    html_body = next(body for body, kind in message.alternatives if kind == "text/html")
    assert_escaped(html_body, "invitation e-mail")
    assert PAYLOAD in message.body  # the text part is text: nothing to escape
