"""Demo of the steering committee.

- For the council (`npdc`): the « Comité de pilotage achats éthiques et développement durable »,
  presided by the vice-president for sustainable development (the demo account
  comite@npdc.test), with elected representatives (one of whom left and was replaced) and
  technicians linked to the advisor, the finance officer and the head of the environment
  department; a meeting each quarter from February 2024 to November 2026 with its agenda, short
  minutes, the members present and its decisions (owners, due dates, where they stand).
- For every other demo organisation: a committee with the PNAD targets, without members.

The council's rows go through the services as the committee's member would in the browser;
the other organisations have nobody who may manage a committee, so theirs are written by
`_committee_for_setup`. Rows are known by their name or date: a second run adds nothing."""

from django.db import transaction

from accounts.models import Department, Organisation, User
from core.history import history_save

from ..models import Committee, CommitteeMeeting, Decision
from ..services import committee as services
from .data import COMMITTEE_ACCOUNT, COMMITTEE_NAME, DEMO_ORGANISATION, MEETINGS, MEMBERS, PLACE


def _committee_for_setup(organisation: Organisation) -> bool:
    """The committee of an organisation nobody may manage yet, with the PNAD targets.

    Setup only (demo data): the row is checked with full_clean() but no actor's right is
    checked and the history names no author. Never call it from a request."""
    if Committee.objects.filter(organisation=organisation).exists():
        return False
    committee = Committee(organisation=organisation, name=COMMITTEE_NAME)
    history_save(committee, actor=None, reason="Comité de départ (données de démonstration)")
    return True


def _members(actor: User, committee: Committee) -> dict:
    organisation_id = actor.organisation_id
    known = {member.full_name: member for member in committee.members.all()}
    accounts = {
        person.email: person
        for person in User.objects.filter(
            organisation_id=organisation_id,
            email__in=[spec[3] for spec in MEMBERS.values() if spec[3]],
        )
    }
    departments = {
        department.code: department
        for department in Department.objects.filter(organisation_id=organisation_id)
    }
    members = {}
    for key, (name, role, position, email, code, joined_on, left_on) in MEMBERS.items():
        member = known.get(name)
        if member is None:
            member = services.member_add(
                actor=actor,
                full_name=name,
                role=role,
                position=position,
                user=accounts.get(email),
                department=departments.get(code),
                email=email or "",
                joined_on=joined_on,
            )
            if left_on is not None:
                member = services.member_end(actor=actor, member=member, left_on=left_on)
        members[key] = member
    return members


def _meetings(actor: User, committee: Committee, members: dict) -> int:
    held = set(
        CommitteeMeeting.objects.filter(committee=committee).values_list("held_on", flat=True)
    )
    added = 0
    for spec in MEETINGS:
        if spec["day"] in held:
            continue
        meeting = services.meeting_create(
            actor=actor,
            held_on=spec["day"],
            place=PLACE,
            agenda=spec["agenda"],
            minutes=spec["minutes"],
            attendees=[members[key] for key in spec["present"]],
        )
        for title, text, owner, due_on, status in spec["decisions"]:
            services.decision_add(
                actor=actor,
                meeting=meeting,
                title=title,
                text=text,
                owner=owner,
                due_on=due_on,
                status=status,
            )
        added += 1
    return added


@transaction.atomic
def load() -> dict[str, int]:
    """Load what is missing of the demo committees; returns the counts added."""
    actor = User.objects.select_related("organisation").get(email=COMMITTEE_ACCOUNT)
    committee = services.committee_ensure(actor=actor)
    if committee.name != COMMITTEE_NAME:
        committee = services.committee_update(
            actor=actor,
            name=COMMITTEE_NAME,
            environmental_target=committee.environmental_target,
            social_target=committee.social_target,
        )
    before = committee.members.count()
    members = _members(actor, committee)
    meetings = _meetings(actor, committee, members)
    others = sum(
        _committee_for_setup(organisation)
        for organisation in Organisation.objects.exclude(pk=actor.organisation_id).order_by("slug")
    )
    return {
        "members": committee.members.count() - before,
        "meetings": meetings,
        "committees": others,
    }


def load_and_describe() -> list[str]:
    counts = load()
    committee = Committee.objects.get(organisation__slug=DEMO_ORGANISATION)
    meetings = committee.meetings.count()
    decisions = Decision.objects.filter(meeting__committee=committee).count()
    return [
        f"Steering: {counts['members']} committee members, {counts['meetings']} meetings and "
        f"{counts['committees']} other organisations' committees added ({meetings} meetings and "
        f"{decisions} decisions in the council's committee, "
        f"{MEETINGS[0]['day']:%m/%Y}–{MEETINGS[-1]['day']:%m/%Y})."
    ]
