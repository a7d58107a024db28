"""Purchasing groups and the supply chain of suppliers (inside the `network` namespace, at
/reseau/)."""

from django.urls import path

from .views import groups, supply_chain

urlpatterns = [
    path("groupements/", groups.group_list, name="group-list"),
    path("groupements/nouveau/", groups.group_create, name="group-create"),
    path("groupements/<uuid:public_id>/", groups.group_detail, name="group-detail"),
    path("groupements/<uuid:public_id>/modifier/", groups.group_edit, name="group-edit"),
    path("groupements/<uuid:public_id>/membres/", groups.group_members, name="group-members"),
    path(
        "groupements/<uuid:public_id>/membres/<int:organisation_pk>/retirer/",
        groups.group_member_remove,
        name="group-member-remove",
    ),
    path("groupements/<uuid:public_id>/marches/", groups.group_contracts, name="group-contracts"),
    path(
        "groupements/<uuid:public_id>/marches/<int:market_pk>/retirer/",
        groups.group_contract_detach,
        name="group-contract-detach",
    ),
    path("fournisseurs/", supply_chain.supplier_list, name="supplier-list"),
    path("fournisseurs/<int:pk>/", supply_chain.supplier_detail, name="supplier-detail"),
    path("fournisseurs/<int:pk>/sites/nouveau/", supply_chain.site_create, name="site-create"),
    path(
        "fournisseurs/<int:pk>/sites/<int:site_pk>/modifier/",
        supply_chain.site_edit,
        name="site-edit",
    ),
    path(
        "fournisseurs/<int:pk>/sites/<int:site_pk>/audits/nouveau/",
        supply_chain.audit_create,
        name="audit-create",
    ),
    path("audits/<uuid:public_id>/", supply_chain.audit_detail, name="audit-detail"),
    path("audits/<uuid:public_id>/modifier/", supply_chain.audit_edit, name="audit-edit"),
    path("audits/<uuid:public_id>/rapport/", supply_chain.audit_report, name="audit-report"),
    path(
        "audits/<uuid:public_id>/constats/nouveau/",
        supply_chain.finding_create,
        name="finding-create",
    ),
    path(
        "audits/<uuid:public_id>/constats/<int:pk>/modifier/",
        supply_chain.finding_edit,
        name="finding-edit",
    ),
    path(
        "audits/<uuid:public_id>/constats/<int:pk>/etat/",
        supply_chain.finding_status,
        name="finding-status",
    ),
    path(
        "audits/<uuid:public_id>/constats/<int:pk>/cloture/",
        supply_chain.finding_close,
        name="finding-close",
    ),
    path(
        "audits/<uuid:public_id>/constats/<int:pk>/preuve/",
        supply_chain.finding_evidence,
        name="finding-evidence",
    ),
]
