from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import add_service_errors
from core.profile import sections_for as profile_sections_for
from core.views import form_page

from . import access, selectors, services
from .forms import (
    DepartmentForm,
    InvitationAwarePasswordResetForm,
    LoginForm,
    NotificationsForm,
    PeopleFilterForm,
    PersonForm,
    PublicInformationForm,
)

PEOPLE_PER_PAGE = 25


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("accounts:password-change-done")


class PasswordResetView(auth_views.PasswordResetView):
    form_class = InvitationAwarePasswordResetForm
    subject_template_name = "emails/password-reset-subject.txt"
    email_template_name = "emails/password-reset-body.txt"
    html_email_template_name = "emails/password-reset-body.html"
    success_url = reverse_lazy("accounts:password-reset-done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form):
        # Whoever proved they own the address may log in again at once with the new password.
        axes_reset(username=self.user.email)
        return super().form_valid(form)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    person = request.user
    form = NotificationsForm(request.POST or None, initial={"notifications": person.notifications})
    return form_page(
        request,
        form=form,
        template="accounts/profile.html",
        perform=lambda form: services.user_notifications_set(
            actor=person, notifications=form.cleaned_data["notifications"]
        ),
        success=_("Votre choix d'e-mails de suivi est enregistré."),
        redirect_to=reverse("accounts:profile") + "#notifications",
        context={"person": person, "sections": profile_sections_for(person)},
    )


@login_required
@require_GET
def people_list(request):
    access.ensure_can_manage_people(request.user)
    organisation = request.user.organisation
    filters = PeopleFilterForm(request.GET or None, organisation=organisation)
    criteria = {}
    if filters.is_valid():
        criteria = {
            "search": filters.cleaned_data["q"],
            "department": filters.cleaned_data["department"],
            "role": filters.cleaned_data["role"],
            "active": filters.active(),
        }
    people = selectors.people_list(viewer=request.user, **criteria)
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/people_list.html",
        {"page": page, "filters": filters, "query": query.urlencode()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request):
    access.ensure_can_manage_people(request.user)
    form = PersonForm(request.POST or None, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.user_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Le compte de %(name)s est créé. Un e-mail lui a été envoyé pour choisir son "
                    "mot de passe."
                )
                % {"name": person},
            )
            return redirect("accounts:person-detail", public_id=person.public_id)
    return render(request, "accounts/person_form.html", {"form": form, "person": None})


@login_required
@require_GET
def person_detail(request, public_id):
    person = access.get_person_for_management(request.user, public_id)
    return render(
        request,
        "accounts/person_detail.html",
        {"person": person, "history": selectors.person_history(person=person)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, public_id):
    person = access.get_person_for_management(request.user, public_id)
    form = PersonForm(
        request.POST or None,
        organisation=request.user.organisation,
        person=person,
        initial=PersonForm.initial_for(person),
    )
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "email"}
        try:
            services.user_update(actor=request.user, person=person, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Les modifications de %(name)s sont enregistrées.") % {"name": person}
            )
            return redirect("accounts:person-detail", public_id=person.public_id)
    return render(request, "accounts/person_form.html", {"form": form, "person": person})


@login_required
@require_POST
def person_set_active(request, public_id, active):
    person = access.get_person_for_management(request.user, public_id)
    try:
        services.user_set_active(actor=request.user, person=person, active=active)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if active:
            messages.success(
                request, _("%(name)s peut de nouveau se connecter.") % {"name": person}
            )
        else:
            messages.success(
                request,
                person.agreed(
                    feminine=_("%(name)s est désactivée et ne peut plus se connecter."),
                    masculine=_("%(name)s est désactivé et ne peut plus se connecter."),
                    unknown=_(
                        "Le compte de %(name)s est désactivé : il ne permet plus de se connecter."
                    ),
                )
                % {"name": person},
            )
    return redirect("accounts:person-detail", public_id=person.public_id)


@login_required
@require_GET
def department_list(request):
    access.ensure_can_manage_departments(request.user)
    return render(
        request,
        "accounts/department_list.html",
        {"departments": selectors.departments_list(viewer=request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def department_create(request):
    access.ensure_can_manage_departments(request.user)
    form = DepartmentForm(request.POST or None, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            department = services.department_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("La direction %(code)s est créée.") % {"code": department.code}
            )
            return redirect("accounts:department-list")
    return render(request, "accounts/department_form.html", {"form": form, "department": None})


@login_required
@require_http_methods(["GET", "POST"])
def department_edit(request, code):
    department = access.get_department_for_management(request.user, code)
    form = DepartmentForm(
        request.POST or None,
        organisation=request.user.organisation,
        department=department,
        initial={"code": department.code, "name": department.name, "head": department.head_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.department_update(
                actor=request.user,
                department=department,
                name=form.cleaned_data["name"],
                head=form.cleaned_data["head"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("La direction %(code)s est enregistrée.") % {"code": department.code}
            )
            return redirect("accounts:department-list")
    return render(
        request, "accounts/department_form.html", {"form": form, "department": department}
    )


# --- The public pages: no login; the details of the organisation that publishes the service ---


def _public_page(request, template: str, title: str):
    publisher = selectors.site_publisher()
    return render(
        request,
        f"accounts/public/{template}",
        {
            "page_title": title,
            "publisher": publisher,
            "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "session_hours": max(1, settings.SESSION_COOKIE_AGE // 3600),
            "information": selectors.public_information_of(publisher),
            "can_edit": access.can_manage_public_information(request.user)
            and publisher is not None
            and request.user.organisation_id == publisher.pk,
        },
    )


@require_GET
def accessibility(request):
    return _public_page(request, "accessibility.html", _("Déclaration d'accessibilité"))


@require_GET
def legal_notice(request):
    return _public_page(request, "legal_notice.html", _("Mentions légales"))


@require_GET
def personal_data(request):
    return _public_page(request, "personal_data.html", _("Données personnelles"))


@login_required
@require_http_methods(["GET", "POST"])
def public_information_edit(request):
    """The organisation's administrator keeps what the three public pages say of it."""
    access.ensure_can_manage_public_information(request.user)
    information = selectors.public_information_of(request.user.organisation)
    form = PublicInformationForm(request.POST or None, instance=information)
    return form_page(
        request,
        form=form,
        template="accounts/public_information_form.html",
        perform=lambda form: services.public_information_save(
            actor=request.user,
            **{name: form.cleaned_data[name] for name in form.Meta.fields},
        ),
        success=_("Les informations des pages publiques sont enregistrées."),
        redirect_to=reverse_lazy("accounts:public-information"),
        context={"publisher": selectors.site_publisher()},
    )
