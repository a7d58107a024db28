"""What the apps' services share: writes that leave history naming the actor, and the refusal
of fields a service does not change."""

from collections.abc import Iterable


def history_save(instance, *, actor, reason: str) -> None:
    """Validate the row, then save it with the actor (None: the command line) and the reason in
    its history."""
    instance.full_clean()
    instance._history_user = actor
    instance._change_reason = reason
    instance.save()


def history_delete(instance, *, actor, reason: str) -> None:
    """Delete the row, its history naming the actor and the reason."""
    instance._history_user = actor
    instance._change_reason = reason
    instance.delete()


def refuse_unknown_fields(function: str, fields: Iterable[str], allowed: Iterable[str]) -> None:
    """A programming error, not a person's: a field the service does not change."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{function}() got unknown fields: {', '.join(sorted(unknown))}")
