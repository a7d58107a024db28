"""Read settings from the environment, failing loudly on a value that makes no sense.

A setting that is set but wrong stops the start with a message naming the variable,
rather than running with a surprising value.
"""

import os
from urllib.parse import parse_qs, unquote, urlsplit

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


# How long a download address that the object storage signs stays valid (seconds): the
# application streams its files through access-checked views, so these addresses only serve
# its own reads; short, so that one copied from a log is soon useless.
SIGNED_URL_SECONDS = 300


def env_storage(name):
    """The default file storage: the local folder MEDIA_ROOT (one machine), or an
    S3-compatible object storage from a URL such as
    s3://KEY:SECRET@host:9000/bucket?region=eu-west-3&secure=false&prefix=achats (several web
    processes and workers on several hosts). Files never overwrite each other (a second upload
    of the same name gets a suffix, as on the local folder) and are private to the bucket."""
    value = _raw(name, None)
    if value is None:
        # Its folder read from MEDIA_ROOT each time (tests move it).
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    url = urlsplit(value)
    if url.scheme != "s3":
        raise ImproperlyConfigured(f"{name} must be an s3:// URL (got {url.scheme or value!r}).")
    bucket = url.path.strip("/")
    if not (url.hostname and bucket and "/" not in bucket):
        raise ImproperlyConfigured(
            f"{name} must name a host and a bucket: s3://KEY:SECRET@host/bucket"
        )
    query = {key: values[-1] for key, values in parse_qs(url.query).items()}
    secure = query.get("secure", "true").lower()
    if secure not in _TRUE | _FALSE:
        raise ImproperlyConfigured(f"{name}: secure must be true or false, not {secure!r}.")
    scheme = "https" if secure in _TRUE else "http"
    endpoint = f"{scheme}://{url.hostname}" + (f":{url.port}" if url.port else "")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "access_key": unquote(url.username or ""),
            "secret_key": unquote(url.password or ""),
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "region_name": query.get("region") or None,
            "location": query.get("prefix", "").strip("/"),
            # A second file of the same name gets a suffix, never replaces the first.
            "file_overwrite": False,
            # Private objects, read through the application's access-checked views.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": SIGNED_URL_SECONDS,
            # Path-style addresses (host/bucket/key): what MinIO and most S3-compatible
            # services answer, and AWS too.
            "addressing_style": query.get("addressing", "path"),
        },
    }
