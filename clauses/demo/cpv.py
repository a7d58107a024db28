"""The reference data excerpts of the demo: the French-labelled CPV codes
(`data/demo_cpv_codes.json`) and the communes of its places of execution
(`data/demo_communes.csv`)."""

from django.db import transaction

from ..communes import communes_parse
from ..data import demo_communes_text, demo_cpv_codes
from ..models import CpvCode
from ..services.reference import communes_load


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


def load_communes_excerpt() -> int:
    """Add the communes of the demo's places of execution; returns how many were added."""
    return communes_load(rows=communes_parse(demo_communes_text())).added
