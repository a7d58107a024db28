"""What the tests of every app share that is not a fixture."""

import time


def wait_for(condition, timeout=20.0) -> bool:
    """Poll `condition` until it holds or the timeout passes (for jobs run by a worker)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False
