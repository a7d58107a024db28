from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Department, Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "kind", "siret", "city"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "siret"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "organisation", "head"]
    list_filter = ["organisation"]
    search_fields = ["code", "name"]
    raw_id_fields = ["head"]


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ["email", "first_name", "last_name", "organisation"]


class UserChangeAdminForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin, SimpleHistoryAdmin):
    add_form = UserCreationAdminForm
    form = UserChangeAdminForm
    ordering = ["last_name", "first_name"]
    list_display = ["email", "first_name", "last_name", "organisation", "department", "is_active"]
    list_filter = ["organisation", "is_active", "is_staff", "groups"]
    search_fields = ["email", "first_name", "last_name"]
    # Roles are given on the people pages, whose service records them in the history.
    readonly_fields = ["public_id", "last_login", "date_joined", "groups"]
    fieldsets = [
        (None, {"fields": ["email", "password", "public_id"]}),
        (_("Identité"), {"fields": ["first_name", "last_name", "job_title"]}),
        (_("Rattachement"), {"fields": ["organisation", "department"]}),
        (_("Droits"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "email",
                    "first_name",
                    "last_name",
                    "organisation",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]
