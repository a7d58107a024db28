from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The empty choice of a list that asks for a value, the same in every form.
EMPTY_CHOICE = gettext_lazy("— Choisir —")


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's validation error on the form: on its field when the form has it,
    above the form otherwise, so that no message is lost."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        for message in errors:
            form.add_error(target, message)


def ask_files_again(form) -> None:
    """A form shown again because of its other fields cannot keep the files it was sent (no
    browser lets a page fill in a file input): each file field whose file was fine says, next to
    it, which file to choose again."""
    if not form.is_bound:
        return
    for name, field in form.fields.items():
        upload = form.files.get(form.add_prefix(name))
        if not isinstance(field, forms.FileField) or not upload or name in form.errors:
            continue
        if not any(other != NON_FIELD_ERRORS for other in form.errors):
            continue
        again = _("Choisissez à nouveau le fichier « %(name)s » : il n'a pas été gardé.") % {
            "name": upload.name
        }
        field.help_text = format_html("<strong>{}</strong> {}", again, field.help_text)
        form[name].help_text = field.help_text  # The bound field copied it when validated.
