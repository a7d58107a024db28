"""Reads of the quarterly reports' pages: the archive of an organisation (one query whatever
its length), the decisions of a quarter for the PDF, the committee's addresses for the e-mail."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.roles import Role
from core import charts
from core.quarters import Quarter
from core.templatetags.formatting import euros

from ..models import CommitteeMember, Decision, QuarterlyReport


def report_archive(*, organisation, status: str | None = None) -> QuerySet[QuarterlyReport]:
    """Every report of the organisation (of one status if given), the latest quarter first,
    with who asked for it."""
    reports = QuarterlyReport.objects.filter(organisation=organisation)
    if status:
        reports = reports.filter(status=status)
    return reports.select_related("requested_by", "job").defer("figures")


def quarter_decisions(*, organisation, quarter: Quarter) -> QuerySet[Decision]:
    """The decisions taken at the committee's meetings held in the quarter, in their order."""
    return (
        Decision.objects.filter(
            meeting__committee__organisation=organisation,
            meeting__held_on__range=(quarter.start, quarter.end),
        )
        .select_related("meeting")
        .order_by("meeting__held_on", "meeting__pk", "pk")
    )


def report_recipients(organisation) -> list[str]:
    """The addresses of the committee: its sitting members (their own address, or their
    account's) and the people with the committee member role, active; each once."""
    addresses = {}
    members = CommitteeMember.objects.filter(
        committee__organisation=organisation, left_on__isnull=True
    ).select_related("user")
    for member in members:
        account = member.user if member.user is not None and member.user.is_active else None
        email = member.email or (account.email if account is not None else "")
        if email:
            addresses.setdefault(email.lower(), email)
    people = (
        User.objects.filter(
            organisation=organisation, is_active=True, groups__name=Role.COMMITTEE_MEMBER
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    for email in people:
        addresses.setdefault(email.lower(), email)
    return sorted(addresses.values(), key=str.lower)


# --- The key figures of a report -----------------------------------------------------------

# How a status reads: good, bad, or neither (no data, not applicable).
GOOD_STATUSES = {"met", "on_track"}
BAD_STATUSES = {"below", "at_risk", "missed"}


@dataclass(frozen=True)
class KeyFigure:
    """One line of a report's summary, its numbers already written the French way.

    - theme: the section it belongs to; label: what it measures; value: the figure;
      detail: what it is made of ("12 marchés sur 40"); target: the target, "" when none;
      status / tone: words and "good", "bad" or "" (for the colour and the table)."""

    theme: str
    label: str
    value: str
    detail: str = ""
    target: str = ""
    status: str = ""
    tone: str = ""


def _decimal(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def percent(value) -> str:
    """ "42,5 %", or "—" when there is nothing to divide."""
    number = _decimal(value)
    if number is None:
        return "—"
    return charts.format_value(number, "%")


def count(value) -> str:
    """A count the French way: "1 234"."""
    return number_format(int(value), 0, force_grouping=True)


def hours(value) -> str:
    """Hours without decimals, the French way: "1 234 h"."""
    number = _decimal(value) or Decimal("0")
    return f"{number_format(number.quantize(Decimal('1')), 0, force_grouping=True)}\u00a0h"


def _tone(status: str) -> str:
    if status in GOOD_STATUSES:
        return "good"
    if status in BAD_STATUSES:
        return "bad"
    return ""


def key_figures(figures: dict) -> list[KeyFigure]:
    """The summary of a report from its figures (`selectors.dashboard.figures_json`): the same
    lines in the PDF and on the report's page, from the same stored numbers."""
    if not figures:
        return []
    contracts = figures["contracts"]
    insertion = figures["insertion"]
    training = figures["training"]
    network = figures["network"]
    theme = _("Marchés notifiés")
    rows = [
        KeyFigure(theme, _("Marchés notifiés dans le trimestre"), count(contracts["notified"])),
        KeyFigure(theme, _("Montant notifié (HT)"), euros(contracts["amount"])),
    ]
    for key, label in (
        ("environmental", _("Marchés avec une considération environnementale")),
        ("social", _("Marchés avec une considération sociale")),
    ):
        share = contracts[key]
        rows.append(
            KeyFigure(
                theme,
                label,
                percent(share["share_by_count"]),
                detail=_("%(count)s sur %(total)s ; %(amount)s du montant")
                % {
                    "count": count(share["count"]),
                    "total": count(contracts["notified"]),
                    "amount": percent(share["share_by_amount"]),
                },
                target=percent(share["target"]),
                status=share["status_label"],
                tone=_tone(share["status"]),
            )
        )
    theme = _("Règles d'achat de la collectivité")
    for rule in figures["budgets"]["rules"]:
        rows.append(
            KeyFigure(
                theme,
                rule["name"],
                percent(rule["ratio"]),
                detail=ngettext(
                    "%(met)s direction sur %(applicable)s atteint le seuil",
                    "%(met)s directions sur %(applicable)s atteignent le seuil",
                    int(rule["met"]),
                )
                % {"met": count(rule["met"]), "applicable": count(rule["applicable"])},
                target=percent(rule["threshold"]),
                status=rule["status_label"],
                tone=_tone(rule["status"]),
            )
        )
    theme = _("Insertion sociale")
    rows += [
        KeyFigure(
            theme,
            _("Heures d'insertion réalisées dans le trimestre"),
            hours(insertion["hours_achieved"]),
            detail=_("%(hours)s depuis le 1er janvier")
            % {"hours": hours(insertion["hours_achieved_year"])},
        ),
        KeyFigure(
            theme,
            _("Heures d'insertion engagées"),
            hours(insertion["hours_committed"]),
            detail=ngettext(
                "%(count)s marché en cours",
                "%(count)s marchés en cours",
                int(insertion["committed_contracts"]),
            )
            % {"count": count(insertion["committed_contracts"])},
        ),
        KeyFigure(
            theme,
            _("Marchés réservés notifiés"),
            count(insertion["reserved"]),
            detail=euros(insertion["reserved_amount"]),
        ),
    ]
    theme = _("Formation des acheteurs")
    rows += [
        KeyFigure(theme, _("Sessions organisées"), count(training["sessions_held"])),
        KeyFigure(theme, _("Agents formés dans le trimestre"), count(training["people_trained"])),
        KeyFigure(
            theme,
            _("Acheteurs formés depuis trois ans"),
            percent(training["buyers_trained_share"]),
            detail=_("%(trained)s sur %(buyers)s")
            % {"trained": count(training["buyers_trained"]), "buyers": count(training["buyers"])},
        ),
    ]
    theme = _("Réseau et groupements de commandes")
    rows += [
        KeyFigure(
            theme,
            _("Rencontres du réseau suivies"),
            count(network["meetings_attended"]),
            detail=ngettext(
                "sur %(held)s tenue", "sur %(held)s tenues", int(network["meetings_held"])
            )
            % {"held": count(network["meetings_held"])},
        ),
        KeyFigure(theme, _("Audits sociaux réalisés"), count(network["audits_total"])),
        KeyFigure(theme, _("Constats à corriger"), count(network["open_findings_total"])),
        KeyFigure(
            theme,
            _("Actions correctives en retard"),
            count(network["overdue_total"]),
            tone="bad" if network["overdue_total"] else "",
        ),
    ]
    flagged = figures["flagged"]["count"]
    rows.append(
        KeyFigure(
            _("Loi Climat et Résilience"),
            _("Marchés signalés (art. 35)"),
            count(flagged),
            tone="bad" if flagged else "good",
        )
    )
    return rows
