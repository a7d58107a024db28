import logging

from django.apps import AppConfig
from django.conf import settings

logger = logging.getLogger("achats")


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Socle"

    def ready(self):
        from post_office.signals import email_queued

        from . import tasks

        # Every e-mail queued is delivered once its transaction commits (core/outbox.py).
        email_queued.connect(tasks.deliver_outbox_on_commit, dispatch_uid="core.outbox")
        if settings.CELERY_TASK_ALWAYS_EAGER and not settings.REDIS_URL:
            logger.info(
                "REDIS_URL is not set: background jobs run in process, inside the request "
                "or command that queues them."
            )
