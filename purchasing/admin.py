"""Contracts in the technical admin: read-only. Every change goes through the services, which
check the rules and the status machine and keep the history.

The legal rules and European thresholds are national reference data that an administrator
keeps up to date here (start dates, references, the thresholds of each two-year period); the
history middleware records who changed them."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import EuThreshold, LegalRule, Market, MarketEvent, Supplier


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MarketEventInline(admin.TabularInline):
    model = MarketEvent
    fields = ["at", "actor", "from_status", "to_status", "comment"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Market)
class MarketAdmin(ReadOnlyAdmin):
    list_display = ["reference", "title", "organisation", "department", "status", "launch_date"]
    list_filter = ["status", "organisation", "purchase_family"]
    search_fields = ["reference", "title"]
    list_select_related = ["organisation", "department"]
    inlines = [MarketEventInline]


@admin.register(Supplier)
class SupplierAdmin(ReadOnlyAdmin):
    list_display = ["name", "siret", "organisation", "is_sme", "inclusive_structure"]
    list_filter = ["is_sme", "inclusive_structure"]
    search_fields = ["name", "siret"]


@admin.register(LegalRule)
class LegalRuleAdmin(SimpleHistoryAdmin):
    list_display = ["code", "starts_on", "reference"]
    fields = ["code", "starts_on", "reference", "summary"]

    def get_readonly_fields(self, request, obj=None):
        # The code is what the checks look for: fixed once the rule exists.
        return ["code"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EuThreshold)
class EuThresholdAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "amount", "valid_from", "valid_until", "reference"]
    list_filter = ["kind"]
