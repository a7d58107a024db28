"""The purchasing rules: read by compliance readers and rule managers, written by clause
library administrators (rule_create, rule_update)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import ensure
from core.forms import add_service_errors

from .. import access
from ..forms.rules import RuleForm
from ..selectors import rules as selectors
from ..selectors.common import current_year
from ..services import rules as services
from .common import section_context


@login_required
@require_GET
def rule_list(request):
    user = request.user
    ensure(access.can_read_rules(user))
    this_year = current_year()
    return render(
        request,
        "budgets/rules/list.html",
        {
            "rules": [
                (rule, rule.in_force(this_year)) for rule in selectors.rule_list(viewer=user)
            ],
            "this_year": this_year,
            "can_manage": access.can_manage_rules(user),
            **section_context(request, "rules"),
        },
    )


def _rule_form_page(request, rule):
    form = RuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        try:
            if rule is None:
                rule = services.rule_create(actor=request.user, **form.service_fields())
                message = _("La règle « %(name)s » est créée.")
            else:
                rule = services.rule_update(actor=request.user, rule=rule, **form.service_fields())
                message = _("Les modifications de la règle « %(name)s » sont enregistrées.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, message % {"name": rule.name})
            return redirect("budgets:rule-list")
    return render(
        request,
        "budgets/rules/form.html",
        {"form": form, "rule": rule, **section_context(request, "rules")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def rule_create(request):
    ensure(access.can_manage_rules(request.user))
    return _rule_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request, pk: int):
    rule = access.get_rule_for_user(request.user, pk, manage=True)
    return _rule_form_page(request, rule)
