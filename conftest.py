"""Shared test set-up. In CI (CI=true) a skipped test fails the run: nothing may go untested."""

import os

import pytest


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("CI", "").lower() != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and session.exitstatus == pytest.ExitCode.OK:
        reporter.write_line(
            f"CI: {len(skipped)} test(s) skipped; every test must run in CI.", red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
