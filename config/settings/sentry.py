"""Error reporting to Sentry (or a self-hosted GlitchTip): errors of requests, failed jobs and
error log lines, each tagged with the request id (core.middleware) or the Celery task id."""

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.logging import LoggingIntegration, ignore_logger


def init_sentry(*, dsn: str, environment: str, release: str | None, traces_sample_rate: float):
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        integrations=[
            DjangoIntegration(),
            # A job that raised, and its retries, are reported with the task's name and id.
            CeleryIntegration(),
            # An ERROR line (a job marked failed, an e-mail out of retries) is an event too.
            LoggingIntegration(event_level="ERROR"),
        ],
        traces_sample_rate=traces_sample_rate,
        # People's names and addresses stay here: no cookies, users or bodies are sent.
        send_default_pii=False,
    )
    # Each failed attempt of each e-mail while the mail server is away: core.outbox reports the
    # messages out of retries instead.
    ignore_logger("post_office")
