"""E-mails: each is three templates, `<template>-subject.txt`, `-body.txt` and `-body.html`.

They are written in the site's language: they leave from jobs and commands as well as from
requests, whatever language was active there. Sending one writes it to the outbox
(`core.outbox`), in the caller's transaction: it leaves with the change it announces, or not
at all, and a job delivers it, retrying while the mail server is away."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def templated_message(template: str, *, to: list[str], context: dict) -> EmailMultiAlternatives:
    """The message, ready to send (alone, or with others over one connection)."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}-subject.txt", context).split())
        text = render_to_string(f"{template}-body.txt", context)
        html = render_to_string(f"{template}-body.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    message.attach_alternative(html, "text/html")
    return message


def send_templated(template: str, *, to: list[str], context: dict) -> None:
    """Queue the message in the outbox (Django's EMAIL_BACKEND is core.outbox.OutboxBackend)."""
    templated_message(template, to=to, context=context).send()
