"""Demo of the SPASER.

- The council (`npdc`): its SPASER 2026–2028, drafted with the PNAD defaults and objectives
  on every axis, adopted at the committee meeting of 4 June 2026 by a decision of its own;
  the 2025 yearly report built (PDF) and published. Its public page shows them.
- A partner city (Roubaix): a draft only, so that its public page says nothing is published.

Through the services, as the committee's president would in the browser (the city's draft
through the setup path: nobody may manage its committee yet). Rows are known by their period
and year: a second run adds nothing. The dates are those of the committee's 2026 meetings and
the 2025 accounts: they hold whatever the day the demo is loaded in 2026 or later."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from core.jobs import runner

from ..models import (
    AxisKind,
    CommitteeMeeting,
    Decision,
    DecisionStatus,
    Indicator,
    Scheme,
    SchemeStatus,
    SpaserReport,
    SpaserReportStatus,
)
from ..services import committee as committee_services
from ..services import spaser as services
from .data import COMMITTEE_ACCOUNT, MEMBERS

FIRST_YEAR, LAST_YEAR = 2026, 2028
# The committee's meeting that adopts it: that of 4 June 2026, or the last one of 2026 held by
# the day the demo is loaded.
ADOPTION_MEETING = datetime.date(2026, 6, 4)
DECISION_TITLE = "Adoption du SPASER 2026-2028"
REPORT_YEAR = 2025
PARTNER = "roubaix"
SUMMARY = (
    "Le conseil régional fait de ses achats un levier de développement durable : des clauses "
    "environnementales et sociales dans ses marchés, 20 % du budget de fournitures de bureau "
    "consacré à des produits éco-responsables, un papier 100 % recyclé, la formation de ses "
    "acheteurs et le contrôle des conditions de travail dans ses chaînes d'approvisionnement."
)
# (axis, title, indicator, baseline, baseline year, target): the PNAD's two are the draft's.
OBJECTIVES = (
    (
        AxisKind.SOCIAL,
        "Heures d'insertion réalisées dans les marchés",
        Indicator.INSERTION_HOURS_ACHIEVED,
        None,
        None,
        Decimal("6000"),
    ),
    (
        AxisKind.SOCIAL,
        "Marchés réservés aux structures inclusives",
        Indicator.RESERVED_CONTRACTS,
        None,
        None,
        Decimal("4"),
    ),
    (AxisKind.ECONOMIC, "Dépense auprès de PME", Indicator.SME_SPEND, None, None, Decimal("40")),
    (
        AxisKind.ECONOMIC,
        "Dépense auprès de SIAE, EA et ESAT",
        Indicator.INCLUSIVE_SPEND,
        None,
        None,
        Decimal("5"),
    ),
    (
        AxisKind.ENVIRONMENTAL,
        "Fournitures de bureau éco-responsables",
        Indicator.ECO_SUPPLIES,
        None,
        None,
        Decimal("20"),
    ),
    (
        AxisKind.ENVIRONMENTAL,
        "Papier recyclé",
        Indicator.RECYCLED_PAPER,
        None,
        None,
        Decimal("100"),
    ),
    (
        AxisKind.ENVIRONMENTAL,
        "Achats issus du réemploi (AGEC)",
        Indicator.AGEC_REUSE,
        None,
        None,
        Decimal("20"),
    ),
    (
        AxisKind.GOVERNANCE,
        "Acheteurs formés aux achats responsables",
        Indicator.BUYERS_TRAINED,
        None,
        None,
        Decimal("80"),
    ),
    (
        AxisKind.GOVERNANCE,
        "Audits sociaux de la chaîne textile",
        Indicator.AUDITS_DONE,
        None,
        None,
        Decimal("3"),
    ),
)
COMMENTS = {
    AxisKind.ENVIRONMENTAL: (
        "Les considérations environnementales progressent ; la règle des 20 % reste en retrait "
        "dans deux directions, qui ont présenté un plan d'action."
    ),
    AxisKind.SOCIAL: "Les heures d'insertion dépassent les engagements des clauses.",
    AxisKind.ECONOMIC: (
        "Les fiches fournisseurs doivent être complétées par leur SIRET pour mesurer toute la "
        "dépense auprès des PME et des structures inclusives."
    ),
    AxisKind.GOVERNANCE: "Le plan de formation des acheteurs est reconduit.",
}


def _meeting(actor: User) -> CommitteeMeeting:
    meetings = CommitteeMeeting.objects.filter(
        committee__organisation_id=actor.organisation_id,
        held_on__year=FIRST_YEAR,
        held_on__lte=timezone.localdate(),
    )
    return (
        meetings.filter(held_on=ADOPTION_MEETING).first() or meetings.order_by("-held_on").first()
    )


def _decision(actor: User, meeting: CommitteeMeeting) -> Decision:
    decision = meeting.decisions.filter(title=DECISION_TITLE).first()
    return decision or committee_services.decision_add(
        actor=actor,
        meeting=meeting,
        title=DECISION_TITLE,
        text="Le comité adopte le schéma de promotion des achats responsables 2026-2028.",
        owner="Direction des achats",
        due_on=None,
        status=DecisionStatus.DONE,
    )


def _scheme(actor: User) -> tuple[Scheme, bool]:
    scheme = (
        Scheme.objects.filter(organisation_id=actor.organisation_id, first_year=FIRST_YEAR)
        .order_by("-version")
        .first()
    )
    if scheme is not None and scheme.status != SchemeStatus.DRAFT:
        return scheme, False
    if scheme is None:
        scheme = services.scheme_create(
            actor=actor, first_year=FIRST_YEAR, last_year=LAST_YEAR, summary=SUMMARY
        )
        axes = {axis.kind: axis for axis in scheme.axes.all()}
        for kind, title, indicator, baseline, baseline_year, target in OBJECTIVES:
            services.objective_save(
                actor=actor,
                axis=axes[kind],
                title=title,
                indicator=indicator,
                target=target,
                target_year=LAST_YEAR,
                baseline=baseline,
                baseline_year=baseline_year,
            )
    name, _role, position, *_rest = MEMBERS["president"]
    scheme = services.scheme_update(
        actor=actor, scheme=scheme, signatory_name=name, signatory_title=position
    )
    meeting = _meeting(actor)
    scheme = services.scheme_adopt(
        actor=actor, scheme=scheme, adopted_on=meeting.held_on, decision=_decision(actor, meeting)
    )
    return scheme, True


def _report(actor: User, scheme: Scheme) -> tuple[SpaserReport, bool]:
    report = (
        SpaserReport.objects.filter(organisation_id=actor.organisation_id, year=REPORT_YEAR)
        .exclude(status=SpaserReportStatus.FAILED)
        .select_related("job")
        .first()
    )
    created = report is None
    if created:
        with transaction.atomic():
            report, _created = services.report_request(
                actor=actor, scheme=scheme, year=REPORT_YEAR, comments=COMMENTS
            )
    report.refresh_from_db()
    if report.status == SpaserReportStatus.PENDING:
        # Built here, whatever runs the workers: a delivery queued meanwhile finds it done.
        runner.run(report.job_id, eager=True)
        report.refresh_from_db()
    if report.status == SpaserReportStatus.READY and not report.published:
        report = services.report_publish(actor=actor, report=report, published=True)
    return report, created


def _partner_draft() -> bool:
    partner = Organisation.objects.filter(slug=PARTNER).first()
    if partner is None or Scheme.objects.filter(organisation=partner).exists():
        return False
    services.scheme_create(
        actor=None, organisation=partner, first_year=FIRST_YEAR, last_year=LAST_YEAR
    )
    return True


def load() -> dict[str, int]:
    actor = User.objects.select_related("organisation").get(email=COMMITTEE_ACCOUNT)
    scheme, adopted = _scheme(actor)
    report, built = _report(actor, scheme)
    return {
        "adopted": int(adopted),
        "reports": int(built),
        "drafts": int(_partner_draft()),
        "ready": int(report.status == SpaserReportStatus.READY),
    }


def load_and_describe() -> list[str]:
    counts = load()
    return [
        f"SPASER: the council's {FIRST_YEAR}–{LAST_YEAR} scheme "
        f"{'adopted' if counts['adopted'] else 'already adopted'}, its {REPORT_YEAR} report "
        f"{'built' if counts['reports'] else 'already built'} "
        f"({'ready and published' if counts['ready'] else 'not ready'}); "
        f"{counts['drafts']} partner city draft added."
    ]
