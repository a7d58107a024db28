"""Contracts that apps built on purchasing let people read beyond their own organisation.

purchasing may not import those apps (network shares a purchasing group's contracts with its
members), so each registers, from its AppConfig.ready(), a function of the person returning a
condition on Market. `Market.objects.visible_to` and `access.get_market_for_user` add them."""

from collections.abc import Callable

from django.db.models import Q

_providers: list[Callable] = []


def register_visibility(provider: Callable) -> None:
    """provider(user) returns a Q over Market; the same function registered twice counts once
    (ready() may run again in tests)."""
    if provider not in _providers:
        _providers.append(provider)


def shared_condition(user) -> Q:
    """The contracts of other organisations the person may read; an always-false Q when none."""
    condition = Q(pk__in=[])
    for provider in _providers:
        condition |= provider(user)
    return condition
