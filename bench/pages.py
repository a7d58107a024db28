"""What the bench measures, each as its real user on the council (the first and largest bench
organisation): the pages of issue 16 through Django's test client, the import of purchase lines
against a COPY of the same rows into a table of the same shape, the quarterly report against
bare WeasyPrint on its final HTML, and the exports against their SQL."""

import io
import statistics
import time
import uuid

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from budgets.imports import PURCHASE_COLUMNS
from budgets.models import ImportKind, Purchase, PurchasingRule
from budgets.services import imports as import_services
from core.quarters import Quarter
from purchasing.models import Market, MarketStatus

from . import measures as m
from .scales import Scale


def _person(organisation, role) -> User:
    return (
        User.objects.filter(organisation=organisation, groups__name=role, is_active=True)
        .order_by("pk")
        .first()
    )


def _get(client, url, params=None):
    def action():
        response = client.get(url, params or {})
        if response.status_code != 200:
            raise CommandError(f"{url} {params or ''} answered {response.status_code}.")
        if response.streaming:
            return b"".join(response.streaming_content)
        return response.content

    return action


def measure_pages(
    organisation, *, runs: int, pages: bool = True, exports: bool = True, match: str = ""
) -> list[m.Measure]:
    """The pages (`pages`) and the list's exports (`exports`) whose name contains `match`."""
    advisor = _person(organisation, Role.ADVISOR)
    committee = _person(organisation, Role.COMMITTEE_MEMBER)
    finance = _person(organisation, Role.FINANCE_OFFICER)
    buyer = _person(organisation, Role.BUYER)
    # A contract with lots and clauses: Django skips a prefetch whose parents are none (the
    # criteria of no lot, the follow-ups of no clause), so the page's query count is compared
    # between data sets on contracts of the same shape.
    market = (
        Market.objects.filter(
            organisation=organisation,
            status=MarketStatus.IN_EXECUTION,
            lots__isnull=False,
            clauses__isnull=False,
        )
        .order_by("-pk")
        .first()
    )
    rule = PurchasingRule.objects.filter(organisation=organisation).order_by("pk").first()
    year = timezone.localdate().year
    department = market.department
    clients = {}
    for person in (advisor, committee, finance, buyer):
        clients[person.pk] = Client()
        clients[person.pk].force_login(person)
    list_url = reverse("purchasing:list")
    measured = [
        ("dashboard /pilotage/ (organisation)", committee, reverse("steering:dashboard"), {},
         m.PAGE),
        ("contract list, page 1", advisor, list_url, {}, m.PAGE),
        ("contract list, in execution + social", advisor, list_url,
         {"statut": MarketStatus.IN_EXECUTION, "social": "oui"}, m.PAGE),
        ("contract list, page 601", advisor, list_url, {"page": 601}, m.PAGE),
        ("contract list, search", advisor, list_url, {"q": "recyclé Lille"}, m.PAGE),
        ("compliance, all departments", finance, reverse("budgets:compliance"), {}, m.PAGE),
        ("budget grid", finance, reverse("budgets:budget-list"), {}, m.SMALL_PAGE),
        ("contract page", advisor, reverse("purchasing:detail", kwargs={"pk": market.pk}), {},
         m.SMALL_PAGE),
        ("clause search", buyer, reverse("clauses:list"), {"q": "insertion"}, m.SMALL_PAGE),
    ]  # fmt: skip
    if rule is not None:
        url = reverse(
            "budgets:rule-purchases",
            kwargs={"year": year, "department": department.code, "rule": rule.pk},
        )
        measured.append(("purchases list", finance, url, {}, m.SMALL_PAGE))
    results = []
    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
        for name, person, url, params, limit in measured if pages else ():
            if match not in name:
                continue
            action = _get(clients[person.pk], url, params)
            results.append(m.measure_page(name, action, runs=runs, limit=limit))
            _progress(results[-1])
        if exports:
            results += _exports(organisation, clients[advisor.pk], runs=runs, match=match)
    return results


def _progress(measure):
    # Printed by the command as the measures come.
    _progress.out(f"  {measure.name}: {measure.median_ms:.0f} ms")


_progress.out = lambda text: None


def _exports(organisation, client, *, runs, match="") -> list[m.Measure]:
    params = {"statut": MarketStatus.IN_EXECUTION}
    rows = Market.objects.filter(organisation=organisation, **{"status": params["statut"]}).count()
    results = []
    for file_format in ("csv", "xlsx"):
        if match and match not in f"export {file_format.upper()}":
            continue
        action = _get(client, reverse("purchasing:export"), {**params, "format": file_format})
        measure = m.measure_page(
            f"export {file_format.upper()}, {rows:,} contracts",
            action,
            runs=max(3, runs // 2),
            limit=m.EXPORT,
            rows=rows,
        )
        results.append(measure)
        _progress(measure)
    return results


# --- Jobs ---------------------------------------------------------------------------------


def import_file(organisation, lines: int) -> bytes:
    """A purchases file of the finance system: `lines` new lines of the organisation."""
    departments = list(organisation.departments.values_list("code", flat=True))
    from clauses.models import PurchaseFamily

    families = list(PurchaseFamily.objects.values_list("code", flat=True))
    tag = uuid.uuid4().hex[:8]
    today = timezone.localdate()
    out = io.StringIO()
    out.write(";".join(PURCHASE_COLUMNS) + "\r\n")
    for n in range(lines):
        day = today.replace(day=1) if n % 2 else today
        out.write(
            f"IMP-{tag}-{n:07d};{day.isoformat()};{departments[n % len(departments)]};"
            f"{families[n % len(families)]};Fournisseur {n % 300};Ligne importée;"
            f"{(n % 5000) + 10},50;;{'60' if n % 4 == 0 else ''};{'oui' if n % 20 == 0 else 'non'}"
            "\r\n"
        )
    return out.getvalue().encode()


def measure_import(organisation, scale: Scale, *, runs: int) -> m.Measure:
    finance = _person(organisation, Role.FINANCE_OFFICER)
    contents = []

    def run_import():
        content = import_file(organisation, scale.import_lines)
        contents.append(content)
        batch = import_services.import_preview(
            actor=finance,
            organisation=organisation,
            kind=ImportKind.PURCHASES,
            content=content,
            file_name="achats.csv",
        )
        if batch.errors_total:
            raise CommandError(f"The bench's import file was rejected: {batch.errors[:3]}")
        import_services.import_confirm(actor=finance, batch=batch)
        run_import.batches.append(batch)

    run_import.batches = []

    def copy_rows():
        """COPY of the same rows into a new table of the same shape (columns, keys, indexes)."""
        rows = Purchase.objects.filter(batch=run_import.batches[-1]).values_list(
            "organisation_id", "reference", "date", "department_id", "family_id", "supplier",
            "description", "amount", "recycled_content", "reuse", "batch_id", "supplier_siret",
        )  # fmt: skip
        buffer = io.StringIO()
        for row in rows:
            buffer.write("\t".join(r"\N" if v is None else str(v) for v in row) + "\n")
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE bench_copy (LIKE budgets_purchase INCLUDING ALL) ON COMMIT DROP"
            )
            buffer.seek(0)
            started = copy_rows.clock()
            cursor.copy_expert(
                "COPY bench_copy (organisation_id, reference, date, department_id, family_id, "
                "supplier, description, amount, recycled_content, reuse, batch_id, supplier_siret) "
                "FROM STDIN",
                buffer,
            )
            copy_rows.seconds.append(copy_rows.clock() - started)

    copy_rows.clock = time.perf_counter
    copy_rows.seconds = []
    measure = m.measure_job(
        f"import of {scale.import_lines:,} purchase lines",
        run_import,
        copy_rows,
        runs=runs,
        limit=m.IMPORT,
        what="COPY of the rows",
    )
    # The COPY alone, without building its buffer.
    base = statistics.median(copy_rows.seconds) * 1000
    measure.baseline_ms = base
    measure.bound_ms = m.IMPORT.bound(base)
    for batch in run_import.batches:
        import_services.import_reverse(actor=finance, batch=batch)
    return measure


def measure_report(organisation, *, runs: int) -> m.Measure:
    from weasyprint import HTML

    from steering import pdf
    from steering.models import QuarterlyReport
    from steering.selectors.dashboard import dashboard

    quarter = Quarter.last_complete(timezone.localdate())
    report = QuarterlyReport(organisation=organisation, year=quarter.year, quarter=quarter.number)
    html = {}

    def build():
        figures = dashboard(organisation=organisation, quarter=quarter)
        html["figures"] = figures
        pdf.report_pdf(report=report, figures=figures)

    def bare():
        if "text" not in html:
            html["text"] = pdf.report_html(report=report, figures=html["figures"])
        HTML(string=html["text"], base_url=str(settings.BASE_DIR)).write_pdf()

    return m.measure_job(
        f"quarterly report {quarter} of the council",
        build,
        bare,
        runs=runs,
        limit=m.REPORT,
        what="bare WeasyPrint",
    )
