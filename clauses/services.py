from dataclasses import dataclass

from django.db import transaction

from .models import CpvCode


@dataclass(frozen=True)
class CpvLoadResult:
    added: int
    updated: int
    unchanged: int


def cpv_codes_load(*, labels: dict[str, str]) -> CpvLoadResult:
    """Add or update the CPV codes of `labels` ({code: English label}, already validated).

    A code is matched on its eight digits, so a corrected check digit updates the row. French
    labels and codes absent from `labels` are left as they are. Bulk writes, one transaction."""
    with transaction.atomic():
        existing = {row.digits: row for row in CpvCode.objects.select_for_update()}
        to_create, to_update = [], []
        for code, label in labels.items():
            label = label.strip()
            row = existing.get(code[:8])
            if row is None:
                to_create.append(CpvCode(code=code, label_en=label))
            elif (row.code, row.label_en) != (code, label):
                row.code, row.label_en = code, label
                to_update.append(row)
        CpvCode.objects.bulk_create(to_create, batch_size=1000)
        CpvCode.objects.bulk_update(to_update, ["code", "label_en"], batch_size=1000)
    return CpvLoadResult(
        added=len(to_create),
        updated=len(to_update),
        unchanged=len(labels) - len(to_create) - len(to_update),
    )
