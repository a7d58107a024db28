"""Each person's private calendar feed: an address with a secret token that a calendar program
reads without a session, made, renewed and revoked from the profile page; a revoked, renewed or
made-up address, or a person since deactivated, answers 404."""

import datetime
import re

import icalendar
import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from network.models import CalendarFeed
from network.services import meetings as services
from network.tests.data import plan

pytestmark = pytest.mark.django_db

RENEW = reverse("network:calendar-feed-renew")
REVOKE = reverse("network:calendar-feed-revoke")
PROFILE = reverse("accounts:profile")
# Looking the token up (with its owner), the person's networks, the meetings.
FEED_QUERIES = 3


def subscribe(client, person) -> str:
    """The address the profile page gives once, after « Créer mon adresse d'abonnement »."""
    client.force_login(person)
    response = client.post(RENEW)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    return re.search(r'value="(http://testserver/[^"]+)"', response.content.decode())[1]


def test_a_calendar_program_reads_the_feed_without_a_session(
    client, network, nora, tom, django_assert_max_num_queries
):
    upcoming = plan(network, nora, title="Rencontre : le papier recyclé")
    plan(network, nora, title="Rencontre : les véhicules", in_days=-30)
    address = subscribe(client, tom)
    assert address.startswith("http://testserver/reseau/rencontres/abonnement/")

    calendar_program = Client()  # no cookie, no session
    with django_assert_max_num_queries(FEED_QUERIES):
        response = calendar_program.get(address)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    feed = icalendar.Calendar.from_ical(response.content)
    assert str(feed["X-WR-CALNAME"]) == network.name
    assert f"{upcoming.public_id}@achats-responsables" in {
        str(event["UID"]) for event in feed.walk("VEVENT")
    }
    assert len(feed.walk("VEVENT")) == 2


def test_the_queries_do_not_grow_with_the_meetings(
    client, network, nora, tom, django_assert_max_num_queries
):
    for day in range(1, 21):
        plan(network, nora, title=f"Rencontre {day}", in_days=day)
    address = subscribe(client, tom)
    with django_assert_max_num_queries(FEED_QUERIES):
        assert Client().get(address).status_code == 200


def test_the_dtstamp_is_the_time_the_feed_is_made(client, network, nora, tom, freeze_clock):
    plan(network, nora, title="Rencontre : le papier recyclé")
    address = subscribe(client, tom)
    freeze_clock(datetime.date(2027, 1, 1))

    feed = icalendar.Calendar.from_ical(Client().get(address).content)

    assert next(iter(feed.walk("VEVENT"))).decoded("DTSTAMP") == datetime.datetime(
        2027, 1, 1, 11, tzinfo=datetime.UTC
    )


def test_only_a_digest_of_the_secret_is_kept(client, network, tom):
    address = subscribe(client, tom)
    token = address.split("/")[-2]
    feed = CalendarFeed.objects.get(user=tom)
    assert len(token) >= 40
    assert token not in feed.token_digest
    assert feed.history.count() == 1


def test_a_new_address_replaces_the_old_one(client, network, tom):
    old = subscribe(client, tom)
    new = subscribe(client, tom)

    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200
    assert CalendarFeed.objects.filter(user=tom).count() == 1


def test_a_revoked_address_answers_404_and_the_profile_offers_a_new_one(client, network, tom):
    address = subscribe(client, tom)

    response = client.post(REVOKE)

    assert response.status_code == 302 and response.url == PROFILE
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "L'adresse d'abonnement est révoquée : les agendas abonnés ne la lisent plus."
    ]
    assert Client().get(address).status_code == 404
    assert not CalendarFeed.objects.filter(user=tom).exists()
    page = client.get(PROFILE).content.decode()
    assert "Créer mon adresse d'abonnement" in page
    assert "Révoquer l'adresse d'abonnement" not in page


def test_the_profile_page_says_when_the_address_was_made_and_offers_to_renew_or_revoke(
    client, network, tom, freeze_clock
):
    freeze_clock(datetime.date(2026, 12, 31))
    subscribe(client, tom)

    page = client.get(PROFILE).content.decode()

    assert "Votre adresse d'abonnement a été créée le 31/12/2026" in page
    assert f'action="{RENEW}"' in page and f'action="{REVOKE}"' in page


def test_a_made_up_address_answers_404(client, network, tom):
    subscribe(client, tom)
    address = reverse("network:calendar-feed", args=["x" * 43])
    assert Client().get(address).status_code == 404


def test_a_person_deactivated_since_has_no_feed(client, network, tom, charlie):
    address = subscribe(client, tom)
    tom.is_active = False
    tom.save(update_fields=["is_active"])
    assert Client().get(address).status_code == 404


def test_a_person_outside_every_network_has_no_subscription(client, eve):
    client.force_login(eve)
    assert client.post(RENEW).status_code == 404
    assert client.post(REVOKE).status_code == 404
    assert "abonnement-calendrier" not in client.get(PROFILE).content.decode()
    with pytest.raises(PermissionDenied):
        services.calendar_feed_renew(actor=eve)


def test_an_anonymous_visitor_cannot_make_or_revoke_an_address(client):
    for address in (RENEW, REVOKE):
        response = client.post(address)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_the_address_is_asked_with_a_post(client, network, tom):
    client.force_login(tom)
    assert client.get(RENEW).status_code == 405
    assert client.get(REVOKE).status_code == 405
