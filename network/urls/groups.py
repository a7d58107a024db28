"""Purchasing groups, their members and contracts (inside the `network` namespace, at
/reseau/)."""

from django.urls import path

from ..views import groups

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
]
