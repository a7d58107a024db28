"""The technical administration of the steering app: the committee and its targets, members,
meetings and decisions with their history; the SPASER's threshold (dated data an
administrator keeps up to date with the law); the quarterly and yearly reports and the SPASER's
versions are read only (their writes are the services' and the jobs')."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Committee,
    CommitteeMeeting,
    CommitteeMember,
    Decision,
    QuarterlyReport,
    Scheme,
    SpaserReport,
    SpaserThreshold,
)


class MemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    fields = ["full_name", "role", "position", "user", "department", "joined_on", "left_on"]
    autocomplete_fields = ["user"]


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "environmental_target", "social_target"]
    list_select_related = ["organisation"]
    search_fields = ["name", "organisation__name"]
    inlines = [MemberInline]


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "role", "committee", "joined_on", "left_on"]
    list_filter = ["role"]
    list_select_related = ["committee"]
    search_fields = ["full_name", "position", "email"]
    autocomplete_fields = ["user"]


class DecisionInline(admin.StackedInline):
    model = Decision
    extra = 0


@admin.register(CommitteeMeeting)
class CommitteeMeetingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "committee", "held_on", "place"]
    list_select_related = ["committee"]
    date_hierarchy = "held_on"
    filter_horizontal = ["attendees"]
    inlines = [DecisionInline]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "meeting", "owner", "due_on", "status"]
    list_filter = ["status"]
    list_select_related = ["meeting"]
    search_fields = ["title", "text", "owner"]


@admin.register(QuarterlyReport)
class QuarterlyReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "year", "quarter", "status", "created_at"]
    list_filter = ["status", "year", "quarter"]
    list_select_related = ["organisation"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SpaserThreshold)
class SpaserThresholdAdmin(SimpleHistoryAdmin):
    list_display = ["amount", "valid_from", "valid_until", "reference"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Scheme)
class SchemeAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "organisation", "status", "adopted_on"]
    list_filter = ["status"]
    list_select_related = ["organisation"]


@admin.register(SpaserReport)
class SpaserReportAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "organisation", "year", "status", "published"]
    list_filter = ["status", "published"]
    list_select_related = ["organisation"]
