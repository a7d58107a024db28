"""The main menu: each app registers its entries, each entry says who sees it.

Core knows nothing of the apps; an app adds its entries from its AppConfig.ready().
Hiding an entry is a courtesy; the view behind it checks access again.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    visible: Callable[[object], bool]
    order: int = 100

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
