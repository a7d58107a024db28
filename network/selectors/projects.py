"""Reads of the common projects: the list with their milestones counted, a project's page, and
the steering figure of projects by status. Each function is one query plan whatever the number
of rows."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from accounts.models import Organisation

from ..models import CommonProject, Milestone, Network, ProjectStatus
from .networks import organisation_networks

# --- Common projects ---------------------------------------------------------------------------


def projects_for(viewer, *, status: str | None = None) -> QuerySet:
    """The common projects the person sees, with their participants and milestones counted;
    of one status when given."""
    projects = (
        CommonProject.objects.visible_to(viewer)
        .select_related("network", "theme", "lead_organisation")
        .prefetch_related(Prefetch("participants", queryset=Organisation.objects.order_by("name")))
        .annotate(
            milestone_count=Count("milestones", distinct=True),
            milestones_done=Count(
                "milestones", filter=Q(milestones__done_on__isnull=False), distinct=True
            ),
        )
    )
    if status:
        projects = projects.filter(status=status)
    return projects.order_by("title", "pk")


@dataclass(frozen=True)
class ProjectFile:
    participants: list[Organisation]
    milestones: list[Milestone]


def project_file(*, project: CommonProject) -> ProjectFile:
    """What a project's page shows under it: its participants and milestones."""
    return ProjectFile(
        participants=list(project.participants.order_by("name")),
        milestones=list(project.milestones.order_by("due_on", "pk")),
    )


# --- Steering: figures over a period -----------------------------------------------------------


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


def projects_by_status(
    *, organisation: Organisation, network: Network | None = None
) -> list[StatusCount]:
    """Number of common projects per status, every status listed (zeros included), in the order
    of their life."""
    counts = dict(
        CommonProject.objects.filter(network__in=organisation_networks(organisation, network))
        .values("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    return [
        StatusCount(status=status.value, label=str(status.label), count=counts.get(status, 0))
        for status in ProjectStatus
    ]
