"""What pages show the same way in every app: a status as a coloured badge, the tabs of a
section. Each app says what its statuses and tabs are; core only draws them."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

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


@dataclass(frozen=True)
class ErrorItem:
    """One line of a form's error summary: `target` is the id of the field it links to
    (empty for an error of the whole form)."""

    message: str
    label: str = ""
    target: str = ""


def error_items(sources) -> list[ErrorItem]:
    """Every error of the forms and formsets in `sources`, each field's linked to its input.
    A formset may name itself (`summary_name`, « Lot 2 »): its rows are then « Lot 2, n° 1 »."""
    items: list[ErrorItem] = []
    for source in _flatten(sources):
        if hasattr(source, "non_form_errors"):
            name = str(getattr(source, "summary_name", "") or "")
            items.extend(ErrorItem(str(message), name) for message in source.non_form_errors())
            for number, form in enumerate(source.forms, start=1):
                row = _("n° %(number)s") % {"number": number}
                items.extend(_form_items(form, f"{name}, {row}" if name else row))
        elif hasattr(source, "non_field_errors"):
            items.extend(_form_items(source))
    return items


def _flatten(sources):
    for source in sources:
        if not source:
            continue
        if isinstance(source, dict):
            yield from _flatten(source.values())
        elif isinstance(source, list | tuple):
            yield from _flatten(source)
        else:
            yield source


def _form_items(form, item: str | None = None) -> list[ErrorItem]:
    """A form's errors; `item` names the row of a formset it is (by default « n° 2 »)."""
    if not form.is_bound or not form.errors:
        return []
    items = [ErrorItem(str(message), item or "") for message in form.non_field_errors()]
    for name, messages in form.errors.items():
        if name not in form.fields:
            continue
        field = form[name]
        label = form.summary_label(field) if hasattr(form, "summary_label") else field.label
        if item is not None:
            label = _("%(item)s — %(label)s") % {"item": item, "label": label}
        target = "" if field.is_hidden else field.id_for_label or f"{field.auto_id}_0"
        items.extend(ErrorItem(str(message), str(label), target) for message in messages)
    return items
