"""Who may make the organisation's open-data files, and of which contracts.

The files are the organisation's publication: buyers, responsible-purchasing advisors and
committee members (every role that reads contracts to publish them) may make them, of their
own organisation's contracts only (a purchasing group's contracts are published by its
coordinator, whose contracts they are). Advisors and committee members read every contract of
the organisation, so their files are the organisation's whole file; a buyer's file holds the
contracts the buyer reads (their department's and those they are in charge of), and the page
says so. Anyone else of the organisation (department head, finance officer…) is refused (403);
there is no object to hide, so no 404."""

from ..models import EDIT_MARKETS, REVIEW_MARKETS, VIEW_ALL_MARKETS

PUBLISHING_PERMISSIONS = (EDIT_MARKETS, REVIEW_MARKETS, VIEW_ALL_MARKETS)


def can_export_open_data(user) -> bool:
    return (
        user.is_authenticated
        and user.organisation_id is not None
        and any(user.has_perm(permission) for permission in PUBLISHING_PERMISSIONS)
    )


def reads_whole_organisation(user) -> bool:
    return user.has_perm(VIEW_ALL_MARKETS) or user.has_perm(REVIEW_MARKETS)


def viewer_scope(user):
    """The `viewer` the selectors restrict the contracts to: none for whoever reads them all."""
    return None if reads_whole_organisation(user) else user
