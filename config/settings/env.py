"""Read settings from the environment, failing loudly on a value that makes no sense.

A setting that is set but wrong stops the start with a message naming the variable,
rather than running with a surprising value.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

REQUIRED = object()

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _raw(name, default):
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if default is REQUIRED:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return None


def env_str(name, default=REQUIRED):
    value = _raw(name, default)
    return default if value is None else value


def env_bool(name, default=REQUIRED):
    value = _raw(name, default)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean: use one of true/false, yes/no, on/off, 1/0."
    )


def env_int(name, default=REQUIRED, *, minimum=None):
    value = _raw(name, default)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} must be at least {minimum}.")
    return number


def env_float(name, default=REQUIRED, *, minimum=0.0, maximum=1.0):
    """A number between `minimum` and `maximum` (a rate, by default)."""
    value = _raw(name, default)
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a number.") from None
    if not minimum <= number <= maximum:
        raise ImproperlyConfigured(f"{name}={number} must be between {minimum} and {maximum}.")
    return number


def env_list(name, default=REQUIRED):
    """A comma-separated list; blank items are dropped."""
    value = _raw(name, default)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_database(name, *, sqlite_path):
    """A database from a URL such as postgres://user@host:5432/name, else a SQLite file."""
    value = _raw(name, None)
    if value is None:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(sqlite_path)}
    try:
        config = dj_database_url.parse(value, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} is not a usable database URL: {exc}") from None
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(f"{name} names no known database engine.")
    return config
