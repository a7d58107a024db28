"""Notifications of a contract's review: submitted → the advisors of its organisation, sent back
or approved → its buyer; each sent once, after the commit, as each person chose on the profile
page (at once, in the daily digest, or not at all)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from core import notifications
from core.models import Delivery, PendingNotification
from purchasing import services
from purchasing.tests.factories import make_market, make_ready_market

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisors(alice):
    """alice (advisor, at once), a second advisor who chose the digest, a third who chose none."""
    digest = UserFactory(
        organisation=alice.organisation, roles=[Role.ADVISOR], notifications=Delivery.DIGEST
    )
    silent = UserFactory(
        organisation=alice.organisation, roles=[Role.ADVISOR], notifications=Delivery.NONE
    )
    return {"immediate": alice, "digest": digest, "none": silent}


def sent(mailoutbox):
    return [(message.to, message.subject) for message in mailoutbox]


def test_a_submission_tells_each_advisor_of_the_organisation_once_after_the_commit(
    bob, advisors, charlie, library, mailoutbox, django_capture_on_commit_callbacks, settings
):
    market = make_ready_market(bob, library, title="Nettoyage des lycées")
    # Queued in the outbox as in production (the test settings deliver at once otherwise).
    settings.POST_OFFICE = {**settings.POST_OFFICE, "DEFAULT_PRIORITY": "medium"}

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.market_submit(actor=bob, market=market)
        assert mailoutbox == []  # nothing leaves before the commit

    assert callbacks
    subject = f"Marché à relire : {market.reference} « Nettoyage des lycées »"
    assert sent(mailoutbox) == [([advisors["immediate"].email], subject)]
    body = mailoutbox[0].body
    assert "Bob Petit (Direction des lycées) a soumis le marché" in body
    assert f"http://testserver{reverse('purchasing:detail', kwargs={'pk': market.pk})}" in (
        body.replace("http://127.0.0.1:8000", "http://testserver")
    )
    waiting = PendingNotification.objects.get()
    assert (waiting.recipient, waiting.subject, waiting.sent_at) == (
        advisors["digest"],
        subject,
        None,
    )


def test_a_refused_submission_tells_nobody(
    bob, advisors, mailoutbox, django_capture_on_commit_callbacks
):
    market = make_market(bob)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.market_submit(actor=bob, market=market)

    assert mailoutbox == []
    assert not PendingNotification.objects.exists()


def test_the_buyer_hears_of_a_send_back_with_its_comment_then_of_the_approval(
    bob, alice, library, mailoutbox, django_capture_on_commit_callbacks
):
    market = make_ready_market(bob, library, title="Papier recyclé")
    services.market_submit(actor=bob, market=market)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.market_send_back(actor=alice, market=market, comment="Ajoutez un critère social.")
    assert sent(mailoutbox) == [
        ([bob.email], f"Marché renvoyé : {market.reference} « Papier recyclé »")
    ]
    assert "Ajoutez un critère social." in mailoutbox[0].body

    services.market_submit(actor=bob, market=market)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.market_approve(actor=alice, market=market)
    assert sent(mailoutbox) == [
        ([bob.email], f"Marché validé : {market.reference} « Papier recyclé »")
    ]
    assert "vous pouvez enregistrer sa publication" in mailoutbox[0].body


def test_a_buyer_who_chose_none_hears_nothing(bob, alice, library, mailoutbox):
    bob.notifications = Delivery.NONE
    bob.save(update_fields=["notifications"])
    market = make_ready_market(bob, library)
    services.market_submit(actor=bob, market=market)
    mailoutbox.clear()

    services.market_approve(actor=alice, market=market)

    assert mailoutbox == []
    assert not PendingNotification.objects.filter(recipient=bob).exists()


def test_the_daily_digest_sends_each_waiting_line_once(
    bob, advisors, library, mailoutbox, django_capture_on_commit_callbacks
):
    first = make_ready_market(bob, library, title="Nettoyage")
    second = make_ready_market(bob, library, title="Mobilier")
    for market in (first, second):
        services.market_submit(actor=bob, market=market)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.digests_send() == 1

    (digest,) = mailoutbox
    assert digest.to == [advisors["digest"].email]
    assert digest.subject == "Achats responsables : 2 nouvelles du jour"
    assert f"Marché à relire : {first.reference} « Nettoyage »" in digest.body
    assert f"Marché à relire : {second.reference} « Mobilier »" in digest.body
    assert not PendingNotification.objects.filter(sent_at__isnull=True).exists()
    mailoutbox.clear()
    assert notifications.digests_send() == 0
    assert mailoutbox == []


def test_the_profile_page_saves_the_person_s_choice(client, bob):
    client.force_login(bob)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "E-mails de suivi" in page
    assert "Un résumé quotidien" in page

    response = client.post(reverse("accounts:profile"), {"notifications": "digest"}, follow=True)

    assert response.redirect_chain == [(reverse("accounts:profile") + "#notifications", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Votre choix d'e-mails de suivi est enregistré."
    ]
    bob.refresh_from_db()
    assert bob.notifications == Delivery.DIGEST
    response = client.post(reverse("accounts:profile"), {"notifications": "souvent"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "notifications": ["Sélectionnez un choix valide. souvent n’en fait pas partie."]
    }
