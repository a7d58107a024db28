"""Production: every secret from the environment, HTTPS only, static files compressed."""

from .base import *  # noqa: F403
from .env import REQUIRED, env_bool, env_int, env_list, env_str

IS_PRODUCTION = True
DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", REQUIRED)
# The container's own health check calls http://127.0.0.1:8000/sante/vie/.
ALLOWED_HOSTS = [*env_list("ALLOWED_HOSTS", REQUIRED), "127.0.0.1"]
SITE_URL = env_str("SITE_URL", REQUIRED).rstrip("/")
# The outbox delivers through SMTP unless told otherwise (EMAIL_BACKEND: the older name).
EMAIL_DELIVERY_BACKEND = env_str(
    "EMAIL_DELIVERY_BACKEND",
    env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"),
)
POST_OFFICE["BACKENDS"] = {"default": EMAIL_DELIVERY_BACKEND}  # noqa: F405

# HTTPS can be turned off only to try the stack on a machine without a certificate;
# `check --deploy` then says what is weakened.
HTTPS = env_bool("HTTPS", True)
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^sante/$", r"^sante/vie/$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto.
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# Gunicorn serves the static files itself, compressed and cached for ever by their hashed names.
MIDDLEWARE = [
    *MIDDLEWARE[:1],  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],  # noqa: F405
]
STORAGES = {
    "default": STORAGES["default"],  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
