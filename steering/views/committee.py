"""Pages of the steering committee under /pilotage/comite/: its composition and targets, its
members, its meetings with the members present, their minutes and the decisions taken.

The committee's members and the advisor read them; the committee's members and the
organisation's administrators change them (access). Another organisation's member, meeting or
decision does not exist for the person (404); a page the role does not allow answers 403."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import ensure
from core.ui import Tab
from core.views import form_page

from .. import access
from ..forms.committee import (
    CommitteeForm,
    DecisionForm,
    MeetingForm,
    MemberEndForm,
    MemberForm,
)
from ..models import CommitteeMeeting, CommitteeMember
from ..selectors import committee as selectors
from ..services import committee as services
from . import steering_tabs

MEETINGS_PER_PAGE = 10
TEMPLATES = "steering/committee/"


def _page(section: str, **context) -> dict:
    """The context of a committee page: its tab among the committee's ("composition" or
    "meetings")."""
    tabs = [
        Tab("composition", _("Composition et objectifs"), reverse("steering:committee")),
        Tab("meetings", _("Réunions et décisions"), reverse("steering:committee-meeting-list")),
    ]
    return {"section": section, "committee_tabs": tabs, **context}


def _committee_or_default(user):
    """The organisation's committee, or what it would be (PNAD targets) before it is set up."""
    return selectors.committee_of(user.organisation_id) or selectors.unsaved_committee(
        user.organisation_id
    )


def _meeting_url(meeting: CommitteeMeeting, anchor: str = "") -> str:
    url = reverse("steering:committee-meeting-detail", kwargs={"pk": meeting.pk})
    return f"{url}#{anchor}" if anchor else url


def _member_url(member: CommitteeMember) -> str:
    return reverse("steering:committee-member-detail", kwargs={"pk": member.pk})


# --- The committee -----------------------------------------------------------------------------


@login_required
@require_GET
def committee(request):
    user = request.user
    ensure(access.can_view_committee(user))
    current = _committee_or_default(user)
    return render(
        request,
        TEMPLATES + "composition.html",
        {
            "committee": current,
            "composition": selectors.composition(current),
            "latest_meetings": list(selectors.meetings(current)[:3]),
            "can_manage": access.can_manage_committee(user),
            "steering_tabs": steering_tabs(user),
            **_page("composition"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def committee_edit(request):
    user = request.user
    ensure(access.can_manage_committee(user))
    current = _committee_or_default(user)
    return form_page(
        request,
        form=CommitteeForm(request.POST or None, initial=CommitteeForm.initial_for(current)),
        template=TEMPLATES + "committee_form.html",
        perform=lambda form: services.committee_update(actor=user, **form.cleaned_data),
        success=_("Le nom et les objectifs du comité sont enregistrés."),
        redirect_to=reverse("steering:committee"),
        context=_page("composition", page_title=_("Nom et objectifs du comité")),
    )


# --- Members -----------------------------------------------------------------------------------


@login_required
@require_GET
def member_detail(request, pk):
    member = access.get_member_for_user(request.user, pk)
    return render(
        request,
        TEMPLATES + "member_detail.html",
        {
            "member": member,
            "meetings": selectors.member_meetings(member),
            "can_manage": access.can_manage_committee(request.user),
            **_page("composition"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request):
    user = request.user
    ensure(access.can_manage_committee(user))
    return form_page(
        request,
        form=MemberForm(request.POST or None, organisation_id=user.organisation_id),
        template=TEMPLATES + "member_form.html",
        perform=lambda form: services.member_add(actor=user, **form.cleaned_data),
        success=_("Le membre est ajouté au comité."),
        redirect_to=reverse("steering:committee"),
        context=_page("composition", member=None, page_title=_("Ajouter un membre")),
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, pk):
    user = request.user
    member = access.get_member_for_user(user, pk, manage=True)
    return form_page(
        request,
        form=MemberForm(
            request.POST or None,
            organisation_id=user.organisation_id,
            initial=MemberForm.initial_for(member),
        ),
        template=TEMPLATES + "member_form.html",
        perform=lambda form: services.member_update(actor=user, member=member, **form.cleaned_data),
        success=_("Le membre est enregistré."),
        redirect_to=_member_url,
        context=_page(
            "composition",
            member=member,
            page_title=_("Modifier %(name)s") % {"name": member.full_name},
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_end(request, pk):
    user = request.user
    member = access.get_member_for_user(user, pk, manage=True)
    return form_page(
        request,
        form=MemberEndForm(request.POST or None),
        template=TEMPLATES + "member_end.html",
        perform=lambda form: services.member_end(actor=user, member=member, **form.cleaned_data),
        success=_("Le départ de %(name)s est enregistré.") % {"name": member.full_name},
        redirect_to=reverse("steering:committee"),
        context=_page(
            "composition",
            member=member,
            page_title=_("Départ de %(name)s") % {"name": member.full_name},
        ),
    )


# --- Meetings and decisions --------------------------------------------------------------------


@login_required
@require_GET
def meeting_list(request):
    user = request.user
    ensure(access.can_view_committee(user))
    current = _committee_or_default(user)
    page = Paginator(selectors.meetings(current), MEETINGS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        TEMPLATES + "meeting_list.html",
        {
            "committee": current,
            "page": page,
            "can_manage": access.can_manage_committee(user),
            "steering_tabs": steering_tabs(user),
            **_page("meetings"),
        },
    )


@login_required
@require_GET
def meeting_detail(request, pk):
    meeting = access.get_meeting_for_user(request.user, pk)
    return render(
        request,
        TEMPLATES + "meeting_detail.html",
        {
            "meeting": meeting,
            "attendees": selectors.meeting_attendees(meeting),
            "decisions": selectors.meeting_decisions(meeting),
            "can_manage": access.can_manage_committee(request.user),
            **_page("meetings"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_add(request):
    user = request.user
    ensure(access.can_manage_committee(user))
    members = selectors.members_for_choice(selectors.committee_of(user.organisation_id))
    return form_page(
        request,
        form=MeetingForm(request.POST or None, members=members),
        template=TEMPLATES + "meeting_form.html",
        perform=lambda form: services.meeting_create(actor=user, **form.cleaned_data),
        success=_("La réunion est enregistrée : ajoutez-y les décisions prises."),
        redirect_to=_meeting_url,
        context=_page("meetings", meeting=None, page_title=_("Nouvelle réunion")),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    user = request.user
    meeting = access.get_meeting_for_user(user, pk, manage=True)
    return form_page(
        request,
        form=MeetingForm(
            request.POST or None,
            members=selectors.members_for_choice(meeting.committee),
            initial=MeetingForm.initial_for(meeting),
        ),
        template=TEMPLATES + "meeting_form.html",
        perform=lambda form: services.meeting_update(
            actor=user, meeting=meeting, **form.cleaned_data
        ),
        success=_("La réunion est enregistrée."),
        redirect_to=_meeting_url,
        context=_page("meetings", meeting=meeting, page_title=str(meeting)),
    )


@login_required
@require_GET
def decision_detail(request, pk):
    decision = access.get_decision_for_user(request.user, pk)
    return render(
        request,
        TEMPLATES + "decision_detail.html",
        {
            "decision": decision,
            "meeting": decision.meeting,
            "follow_up": selectors.decision_follow_up(decision),
            "can_manage": access.can_manage_committee(request.user),
            **_page("meetings"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_add(request, pk):
    user = request.user
    meeting = access.get_meeting_for_user(user, pk, manage=True)
    return form_page(
        request,
        form=DecisionForm(request.POST or None),
        template=TEMPLATES + "decision_form.html",
        perform=lambda form: services.decision_add(
            actor=user, meeting=meeting, **form.cleaned_data
        ),
        success=_("La décision est enregistrée."),
        redirect_to=lambda decision: _meeting_url(meeting, f"decision-{decision.pk}"),
        context=_page(
            "meetings", meeting=meeting, decision=None, page_title=_("Nouvelle décision")
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request, pk):
    user = request.user
    decision = access.get_decision_for_user(user, pk, manage=True)
    meeting = decision.meeting
    return form_page(
        request,
        form=DecisionForm(request.POST or None, initial=DecisionForm.initial_for(decision)),
        template=TEMPLATES + "decision_form.html",
        perform=lambda form: services.decision_update(
            actor=user, decision=decision, **form.cleaned_data
        ),
        success=_("La décision est enregistrée."),
        redirect_to=lambda saved: _meeting_url(meeting, f"decision-{saved.pk}"),
        context=_page(
            "meetings", meeting=meeting, decision=decision, page_title=_("Modifier la décision")
        ),
    )
