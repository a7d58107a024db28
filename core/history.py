"""What the apps' services share: writes that leave history naming the actor, and the refusal
of fields a service does not change."""

from collections.abc import Iterable


def history_save(
    instance,
    *,
    actor,
    reason: str | None = None,
    exclude: list[str] | None = None,
    update_fields: list[str] | None = None,
    validate: bool = True,
) -> None:
    """Validate the row (but the fields in `exclude`), then save it with the actor (None: the
    command line) and the reason in its history; `update_fields` writes only those columns.
    `validate=False` is for rows whose every field the service set itself from checked values
    (an import's counts): their validation would only cost queries."""
    if validate:
        instance.full_clean(exclude=exclude)
    instance._history_user = actor
    instance._change_reason = reason
    instance.save(update_fields=update_fields)


def history_delete(instance, *, actor, reason: str | None = None) -> None:
    """Delete the row, its history naming the actor and the reason."""
    instance._history_user = actor
    instance._change_reason = reason
    instance.delete()


def refuse_unknown_fields(function: str, fields: Iterable[str], allowed: Iterable[str]) -> None:
    """A programming error, not a person's: a field the service does not change."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{function}() got unknown fields: {', '.join(sorted(unknown))}")
