"""The API tokens of the profile: the profile page lists them (core.profile section) and links
to this page where each person creates (the token is shown once) and revokes their own
tokens. Another person's token does not exist for them (404)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import selectors, services
from ..forms import TokenForm


def profile_section_context(person, form=None) -> dict:
    """The person's tokens and the form to create one (core.profile)."""
    return {
        "tokens": list(selectors.token_list(user=person)),
        "form": form or TokenForm(),
        "ttl_days": settings.REST_KNOX["TOKEN_TTL"].days,
    }


def _list_page(request, form=None, status=200):
    return render(
        request,
        "api/token_list.html",
        {"section": profile_section_context(request.user, form)},
        status=status,
    )


@require_GET
@login_required
def token_list(request):
    return _list_page(request)


@require_POST
@login_required
def token_create(request):
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form, status=400)
    token, secret = services.token_create(actor=request.user, name=form.cleaned_data["name"])
    # Rendered, not redirected: the token is in this response only and never stored in clear.
    response = render(request, "api/token_created.html", {"token": token, "secret": secret})
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def token_revoke(request, token_key):
    token = selectors.token_list(user=request.user).filter(token_key=token_key).first()
    if token is None:
        raise Http404
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, _("Le jeton « %(name)s » est révoqué.") % {"name": token.name})
    return redirect("api:token-list")
