"""Deletion of the bench's organisations and of every row that hangs from them, whatever the
app (history, many-to-many, rows the measures wrote), without loading them: one DELETE per
table, on the rows reached through foreign keys from the bench organisations.

A table's rows are those pointing to bench rows of a table nearer to the organisations (its
distance is its shortest chain of keys to them); the farthest tables go first, so that each
DELETE still finds the rows its condition names. PostgreSQL checks the keys at the commit
(Django's constraints are deferred), when everything is gone."""

from django.apps import apps
from django.db import transaction

from accounts.models import Organisation


def _links():
    """For each model, its foreign keys: (field name, target model)."""
    links = {}
    for model in apps.get_models(include_auto_created=True):
        links[model] = [
            (f.name, f.related_model)
            for f in model._meta.concrete_fields
            if f.is_relation and (f.many_to_one or f.one_to_one) and f.related_model is not None
        ]
    return links


def doomed(organisations) -> list:
    """(distance, model, queryset) of every row to delete, farthest first."""
    links = _links()
    querysets = {Organisation: organisations}
    depth = {Organisation: 0}
    frontier = [Organisation]
    while frontier:
        nearer = set(querysets)
        found = {}
        for model, fields in links.items():
            if model in querysets:
                continue
            conditions = [
                (name, target)
                for name, target in fields
                if target in nearer and target in querysets
            ]
            if conditions:
                found[model] = conditions
        frontier = []
        for model, conditions in found.items():
            queryset = None
            for name, target in conditions:
                part = model._base_manager.filter(**{f"{name}__in": querysets[target].values("pk")})
                queryset = part if queryset is None else queryset | part
            querysets[model] = queryset
            depth[model] = max(depth[target] for _n, target in conditions) + 1
            frontier.append(model)
    ordered = sorted(querysets, key=lambda model: -depth[model])
    return [(depth[model], model, querysets[model]) for model in ordered]


@transaction.atomic
def delete_bench(organisations) -> int:
    """Delete; returns the number of rows deleted."""
    from axes.models import AccessAttempt, AccessLog

    from .generator import EMAIL_DOMAIN

    total = 0
    for _depth, _model, queryset in doomed(organisations):
        total += queryset._raw_delete(queryset.db)
    for model in (AccessLog, AccessAttempt):
        model.objects.filter(username__endswith=f".{EMAIL_DOMAIN}").delete()
    return total
