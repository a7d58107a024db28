"""The purchasing rules."""

from django.urls import path

from ..views import rules

urlpatterns = [
    path("regles/", rules.rule_list, name="rule-list"),
    path("regles/nouvelle/", rules.rule_create, name="rule-create"),
    path("regles/<int:pk>/modifier/", rules.rule_edit, name="rule-edit"),
]
