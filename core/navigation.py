"""The main menu: each app registers its entries, each entry says who sees it and in which
area of the menu it sits (Marchés, Budgets, Réseau, Pilotage, Administration).

Core knows nothing of the apps; an app adds its entries from its AppConfig.ready().
Hiding an entry is a courtesy; the view behind it checks access again.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The menu's drop-downs, in their order. An entry names its area by key.
AREAS = {
    "markets": _("Marchés"),
    "budgets": _("Budgets"),
    "network": _("Réseau"),
    "steering": _("Pilotage"),
    "admin": _("Administration"),
}


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    visible: Callable[[object], bool]
    order: int = 100
    area: str = "markets"

    def __post_init__(self):
        if self.area not in AREAS:
            raise ValueError(f"Unknown menu area {self.area!r}: one of {', '.join(AREAS)}")

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_registry: list[NavItem] = []


def register(*items: NavItem) -> None:
    for item in items:
        if all(existing.url_name != item.url_name for existing in _registry):
            _registry.append(item)


def items_for(user) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return sorted((item for item in _registry if item.visible(user)), key=lambda i: i.order)


def areas_for(entries: list[dict]) -> list[dict]:
    """The menu's areas that hold at least one of `entries` (dicts with `area`, `active`), in
    the order of AREAS; an area is current when one of its entries is."""
    areas = []
    for key, label in AREAS.items():
        inside = [entry for entry in entries if entry["area"] == key]
        if inside:
            areas.append(
                {
                    "key": key,
                    "label": label,
                    "entries": inside,
                    "active": any(entry["active"] for entry in inside),
                }
            )
    return areas
