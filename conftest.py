"""Shared test set-up. In CI (CI=true) a skipped test fails the run: nothing may go untested.

Browser tests (marked `browser`) share a live server (`server_url`) and a Chromium page
(`browser_page`); they are skipped where the distribution's chromium is not installed."""

import datetime
import os
import shutil
import time
from zoneinfo import ZoneInfo

import pytest

CHROMIUM = shutil.which("chromium")

# Flags for a headless, offline machine: no sandbox as root, no calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    if CHROMIUM is not None:
        return
    skip = pytest.mark.skip(reason="Debian's chromium package is not installed")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture
def transactional_db(transactional_db):
    """The database as tests that commit see it (live server, worker, concurrent connections).

    Django empties every table after such a test; the purchase families and eco-labels that a
    data migration of clauses writes are put back before each one, as migrate left them."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("clauses.migrations.0002_reference_data")
    migration.load_reference_data(apps, schema_editor=None)
    # The legal rules and European thresholds that purchasing's data migration seeds.
    importlib.import_module("purchasing.migrations.0003_legal_rules_2026").seed(apps, None)


@pytest.fixture
def freeze_clock(monkeypatch):
    """Stop the site's clock at noon (Paris) of a day: `timezone.now()`, and `localdate()` that
    reads it, give that day however long the test runs. Tests whose result depends on the date
    run on 1 January, 31 December and today with it."""
    from django.utils import timezone

    def freeze(day: datetime.date) -> None:
        moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=ZoneInfo("Europe/Paris"))
        monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(datetime.UTC))

    return freeze


@pytest.fixture
def server_url(transactional_db):
    """A live server of our own, stopped (and its database connections closed) after the test,
    so that no thread keeps the test database open when it is dropped."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread

    thread = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


@pytest.fixture
def browser_page():
    # Playwright's sync API runs an event loop in this thread: the database work of a test
    # is done in fixtures before this one starts, never while it runs. Ask for this fixture
    # last.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # A desktop screen: below 1400 px the main menu folds behind its button.
        context = browser.new_context(locale="fr-FR", viewport={"width": 1440, "height": 900})
        page = context.new_page()
        try:
            yield page
        finally:
            context.close()
            browser.close()


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


@pytest.fixture
def redis_worker(transactional_db):
    """A real Celery worker (one thread) on the real Redis of REDIS_URL, for the job tests.

    Mark such tests `worker` and skip them without REDIS_URL (CI sets it, so none is skipped)."""
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun
    from django.db import connections

    from config.celery import app

    def close_worker_connections(**kwargs):
        # The worker thread's own database connection would keep the test database busy.
        connections.close_all()

    app.conf.task_always_eager = False
    # Jobs left in the queue by an earlier, interrupted run would be taken before the test's.
    app.control.purge()
    task_postrun.connect(close_worker_connections)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield app
    finally:
        task_postrun.disconnect(close_worker_connections)
        app.conf.task_always_eager = True


def wait_for(condition, timeout=20.0) -> bool:
    """Poll `condition` until it holds or the timeout passes (for jobs run by a worker)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False
