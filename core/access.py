"""What every app's `access.py` builds on. Each app decides who may do what with its own
models; core only says how a refusal is raised, the same way everywhere: an outsider gets 404
(the object's existence is not leaked, each app's `get_<model>_for_user` raises it), a member
without the right gets 403 (raised here)."""

from django.core.exceptions import PermissionDenied


def ensure(condition: bool) -> None:
    """Refuse with 403 unless the person has the right."""
    if not condition:
        raise PermissionDenied
