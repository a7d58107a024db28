"""Contracts in the technical admin: read-only. Every change goes through the services, which
check the rules and the status machine and keep the history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Market, MarketEvent, Supplier


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
