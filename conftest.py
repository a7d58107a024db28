"""Shared test set-up. In CI (CI=true) a skipped test fails the run: nothing may go untested.

Browser tests (marked `browser`) share a live server (`server_url`) and a Chromium page
(`browser_page`); they are skipped where the distribution's chromium is not installed."""

import datetime
import os
import shutil
import socket
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

CHROMIUM = shutil.which("chromium")
# axe-core, pinned in package.json, installed into node_modules by `make test` (scripts/ensure-axe).
AXE_SCRIPT = Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js"

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
    _skip_without_schemas(items)
    if CHROMIUM is not None:
        return
    skip = pytest.mark.skip(reason="Debian's chromium package is not installed")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


def _skip_without_schemas(items):
    """Tests marked `schemas` read the official open-data files: without them (a fresh clone,
    offline) they are skipped, saying which file is missing and how to install it."""
    marked = [item for item in items if item.get_closest_marker("schemas")]
    if not marked:
        return
    from purchasing.opendata import schemas

    missing = schemas.missing_files()
    if not missing:
        return
    skip = pytest.mark.skip(reason=schemas.missing_message([entry.path for entry in missing]))
    for item in marked:
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
    importlib.import_module("purchasing.migrations.0005_legal_rules_2026").seed(apps, None)
    # The SPASER threshold that steering's data migration seeds.
    importlib.import_module("steering.migrations.0004_spaser_threshold_2023").seed(apps, None)


@pytest.fixture(autouse=True)
def _reference_data_of_committing_tests(request):
    """Tests marked `django_db(transaction=True)` get the reference data too: the marker sets
    their database up without asking for the `transactional_db` fixture above, so that after
    another committing test of the same process emptied the tables, they would find none."""
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        request.getfixturevalue("transactional_db")


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
        # A desktop screen: below 992 px the main menu folds behind its button.
        context = browser.new_context(locale="fr-FR", viewport={"width": 1440, "height": 900})
        page = context.new_page()
        try:
            yield page
        finally:
            context.close()
            browser.close()


@pytest.fixture
def menu_click():
    """Follow an entry of the main menu as a reader does: unfold the menu on a narrow screen,
    open the entry's drop-down when it sits in one, then click it."""

    def click(page, name):
        navigation = page.get_by_role("navigation", name="Navigation principale")
        toggler = navigation.get_by_role("button", name="Ouvrir le menu")
        if toggler.is_visible():
            toggler.click()
        link = navigation.get_by_role("link", name=name, exact=True, include_hidden=True)
        if not link.is_visible():
            link.locator("xpath=ancestor::li[contains(@class, 'dropdown')]/button").click()
        link.click()

    return click


@pytest.fixture
def chromium():
    """Chromium itself, for tests that open pages in contexts of their own (a phone's width).
    Ask for it after the fixtures that write to the database, as for `browser_page`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def axe_script():
    """axe-core's source, to inject into pages; without it (offline, no npm) the test is skipped
    with its reason, which fails a CI run."""
    if not AXE_SCRIPT.exists():
        pytest.skip(
            "axe-core is not installed in node_modules: run `make axe` (npm ci, from package.json)"
        )
    return AXE_SCRIPT.read_text(encoding="utf-8")


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


@pytest.fixture(autouse=True)
def _site_language():
    """Every test starts in the site's language: a request in English (the language switch)
    leaves its language active in the thread, and under pytest-xdist the next test of that
    process would otherwise format its numbers the English way."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _emails_through_the_outbox(settings):
    """Django's test set-up replaces EMAIL_BACKEND by its locmem backend; the product's e-mails
    go through the outbox (config/settings/test.py delivers it at once to `mail.outbox`)."""
    settings.EMAIL_BACKEND = "core.outbox.OutboxBackend"


@pytest.fixture
def queued_mail(settings):
    """E-mails as production queues them: a row in the outbox, delivered by the job once the
    transaction commits (not at once, as the other tests have them)."""
    settings.POST_OFFICE = {**settings.POST_OFFICE, "DEFAULT_PRIORITY": "medium"}


class MailServer:
    """A real SMTP server (aiosmtpd) on a port of this machine, started when the test says so;
    until then nothing listens there: the mail server is down."""

    def __init__(self, port: int):
        self.port = port
        self.received = []
        self._controller = None
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.received.append((envelope.rcpt_tos, envelope.content.decode()))
        return "250 Message accepted"

    def start(self):
        from aiosmtpd.controller import Controller

        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self):
        if self._controller is not None:
            self._controller.stop()


@pytest.fixture
def mail_server(settings, queued_mail):
    """The outbox delivers by SMTP to 127.0.0.1 on a free port where no server runs until
    `mail_server.start()`."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"},
    }
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    server = MailServer(port)
    yield server
    server.stop()
