from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CpvCode, EcoLabel, PurchaseFamily


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
