"""Demo data is loaded app by app: each app registers a loader from its AppConfig.ready(), and
`seed_demo` runs them in order. Core imports no app, so the layering between apps holds."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoLoader:
    name: str
    load: Callable[[], list[str]]  # returns the lines to print
    order: int


_loaders: dict[str, DemoLoader] = {}


def register(name: str, load: Callable[[], list[str]], *, order: int) -> None:
    _loaders[name] = DemoLoader(name, load, order)


def loaders() -> list[DemoLoader]:
    return sorted(_loaders.values(), key=lambda loader: loader.order)
