"""Training selectors: the sessions one sees with the places left, the training history, the
share of buyers trained in the last three years, the steering figures per organisation."""

import datetime
from decimal import Decimal

import pytest

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from network.models import RegistrationStatus
from network.selectors import training as selectors
from network.services import training as services
from network.tests.data import (
    attended,
    draft_session,
    paris,
    published_session,
    register,
    started_session,
)

pytestmark = pytest.mark.django_db


def past_session(coordinator, day: datetime.date, **fields):
    """A session of a day (9:00–17:00) held on that day."""
    return started_session(
        coordinator,
        starts_at=paris(day.year, day.month, day.day, 9),
        title=fields.pop("title", f"Session du {day:%d/%m/%Y}"),
        capacity=fields.pop("capacity", 20),
        **fields,
    )


def test_the_list_shows_places_left_the_waiting_list_and_one_s_own_registration(
    nora, bob, dora, alice
):
    full = published_session(nora, capacity=1, title="Complète")
    roomy = published_session(nora, capacity=5, title="Places libres")
    register(full, bob)
    register(full, dora)
    register(full, alice)
    register(roomy, dora)

    rows = {session.title: session for session in selectors.session_list(viewer=dora)}

    assert (rows["Complète"].seats_left, rows["Complète"].waiting) == (0, 2)
    assert rows["Complète"].my_status == RegistrationStatus.WAITING
    assert (rows["Places libres"].seats_taken, rows["Places libres"].seats_left) == (1, 4)
    assert rows["Places libres"].my_status == RegistrationStatus.REGISTERED
    assert selectors.session_list(viewer=bob).get(pk=roomy.pk).my_status is None


def test_the_list_splits_upcoming_and_past_sessions(nora, bob):
    past = past_session(nora, datetime.date(2025, 3, 12))
    running = started_session(nora, title="En cours")
    soon = published_session(nora, title="Bientôt")
    later = published_session(nora, title="Plus tard", starts_at=paris(2027, 6, 1, 9), capacity=3)

    assert list(selectors.session_list(viewer=bob)) == [running, soon, later]
    assert list(selectors.session_list(viewer=bob, past=True)) == [past]


def test_drafts_are_listed_for_the_organiser_s_coordinators_only(nora, bob):
    draft = draft_session(nora)

    assert list(selectors.session_list(viewer=nora)) == [draft]
    assert not selectors.session_list(viewer=bob).exists()


def test_the_list_is_one_query_whatever_the_number_of_sessions(
    nora, bob, dora, django_assert_num_queries
):
    for index in range(5):
        session = published_session(nora, title=f"Session {index}")
        register(session, dora)

    bob.has_perm("network.coordinate_network")  # The permissions, read once per request.
    with django_assert_num_queries(1):
        rows = list(selectors.session_list(viewer=bob))
    assert len(rows) == 5


def test_the_history_lists_a_person_s_sessions_latest_first_without_cancellations(nora, bob):
    old = past_session(nora, datetime.date(2024, 10, 3))
    recent = past_session(nora, datetime.date(2025, 11, 20))
    upcoming = published_session(nora)
    dropped = published_session(nora, title="Annulée par Bob")
    attended(old, nora, bob)
    register(recent, bob, by=nora)
    register(upcoming, bob)
    services.registration_cancel(actor=bob, registration=register(dropped, bob))

    history = selectors.training_history(person=bob)

    assert [row.session for row in history] == [upcoming, recent, old]
    assert [row.status for row in history] == [
        RegistrationStatus.REGISTERED,
        RegistrationStatus.REGISTERED,
        RegistrationStatus.ATTENDED,
    ]


def test_a_session_s_registrations_come_in_one_query(
    nora, bob, dora, alice, django_assert_num_queries
):
    session = published_session(nora, capacity=1)
    register(session, bob)
    register(session, dora)
    services.registration_cancel(actor=alice, registration=register(session, alice))

    with django_assert_num_queries(1):
        registrations = selectors.session_registrations(session=session)

    assert [row.user for row in registrations.seats] == [bob]
    assert [row.user for row in registrations.waiting] == [dora]
    assert [row.user for row in registrations.cancelled] == [alice]


# --- Buyers trained -----------------------------------------------------------------------


@pytest.fixture
def tina(tom):
    """A network coordinator of Tourcoing, a member of the network: she organises too."""
    return UserFactory(
        organisation=tom.organisation,
        first_name="Tina",
        department=None,
        roles=[Role.NETWORK_COORDINATOR],
    )


@pytest.fixture
def buyers(bob, dora):
    """Four buyers of Roubaix: bob, dora and two more; one more deactivated."""
    more = [
        UserFactory(organisation=bob.organisation, first_name=name, roles=[Role.BUYER])
        for name in ("Yann", "Zoé")
    ]
    UserFactory(organisation=bob.organisation, roles=[Role.BUYER], is_active=False)
    return [bob, dora, *more]


def test_the_share_of_buyers_trained_counts_attendance_in_the_last_three_years(
    nora, alice, tina, buyers, network
):
    bob, dora, yann, zoe = buyers
    within = past_session(nora, datetime.date(2023, 12, 1))
    too_old = past_session(nora, datetime.date(2023, 11, 30))
    # Trained by another organisation of the network: trained all the same.
    network_session = past_session(tina, datetime.date(2025, 5, 6), network=network)
    attended(within, nora, bob, alice)  # alice trained, but an advisor, not a buyer
    attended(too_old, nora, dora)
    attended(network_session, tina, yann)
    absent = register(within, zoe, by=nora)
    services.attendance_record(actor=nora, session=absent.session, presence={absent.pk: False})

    share = selectors.buyers_trained_share(
        organisation=bob.organisation, on=datetime.date(2026, 12, 1)
    )

    assert (share.since, share.on) == (datetime.date(2023, 12, 1), datetime.date(2026, 12, 1))
    assert (share.buyers, share.trained) == (4, 2)
    assert share.share == Decimal("0.5")
    assert share.percent == 50


def test_the_share_is_as_of_a_date(nora, buyers):
    bob = buyers[0]
    attended(past_session(nora, datetime.date(2025, 3, 12)), nora, bob)

    before = selectors.buyers_trained_share(
        organisation=bob.organisation, on=datetime.date(2025, 3, 11)
    )
    on_the_day = selectors.buyers_trained_share(
        organisation=bob.organisation, on=datetime.date(2025, 3, 12)
    )
    three_years_later = selectors.buyers_trained_share(
        organisation=bob.organisation, on=datetime.date(2028, 3, 13)
    )

    assert (before.trained, on_the_day.trained, three_years_later.trained) == (0, 1, 0)


def test_the_share_of_an_organisation_without_buyers_is_unknown(eve, charlie):
    share = selectors.buyers_trained_share(organisation=charlie.organisation)

    assert (share.buyers, share.trained, share.share, share.percent) == (0, 0, None, None)


def test_the_share_is_one_query(nora, buyers, django_assert_num_queries):
    attended(past_session(nora, datetime.date(2025, 3, 12)), nora, *buyers)

    with django_assert_num_queries(1):
        share = selectors.buyers_trained_share(organisation=buyers[0].organisation)

    assert share.percent == 100


# --- Steering -------------------------------------------------------------------------------


def test_sessions_held_per_organiser_over_a_period(nora, bob, dora, tom, tina, network):
    coordinator = tina
    first = past_session(nora, datetime.date(2025, 1, 15))
    second = past_session(nora, datetime.date(2025, 3, 31), network=network)
    tourcoing = past_session(coordinator, datetime.date(2025, 2, 10))
    past_session(nora, datetime.date(2025, 4, 1))  # after the period
    cancelled = draft_session(nora, starts_at=paris(2025, 2, 1, 9))
    services.session_cancel(actor=nora, session=cancelled)
    published_session(nora)  # not held yet
    attended(first, nora, bob, dora)
    attended(second, nora, bob, tom)
    attended(tourcoing, coordinator, tom)

    rows = selectors.sessions_held(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 3, 31))

    assert [(row.organisation_name, row.sessions, row.attendances) for row in rows] == [
        ("Ville de Roubaix", 2, 4),
        ("Ville de Tourcoing", 1, 1),
    ]
    only_roubaix = selectors.sessions_held(
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 3, 31),
        organisations=[bob.organisation],
    )
    assert [row.organisation_id for row in only_roubaix] == [bob.organisation_id]


def test_people_trained_per_organisation_over_a_period(nora, bob, dora, tom, network):
    first = past_session(nora, datetime.date(2025, 1, 15), network=network)
    second = past_session(nora, datetime.date(2025, 3, 2), network=network)
    later = past_session(nora, datetime.date(2025, 9, 2))
    attended(first, nora, bob, tom)
    attended(second, nora, bob)
    attended(later, nora, dora)
    services.attendance_record(
        actor=nora, session=second, presence={register(second, dora, by=nora).pk: False}
    )

    rows = selectors.people_trained(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 6, 30))

    assert [(row.organisation_name, row.people, row.attendances) for row in rows] == [
        ("Ville de Roubaix", 1, 2),
        ("Ville de Tourcoing", 1, 1),
    ]


def test_the_steering_figures_are_one_query_each(nora, bob, django_assert_num_queries):
    for month in (1, 2, 3):
        attended(past_session(nora, datetime.date(2025, month, 10)), nora, bob)
    period = {"start": datetime.date(2025, 1, 1), "end": datetime.date(2025, 12, 31)}

    with django_assert_num_queries(1):
        held = selectors.sessions_held(**period)
    with django_assert_num_queries(1):
        trained = selectors.people_trained(**period)

    assert (held[0].sessions, trained[0].people, trained[0].attendances) == (3, 1, 3)


def test_a_cancelled_session_counts_for_nobody(nora, bob):
    session = draft_session(nora, starts_at=paris(2025, 5, 5, 9))
    services.session_cancel(actor=nora, session=session)

    period = {"start": datetime.date(2025, 1, 1), "end": datetime.date(2025, 12, 31)}
    assert selectors.sessions_held(**period) == []
    assert selectors.people_trained(**period) == []
