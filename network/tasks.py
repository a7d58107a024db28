"""Thin jobs of the network app: they call a service."""

from celery import shared_task

from .services import supply_chain


@shared_task(name="network.notify_overdue_findings", ignore_result=True)
def notify_overdue_findings():
    """Daily (beat): the findings whose corrective action is late, told once."""
    supply_chain.findings_overdue_notify()
