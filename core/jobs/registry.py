"""What each kind of job does, registered by the apps from their AppConfig.ready(): core runs
every job the same way and imports no app.

`run(job, progress)` does the work (through the app's services) and returns a JSON-able result;
`progress(percent, step)` records how far it is. `on_ready(job, result)` and `on_failed(job)`
write the app's row in the same transaction as the job's last status, so that the two never
disagree. A `JobError` raised by `run` fails the job at once with its message for the person."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Progress = Callable[[int, str], None]


class JobError(Exception):
    """A failure the person can read and act on (French): the job is not retried by itself."""


@dataclass(frozen=True)
class JobKind:
    name: str
    run: Callable[..., Any]
    on_ready: Callable[..., None]
    on_failed: Callable[..., None]


_kinds: dict[str, JobKind] = {}


def register(
    name: str,
    *,
    run: Callable[..., Any],
    on_ready: Callable[..., None],
    on_failed: Callable[..., None],
) -> None:
    _kinds[name] = JobKind(name, run, on_ready, on_failed)


def kind(name: str) -> JobKind | None:
    return _kinds.get(name)
