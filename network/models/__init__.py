"""The network's models, one module per sub-domain. Every model is imported here, so that Django
finds them all, migrations keep reading `network.models.<name>` (the upload paths among
them) and callers import from `network.models`."""

from .groups import (
    GroupContract,
    GroupMembership,
    PurchasingGroup,
    group_ids_of,
)
from .meetings import (
    ActionItem,
    ActionStatus,
    CalendarFeed,
    Meeting,
    MeetingRegistration,
    MeetingStatus,
    calendar_token_digest,
    minutes_path,
)
from .networks import (
    COORDINATE_NETWORK,
    MANAGE_GROUPS,
    RECORD_AUDITS,
    Network,
    NetworkContact,
    NetworkMembership,
    has_organisation,
    member_network_ids,
)
from .projects import (
    CommonProject,
    Milestone,
    ProjectStatus,
)
from .supply_chain import (
    SEVERITY_ORDER,
    Audit,
    AuditResult,
    AuditStandard,
    Finding,
    FindingStatus,
    FindingTopic,
    ProductionSite,
    Severity,
    audit_report_path,
    finding_evidence_path,
)
from .training import (
    SEAT_STATUSES,
    Audience,
    RegistrationStatus,
    SessionStatus,
    TrainingRegistration,
    TrainingSession,
)

__all__ = [
    "COORDINATE_NETWORK",
    "MANAGE_GROUPS",
    "RECORD_AUDITS",
    "SEAT_STATUSES",
    "SEVERITY_ORDER",
    "ActionItem",
    "ActionStatus",
    "Audience",
    "Audit",
    "AuditResult",
    "AuditStandard",
    "CalendarFeed",
    "CommonProject",
    "Finding",
    "FindingStatus",
    "FindingTopic",
    "GroupContract",
    "GroupMembership",
    "Meeting",
    "MeetingRegistration",
    "MeetingStatus",
    "Milestone",
    "Network",
    "NetworkContact",
    "NetworkMembership",
    "ProductionSite",
    "ProjectStatus",
    "PurchasingGroup",
    "RegistrationStatus",
    "SessionStatus",
    "Severity",
    "TrainingRegistration",
    "TrainingSession",
    "audit_report_path",
    "calendar_token_digest",
    "finding_evidence_path",
    "group_ids_of",
    "has_organisation",
    "member_network_ids",
    "minutes_path",
]
