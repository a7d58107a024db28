"""The clauses of the demo: the French-labelled CPV excerpt and the communes (`cpv.py`), then
the starter library of the demo council (`library.py`), registered with core's demo by `apps.py`."""

from ..models import Clause
from .cpv import load_communes_excerpt, load_cpv_excerpt
from .library import load

DEMO_ORGANISATION = "npdc"


def load_and_describe() -> list[str]:
    cpv_added = load_cpv_excerpt()
    communes_added = load_communes_excerpt()
    created = load()
    total = Clause.objects.filter(organisation__slug=DEMO_ORGANISATION).count()
    return [
        f"CPV codes: {cpv_added} French-labelled demo codes added.",
        f"Communes: {communes_added} communes of the demo's places of execution added.",
        f"Clause library: {len(created)} starter clauses added, {total} in the council's.",
    ]
