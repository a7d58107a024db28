"""The budgets of a year and the form that sets one."""

from django.urls import path

from ..views import budgets

urlpatterns = [
    path("", budgets.budget_list, name="budget-list"),
    path("<int:year>/", budgets.budget_list, name="budget-year"),
    path("fixer/", budgets.budget_set, name="budget-set"),
]
