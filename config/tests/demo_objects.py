"""The demo's objects behind every URL pattern: the keyword arguments of each address, filled
with objects of the Conseil régional Nord-Pas-de-Calais (department LYC) from the demo data.
The access matrix and the accessibility journeys both open the pages with them."""

from accounts.models import Department, Organisation, User
from budgets.models import Budget, ImportBatch, PurchasingRule
from clauses.models import Clause, CpvCode, EcoLabel, PurchaseFamily
from core.quarters import Quarter
from network.models import (
    ActionItem,
    Audit,
    CommonProject,
    Finding,
    GroupContract,
    GroupMembership,
    Meeting,
    MeetingRegistration,
    Milestone,
    Network,
    NetworkContact,
    NetworkMembership,
    PurchasingGroup,
    TrainingRegistration,
    TrainingSession,
)
from purchasing.models import AppliedClause, ExecutionFollowUp
from purchasing.services.list_exports import export_request
from steering.models import (
    CommitteeMeeting,
    CommitteeMember,
    Decision,
    Objective,
    QuarterlyReport,
    Scheme,
    SpaserReport,
)
from steering.services.reports import report_request


def first(queryset):
    found = queryset.order_by("pk").first()
    assert found is not None, f"The demo has no {queryset.model.__name__} for the matrix"
    return found


def any_of(*querysets):
    """The first object of the first queryset that has one."""
    for queryset in querysets:
        if found := queryset.order_by("pk").first():
            return found
    return first(querysets[-1])


def parameters() -> dict:
    """Pattern name → the keyword arguments of its address, from the demo data."""
    npdc = Organisation.objects.get(slug="npdc")
    person = User.objects.get(email="acheteur@npdc.test")
    follow_ups = ExecutionFollowUp.objects.select_related("applied_clause__market")
    follow_up = any_of(
        follow_ups.filter(applied_clause__market__organisation=npdc).exclude(evidence=""),
        follow_ups.filter(applied_clause__market__organisation=npdc),
        follow_ups.all(),
    )
    market = follow_up.applied_clause.market
    applied = first(AppliedClause.objects.filter(market=market))
    clause = first(Clause.objects.filter(organisation=npdc))
    batch = first(ImportBatch.objects.filter(organisation=npdc))
    rule = first(PurchasingRule.objects.filter(organisation=npdc))
    year = first(Budget.objects.filter(organisation=npdc, department__code="LYC")).year
    network = first(Network.objects.filter(memberships__organisation=npdc))
    membership = first(NetworkMembership.objects.filter(network=network, organisation=npdc))
    contact = first(NetworkContact.objects.filter(membership__network=network))
    meeting = first(Meeting.objects.filter(network=network))
    registration = first(MeetingRegistration.objects.filter(meeting__network=network))
    action = first(ActionItem.objects.filter(meeting__network=network))
    project = first(CommonProject.objects.filter(network=network))
    milestone = first(Milestone.objects.filter(project__network=network))
    session = first(TrainingSession.objects.filter(network=network))
    trainee = first(TrainingRegistration.objects.filter(session__network=network))
    group = first(PurchasingGroup.objects.filter(memberships__organisation=npdc))
    member = first(GroupMembership.objects.filter(group=group))
    contract = first(GroupContract.objects.filter(group=group))
    audits = Audit.objects.select_related("site__supplier")
    audit = any_of(audits.filter(organisation=npdc), audits.all())
    site = audit.site
    finding = any_of(Finding.objects.filter(audit=audit).exclude(evidence=""), audit.findings.all())
    committee_member = first(CommitteeMember.objects.filter(committee__organisation=npdc))
    committee_meeting = first(CommitteeMeeting.objects.filter(committee__organisation=npdc))
    decision = first(Decision.objects.filter(meeting__committee__organisation=npdc))
    scheme = first(Scheme.objects.filter(organisation=npdc))
    objective = first(Objective.objects.filter(axis__scheme=scheme))
    spaser_report = first(SpaserReport.objects.filter(organisation=npdc, published=True))
    # The demo asks for no export of the contract list: one of the committee member's.
    export = export_request(
        actor=User.objects.get(email="comite@npdc.test"), file_format="csv", query=""
    )
    report = QuarterlyReport.objects.filter(organisation=npdc).first()
    if report is None:  # The demo asks for none: the command line's request, built at once.
        report, _created = report_request(
            actor=None, organisation=npdc, quarter=Quarter.parse("2026-T1")
        )
    on_market = {"pk": market.pk}
    on_meeting = {"public_id": meeting.public_id}
    on_audit = {"public_id": audit.public_id}
    return {
        "accounts:password-reset-confirm": {"uidb64": "MQ", "token": "jeton"},
        **{
            f"accounts:person-{name}": {"public_id": person.public_id}
            for name in ("detail", "edit", "deactivate", "reactivate")
        },
        "accounts:department-edit": {
            "code": Department.objects.get(organisation=npdc, code="LYC").code
        },
        **{
            f"clauses:{name}": {"pk": clause.pk}
            for name in ("detail", "edit", "approve", "retire", "copy", "history", "compare")
        },
        "clauses:version": {"pk": clause.pk, "number": 1},
        "clauses:family-edit": {"code": first(PurchaseFamily.objects.all()).code},
        "clauses:family-history": {"code": first(PurchaseFamily.objects.all()).code},
        "clauses:eco-label-edit": {"code": first(EcoLabel.objects.all()).code},
        "clauses:eco-label-history": {"code": first(EcoLabel.objects.all()).code},
        "clauses:cpv-edit": {"code": first(CpvCode.objects.all()).code},
        **{
            f"purchasing:{name}": on_market
            for name in (
                "step-needs",
                "step-assessment",
                "step-clauses",
                "step-criteria",
                "summary",
                "submit",
                "detail",
                "comment",
                "send-back",
                "approve",
                "publish",
                "start-execution",
                "close",
                "abandon",
            )
        },
        "purchasing:clauses-document": {**on_market, "file_format": "docx"},
        "purchasing:clause-add": {**on_market, "clause_pk": applied.clause_version.clause_id},
        "purchasing:clause-edit": {**on_market, "applied_pk": applied.pk},
        "purchasing:clause-remove": {**on_market, "applied_pk": applied.pk},
        "purchasing:follow-up": {**on_market, "applied_pk": follow_up.applied_clause_id},
        "purchasing:award": {**on_market, "lot_pk": first(market.lots.all()).pk},
        "purchasing:opendata-place": on_market,
        "purchasing:evidence": {**on_market, "follow_up_pk": follow_up.pk},
        "budgets:budget-year": {"year": year},
        "budgets:import-template": {"kind": "purchases"},
        "budgets:import-template-xlsx": {"kind": "purchases"},
        "budgets:import-detail": {"public_id": batch.public_id},
        "budgets:import-status": {"public_id": batch.public_id},
        "budgets:import-check-retry": {"public_id": batch.public_id},
        **{
            f"purchasing:export-{name}": {"public_id": export.public_id}
            for name in ("detail", "status", "download", "retry")
        },
        "budgets:import-confirm": {"public_id": batch.public_id},
        "budgets:import-reverse": {"public_id": batch.public_id},
        "budgets:rule-purchases": {
            "year": year,
            "department": "LYC",
            "rule": rule.pk,
        },
        "budgets:rule-edit": {"pk": rule.pk},
        "network:network-edit": {"public_id": network.public_id},
        # No demo person has made a calendar feed: an address nobody was given answers 404.
        "network:calendar-feed": {"token": "adresse-inconnue"},
        "network:membership-edit": {"pk": membership.pk},
        "network:contact-add": {"pk": contact.membership_id},
        "network:contact-edit": {"pk": contact.membership_id, "contact_pk": contact.pk},
        "network:contact-delete": {"pk": contact.membership_id, "contact_pk": contact.pk},
        **{
            f"network:meeting-{name}": on_meeting
            for name in ("detail", "edit", "cancel", "register", "attendance", "minutes-upload")
        },
        "network:meeting-minutes": {"public_id": meeting.public_id},
        "network:meeting-unregister": {
            "public_id": registration.meeting.public_id,
            "pk": registration.pk,
        },
        "network:action-add": on_meeting,
        "network:action-edit": {"public_id": action.meeting.public_id, "pk": action.pk},
        "network:action-status": {"public_id": action.meeting.public_id, "pk": action.pk},
        **{
            f"network:project-{name}": {"public_id": project.public_id}
            for name in ("detail", "edit")
        },
        "network:milestone-add": {"public_id": project.public_id},
        "network:milestone-edit": {"public_id": milestone.project.public_id, "pk": milestone.pk},
        "network:milestone-delete": {"public_id": milestone.project.public_id, "pk": milestone.pk},
        **{
            f"network:training-{name}": {"public_id": session.public_id}
            for name in ("detail", "update", "publish", "cancel", "register", "attendance")
        },
        "network:training-registration-cancel": {"public_id": trainee.public_id},
        "network:training-certificate": {"public_id": trainee.public_id},
        **{
            f"network:group-{name}": {"public_id": group.public_id}
            for name in ("detail", "edit", "members", "contracts")
        },
        "network:group-member-remove": {
            "public_id": group.public_id,
            "organisation_pk": member.organisation_id,
        },
        "network:group-contract-detach": {
            "public_id": contract.group.public_id,
            "market_pk": contract.market_id,
        },
        "network:supplier-detail": {"pk": site.supplier_id},
        "network:site-create": {"pk": site.supplier_id},
        "network:site-edit": {"pk": site.supplier_id, "site_pk": site.pk},
        "network:audit-create": {"pk": site.supplier_id, "site_pk": site.pk},
        "network:audit-detail": on_audit,
        "network:audit-edit": on_audit,
        "network:audit-report": on_audit,
        "network:finding-create": on_audit,
        **{
            f"network:finding-{name}": {**on_audit, "pk": finding.pk}
            for name in ("edit", "status", "close", "evidence")
        },
        **{
            f"steering:committee-member-{name}": {"pk": committee_member.pk}
            for name in ("detail", "edit", "end")
        },
        "steering:committee-meeting-detail": {"pk": committee_meeting.pk},
        "steering:committee-meeting-edit": {"pk": committee_meeting.pk},
        "steering:committee-decision-add": {"pk": committee_meeting.pk},
        "steering:committee-decision-detail": {"pk": decision.pk},
        "steering:committee-decision-edit": {"pk": decision.pk},
        **{
            f"steering:report-{name}": {"pk": report.pk}
            for name in ("detail", "status", "retry", "download")
        },
        **{
            f"steering:spaser-scheme{name}": {"pk": scheme.pk}
            for name in ("", "-edit", "-adopt", "-new-version")
        },
        "steering:spaser-objective-add": {"pk": scheme.pk, "axis_pk": objective.axis_id},
        "steering:spaser-objective-delete": {"pk": scheme.pk, "objective_pk": objective.pk},
        **{
            f"steering:spaser-report{name}": {"pk": spaser_report.pk}
            for name in ("", "-download", "-publish", "-retry")
        },
        "public:spaser": {"slug": npdc.slug},
        "public:spaser-report-pdf": {"slug": npdc.slug, "pk": spaser_report.pk},
        "public:spaser-indicators-csv": {"slug": npdc.slug, "pk": spaser_report.pk},
        "api:contract-detail": {"pk": market.pk},
        "api:clause-detail": {"pk": clause.pk},
        "api:token-revoke": {"token_key": "inconnu"},
    }
