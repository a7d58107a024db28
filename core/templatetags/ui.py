"""`{% status_badge label tone %}`, `{% section_tabs tabs current label %}` and
`{% form_error_items form formset … as items %}` (the summary of includes/form_errors.html)."""

from django import template
from django.utils.html import format_html

from core.ui import TONES, error_items

register = template.Library()


@register.simple_tag
def status_badge(label, tone: str = "secondary", extra_class: str = ""):
    """A status in words on a badge of its tone (`core.ui.TONES`); the label is escaped."""
    classes = " ".join(filter(None, ["badge", TONES[tone], extra_class]))
    return format_html('<span class="{}">{}</span>', classes, label)


@register.inclusion_tag("includes/section_tabs.html")
def section_tabs(tabs, current: str, label: str, variant: str = "tabs"):
    """The tabs of a section (a list of `core.ui.Tab`), the open one marked for assistive
    technologies too; nothing when there is only one. `variant="pills"` for the pages of an
    area above the tabs of one of its pages."""
    if variant not in ("tabs", "pills"):
        raise ValueError(f"unknown variant of section tabs: {variant}")
    return {"tabs": tabs, "current": current, "label": label, "variant": variant}


@register.simple_tag
def form_error_items(*sources):
    """The errors of the forms and formsets given (a form, a formset, a list, a dict, or
    (label, formset) pairs), in the order of the page: `core.ui.ErrorItem`s."""
    return error_items(sources)
