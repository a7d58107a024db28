"""Pages of the budgets app, at /budgets/."""

from django.urls import path

from .views import agec, budgets, compliance, imports, rules

app_name = "budgets"

urlpatterns = [
    path("", budgets.budget_list, name="budget-list"),
    path("<int:year>/", budgets.budget_list, name="budget-year"),
    path("fixer/", budgets.budget_set, name="budget-set"),
    path("imports/", imports.import_list, name="import-list"),
    path("imports/nouveau/", imports.import_upload, name="import-upload"),
    path("imports/modele-<str:kind>.csv", imports.import_template, name="import-template"),
    path("imports/<uuid:public_id>/", imports.import_detail, name="import-detail"),
    path("imports/<uuid:public_id>/confirmer/", imports.import_confirm, name="import-confirm"),
    path("imports/<uuid:public_id>/annuler/", imports.import_reverse, name="import-reverse"),
    path("conformite/", compliance.compliance, name="compliance"),
    path(
        "conformite/<int:year>/<str:department>/regles/<int:rule>/achats/",
        compliance.rule_purchases,
        name="rule-purchases",
    ),
    path("regles/", rules.rule_list, name="rule-list"),
    path("regles/nouvelle/", rules.rule_create, name="rule-create"),
    path("regles/<int:pk>/modifier/", rules.rule_edit, name="rule-edit"),
    path("agec/", agec.agec_page, name="agec"),
    path("agec/declaration.csv", agec.agec_export, name="agec-export"),
]
