"""The supply chain of suppliers: production sites, audits and findings (inside the `network`
namespace, at /reseau/)."""

from django.urls import path

from ..views import supply_chain

urlpatterns = [
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
