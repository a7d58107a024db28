"""Training pages: the sessions one sees, a session with its registrations, registering and
cancelling, the coordinator's pages (create, edit, publish, cancel a session, register
someone, take attendance) and the attendance certificate.

A session the person's organisation is not invited to does not exist for them (404), nor does
someone else's registration; a member without the coordinator role asking for a coordinator's
page or action is refused (403). The services decide on the status and dates: their French
message is shown and nothing changes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import ensure
from core.forms import add_service_errors
from core.views import action_redirect, form_page, redirect_with_errors, restore_form

from .. import access
from ..forms.training import AttendanceForm, RegisterPersonForm, SessionForm
from ..models import RegistrationStatus, SessionStatus, TrainingRegistration
from ..selectors import training as selectors
from ..services import training as services

SESSIONS_PER_PAGE = 25
PAST = "passees"
MINE = "mes-inscriptions"
SESSION_FORM = "network/training/session_form.html"


REGISTER = "training-register"  # the key of a refused registration form in the session


def _session(request, public_id):
    """The session as its page reads it (places, one's own registration), or 404."""
    return access.get_session_for_user(
        request.user,
        public_id,
        queryset=selectors.session_with_places(viewer=request.user),
    )


def _managed_session(request, public_id):
    """A session the person sees (else 404) and coordinates (else 403)."""
    session = access.get_session_for_user(request.user, public_id)
    ensure(access.can_manage_session(request.user, session))
    return session


def _detail_url(session, anchor: str = "") -> str:
    url = reverse("network:training-detail", kwargs={"public_id": session.public_id})
    return f"{url}#{anchor}" if anchor else url


def _refusal(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def profile_section_context(person) -> dict:
    """The training history shown on the person's profile page (core.profile)."""
    return {"registrations": selectors.training_history(person=person)}


# --- Sessions one sees ------------------------------------------------------------------------


@login_required
@require_GET
def session_list(request):
    user = request.user
    ensure(user.organisation_id is not None)
    period = request.GET.get("periode")
    past, mine = period == PAST, period == MINE
    sessions = selectors.session_list(viewer=user, past=past, mine=mine)
    page = Paginator(sessions, SESSIONS_PER_PAGE).get_page(request.GET.get("page"))
    coordinator = access.can_coordinate(user)
    return render(
        request,
        "network/training/session_list.html",
        {
            "page": page,
            "past": past,
            "past_value": PAST,
            "mine": mine,
            "mine_value": MINE,
            "query": f"periode={period}" if past or mine else "",
            "coordinator": coordinator,
            "trained": (
                selectors.buyers_trained_share(organisation=user.organisation)
                if coordinator
                else None
            ),
        },
    )


def _render_detail(request, session):
    user = request.user
    manager = access.can_manage_session(user, session)
    started = session.starts_at <= timezone.now()
    announced = session.status == SessionStatus.PUBLISHED
    context = {
        "session": session,
        "manager": manager,
        "started": started,
        "over": session.ends_at < timezone.now(),
        "can_register": announced and not started and session.my_status is None,
        "can_cancel_own": not started
        and session.my_status in (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING),
        "attended": session.my_status == RegistrationStatus.ATTENDED,
    }
    if manager:
        context.update(
            registrations=selectors.session_registrations(session=session),
            register_form=restore_form(request, REGISTER, RegisterPersonForm, session=session)
            or RegisterPersonForm(session=session),
            can_take_attendance=announced and started,
            can_publish=session.status == SessionStatus.DRAFT,
            can_cancel_session=session.status == SessionStatus.DRAFT or (announced and not started),
        )
    return render(request, "network/training/session_detail.html", context)


@login_required
@require_GET
def session_detail(request, public_id):
    return _render_detail(request, _session(request, public_id))


# --- The coordinator's pages ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request):
    ensure(access.can_coordinate(request.user))
    return form_page(
        request,
        form=SessionForm(request.POST or None, user=request.user),
        template=SESSION_FORM,
        perform=lambda form: services.session_create(
            actor=request.user, **form.service_arguments()
        ),
        success=_(
            "La session est enregistrée en brouillon : publiez-la pour ouvrir les inscriptions."
        ),
        redirect_to=_detail_url,
        context={"page_title": _("Nouvelle session de formation"), "session": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_update(request, public_id):
    session = _managed_session(request, public_id)
    if session.status == SessionStatus.CANCELLED:
        messages.error(request, _("Cette session est annulée : elle ne se modifie plus."))
        return redirect(_detail_url(session))
    return form_page(
        request,
        form=SessionForm(
            request.POST or None, user=request.user, initial=SessionForm.initial_for(session)
        ),
        template=SESSION_FORM,
        perform=lambda form: services.session_update(
            actor=request.user, session=session, **form.service_arguments()
        ),
        success=_("La session est modifiée."),
        redirect_to=_detail_url,
        context={"page_title": _("Modifier la session"), "session": session},
    )


@login_required
@require_POST
def session_publish(request, public_id):
    session = _managed_session(request, public_id)
    return action_redirect(
        request,
        _detail_url(session),
        lambda: services.session_publish(actor=request.user, session=session),
        _("La session est publiée : les inscriptions sont ouvertes."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_cancel(request, public_id):
    """A confirmation page: cancelling cannot be undone."""
    session = _managed_session(request, public_id)
    if request.method == "POST":
        return action_redirect(
            request,
            _detail_url(session),
            lambda: services.session_cancel(actor=request.user, session=session),
            _("La session est annulée."),
        )
    return render(request, "network/training/session_cancel.html", {"session": session})


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, public_id):
    session = _managed_session(request, public_id)
    if request.method == "GET" and session.starts_at > timezone.now():
        messages.error(
            request,
            _("La session n'a pas encore commencé : la présence se relève à partir de son début."),
        )
        return redirect(_detail_url(session))
    seats = selectors.session_registrations(session=session).seats
    form = AttendanceForm(request.POST or None, registrations=seats)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.attendance_record(
                actor=request.user, session=session, presence=form.presence()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "La présence de %(count)s personne est enregistrée.",
                    "La présence de %(count)s personnes est enregistrée.",
                    count,
                )
                % {"count": count},
            )
            return redirect(_detail_url(session, "inscrits"))
    return render(request, "network/training/attendance.html", {"session": session, "form": form})


# --- Registrations ----------------------------------------------------------------------------


@login_required
@require_POST
def register(request, public_id):
    """Register oneself; with an e-mail address, the coordinator registers that person."""
    user = request.user
    session = _session(request, public_id)
    person = None
    if "email" in request.POST:
        ensure(access.can_manage_session(user, session))
        form = RegisterPersonForm(request.POST, session=session)
        if not form.is_valid():
            return redirect_with_errors(
                request, form, _detail_url(session, "inscrits"), key=REGISTER
            )
        person = form.cleaned_data["person"]
    try:
        registration = services.registration_create(actor=user, session=session, person=person)
    except ValidationError as error:
        _refusal(request, error)
        return redirect(_detail_url(session))
    waiting = registration.status == RegistrationStatus.WAITING
    if person is None:
        messages.success(
            request,
            _(
                "La session est complète : vous êtes sur la liste d'attente. Vous recevrez un "
                "e-mail si une place se libère."
            )
            if waiting
            else user.agreed(
                feminine=_("Vous êtes inscrite à la session."),
                masculine=_("Vous êtes inscrit à la session."),
                unknown=_("Vous êtes inscrit·e à la session."),
            ),
        )
    else:
        name = person.get_full_name()
        messages.success(
            request,
            (
                _("La session est complète : %(person)s est sur la liste d'attente.")
                if waiting
                else person.agreed(
                    feminine=_("%(person)s est inscrite à la session."),
                    masculine=_("%(person)s est inscrit à la session."),
                    unknown=_("%(person)s est inscrit·e à la session."),
                )
            )
            % {"person": name},
        )
    return redirect(_detail_url(session, "inscrits" if person else ""))


def _registration(request, public_id) -> TrainingRegistration:
    """One's own registration or, for a session's coordinator, any of it; else 404."""
    return access.get_registration_for_user(
        request.user,
        public_id,
        queryset=TrainingRegistration.objects.select_related("session__organiser", "user"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def registration_cancel(request, public_id):
    """GET says what cancelling does and asks to confirm (no script needed); POST cancels."""
    registration = _registration(request, public_id)
    oneself = registration.user_id == request.user.pk
    if request.method == "GET":
        return render(
            request,
            "network/training/registration_cancel.html",
            {
                "registration": registration,
                "session": registration.session,
                "oneself": oneself,
                "back": _detail_url(registration.session, "" if oneself else "inscrits"),
            },
        )
    return action_redirect(
        request,
        _detail_url(registration.session, "" if oneself else "inscrits"),
        lambda: services.registration_cancel(actor=request.user, registration=registration),
        _("Votre inscription est annulée.")
        if oneself
        else _("L'inscription de %(person)s est annulée.")
        % {"person": registration.user.get_full_name()},
    )


@login_required
@require_GET
def certificate(request, public_id):
    """The certificate of a person present, as PDF, made on request; to that person and to
    the session's coordinators only."""
    registration = _registration(request, public_id)
    if registration.status != RegistrationStatus.ATTENDED:
        raise Http404
    pdf = services.certificate_pdf(actor=request.user, registration=registration)
    name = slugify(f"attestation {registration.session.title} {registration.user.get_full_name()}")[
        :80
    ]
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
