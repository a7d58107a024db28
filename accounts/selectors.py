from django.conf import settings
from django.db.models import Count, Q, QuerySet

from .models import Department, Organisation, PublicInformation, User


def people_list(
    *, viewer: User, search: str = "", department=None, role: str = "", active=None
) -> QuerySet[User]:
    """People of the viewer's organisation, filtered; groups and department come in the same
    two queries whatever the number of rows."""
    people = (
        User.objects.visible_to(viewer)
        .select_related("department")
        .prefetch_related("groups")
        .order_by("last_name", "first_name", "pk")
    )
    if search:
        for word in search.split():
            people = people.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(job_title__icontains=word)
            )
    if department is not None:
        people = people.filter(department=department)
    if role:
        people = people.filter(groups__name=role)
    if active is not None:
        people = people.filter(is_active=active)
    return people


def departments_list(*, viewer: User) -> QuerySet[Department]:
    """The departments of the viewer's organisation, with their heads."""
    return (
        Department.objects.visible_to(viewer)
        .select_related("head")
        .annotate(people_count=Count("people", filter=Q(people__is_active=True)))
        .order_by("code")
    )


def person_history(*, person: User, limit: int = 50):
    """The latest changes to a person, with who made them."""
    return person.history.select_related("history_user").order_by("-history_date")[:limit]


def site_publisher() -> Organisation | None:
    """The organisation that publishes the service (settings.SITE_PUBLISHER, or the first one
    created): its details fill the public pages."""
    organisations = Organisation.objects.select_related("public_information")
    if settings.SITE_PUBLISHER:
        chosen = organisations.filter(slug=settings.SITE_PUBLISHER).first()
        if chosen is not None:
            return chosen
    return organisations.order_by("created_at", "pk").first()


def public_information_of(organisation: Organisation | None) -> PublicInformation:
    """Its public information as recorded, or a blank one (every field « non renseigné »)."""
    if organisation is None:
        return PublicInformation()
    try:
        return organisation.public_information
    except PublicInformation.DoesNotExist:
        return PublicInformation(organisation=organisation)
