"""Which request or which job a log line belongs to.

The request id is the one the reverse proxy sent (`X-Request-ID`, when it looks like one) or a
new one; `core.middleware.RequestIdMiddleware` sets it for the request and sends it back in the
response, so that a person's report of an error page can be found in the logs. In a job, the
Celery task id plays that part."""

import contextvars
import logging
import re
import uuid

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)

# What a proxy's id may look like; anything else (too long, odd characters) is replaced.
ACCEPTED_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def request_id_from(header: str | None) -> str:
    if header and ACCEPTED_ID.match(header):
        return header
    return uuid.uuid4().hex


def current_task_id() -> str | None:
    from celery import current_task

    if current_task and current_task.request and current_task.request.id:
        return current_task.request.id
    return None


class LogContextFilter(logging.Filter):
    """Adds `request_id` and `task_id` to every record ("-" outside a request or a job)."""

    def filter(self, record):
        record.request_id = request_id_var.get() or "-"
        record.task_id = current_task_id() or "-"
        return True
