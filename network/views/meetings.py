"""Pages of the meetings: the list, a meeting (registration, attendance, minutes, action items)
and the iCalendar feed.

Every page first finds its object among those the person may see (access: 404 outside the
network), then checks the role an action needs (403); the service called decides on the rest
and its French message is shown. Buttons are a courtesy computed from the same rules."""

import icalendar
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import ensure
from core.files import attachment_response
from core.forms import add_service_errors
from core.views import action_redirect, form_page, redirect_with_errors, restore_form

from .. import access
from ..forms.meetings import (
    ActionItemForm,
    ActionStatusForm,
    AttendanceForm,
    MeetingForm,
    MinutesForm,
    RegistrationForm,
)
from ..models import ActionItem, Meeting, MeetingStatus
from ..selectors import meetings as selectors
from ..selectors.networks import member_organisations
from ..services import meetings as services
from .networks import coordinated_or_403, networks_or_404, section

MEETINGS_PER_PAGE = 25
CALENDAR_PRODID = "-//Achats responsables//Réseau des acheteurs//FR"
REGISTER = "meeting-register"  # the key of a refused registration form in the session


# --- Meetings ----------------------------------------------------------------------------------


def _meeting(request, public_id) -> Meeting:
    return access.get_meeting_for_user(request.user, public_id)


def _coordinated_meeting(request, public_id) -> Meeting:
    """A meeting the person sees (404 otherwise) whose network they coordinate (403 otherwise)."""
    meeting = _meeting(request, public_id)
    access.ensure_can_coordinate(request.user, meeting.network)
    return meeting


def _meeting_url(meeting: Meeting, anchor: str = "") -> str:
    url = reverse("network:meeting-detail", kwargs={"public_id": meeting.public_id})
    return f"{url}#{anchor}" if anchor else url


def _unavailable(request, meeting: Meeting, message: str):
    messages.error(request, message)
    return redirect(_meeting_url(meeting))


@login_required
@require_GET
def meeting_list(request):
    user = request.user
    networks = networks_or_404(user)
    years = selectors.meeting_years(user)
    raw = request.GET.get("annee", "")
    year = int(raw) if raw.isdigit() and int(raw) in years else None
    page = Paginator(selectors.meeting_list(viewer=user, year=year), MEETINGS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "network/meetings/meeting_list.html",
        {
            "page": page,
            "years": years,
            "year": year,
            "query": f"annee={year}" if year else "",
            "several_networks": len(networks) > 1,
            "coordinates": any(access.can_coordinate(user, n) for n in networks),
            **section("meetings"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    networks = coordinated_or_403(request.user)
    return form_page(
        request,
        form=MeetingForm(request.POST or None, networks=networks),
        template="network/meetings/meeting_form.html",
        perform=lambda form: services.meeting_create(
            actor=request.user, network=form.cleaned_data["network"], **form.service_arguments()
        ),
        success=_("La rencontre est créée : les membres peuvent s'y inscrire."),
        redirect_to=_meeting_url,
        context={"meeting": None, **section("meetings"), "page_title": _("Nouvelle rencontre")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, public_id):
    meeting = _coordinated_meeting(request, public_id)
    if meeting.status == MeetingStatus.CANCELLED:
        return _unavailable(request, meeting, _("Cette rencontre est annulée."))
    return form_page(
        request,
        form=MeetingForm(request.POST or None, meeting=meeting),
        template="network/meetings/meeting_form.html",
        perform=lambda form: services.meeting_update(
            actor=request.user, meeting=meeting, **form.service_arguments()
        ),
        success=_("La rencontre est enregistrée."),
        redirect_to=_meeting_url,
        context={
            "meeting": meeting,
            **section("meetings"),
            "page_title": _("Modifier la rencontre"),
        },
    )


def _render_meeting(request, meeting: Meeting):
    user = request.user
    coordinates = access.can_coordinate(user, meeting.network)
    started = meeting.starts_at <= timezone.now()
    open_ = meeting.status != MeetingStatus.CANCELLED
    may_register = open_ and (coordinates or not started)
    registration_form = None
    if may_register:
        people = selectors.registrable_people(viewer=user, meeting=meeting)
        registration_form = restore_form(
            request, REGISTER, RegistrationForm, people=people, viewer=user
        ) or RegistrationForm(people=people, viewer=user)
    file = selectors.meeting_file(meeting=meeting)
    registrations = [
        (
            row,
            row.attended is None
            and (coordinates or not started)
            and (
                row.user_id == user.pk
                or row.user.organisation_id == user.organisation_id
                or coordinates
            ),
        )
        for row in file.registrations
    ]
    actions = [
        (item, coordinates or item.owner_organisation_id == user.organisation_id)
        for item in file.action_items
    ]
    return render(
        request,
        "network/meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "file": file,
            "registrations": registrations,
            "actions": actions,
            "coordinates": coordinates,
            "started": started,
            "is_open": open_,
            "registration_form": registration_form if may_register else None,
            "status_form": ActionStatusForm(),
            **section("meetings"),
        },
    )


@login_required
@require_GET
def meeting_detail(request, public_id):
    return _render_meeting(request, _meeting(request, public_id))


@login_required
@require_POST
def meeting_cancel(request, public_id):
    meeting = _coordinated_meeting(request, public_id)
    return action_redirect(
        request,
        _meeting_url(meeting),
        lambda: services.meeting_cancel(actor=request.user, meeting=meeting),
        _("La rencontre est annulée ; le calendrier des membres l'indique."),
    )


@login_required
@require_POST
def meeting_register(request, public_id):
    meeting = _meeting(request, public_id)
    user = request.user
    form = RegistrationForm(
        request.POST, people=selectors.registrable_people(viewer=user, meeting=meeting)
    )
    if form.is_valid():
        person = form.cleaned_data["person"]
        try:
            services.meeting_register(actor=user, meeting=meeting, person=person)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                person.agreed(
                    feminine=_("%(person)s est inscrite à la rencontre."),
                    masculine=_("%(person)s est inscrit à la rencontre."),
                    unknown=_("%(person)s est inscrit·e à la rencontre."),
                )
                % {"person": person.get_full_name() or person.email},
            )
            return redirect(_meeting_url(meeting, "inscriptions"))
    return redirect_with_errors(request, form, _meeting_url(meeting, "inscriptions"), key=REGISTER)


@login_required
@require_POST
def meeting_unregister(request, public_id, pk):
    meeting = _meeting(request, public_id)
    registration = get_object_or_404(
        meeting.registrations.select_related("user", "meeting__network"), pk=pk
    )
    person = registration.user.get_full_name() or registration.user.email
    return action_redirect(
        request,
        _meeting_url(meeting, "inscriptions"),
        lambda: services.meeting_unregister(actor=request.user, registration=registration),
        _("L'inscription de %(person)s est retirée.") % {"person": person},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_attendance(request, public_id):
    meeting = _coordinated_meeting(request, public_id)
    if meeting.status == MeetingStatus.CANCELLED:
        return _unavailable(request, meeting, _("Cette rencontre est annulée."))
    if meeting.starts_at > timezone.now():
        return _unavailable(
            request, meeting, _("Les présences se relèvent une fois la rencontre commencée.")
        )
    registrations = selectors.meeting_file(meeting=meeting).registrations
    return form_page(
        request,
        form=AttendanceForm(request.POST or None, registrations=registrations),
        template="network/meetings/attendance.html",
        perform=lambda form: services.meeting_attendance_save(
            actor=request.user, meeting=meeting, attendance=form.attendance()
        ),
        success=_("Les présences sont enregistrées ; la rencontre est tenue."),
        redirect_to=_meeting_url(meeting, "inscriptions"),
        context={
            "meeting": meeting,
            **section("meetings"),
            "page_title": _("Présences à la rencontre"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_upload(request, public_id):
    meeting = _coordinated_meeting(request, public_id)
    if meeting.status == MeetingStatus.CANCELLED:
        return _unavailable(request, meeting, _("Cette rencontre est annulée."))
    if meeting.starts_at > timezone.now():
        return _unavailable(
            request, meeting, _("Le compte rendu se dépose une fois la rencontre commencée.")
        )
    return form_page(
        request,
        form=MinutesForm(
            request.POST or None, request.FILES or None, replacing=bool(meeting.minutes)
        ),
        template="network/meetings/minutes_form.html",
        perform=lambda form: services.meeting_minutes_upload(
            actor=request.user, meeting=meeting, minutes=form.cleaned_data["minutes"]
        ),
        success=_("Le compte rendu est déposé ; les membres peuvent le télécharger."),
        redirect_to=_meeting_url(meeting),
        context={
            "meeting": meeting,
            **section("meetings"),
            "page_title": _("Compte rendu de la rencontre"),
        },
    )


@login_required
@require_GET
def minutes_download(request, public_id):
    """The minutes, as an attachment, to whoever sees the meeting; the media directory itself is
    never served."""
    return attachment_response(_meeting(request, public_id).minutes)


# --- Action items ------------------------------------------------------------------------------


def _action_item(meeting: Meeting, pk) -> ActionItem:
    return get_object_or_404(
        meeting.action_items.select_related("owner_organisation", "meeting__network"), pk=pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_item_edit(request, public_id, pk=None):
    meeting = _coordinated_meeting(request, public_id)
    item = _action_item(meeting, pk) if pk is not None else None
    if item is None and meeting.status == MeetingStatus.CANCELLED:
        return _unavailable(request, meeting, _("Cette rencontre est annulée."))
    form = ActionItemForm(
        request.POST or None,
        organisations=member_organisations(meeting.network),
        item=item,
    )

    def perform(form):
        if item is None:
            return services.action_item_create(
                actor=request.user, meeting=meeting, **form.cleaned_data
            )
        return services.action_item_update(actor=request.user, item=item, **form.cleaned_data)

    return form_page(
        request,
        form=form,
        template="network/meetings/action_form.html",
        perform=perform,
        success=_("L'action est enregistrée."),
        redirect_to=_meeting_url(meeting, "actions"),
        context={
            "meeting": meeting,
            "item": item,
            **section("meetings"),
            "page_title": _("Modifier l'action") if item else _("Nouvelle action"),
        },
    )


@login_required
@require_POST
def action_item_status(request, public_id, pk):
    meeting = _meeting(request, public_id)
    item = _action_item(meeting, pk)
    ensure(access.can_report_on(request.user, item))
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(_meeting_url(meeting, "actions"))
    return action_redirect(
        request,
        _meeting_url(meeting, "actions"),
        lambda: services.action_item_set_status(actor=request.user, item=item, **form.cleaned_data),
        _("L'état de l'action « %(title)s » est enregistré.") % {"title": item.title},
    )


# --- The iCalendar feed ------------------------------------------------------------------------


def _event(request, meeting: Meeting, *, made_at) -> icalendar.Event:
    event = icalendar.Event()
    url = request.build_absolute_uri(_meeting_url(meeting))
    cancelled = meeting.status == MeetingStatus.CANCELLED
    # The same UID for the life of the meeting: a calendar updates the event, never doubles it.
    event.add("uid", f"{meeting.public_id}@achats-responsables")
    # RFC 5545: DTSTAMP is when the feed was made; the meeting's own change is LAST-MODIFIED.
    event.add("dtstamp", made_at)
    event.add("last-modified", meeting.updated_at)
    # Grows with every change (seconds since creation), so clients take the newest version.
    event.add("sequence", max(0, int((meeting.updated_at - meeting.created_at).total_seconds())))
    event.add("dtstart", timezone.localtime(meeting.starts_at))
    event.add("dtend", timezone.localtime(meeting.ends_at))
    summary = meeting.title
    if cancelled:
        summary = _("Annulée : %(title)s") % {"title": summary}
    event.add("summary", summary)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if meeting.place or meeting.online_url:
        event.add("location", meeting.place or meeting.online_url)
    lines = [meeting.network.name]
    if meeting.theme:
        lines.append(_("Thème : %(theme)s") % {"theme": meeting.theme.name})
        event.add("categories", [meeting.theme.name])
    if meeting.online_url:
        lines.append(_("Visioconférence : %(url)s") % {"url": meeting.online_url})
    if meeting.agenda:
        lines += ["", _("Ordre du jour :"), meeting.agenda]
    lines += ["", url]
    event.add("description", "\n".join(lines))
    event.add("url", url)
    return event


def _calendar(request, viewer) -> HttpResponse:
    """The meetings of the viewer's networks as one iCalendar file (Europe/Paris times)."""
    networks = networks_or_404(viewer)
    feed = icalendar.Calendar()
    feed.add("prodid", CALENDAR_PRODID)
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    name = networks[0].name if len(networks) == 1 else _("Rencontres du réseau")
    feed.add("x-wr-calname", name)
    feed.add("x-wr-timezone", timezone.get_current_timezone_name())
    made_at = timezone.now()
    for meeting in selectors.feed_meetings(viewer=viewer):
        feed.add_component(_event(request, meeting, made_at=made_at))
    feed.add_missing_timezones()
    response = HttpResponse(feed.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, "rencontres-reseau.ics")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def meetings_ical(request):
    """The calendar file, downloaded by the person logged in."""
    return _calendar(request, request.user)


@require_GET
def calendar_feed(request, token):
    """The calendar a calendar program subscribes to: no session, the secret in the address
    says whose it is (404 once revoked or renewed)."""
    response = _calendar(request, access.get_calendar_feed_owner(token))
    # The address is a secret: never sent on to another site from a link of the feed.
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
@require_POST
def calendar_feed_renew(request):
    networks_or_404(request.user)
    token = services.calendar_feed_renew(actor=request.user)
    address = request.build_absolute_uri(reverse("network:calendar-feed", args=[token]))
    # Rendered, not redirected: the address is in this response only and never stored in clear.
    response = render(request, "network/meetings/calendar_feed_created.html", {"address": address})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def calendar_feed_revoke(request):
    networks_or_404(request.user)
    if services.calendar_feed_revoke(actor=request.user):
        messages.success(
            request,
            _("L'adresse d'abonnement est révoquée : les agendas abonnés ne la lisent plus."),
        )
    return redirect("accounts:profile")


def profile_section_context(person) -> dict:
    """The calendar subscription on the person's profile page (core.profile)."""
    return {
        "available": access.can_subscribe_to_calendar(person),
        "feed": selectors.calendar_feed_of(person),
    }
