"""What pages show the same way in every app: a status as a coloured badge, the tabs of a
section. Each app says what its statuses and tabs are; core only draws them."""

from dataclasses import dataclass

# Bootstrap 5.3's contextual backgrounds, whose text colour keeps the contrast of RGAA.
TONES = {
    "primary": "text-bg-primary",
    "success": "text-bg-success",
    "warning": "text-bg-warning",
    "danger": "text-bg-danger",
    "info": "text-bg-info",
    "secondary": "text-bg-secondary",
    "light": "text-bg-light border",
}


@dataclass(frozen=True)
class Tab:
    """One tab of a section: `key` names it for the page that is open."""

    key: str
    label: str
    url: str
