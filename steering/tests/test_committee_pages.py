"""The committee's pages under /pilotage/comite/: who may open and post each (committee member,
organisation administrator and advisor read; a buyer gets 403, another organisation 404, an
anonymous visitor the login page, a wrong method 405), the forms re-displayed with the
services' French messages, the menu entries, and query counts that do not grow with the data."""

import datetime
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from steering.models import Committee, CommitteeMember, Decision, DecisionStatus, MemberRole
from steering.services import committee as services
from steering.tests.factories import hold_meeting, make_committee, seat

pytestmark = pytest.mark.django_db

d = datetime.date

# Session, user, permissions (2), the committee, its members, three meetings and their decisions.
COMMITTEE_QUERIES = 8
# Session, user, permissions (2), the committee, the count, the page and its decisions.
LIST_QUERIES = 8
# Session, user, the meeting, permissions (2), its committee, the members present, decisions.
DETAIL_QUERIES = 8
# Session, user, the member, permissions (2), department and account, meetings attended.
MEMBER_QUERIES = 8
# Session, user, the decision, permissions (2), its meeting, its history with the authors.
DECISION_QUERIES = 7


def url(name, **kwargs):
    return reverse(f"steering:committee{'-' + name if name else ''}", kwargs=kwargs)


def login_url(target: str) -> str:
    return f"{reverse('accounts:login')}?{urlencode({'next': target}, safe='/')}"


@pytest.fixture
def committee(alice):
    members = make_committee(alice, representatives=2, technicians=2)
    former = seat(alice, full_name="Ancien Élu", joined_on=d(2024, 1, 1))
    services.member_end(actor=alice, member=former, left_on=d(2025, 1, 1))
    return members


@pytest.fixture
def meeting(alice, committee):
    return hold_meeting(alice, attendees=committee[:3], decisions=2)


def pages(meeting):
    member = meeting.attendees.order_by("pk").first()
    decision = meeting.decisions.order_by("pk").first()
    return {
        "read": [
            url(""),
            url("meeting-list"),
            url("meeting-detail", pk=meeting.pk),
            url("member-detail", pk=member.pk),
            url("decision-detail", pk=decision.pk),
        ],
        "write": [
            url("edit"),
            url("member-add"),
            url("member-edit", pk=member.pk),
            url("member-end", pk=member.pk),
            url("meeting-add"),
            url("meeting-edit", pk=meeting.pk),
            url("decision-add", pk=meeting.pk),
            url("decision-edit", pk=decision.pk),
        ],
    }


# --- Access ------------------------------------------------------------------------------------


def test_the_committee_member_opens_every_page(client, alice, meeting):
    client.force_login(alice)

    for page in pages(meeting)["read"] + pages(meeting)["write"]:
        assert client.get(page).status_code == 200, page


def test_the_advisor_reads_but_does_not_change(client, ada, meeting):
    client.force_login(ada)
    urls = pages(meeting)

    for page in urls["read"]:
        response = client.get(page)
        assert response.status_code == 200, page
        assert "Modifier" not in response.content.decode()
    for page in urls["write"]:
        assert client.get(page).status_code == 403, page
        assert client.post(page, {}).status_code == 403, page


def test_the_organisation_administrator_manages_the_committee(client, olga, meeting):
    client.force_login(olga)

    for page in pages(meeting)["read"] + pages(meeting)["write"]:
        assert client.get(page).status_code == 200, page


def test_a_buyer_or_a_department_head_is_refused(client, bob, meeting):
    head = UserFactory(
        organisation=bob.organisation, department=bob.department, roles=[Role.DEPARTMENT_HEAD]
    )
    urls = pages(meeting)

    for person in (bob, head):
        client.force_login(person)
        for page in urls["read"] + urls["write"]:
            assert client.get(page).status_code == 403, page


def test_another_organisation_s_objects_do_not_exist(client, charlie, meeting):
    client.force_login(charlie)
    urls = pages(meeting)

    for page in urls["read"][2:]:
        assert client.get(page).status_code == 404, page
    for page in urls["write"][2:4] + urls["write"][5:]:
        assert client.get(page).status_code == 404, page
        assert client.post(page, {}).status_code == 404, page
    # Its own committee pages exist, empty.
    response = client.get(url(""))
    assert response.status_code == 200
    assert "Aucun membre n'est encore enregistré." in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, meeting):
    urls = pages(meeting)

    for page in urls["read"] + urls["write"]:
        response = client.get(page)
        assert response.status_code == 302
        assert response["Location"] == login_url(page)


def test_the_read_pages_answer_only_get(client, alice, meeting):
    client.force_login(alice)

    for page in pages(meeting)["read"]:
        assert client.post(page).status_code == 405, page


def test_the_menu_leads_each_reader_to_the_steering_page_they_may_open(
    client, alice, ada, olga, bob
):
    """One entry: the dashboard for its readers (the committee and the reports are its tabs),
    the reports for a department head, the committee for an organisation administrator."""
    head = UserFactory(
        organisation=alice.organisation, department=alice.department, roles=[Role.DEPARTMENT_HEAD]
    )
    steering = {"Pilotage", "Rapports du comité", "Comité de pilotage"}

    def labels(person):
        client.force_login(person)
        items = client.get(reverse("core:home")).context["nav_items"]
        return {item["label"] for item in items} & steering

    assert labels(alice) == {"Pilotage"}
    assert labels(ada) == {"Pilotage"}
    assert labels(head) == {"Rapports du comité"}
    assert labels(olga) == {"Comité de pilotage"}
    assert labels(bob) == set()


def test_the_steering_pages_link_to_each_other_for_those_who_read_them(client, alice, olga):
    client.force_login(alice)
    page = client.get(reverse("steering:committee")).content.decode()
    assert reverse("steering:dashboard") in page and reverse("steering:report-list") in page

    page = client.get(reverse("steering:report-list")).content.decode()
    assert page.count('aria-label="Pages du pilotage"') == 1

    client.force_login(olga)
    page = client.get(reverse("steering:committee")).content.decode()
    assert f'href="{reverse("steering:dashboard")}"' not in page


# --- Contents ----------------------------------------------------------------------------------


def test_the_composition_lists_the_president_first_and_folds_former_members(
    client, alice, committee
):
    client.force_login(alice)

    page = client.get(url("")).content.decode()

    assert page.index("Élise Présidente") < page.index("Élu 000") < page.index("Technicien 000")
    assert page.index("Technicien 001") < page.index("<details")
    assert page.index("<details") < page.index("Ancien Élu")
    assert "1 ancien membre" in page
    assert "100 %" in page and "30 %" in page


def test_the_meetings_are_listed_newest_first_with_their_decisions(client, alice, committee):
    hold_meeting(alice, held_on=d(2025, 2, 1), decisions=1, agenda="Ancienne")
    hold_meeting(alice, held_on=d(2026, 2, 1), decisions=1, agenda="Récente")
    client.force_login(alice)

    page = client.get(url("meeting-list")).content.decode()

    assert page.index("Réunion du 01/02/2026") < page.index("Réunion du 01/02/2025")
    assert page.count(">Décision 000</a>") == 2


def test_the_meeting_page_shows_attendees_minutes_and_decisions(client, alice, meeting):
    client.force_login(alice)

    page = client.get(url("meeting-detail", pk=meeting.pk)).content.decode()

    assert "3 membres présents" in page
    assert "Élise Présidente" in page
    assert "Le comité examine le bilan du trimestre." in page
    assert "Décision 001" in page
    assert "En cours de mise en œuvre" in page


# --- Forms -------------------------------------------------------------------------------------


def test_the_targets_form_saves_and_redisplays_errors(client, alice):
    client.force_login(alice)

    response = client.post(
        url("edit"), {"name": "Comité", "environmental_target": "120", "social_target": "30"}
    )
    assert response.status_code == 200
    assert "Un objectif est un pourcentage entre 0 et 100." in response.content.decode()
    assert not Committee.objects.exists()

    response = client.post(
        url("edit"), {"name": "Comité", "environmental_target": "95,5", "social_target": "35"}
    )
    assert response.status_code == 302
    committee = Committee.objects.get()
    assert (committee.environmental_target, committee.social_target) == (95.5, 35)


def test_a_second_president_is_refused_with_its_message(client, alice, committee):
    client.force_login(alice)

    response = client.post(
        url("member-add"),
        {"full_name": "Paul Second", "role": MemberRole.PRESIDENT, "joined_on": "2026-01-01"},
    )

    assert response.status_code == 200
    assert (
        "Le comité a déjà une présidence en fonction : Élise Présidente."
        in response.content.decode()
    )
    assert not CommitteeMember.objects.filter(full_name="Paul Second").exists()


def test_a_member_is_added_edited_and_leaves(client, alice, bob):
    client.force_login(alice)

    response = client.post(
        url("member-add"),
        {
            "full_name": "Bob Petit",
            "role": MemberRole.TECHNICIAN,
            "user": bob.pk,
            "department": bob.department.pk,
            "joined_on": "2026-01-05",
        },
    )
    assert response.status_code == 302
    member = CommitteeMember.objects.get()
    assert member.user == bob

    response = client.post(
        url("member-edit", pk=member.pk),
        {
            "full_name": "Bob Petit",
            "role": MemberRole.TECHNICIAN,
            "joined_on": "2026-01-05",
            "position": "Acheteur référent",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.position == "Acheteur référent"

    response = client.post(url("member-end", pk=member.pk), {"left_on": "2025-12-31"})
    assert "La date de départ précède l&#x27;arrivée au comité." in response.content.decode()
    response = client.post(url("member-end", pk=member.pk), {"left_on": "2026-06-30"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.left_on == d(2026, 6, 30)


def test_an_account_of_another_organisation_is_not_offered(client, alice, charlie):
    client.force_login(alice)

    response = client.post(
        url("member-add"),
        {
            "full_name": "Charlie",
            "role": MemberRole.TECHNICIAN,
            "user": charlie.pk,
            "joined_on": "2026-01-05",
        },
    )

    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not CommitteeMember.objects.exists()


def test_a_meeting_and_its_decision_are_recorded(client, alice, committee):
    client.force_login(alice)
    president = committee[0]

    response = client.post(
        url("meeting-add"),
        {
            "held_on": "2026-09-17",
            "place": "Salle du conseil",
            "agenda": "Bilan",
            "minutes": "Compte rendu",
            "attendees": [president.pk],
        },
    )
    assert response.status_code == 302
    meeting = president.meetings.get()

    response = client.post(
        url("decision-add", pk=meeting.pk),
        {
            "title": "Former les acheteurs",
            "owner": "RH",
            "due_on": "2026-08-01",
            "status": "adopted",
        },
    )
    assert "L&#x27;échéance précède la réunion du 17/09/2026." in response.content.decode()
    response = client.post(
        url("decision-add", pk=meeting.pk),
        {
            "title": "Former les acheteurs",
            "owner": "RH",
            "due_on": "2026-12-31",
            "status": "adopted",
        },
    )
    decision = Decision.objects.get()
    assert response["Location"] == f"{url('meeting-detail', pk=meeting.pk)}#decision-{decision.pk}"

    response = client.post(
        url("decision-edit", pk=decision.pk),
        {"title": "Former les acheteurs", "status": DecisionStatus.DONE},
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DONE
    page = client.get(url("decision-detail", pk=decision.pk)).content.decode()
    page = page[page.index('id="suivi"') :]
    assert page.index("Adoptée") < page.index("Réalisée")
    assert "Suivi de la décision" in page


def test_a_member_absent_that_day_is_refused_at_a_meeting(client, alice, committee):
    client.force_login(alice)
    former = CommitteeMember.objects.get(full_name="Ancien Élu")

    response = client.post(url("meeting-add"), {"held_on": "2026-09-17", "attendees": [former.pk]})

    assert response.status_code == 200
    assert "Ne siégeaient pas au comité le 17/09/2026 : Ancien Élu." in response.content.decode()


# --- Query counts ------------------------------------------------------------------------------


def _grow(alice):
    """Many more members, meetings and decisions."""
    members = make_committee_more(alice)
    for month in range(1, 13):
        hold_meeting(alice, held_on=d(2025, month, 10), attendees=members[:5], decisions=4)


def make_committee_more(alice):
    return [seat(alice, full_name=f"Membre {n:03d}") for n in range(15)]


@pytest.mark.parametrize("grow", [False, True])
def test_query_counts_do_not_grow(client, alice, meeting, django_assert_max_num_queries, grow):
    if grow:
        _grow(alice)
    member = meeting.attendees.order_by("pk").first()
    client.force_login(alice)

    with django_assert_max_num_queries(COMMITTEE_QUERIES):
        assert client.get(url("")).status_code == 200
    with django_assert_max_num_queries(LIST_QUERIES):
        assert client.get(url("meeting-list")).status_code == 200
    with django_assert_max_num_queries(DETAIL_QUERIES):
        assert client.get(url("meeting-detail", pk=meeting.pk)).status_code == 200
    with django_assert_max_num_queries(MEMBER_QUERIES):
        assert client.get(url("member-detail", pk=member.pk)).status_code == 200
    decision = meeting.decisions.order_by("pk").first()
    if grow:
        for status in DecisionStatus.values * 5:
            services.decision_update(actor=alice, decision=decision, status=status)
    with django_assert_max_num_queries(DECISION_QUERIES):
        assert client.get(url("decision-detail", pk=decision.pk)).status_code == 200


def test_the_technical_administration_lists_the_steering_models(client, meeting):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    rows = {
        "committee": meeting.committee,
        "committeemember": meeting.attendees.first(),
        "committeemeeting": meeting,
        "decision": meeting.decisions.first(),
    }
    for model, row in rows.items():
        assert client.get(reverse(f"admin:steering_{model}_changelist")).status_code == 200
        change = reverse(f"admin:steering_{model}_change", args=[row.pk])
        assert client.get(change).status_code == 200
    assert client.get(reverse("admin:steering_quarterlyreport_changelist")).status_code == 200
    assert client.get(reverse("admin:steering_quarterlyreport_add")).status_code == 403
