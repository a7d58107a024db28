"""Organisations that publish contracts as their buyer in place of the organisation that runs
them, declared by the apps built on purchasing.

purchasing may not import those apps (network: the coordinating member of a purchasing group
is the buyer of the group's contracts in the DECP), so each registers, from its
AppConfig.ready(), the path from Market to that organisation. The open-data selectors read the
buyer's fields through `buyer_field`."""

from django.db.models import F
from django.db.models.expressions import Expression
from django.db.models.functions import Coalesce

_relations: list[str] = []


def register_publisher(relation: str) -> None:
    """`relation`: the lookup path from Market to an Organisation (null when the contract has
    none); the same path registered twice counts once (ready() may run again in tests)."""
    if relation not in _relations:
        _relations.append(relation)


def buyer_field(field: str) -> Expression:
    """A field of the organisation that publishes the contract as its buyer: the first
    registered publisher the contract has, otherwise the contract's own organisation."""
    own = F(f"organisation__{field}")
    if not _relations:
        return own
    return Coalesce(*(F(f"{relation}__{field}") for relation in _relations), own)
