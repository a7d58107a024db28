"""Writes on contracts, by sub-domain: `wizard` (the buyer shapes the contract and submits
it) and `lifecycle` (the steps of its life after that). Their services are named here too, so
that the other apps, the demo and the tests call `services.<service>` whatever the module."""

from .lifecycle import (
    EVIDENCE_EXTENSIONS,
    EVIDENCE_MAX_BYTES,
    award_save,
    follow_up_save,
    market_abandon,
    market_approve,
    market_close,
    market_publish,
    market_send_back,
    market_start_execution,
    review_comment_add,
    supplier_for,
)
from .wizard import (
    applied_clause_add,
    applied_clause_remove,
    applied_clause_update,
    assessment_save,
    climate_justification_save,
    criteria_save,
    criteria_save_all,
    lots_save,
    market_create,
    market_missing,
    market_submit,
    market_update_needs,
)

__all__ = [
    "EVIDENCE_EXTENSIONS",
    "EVIDENCE_MAX_BYTES",
    "applied_clause_add",
    "applied_clause_remove",
    "applied_clause_update",
    "assessment_save",
    "award_save",
    "climate_justification_save",
    "criteria_save",
    "criteria_save_all",
    "follow_up_save",
    "lots_save",
    "market_abandon",
    "market_approve",
    "market_close",
    "market_create",
    "market_missing",
    "market_publish",
    "market_send_back",
    "market_start_execution",
    "market_submit",
    "market_update_needs",
    "review_comment_add",
    "supplier_for",
]
