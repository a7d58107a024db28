"""Reading a CPV label file: a JSON object mapping each code ("03000000-1") to its label.

Format only: the check digit is not verified. In the official English file, 94 % of the codes
follow a weighted sum (3, 7, 1, …) modulo 10, but whole branches (03300000, 09…, 42…, 72…)
do not, so no algorithm we could state would accept the official vocabulary."""

import json
import re

CPV_CODE_RE = re.compile(r"^[0-9]{8}-[0-9]$")
CPV_PREFIX_RE = re.compile(r"^[0-9]{1,8}$")
LABEL_MAX_LENGTH = 400


class CpvFileError(ValueError):
    """The file cannot be loaded; the message names the line or the key at fault."""


def _refuse_duplicate_keys(pairs):
    labels = {}
    for key, value in pairs:
        if key in labels:
            raise CpvFileError(f'The CPV code "{key}" appears twice.')
        labels[key] = value
    return labels


def cpv_labels_parse(text: str) -> dict[str, str]:
    """Return {code: label} from the file's text, or raise CpvFileError on the first fault."""
    try:
        labels = json.loads(text, object_pairs_hook=_refuse_duplicate_keys)
    except json.JSONDecodeError as error:
        raise CpvFileError(
            f"Not a JSON file: line {error.lineno}, column {error.colno}: {error.msg}."
        ) from error
    if not isinstance(labels, dict):
        raise CpvFileError(
            "The file must hold a JSON object mapping CPV codes to labels, "
            f"not a {type(labels).__name__}."
        )
    if not labels:
        raise CpvFileError("The file holds no CPV code.")
    seen_digits = {}
    for code, label in labels.items():
        if not CPV_CODE_RE.fullmatch(code):
            raise CpvFileError(
                f'"{code}" is not a CPV code: expected 8 digits, a hyphen and a check digit '
                "(NNNNNNNN-N)."
            )
        if code[:8] in seen_digits:
            raise CpvFileError(
                f'The CPV code "{code}" repeats the digits of "{seen_digits[code[:8]]}".'
            )
        seen_digits[code[:8]] = code
        if not isinstance(label, str) or not label.strip():
            raise CpvFileError(f'The label of "{code}" must be a non-empty string.')
        if len(label) > LABEL_MAX_LENGTH:
            raise CpvFileError(
                f'The label of "{code}" is longer than {LABEL_MAX_LENGTH} characters.'
            )
    return labels
