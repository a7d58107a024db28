"""Pages of the common projects and their milestones.

Every page first finds its project among those the person may see (access: 404 outside the
network), then checks that the person coordinates the network for a change (403); the service
called decides on the rest and its French message is shown."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.views import action_redirect, form_page

from .. import access
from ..forms.projects import MilestoneForm, ProjectForm
from ..models import CommonProject, Milestone, Network, ProjectStatus
from ..selectors import projects as selectors
from ..selectors.networks import member_organisations, member_organisations_of_networks
from ..services import projects as services
from .networks import coordinated_or_403, networks_or_404, section

# --- Common projects ---------------------------------------------------------------------------


def _project(request, public_id) -> CommonProject:
    return access.get_project_for_user(request.user, public_id)


def _coordinated_project(request, public_id) -> CommonProject:
    """A project the person sees (404 otherwise) whose network they coordinate (403 otherwise)."""
    project = _project(request, public_id)
    access.ensure_can_coordinate(request.user, project.network)
    return project


def _project_url(project: CommonProject, anchor: str = "") -> str:
    url = reverse("network:project-detail", kwargs={"public_id": project.public_id})
    return f"{url}#{anchor}" if anchor else url


@login_required
@require_GET
def project_list(request):
    user = request.user
    networks = networks_or_404(user)
    status = request.GET.get("statut", "")
    status = status if status in ProjectStatus.values else ""
    projects = list(selectors.projects_for(user, status=status or None))
    return render(
        request,
        "network/projects/project_list.html",
        {
            "projects": projects,
            "status": status,
            "statuses": ProjectStatus.choices,
            "several_networks": len(networks) > 1,
            "coordinates": any(access.can_coordinate(user, n) for n in networks),
            **section("projects"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request):
    networks = coordinated_or_403(request.user)
    organisations = member_organisations_of_networks(
        Network.objects.filter(pk__in=[n.pk for n in networks])
    )
    return form_page(
        request,
        form=ProjectForm(request.POST or None, organisations=organisations, networks=networks),
        template="network/projects/project_form.html",
        perform=lambda form: services.project_create(
            actor=request.user, network=form.cleaned_data["network"], **form.service_arguments()
        ),
        success=_("Le projet commun est créé."),
        redirect_to=_project_url,
        context={"project": None, **section("projects"), "page_title": _("Nouveau projet commun")},
    )


@login_required
@require_GET
def project_detail(request, public_id):
    project = _project(request, public_id)
    return render(
        request,
        "network/projects/project_detail.html",
        {
            "project": project,
            "file": selectors.project_file(project=project),
            "coordinates": access.can_coordinate(request.user, project.network),
            "today": timezone.localdate(),
            **section("projects"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, public_id):
    project = _coordinated_project(request, public_id)
    form = ProjectForm(
        request.POST or None,
        organisations=member_organisations(project.network),
        project=project,
        participants=list(project.participants.all()),
    )
    return form_page(
        request,
        form=form,
        template="network/projects/project_form.html",
        perform=lambda form: services.project_update(
            actor=request.user, project=project, **form.service_arguments()
        ),
        success=_("Le projet commun est enregistré."),
        redirect_to=_project_url,
        context={
            "project": project,
            **section("projects"),
            "page_title": _("Modifier le projet"),
        },
    )


def _milestones(request, project: CommonProject):
    return Milestone.objects.visible_to(request.user).filter(project=project)


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request, public_id, pk=None):
    project = _coordinated_project(request, public_id)
    milestone = get_object_or_404(_milestones(request, project), pk=pk) if pk is not None else None
    initial = (
        {"title": milestone.title, "due_on": milestone.due_on, "done_on": milestone.done_on}
        if milestone
        else {}
    )
    return form_page(
        request,
        form=MilestoneForm(request.POST or None, initial=initial),
        template="network/projects/milestone_form.html",
        perform=lambda form: services.milestone_save(
            actor=request.user, project=project, milestone=milestone, **form.cleaned_data
        ),
        success=_("Le jalon est enregistré."),
        redirect_to=_project_url(project, "jalons"),
        context={
            "project": project,
            "milestone": milestone,
            **section("projects"),
            "page_title": _("Modifier le jalon") if milestone else _("Nouveau jalon"),
        },
    )


@login_required
@require_POST
def milestone_delete(request, public_id, pk):
    project = _coordinated_project(request, public_id)
    milestone = get_object_or_404(
        _milestones(request, project).select_related("project__network"), pk=pk
    )
    return action_redirect(
        request,
        _project_url(project, "jalons"),
        lambda: services.milestone_delete(actor=request.user, milestone=milestone),
        _("Le jalon « %(title)s » est retiré.") % {"title": milestone.title},
    )
