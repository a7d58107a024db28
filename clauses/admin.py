from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Clause, ClauseVersion, CpvCode, EcoLabel, PurchaseFamily


@admin.register(PurchaseFamily)
class PurchaseFamilyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "agec_category", "is_active"]
    list_filter = ["is_active", "agec_category"]
    search_fields = ["code", "name"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(CpvCode)
class CpvCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "label_en", "label_fr"]
    search_fields = ["code", "label_en", "label_fr"]


@admin.register(EcoLabel)
class EcoLabelAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "proves", "recycled_content_percent"]
    list_filter = ["proves"]
    search_fields = ["code", "name"]
    prepopulated_fields = {"code": ["name"]}


class ClauseVersionInline(admin.TabularInline):
    model = ClauseVersion
    fields = ["number", "title", "approved_by", "approved_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Clause)
class ClauseAdmin(SimpleHistoryAdmin):
    """For inspection only: clauses are written through the library's services, which check
    the rules, freeze versions and record who did what."""

    list_display = ["code", "title", "organisation", "category", "kind", "status"]
    list_filter = ["status", "category", "kind", "organisation"]
    search_fields = ["code", "title", "body"]
    inlines = [ClauseVersionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
