"""The buyers' network: the meetings the organisation took part in and the common projects;
with the social audits and findings of its supply chains (`supply_chain`)."""

from network.selectors.meetings import attendance_by_organisation
from network.selectors.projects import projects_by_status

from .common import page_url
from .figures import CountItem, NetworkIndicators
from .supply_chain import supply_chain_counts


def network_figures(organisation, quarter) -> NetworkIndicators:
    """Eight queries: attendance (four), projects, and the supply chain's three."""
    attendance = next(
        (
            row
            for row in attendance_by_organisation(
                organisation=organisation, start=quarter.start, end=quarter.end
            )
            if row.organisation.pk == organisation.pk
        ),
        None,
    )
    projects = projects_by_status(organisation=organisation)
    return NetworkIndicators(
        meetings_held=attendance.meetings_held if attendance else 0,
        meetings_attended=attendance.meetings_attended if attendance else 0,
        people_present=attendance.people_present if attendance else 0,
        meetings_url=page_url("network:meeting-list", annee=quarter.year),
        projects=[
            CountItem(
                code=item.status,
                label=item.label,
                count=item.count,
                url=page_url("network:project-list", statut=item.status),
            )
            for item in projects
        ],
        projects_total=sum(item.count for item in projects),
        projects_url=page_url("network:project-list"),
        **supply_chain_counts(organisation, quarter),
    )
