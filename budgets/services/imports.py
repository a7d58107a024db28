"""Imports of the finance system's files, budgets or purchase lines: preview (read and check,
nothing written but the import's row), confirmation (all or nothing, bulk writes) and reversal.
The checks of the rows are `budgets.imports`."""

import csv
import io
import os

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.models import Organisation, User
from core.access import ensure
from core.history import history_save
from core.jobs.registry import Progress

from .. import imports
from ..access import can_manage_budgets
from ..models import Budget, ImportBatch, ImportKind, ImportStatus, Purchase

# Rows per INSERT of bulk_create (purchases on SQLite, budgets everywhere); Django lowers it on
# SQLite, whose statements take at most 999 parameters. Purchases go by COPY on PostgreSQL.
WRITE_BATCH_SIZE = 2000


def ensure_can_import(actor: User | None, organisation: Organisation) -> None:
    """A finance officer of the organisation, or the command line (None)."""
    # actor None is the command line: the server's operator, who may import for any organisation.
    if actor is None:
        return
    ensure(can_manage_budgets(actor) and actor.organisation_id == organisation.pk)


def clean_file_name(file_name: str) -> str:
    # Some browsers send the path of the file on the person's machine.
    return os.path.basename(file_name.replace("\\", "/"))[:255]


def _apply_check(batch: ImportBatch, check: imports.Check) -> None:
    batch.rows_total = check.rows_total
    batch.errors = [error.as_dict() for error in check.errors]
    batch.errors_total = check.errors.total
    if check.errors:
        batch.status = ImportStatus.REJECTED
        batch.rows_created = batch.rows_updated = batch.rows_skipped = 0
    else:
        batch.rows_created = len(check.to_create)
        batch.rows_updated = len(check.to_update)
        batch.rows_skipped = check.skipped


def import_preview(
    *,
    actor: User | None,
    organisation: Organisation,
    kind: ImportKind,
    content: bytes,
    file_name: str,
) -> ImportBatch:
    """Read and check a file of the finance system without importing it.

    Writes only the import's row: status `preview` with the counts confirming would give
    (`rows_created`, `rows_updated` for budgets, `rows_skipped`), or `rejected` with every
    error. The file is kept for the confirmation, unless its type or size is refused.
    `actor=None` is the command line."""
    ensure_can_import(actor, organisation)
    kind = ImportKind(kind)
    file_name = clean_file_name(file_name)
    check = imports.check_file(
        organisation=organisation, kind=kind, content=content, file_name=file_name
    )
    batch = ImportBatch(
        organisation=organisation,
        kind=kind,
        status=ImportStatus.PREVIEW,
        file_name=file_name,
        uploaded_by=actor,
    )
    _apply_check(batch, check)
    with transaction.atomic():
        if check.readable:
            batch.file.save(file_name, ContentFile(content), save=False)
        history_save(batch, actor=actor, reason=_("Fichier envoyé"), validate=False)
    return batch


def stored_content(batch: ImportBatch) -> bytes:
    if not batch.file:
        raise ValidationError(_("Le fichier de cet import n'a pas été conservé."))
    try:
        with batch.file.open("rb") as stored:
            return stored.read()
    except OSError as error:
        raise ValidationError(_("Le fichier de cet import n'est plus disponible.")) from error


def not_confirmable(status: str) -> str:
    return {
        ImportStatus.CHECKING: _(
            "Le fichier est en cours de vérification : il pourra être confirmé ensuite."
        ),
        ImportStatus.IMPORTED: _("Cet import a déjà été confirmé."),
        ImportStatus.REJECTED: _(
            "Cet import a des erreurs : corrigez le fichier et envoyez-le de nouveau."
        ),
        ImportStatus.REVERSED: _("Cet import a été annulé : il ne peut plus être confirmé."),
    }[status]


def import_confirm(
    *, actor: User | None, batch: ImportBatch, progress: Progress | None = None
) -> ImportBatch:
    """Import a previewed file, all or nothing, in one transaction with bulk writes.

    The stored file is read and checked again (a department may have gone since the
    preview); errors then turn the import to `rejected` and raise ValidationError. Lines whose
    reference is known by then are skipped; budgets are created or changed, with history.
    `progress(percent, step)` is told each step (the background job's page)."""
    ensure_can_import(actor, batch.organisation)
    progress = progress or _no_progress
    failure = None
    with transaction.atomic():
        # One confirmation at a time per organisation: a second one waits, then sees the lines
        # the first added and skips them. NO KEY: rows pointing at the organisation can still
        # be written meanwhile.
        organisation = Organisation.objects.select_for_update(no_key=True).get(
            pk=batch.organisation_id
        )
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != ImportStatus.PREVIEW:
            raise ValidationError(not_confirmable(batch.status))
        progress(10, _("Lecture et vérification du fichier"))
        check = imports.check_file(
            organisation=organisation,
            kind=batch.kind,
            content=stored_content(batch),
            file_name=batch.file_name,
        )
        _apply_check(batch, check)
        if check.errors:
            # Kept: the import's page then shows what is wrong now.
            history_save(batch, actor=actor, reason=_("Erreurs à la confirmation"), validate=False)
            failure = ValidationError(recheck_failed_message(check.errors.total))
        else:
            progress(60, _("Enregistrement des lignes"))
            if batch.kind == ImportKind.PURCHASES:
                purchases_write(batch, check.to_create)
            else:
                _write_budgets(batch, check, actor=actor)
            batch.status = ImportStatus.IMPORTED
            batch.imported_at = timezone.now()
            batch.imported_by = actor
            history_save(batch, actor=actor, reason=_("Import confirmé"), validate=False)
    if failure is not None:
        raise failure
    return batch


def recheck_failed_message(count: int) -> str:
    """What a confirmation says when the file no longer passes its checks."""
    return ngettext(
        "Le fichier ne passe plus les vérifications (%(count)d erreur) : rien n'a été importé.",
        "Le fichier ne passe plus les vérifications (%(count)d erreurs) : rien n'a été importé.",
        count,
    ) % {"count": count}


def _no_progress(percent: int, step: str) -> None:
    pass


def purchases_write(batch: ImportBatch, lines: list[imports.PurchaseLine]) -> None:
    """Write checked purchase lines of an import, with their labels, in bulk (COPY on
    PostgreSQL); the caller holds the transaction and has checked the right."""
    if connection.vendor == "postgresql":
        _copy_purchases(batch, lines)
        return
    purchases = [
        Purchase(
            organisation_id=batch.organisation_id,
            batch_id=batch.pk,
            reference=line.reference,
            date=line.date,
            department_id=line.department_id,
            family_id=line.family_id,
            supplier=line.supplier,
            supplier_siret=line.supplier_siret,
            description=line.description,
            amount=line.amount,
            recycled_content=line.recycled_content,
            reuse=line.reuse,
        )
        for line in lines
    ]
    # SQLite (3.35+) gives the new primary keys back, for the label rows.
    Purchase.objects.bulk_create(purchases, batch_size=WRITE_BATCH_SIZE)
    Link = Purchase.eco_labels.through
    Link.objects.bulk_create(
        [
            Link(purchase_id=purchase.pk, ecolabel_id=label_id)
            for purchase, line in zip(purchases, lines, strict=True)
            for label_id in line.label_ids
        ],
        batch_size=WRITE_BATCH_SIZE,
    )


PURCHASE_COPY_COLUMNS = (
    "organisation_id",
    "batch_id",
    "reference",
    "date",
    "department_id",
    "family_id",
    "supplier",
    "supplier_siret",
    "description",
    "amount",
    "recycled_content",
    "reuse",
)


def _copy_purchases(batch: ImportBatch, lines: list[imports.PurchaseLine]) -> None:
    """PostgreSQL: the lines and their labels with COPY, about twice as fast as bulk_create
    for 100,000 lines (no model instances, no SQL text to build and parse); the values were
    checked by imports.check_file and the constraints still hold."""
    _copy(
        Purchase,
        PURCHASE_COPY_COLUMNS,
        (
            (
                batch.organisation_id,
                batch.pk,
                line.reference,
                line.date.isoformat(),
                line.department_id,
                line.family_id,
                line.supplier,
                line.supplier_siret,
                line.description,
                line.amount,
                line.recycled_content,
                "t" if line.reuse else "f",
            )
            for line in lines
        ),
        nullable=("recycled_content",),
    )
    ids = dict(Purchase.objects.filter(batch=batch).values_list("reference", "pk"))
    _copy(
        Purchase.eco_labels.through,
        ("purchase_id", "ecolabel_id"),
        ((ids[line.reference], label_id) for line in lines for label_id in line.label_ids),
    )


def _copy(model, columns: tuple[str, ...], rows, *, nullable: tuple[str, ...] = ()) -> None:
    # Every value quoted: an empty text stays empty; FORCE_NULL turns "" into NULL where a
    # column takes NULL (None is written as "").
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL).writerows(rows)
    buffer.seek(0)
    quote = connection.ops.quote_name
    options = "FORMAT csv"
    if nullable:
        options += f", FORCE_NULL ({', '.join(quote(name) for name in nullable)})"
    with connection.cursor() as cursor:
        # psycopg2's COPY FROM STDIN.
        cursor.copy_expert(
            f"COPY {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
            f"FROM STDIN WITH ({options})",
            buffer,
        )


def _write_budgets(batch: ImportBatch, check: imports.Check, *, actor: User | None) -> None:
    reason = _("Budget importé (%(file)s)") % {"file": batch.file_name[:60]}
    created = [
        Budget(
            organisation_id=batch.organisation_id,
            department_id=line.department_id,
            year=line.year,
            family_id=line.family_id,
            amount=line.amount,
        )
        for line in check.to_create
    ]
    bulk_create_with_history(
        created,
        Budget,
        batch_size=WRITE_BATCH_SIZE,
        default_user=actor,
        default_change_reason=reason,
    )
    now = timezone.now()
    changed = []
    for budget, amount in check.to_update:
        budget.amount, budget.updated_at = amount, now
        changed.append(budget)
    if changed:
        bulk_update_with_history(
            changed,
            Budget,
            ["amount", "updated_at"],
            batch_size=WRITE_BATCH_SIZE,
            default_user=actor,
            default_change_reason=reason,
        )


def import_reverse(*, actor: User | None, batch: ImportBatch) -> ImportBatch:
    """Reverse a confirmed purchases import: delete the purchases it created.

    Budget imports are not reversible (they change amounts, kept in the budgets' history).
    The file can be imported again afterwards."""
    ensure_can_import(actor, batch.organisation)
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.kind != ImportKind.PURCHASES:
            raise ValidationError(
                _(
                    "Un import de budgets ne s'annule pas : importez un fichier avec les "
                    "montants voulus."
                )
            )
        if batch.status != ImportStatus.IMPORTED:
            raise ValidationError(_("Seul un import confirmé peut être annulé."))
        Link = Purchase.eco_labels.through
        Link.objects.filter(purchase__batch=batch).delete()
        # One DELETE rather than Django's collector, which would load every purchase and
        # delete them a hundred at a time; nothing else refers to a purchase (a reference
        # added later would make this fail, not cascade).
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {connection.ops.quote_name(Purchase._meta.db_table)} "  # noqa: S608
                "WHERE batch_id = %s",
                [batch.pk],
            )
        batch.status = ImportStatus.REVERSED
        batch.reversed_at = timezone.now()
        batch.reversed_by = actor
        # Its three fields as one UPDATE and its history row: a reversal stays a handful of
        # queries (history_save's full_clean would check every relation and constraint again,
        # none of which these fields touch).
        bulk_update_with_history(
            [batch],
            ImportBatch,
            ["status", "reversed_at", "reversed_by"],
            default_user=actor,
            default_change_reason=_("Import annulé"),
        )
    return batch
