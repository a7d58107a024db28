"""Pages of the budgets app, at /budgets/: one module of addresses per part, under the one
namespace `budgets`."""

from . import agec, budgets, codes, compliance, imports, rules

app_name = "budgets"

urlpatterns = [
    *budgets.urlpatterns,
    *codes.urlpatterns,
    *imports.urlpatterns,
    *compliance.urlpatterns,
    *rules.urlpatterns,
    *agec.urlpatterns,
]
