"""Writes of the API: purchase lines pushed by another system, and each person's tokens."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Organisation, User
from budgets import imports
from budgets.access import can_manage_budgets
from budgets.models import ImportBatch, ImportKind, ImportStatus
from budgets.services.imports import purchases_write
from core.access import ensure
from core.history import history_save

from .models import ApiToken

# --- Pushing purchases ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemError:
    """What is wrong with one pushed item: its position in the list (from 0), the field
    (empty for the item as a whole) and a French message."""

    index: int
    field: str
    message: str

    def as_dict(self) -> dict:
        return {"index": self.index, "field": self.field, "message": self.message}


class PushRejected(Exception):
    """The pushed items do not pass the checks, nothing written: the first errors (at most
    IMPORT_MAX_ERRORS) in the order of the items, and `total` counting them all."""

    def __init__(self, errors: list[ItemError], total: int | None = None):
        limit = settings.IMPORT_MAX_ERRORS
        self.errors = errors[:limit]
        self.total = len(errors) if total is None else total
        super().__init__(f"{self.total} error(s)")

    @property
    def summary(self) -> str:
        """How many errors there are, and that only the first ones are listed when so."""
        message = ngettext(
            "L'envoi a %(total)s erreur : aucun achat n'est enregistré.",
            "L'envoi a %(total)s erreurs : aucun achat n'est enregistré.",
            self.total,
        ) % {"total": number_format(self.total, force_grouping=True)}
        if len(self.errors) < self.total:
            message += " " + ngettext(
                "Seule la première est listée.",
                "Seules les %(count)s premières sont listées.",
                len(self.errors),
            ) % {"count": number_format(len(self.errors), force_grouping=True)}
        return message


_SCALARS = (str, int, float, bool)


def _duplicate_message(first_index: int) -> str:
    return _("Référence en double : elle figure déjà à l'élément %(index)d.") % {
        "index": first_index
    }


def _rows(items: list) -> tuple[list[tuple[int, list]], list[ItemError]]:
    """The items as the rows the file import checks, numbered by their index: JSON types that
    no cell of a file could hold are refused here, every value is then checked as a file's."""
    rows, errors = [], []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            errors.append(ItemError(index, "", _("Chaque élément doit être un objet JSON.")))
            continue
        values = []
        for column in imports.PURCHASE_COLUMNS:
            value = item.get(column)
            if column == "eco_labels" and isinstance(value, list):
                if all(isinstance(code, str) for code in value):
                    value = imports.LABEL_SEPARATOR.join(value)
                else:
                    errors.append(
                        ItemError(index, column, _("Donnez une liste de codes d'écolabels."))
                    )
                    value = ""
            elif value is not None and not isinstance(value, _SCALARS):
                errors.append(ItemError(index, column, _("Valeur d'un type non accepté.")))
                value = ""
            values.append(value)
        rows.append((index, values))
    return rows, errors


def purchases_push(*, actor: User, items: list) -> ImportBatch:
    """Check and write purchase lines sent by another system, all or nothing.

    The items are checked with the rules of the file import (`budgets.imports`); any error
    raises PushRejected with every error and writes nothing. Otherwise the lines whose
    reference is new are written, recorded as an import of the actor (kind purchases, status
    imported, no file), which the imports page lists and can reverse. Lines whose reference
    the organisation already has are skipped, as in the file import."""
    ensure(can_manage_budgets(actor))
    limit = settings.API_PUSH_MAX_ITEMS
    if not items:
        raise PushRejected([ItemError(0, "", _("La liste des achats est vide."))])
    if len(items) > limit:
        raise PushRejected(
            [
                ItemError(
                    limit,
                    "",
                    ngettext(
                        "Envoyez au plus %(limit)d achat à la fois.",
                        "Envoyez au plus %(limit)d achats à la fois.",
                        limit,
                    )
                    % {"limit": limit},
                )
            ]
        )
    rows, errors = _rows(items)
    with transaction.atomic():
        # One write at a time per organisation, as for a confirmed import: a second push of
        # the same lines waits, then finds their references known and skips them.
        organisation = Organisation.objects.select_for_update(no_key=True).get(
            pk=actor.organisation_id
        )
        check = imports.check_purchases(
            rows, organisation=organisation, duplicate_message=_duplicate_message
        )
        total = len(errors) + check.errors.total
        # The first errors of either list are the first of both: each is in the items' order.
        errors = sorted(
            errors + [ItemError(e.line, e.column, e.message) for e in check.errors],
            key=lambda error: error.index,
        )
        if errors:
            raise PushRejected(errors, total)
        now = timezone.now()
        batch = ImportBatch(
            organisation=organisation,
            kind=ImportKind.PURCHASES,
            status=ImportStatus.IMPORTED,
            file_name=_("Envoi par l'API du %(date)s")
            % {"date": timezone.localtime(now).strftime("%d/%m/%Y %H:%M:%S")},
            uploaded_by=actor,
            rows_total=check.rows_total,
            rows_created=len(check.to_create),
            rows_skipped=check.skipped,
            imported_at=now,
            imported_by=actor,
        )
        history_save(batch, actor=actor, reason=_("Achats envoyés par l'API"))
        purchases_write(batch, check.to_create)
    return batch


# --- Tokens --------------------------------------------------------------------------------------


def token_create(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """A new token of the actor, valid for the configured time; the token itself is returned
    once, only its digest is kept."""
    ttl: datetime.timedelta = settings.REST_KNOX["TOKEN_TTL"]
    with transaction.atomic():
        token, secret = ApiToken.objects.create(user=actor, expiry=ttl, name=name.strip())
    return token, secret


def token_revoke(*, actor: User, token: ApiToken) -> None:
    """Delete one of the actor's tokens: requests made with it are refused from now on."""
    if token.user_id != actor.pk:
        raise PermissionError("A person revokes only their own tokens.")
    token.delete()
