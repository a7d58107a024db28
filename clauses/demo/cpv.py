"""The French-labelled CPV excerpt of the demo (`data/demo_cpv_codes.json`)."""

from django.db import transaction

from ..data import demo_cpv_codes
from ..models import CpvCode


@transaction.atomic
def load_cpv_excerpt() -> int:
    """Add the French-labelled CPV excerpt; a French label already given is kept."""
    existing = {row.code[:8]: row for row in CpvCode.objects.all()}
    added = 0
    for entry in demo_cpv_codes():
        code, label_en, label_fr = entry["code"], entry["label_en"], entry["label_fr"]
        row = existing.get(code[:8])
        if row is None:
            CpvCode.objects.create(code=code, label_en=label_en, label_fr=label_fr)
            added += 1
        elif not row.label_fr:
            row.label_fr = label_fr
            row.save(update_fields=["label_fr"])
    return added
