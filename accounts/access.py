"""Who may see and change people and departments: the one place that decides.

An object outside the viewer's organisation does not exist for them (404);
an object inside it without the right permission is forbidden (403).
"""

from django.shortcuts import get_object_or_404

from core.access import ensure

from .models import Department, User

MANAGE_PEOPLE = "accounts.manage_people"
MANAGE_DEPARTMENTS = "accounts.manage_departments"
MANAGE_PUBLIC_INFORMATION = "accounts.manage_public_information"


def can_manage_people(user) -> bool:
    return (
        user.is_authenticated and user.organisation_id is not None and user.has_perm(MANAGE_PEOPLE)
    )


def can_manage_departments(user) -> bool:
    return (
        user.is_authenticated
        and user.organisation_id is not None
        and user.has_perm(MANAGE_DEPARTMENTS)
    )


def can_manage_public_information(user) -> bool:
    """The organisation's administrator keeps what the public pages say of it."""
    return (
        user.is_authenticated
        and user.organisation_id is not None
        and user.has_perm(MANAGE_PUBLIC_INFORMATION)
    )


def ensure_can_manage_public_information(user) -> None:
    ensure(can_manage_public_information(user))


def _of_own_organisation(user, organisation) -> bool:
    return organisation is None or organisation.pk == user.organisation_id


def ensure_can_manage_people(user, organisation=None) -> None:
    ensure(can_manage_people(user) and _of_own_organisation(user, organisation))


def ensure_can_manage_departments(user, organisation=None) -> None:
    ensure(can_manage_departments(user) and _of_own_organisation(user, organisation))


def get_person_for_management(user, public_id) -> User:
    person = get_object_or_404(
        User.objects.visible_to(user).select_related("department", "organisation"),
        public_id=public_id,
    )
    ensure_can_manage_people(user)
    return person


def get_department_for_management(user, code) -> Department:
    department = get_object_or_404(
        Department.objects.visible_to(user).select_related("head"), code=code
    )
    ensure_can_manage_departments(user)
    return department
