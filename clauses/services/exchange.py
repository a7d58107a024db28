"""The import of a clause library: the clauses of an exchange file added to the actor's
library as drafts, every entry checked before anything is written."""

from pathlib import PurePath

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User

from ..access import ensure_can_manage_clauses
from ..exchange import Entry, read_entries, shape_entry
from ..models import Clause, ClauseStatus, PurchaseFamily
from .library import clause_create


def _model_errors(entry: Entry, values: dict, faulty: set[str], *, actor: User) -> list[str]:
    """What the model's validators and clean() say of the entry."""
    clause = Clause(
        organisation_id=actor.organisation_id,
        created_by=actor,
        status=ClauseStatus.DRAFT,
        **{name: value for name, value in values.items() if name != "purchase_families"},
    )
    if "parameters" in faulty:
        # Without sound definitions, the check of the body against them would mislead.
        clause.parameters = None
    exclude = {"organisation", "created_by", "purchase_families", *faulty}
    try:
        # The foreign keys are the actor's own, and the code's uniqueness is checked for the
        # whole file in one query: no query per entry here.
        clause.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return [
            entry.error(None if field == NON_FIELD_ERRORS else field, message)
            for field, messages in error.message_dict.items()
            if field not in exclude
            for message in messages
        ]
    return []


def _validate(entries: list[Entry], *, actor: User, from_csv: bool) -> list[tuple]:
    """(entry, values, families) for every entry; ValidationError listing every fault."""
    shaped = [(entry, *shape_entry(entry, from_csv=from_csv)) for entry in entries]
    family_codes = {
        code for _e, values, _r, _f in shaped for code in values.get("purchase_families", [])
    }
    families = {
        family.code: family for family in PurchaseFamily.objects.filter(code__in=family_codes)
    }
    codes = [values["code"] for _e, values, _r, _f in shaped if "code" in values]
    taken = set(
        Clause.objects.filter(organisation_id=actor.organisation_id, code__in=codes).values_list(
            "code", flat=True
        )
    )
    errors, valid, first_seen = [], [], {}
    for entry, values, entry_errors, faulty in shaped:
        errors += entry_errors
        if entry_errors and not values:
            continue
        code = values.get("code")
        if code in first_seen:
            errors.append(
                entry.error(
                    "code",
                    _("le code « %(code)s » est déjà celui de l'entrée %(number)d.")
                    % {"code": code, "number": first_seen[code]},
                )
            )
        elif code is not None:
            first_seen[code] = entry.number
            if code in taken:
                errors.append(
                    entry.error(
                        "code",
                        _("votre bibliothèque a déjà une clause de code « %(code)s ».")
                        % {"code": code},
                    )
                )
        for family_code in values.get("purchase_families", []):
            family = families.get(family_code)
            if family is None:
                message = _("la famille d'achat « %(code)s » n'existe pas dans cette application.")
            elif not family.is_active:
                message = _("la famille d'achat « %(code)s » n'est plus active.")
            else:
                continue
            errors.append(entry.error("purchase_families", message % {"code": family_code}))
        errors += _model_errors(entry, values, faulty, actor=actor)
        family_list = [families[c] for c in values.get("purchase_families", []) if c in families]
        valid.append((entry, values, family_list))
    if errors:
        raise ValidationError(errors)
    return valid


def library_import(*, actor: User, file_name: str, content: bytes) -> list[Clause]:
    """Add the clauses of an exchange file (.json or .csv) to the actor's library, as drafts.

    Every entry is checked before anything is written; a file with any fault raises a
    ValidationError listing every message, each naming the entry and the field, and nothing is
    written. The clauses are created in one transaction, unshared, each with a history row
    naming the actor and the file."""
    ensure_can_manage_clauses(actor)
    entries, from_csv = read_entries(file_name, content)
    valid = _validate(entries, actor=actor, from_csv=from_csv)
    reason = _("Création par import du fichier « %(name)s »") % {"name": PurePath(file_name).name}
    created = []
    with transaction.atomic():
        for entry, values, families in valid:
            try:
                clause = clause_create(
                    actor=actor,
                    purchase_families=families,
                    shared_with_network=False,
                    **{
                        name: value for name, value in values.items() if name != "purchase_families"
                    },
                )
            except ValidationError as error:
                # Another administrator took the code meanwhile: the whole import is undone.
                raise ValidationError(
                    [entry.error(None, message) for message in error.messages]
                ) from None
            # Every history row of the new clause (creation, then its families) comes from
            # this file.
            clause.history.update(history_change_reason=reason)
            created.append(clause)
    return created
