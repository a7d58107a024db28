"""The named parameters of a clause: their definitions, the values a contract gives them, and the
clause text with the values filled in.

A definition is a dict stored in the clause's JSON list:
{"name": "insertion_rate", "label": "Taux d'insertion", "type": "percent", "min": 5, "max": 20,
"default": 5, "unit": "", "choices": [...], "help": "..."}. The body names it as {insertion_rate}.
Bounds and defaults are JSON numbers or strings of digits ("7.5"), never floats in computations.
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.numbers import parse_decimal


class ParameterType:
    INTEGER = "integer"
    DECIMAL = "decimal"
    PERCENT = "percent"
    TEXT = "text"
    CHOICE = "choice"


TYPES = (
    ParameterType.INTEGER,
    ParameterType.DECIMAL,
    ParameterType.PERCENT,
    ParameterType.TEXT,
    ParameterType.CHOICE,
)
TYPE_LABELS = {
    ParameterType.INTEGER: gettext_lazy("Nombre entier"),
    ParameterType.DECIMAL: gettext_lazy("Nombre décimal"),
    ParameterType.PERCENT: gettext_lazy("Pourcentage"),
    ParameterType.TEXT: gettext_lazy("Texte"),
    ParameterType.CHOICE: gettext_lazy("Choix dans une liste"),
}
NUMERIC_TYPES = (ParameterType.INTEGER, ParameterType.DECIMAL, ParameterType.PERCENT)
KEYS_ORDER = ("name", "label", "type", "unit", "min", "max", "default", "choices", "help")
KEYS = set(KEYS_ORDER)

NAME_RE = re.compile(r"^[a-z_][a-z0-9_]*$")
# Only {identifier} is a placeholder: other braces in a clause text are left alone.
PLACEHOLDER_RE = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
NBSP = "\u00a0"


def placeholders(body: str) -> list[str]:
    """The parameter names the text uses, in order of first use."""
    return list(dict.fromkeys(PLACEHOLDER_RE.findall(body or "")))


def _to_number(value, *, integer: bool):
    """int or Decimal from a number or a string read as the contract form reads it
    (`core.numbers.parse_decimal`: "1 234,5", "1.234,5", "7.5"); None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if integer else Decimal(value)
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, str):
        value = parse_decimal(value)
    if not isinstance(value, Decimal) or not value.is_finite():
        return None
    if integer:
        # A positive exponent ("1e9") is not how an integer is written, and a huge one would
        # make int() build a number of a billion digits.
        whole = value.as_tuple().exponent <= 0 and value == value.to_integral_value()
        return int(value) if whole else None
    return value


def _bounds(definition: dict):
    """(min, max) as numbers; a percentage is always between 0 and 100."""
    integer = definition.get("type") == ParameterType.INTEGER
    low = _to_number(definition["min"], integer=integer) if "min" in definition else None
    high = _to_number(definition["max"], integer=integer) if "max" in definition else None
    if definition.get("type") == ParameterType.PERCENT:
        low = Decimal(0) if low is None else max(low, Decimal(0))
        high = Decimal(100) if high is None else min(high, Decimal(100))
    return low, high


def _suffix(definition: dict) -> str:
    if definition.get("type") == ParameterType.PERCENT:
        return f"{NBSP}%"
    unit = (definition.get("unit") or "").strip()
    return f"{NBSP}{unit}" if unit else ""


def format_number(value) -> str:
    """French notation: 1 234 567,5 (non-breaking spaces between thousands, decimal comma)."""
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    sign = "-" if text.startswith("-") else ""
    whole, _sep, fraction = text.lstrip("+-").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + NBSP.join(groups) + (f",{fraction}" if fraction else "")


def format_value(definition: dict, value) -> str:
    """A cleaned value as it reads in a clause: « 5 % », « 1 200 heures », « 12,5 € »."""
    if definition.get("type") in NUMERIC_TYPES:
        return format_number(value) + _suffix(definition)
    return str(value) + _suffix(definition)


def _convert(definition: dict, raw):
    """(value, error) for one raw value of a well-formed definition."""
    label = definition.get("label") or definition["name"]
    kind = definition["type"]
    if kind in NUMERIC_TYPES:
        number = _to_number(raw, integer=kind == ParameterType.INTEGER)
        if number is None:
            if kind == ParameterType.INTEGER:
                return None, _("Le paramètre « %(label)s » doit être un nombre entier.") % {
                    "label": label
                }
            return None, _("Le paramètre « %(label)s » doit être un nombre.") % {"label": label}
        low, high = _bounds(definition)
        if (low is not None and number < low) or (high is not None and number > high):
            return None, _bounds_message(definition, label, low, high)
        return number, None
    text = str(raw).strip()
    if kind == ParameterType.CHOICE and text not in definition["choices"]:
        return None, _(
            "Le paramètre « %(label)s » doit prendre l'une des valeurs : %(choices)s."
        ) % {
            "label": label,
            "choices": ", ".join(f"« {choice} »" for choice in definition["choices"]),
        }
    return text, None


def _bounds_message(definition, label, low, high) -> str:
    suffix = _suffix(definition)
    if low is not None and high is not None:
        return _("Le paramètre « %(label)s » doit être compris entre %(min)s et %(max)s.") % {
            "label": label,
            "min": format_number(low),
            "max": format_number(high) + suffix,
        }
    if low is not None:
        return _("Le paramètre « %(label)s » doit être supérieur ou égal à %(min)s.") % {
            "label": label,
            "min": format_number(low) + suffix,
        }
    return _("Le paramètre « %(label)s » doit être inférieur ou égal à %(max)s.") % {
        "label": label,
        "max": format_number(high) + suffix,
    }


def _definition_errors(definition) -> list[str]:
    if not isinstance(definition, dict):
        return [_("Chaque paramètre se décrit par un objet (nom, libellé, type…).")]
    name = definition.get("name")
    if not isinstance(name, str) or not NAME_RE.fullmatch(name):
        return [
            _(
                "« %(name)s » n'est pas un nom de paramètre valide : lettres minuscules sans "
                "accent, chiffres et tiret bas, sans chiffre au début."
            )
            % {"name": name}
        ]
    errors = []
    params = {"name": name}
    unknown = sorted(set(definition) - KEYS)
    if unknown:
        errors.append(
            _("Le paramètre « %(name)s » a une propriété inconnue : %(keys)s.")
            % {**params, "keys": ", ".join(unknown)}
        )
    label = definition.get("label")
    if not isinstance(label, str) or not label.strip():
        errors.append(_("Le paramètre « %(name)s » n'a pas de libellé.") % params)
    kind = definition.get("type")
    if kind not in TYPES:
        errors.append(
            _("Le paramètre « %(name)s » a un type inconnu : « %(type)s ».")
            % {**params, "type": kind}
        )
        return errors
    if kind in NUMERIC_TYPES:
        errors += _numeric_definition_errors(definition, name)
    elif "min" in definition or "max" in definition:
        errors.append(
            _("Le paramètre « %(name)s » n'est pas numérique : il n'a ni minimum ni maximum.")
            % params
        )
    if kind == ParameterType.CHOICE:
        choices = definition.get("choices")
        if (
            not isinstance(choices, list)
            or not choices
            or not all(isinstance(c, str) and c.strip() for c in choices)
        ):
            errors.append(
                _("Le paramètre « %(name)s » est une liste de choix : indiquez au moins un choix.")
                % params
            )
        elif len(set(choices)) != len(choices):
            errors.append(_("Le paramètre « %(name)s » propose deux fois le même choix.") % params)
    elif "choices" in definition:
        errors.append(
            _("Le paramètre « %(name)s » n'est pas une liste de choix : retirez ses choix.")
            % params
        )
    if not errors and "default" in definition:
        errors += _default_errors(definition, name)
    return errors


def _default_bounds_message(definition, name, low, high) -> str:
    suffix = _suffix(definition)
    if low is not None and high is not None:
        return _(
            "La valeur par défaut du paramètre « %(name)s » doit être comprise entre %(min)s "
            "et %(max)s."
        ) % {"name": name, "min": format_number(low), "max": format_number(high) + suffix}
    if low is not None:
        return _(
            "La valeur par défaut du paramètre « %(name)s » doit être supérieure ou égale à "
            "%(min)s."
        ) % {"name": name, "min": format_number(low) + suffix}
    return _(
        "La valeur par défaut du paramètre « %(name)s » doit être inférieure ou égale à %(max)s."
    ) % {"name": name, "max": format_number(high) + suffix}


def _default_errors(definition, name) -> list[str]:
    kind = definition["type"]
    default = definition["default"]
    params = {"name": name}
    if kind in NUMERIC_TYPES:
        number = _to_number(default, integer=kind == ParameterType.INTEGER)
        if number is None:
            return [
                _("La valeur par défaut du paramètre « %(name)s » n'est pas un nombre valide.")
                % params
            ]
        low, high = _bounds(definition)
        if (low is not None and number < low) or (high is not None and number > high):
            return [_default_bounds_message(definition, name, low, high)]
        return []
    if not isinstance(default, str):
        return [_("La valeur par défaut du paramètre « %(name)s » doit être un texte.") % params]
    if kind == ParameterType.CHOICE and default not in definition["choices"]:
        return [
            _("La valeur par défaut du paramètre « %(name)s » doit être l'un de ses choix.")
            % params
        ]
    return []


def _numeric_definition_errors(definition, name) -> list[str]:
    integer = definition["type"] == ParameterType.INTEGER
    errors = []
    for key, word in (("min", _("minimum")), ("max", _("maximum"))):
        if key in definition and _to_number(definition[key], integer=integer) is None:
            errors.append(
                _("Le %(word)s du paramètre « %(name)s » n'est pas un nombre valide.")
                % {"word": word, "name": name}
            )
    if errors:
        return errors
    low, high = _bounds(definition)
    if low is not None and high is not None and low > high:
        errors.append(
            _("Le paramètre « %(name)s » a un minimum (%(min)s) supérieur à son maximum (%(max)s).")
            % {"name": name, "min": format_number(low), "max": format_number(high)}
        )
    return errors


def validate_definitions(definitions) -> None:
    """Raise ValidationError listing every fault of a list of parameter definitions."""
    if not isinstance(definitions, list):
        raise ValidationError(_("Les paramètres se saisissent sous forme de liste."))
    errors = []
    seen = set()
    for definition in definitions:
        errors += _definition_errors(definition)
        name = definition.get("name") if isinstance(definition, dict) else None
        if name in seen:
            errors.append(_("Le paramètre « %(name)s » est défini deux fois.") % {"name": name})
        seen.add(name)
    if errors:
        raise ValidationError(errors)


def validate_body(body: str, definitions) -> None:
    """The text uses every defined parameter and only those."""
    defined = [d["name"] for d in definitions if isinstance(d, dict) and "name" in d]
    used = placeholders(body)
    errors = [
        _("Le texte utilise le paramètre « %(name)s », qui n'est pas défini.") % {"name": name}
        for name in used
        if name not in defined
    ]
    errors += [
        _(
            "Le paramètre « %(name)s » n'apparaît pas dans le texte : ajoutez {%(name)s} au "
            "texte ou retirez le paramètre."
        )
        % {"name": name}
        for name in defined
        if name not in used
    ]
    if errors:
        raise ValidationError(errors)


def clean_values(definitions: list[dict], values: dict) -> dict:
    """The values of a clause's parameters, converted (int, Decimal, str) with defaults applied.

    Raise ValidationError({name: [message]}) naming each faulty parameter by its label."""
    errors = {}
    cleaned = {}
    for key in values:
        if not any(d["name"] == key for d in definitions):
            errors[key] = [_("La clause n'a pas de paramètre « %(name)s ».") % {"name": key}]
    for definition in definitions:
        name = definition["name"]
        raw = values.get(name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if "default" not in definition:
                errors[name] = [
                    _("Le paramètre « %(label)s » est obligatoire.")
                    % {"label": definition.get("label") or name}
                ]
                continue
            raw = definition["default"]
        value, error = _convert(definition, raw)
        if error:
            errors[name] = [error]
        else:
            cleaned[name] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def render(body: str, definitions: list[dict], values: dict) -> str:
    """The clause text with each {name} replaced by its value written the French way."""
    cleaned = clean_values(definitions, values)
    by_name = {d["name"]: d for d in definitions}

    def replace(match):
        name = match.group(1)
        if name not in cleaned:
            return match.group(0)
        return format_value(by_name[name], cleaned[name])

    return PLACEHOLDER_RE.sub(replace, body)


def render_preview(body: str, definitions: list[dict]) -> str:
    """The text with default values, and « [label] » where a parameter has no default: what a
    reader sees before giving values."""
    by_name = {d["name"]: d for d in definitions}

    def replace(match):
        definition = by_name.get(match.group(1))
        if definition is None:
            return match.group(0)
        if "default" in definition:
            value, error = _convert(definition, definition["default"])
            if error is None:
                return format_value(definition, value)
        return f"[{definition.get('label') or definition['name']}]"

    return PLACEHOLDER_RE.sub(replace, body)


def describe(definition: dict) -> str:
    """A definition in words, numbers the French way: « insertion_rate — Taux d'insertion
    (pourcentage), minimum 5, maximum 20, par défaut 7,5 »."""
    kind = definition.get("type")
    numeric = kind in NUMERIC_TYPES

    def shown(value) -> str:
        number = _to_number(value, integer=kind == ParameterType.INTEGER) if numeric else None
        return str(value) if number is None else number_format(number, force_grouping=True)

    parts = [
        f"{definition.get('name')} — {definition.get('label', '')} "
        f"({str(TYPE_LABELS.get(kind, kind)).lower()})"
    ]
    if definition.get("unit"):
        parts.append(_("unité : %(unit)s") % {"unit": definition["unit"]})
    for key, text in (
        ("min", _("minimum %(value)s")),
        ("max", _("maximum %(value)s")),
        ("default", _("par défaut %(value)s")),
    ):
        if definition.get(key) not in (None, ""):
            parts.append(text % {"value": shown(definition[key])})
    if definition.get("choices"):
        parts.append(_("choix : %(choices)s") % {"choices": " / ".join(definition["choices"])})
    return ", ".join(parts)
