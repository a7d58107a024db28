"""The network in the technical admin: read-only, for support. Every change goes through the
services, which check the rights and the rules (waiting list, closure with evidence) and keep
the history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
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
    ProductionSite,
    PurchasingGroup,
    TrainingRegistration,
    TrainingSession,
)


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MembershipInline(ReadOnlyInline):
    model = NetworkMembership
    fields = ["organisation", "joined_on", "left_on"]


@admin.register(Network)
class NetworkAdmin(ReadOnlyAdmin):
    list_display = ["name", "coordinator_organisation", "created_at"]
    search_fields = ["name"]
    inlines = [MembershipInline]


class ContactInline(ReadOnlyInline):
    model = NetworkContact
    fields = ["full_name", "role", "email", "phone", "is_main"]


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "network", "joined_on", "left_on"]
    list_filter = ["network"]
    list_select_related = ["organisation", "network"]
    inlines = [ContactInline]


class MeetingRegistrationInline(ReadOnlyInline):
    model = MeetingRegistration
    fields = ["user", "registered_by", "registered_at", "attended"]


class ActionItemInline(ReadOnlyInline):
    model = ActionItem
    fields = ["title", "owner_organisation", "due_on", "status", "done_on"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["title", "network", "starts_at", "theme", "place", "status"]
    list_filter = ["status", "network", "theme"]
    search_fields = ["title", "agenda"]
    date_hierarchy = "starts_at"
    list_select_related = ["network", "theme"]
    inlines = [MeetingRegistrationInline, ActionItemInline]


class MilestoneInline(ReadOnlyInline):
    model = Milestone
    fields = ["title", "due_on", "done_on"]


@admin.register(CommonProject)
class CommonProjectAdmin(ReadOnlyAdmin):
    list_display = ["title", "network", "lead_organisation", "theme", "status"]
    list_filter = ["status", "network"]
    search_fields = ["title"]
    list_select_related = ["network", "lead_organisation", "theme"]
    inlines = [MilestoneInline]


class GroupMembershipInline(ReadOnlyInline):
    model = GroupMembership
    fields = ["organisation", "joined_on"]


class GroupContractInline(ReadOnlyInline):
    model = GroupContract
    fields = ["market", "added_by", "added_at"]


@admin.register(PurchasingGroup)
class PurchasingGroupAdmin(ReadOnlyAdmin):
    list_display = [
        "name",
        "coordinator_organisation",
        "purchase_family",
        "agreement_date",
        "advisor",
    ]
    search_fields = ["name"]
    list_select_related = ["coordinator_organisation", "purchase_family", "advisor"]
    inlines = [GroupMembershipInline, GroupContractInline]


@admin.register(ProductionSite)
class ProductionSiteAdmin(ReadOnlyAdmin):
    list_display = ["name", "supplier", "country", "city", "activity", "workers"]
    list_filter = ["country"]
    search_fields = ["name", "supplier__name", "city"]
    list_select_related = ["supplier"]


class FindingInline(ReadOnlyInline):
    model = Finding
    fields = ["topic", "severity", "deadline", "status", "closed_on"]


@admin.register(Audit)
class AuditAdmin(ReadOnlyAdmin):
    list_display = ["site", "audited_on", "auditor", "standard", "result", "organisation", "group"]
    list_filter = ["standard", "result", "organisation"]
    search_fields = ["auditor", "site__name", "site__supplier__name"]
    date_hierarchy = "audited_on"
    list_select_related = ["site__supplier", "organisation", "group"]
    inlines = [FindingInline]


class TrainingRegistrationInline(ReadOnlyInline):
    model = TrainingRegistration
    fields = ["user", "status", "registered_at", "registered_by", "cancelled_at"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(ReadOnlyAdmin):
    list_display = ["title", "module", "organiser", "starts_at", "capacity", "audience", "status"]
    list_filter = ["status", "audience", "organiser"]
    search_fields = ["title", "module", "trainer"]
    date_hierarchy = "starts_at"
    list_select_related = ["organiser"]
    inlines = [TrainingRegistrationInline]
