"""Sections of the profile page that other apps contribute (the training history of the
network app, for example). Accounts renders them without importing those apps."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ProfileSection:
    name: str
    template_name: str
    context: Callable[[object], dict]  # receives the person, returns the template's context
    order: int = 100


_registry: dict[str, ProfileSection] = {}


def register(section: ProfileSection) -> None:
    _registry[section.name] = section


def sections_for(user) -> list[dict]:
    """Each registered section, ready to include: its template and its context."""
    return [
        {"template_name": section.template_name, "context": section.context(user)}
        for section in sorted(_registry.values(), key=lambda section: section.order)
    ]
