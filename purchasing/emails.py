"""Who hears of a contract's review: the advisors of its organisation when it is submitted, its
buyer when it is sent back or approved. Each as they chose (`core.notifications`), in the
transaction of the step; templates in templates/purchasing/emails/."""

from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from core.notifications import notify

from .models import Market

SUBMITTED = "purchasing/emails/market-submitted"
SENT_BACK = "purchasing/emails/market-sent-back"
APPROVED = "purchasing/emails/market-approved"


def _path(market: Market) -> str:
    return reverse("purchasing:detail", kwargs={"pk": market.pk})


def market_submitted_notify(*, market: Market) -> None:
    advisors = User.objects.filter(organisation_id=market.organisation_id, is_active=True)
    notify(
        people=advisors.with_role(Role.ADVISOR).order_by("pk"),
        template=SUBMITTED,
        context={"market": market},
        path=_path(market),
    )


def market_decision_notify(*, market: Market, comment: str = "") -> None:
    """The buyer hears of the advisor's decision (sent back or approved: the contract's status)."""
    notify(
        people=[market.buyer],
        template=SENT_BACK if market.status == "sent_back" else APPROVED,
        context={"market": market, "comment": comment},
        path=_path(market),
    )
