"""« Mes tâches », the home page: what each person has to do next, as counts that each link to
the list that shows those rows (a filtered list, whose filter exists on that page).

Each app registers its tasks from its AppConfig.ready(); `visible` decides by role only (no
query), `count` is one COUNT query. The page's queries grow with the person's roles, never with
the data."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HomeTask:
    key: str
    visible: Callable[[object], bool]
    count: Callable[[object], int]
    label: Callable[[int], str]  # what is counted, after the count, with ngettext (its plural)
    url: Callable[[object], str]  # the filtered list
    order: int = 100


_registry: dict[str, HomeTask] = {}


def register(*tasks: HomeTask) -> None:
    for task in tasks:
        _registry[task.key] = task


def tasks_for(user) -> list[dict]:
    """The person's tasks in their order: key, count, what is counted (`text`), the whole
    sentence (`label`, « 2 marchés à relire ») and link of each."""
    if not user.is_authenticated:
        return []
    tasks = sorted(
        (task for task in _registry.values() if task.visible(user)), key=lambda t: t.order
    )
    rows = []
    for task in tasks:
        count = task.count(user)
        text = task.label(count)
        rows.append(
            {
                "key": task.key,
                "count": count,
                "text": text,
                "label": f"{count} {text}",
                "url": task.url(user),
            }
        )
    return rows
