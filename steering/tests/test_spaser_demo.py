"""The SPASER's demo: the council's 2026–2028 scheme adopted at a 2026 committee meeting, its
2025 report built and published, shown on the council's public page with every indicator in
number and in value; a partner city with a draft only, whose public page says nothing is
published; a second run adds nothing, on the last and first days of a year and today."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape

from steering.demo import spaser as demo
from steering.models import Indicator, Scheme, SchemeStatus, SpaserReport

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "day",
    [datetime.date(2026, 12, 31), datetime.date(2027, 1, 1), None],
    ids=["31-december", "1-january", "today"],
)
def test_the_council_publishes_its_scheme_and_2025_report_once(
    client, settings, tmp_path, freeze_clock, day
):
    settings.MEDIA_ROOT = tmp_path
    freeze_clock(day or timezone.localdate())
    call_command("seed_demo", stdout=StringIO())

    scheme = Scheme.objects.get(organisation__slug="npdc", status=SchemeStatus.ADOPTED)
    assert (scheme.first_year, scheme.last_year, scheme.adopted_on.year) == (2026, 2028, 2026)
    assert scheme.decision.title == demo.DECISION_TITLE
    report = SpaserReport.objects.get(organisation__slug="npdc")
    assert (report.year, report.status, report.published) == (2025, "ready", True)
    assert {item["code"] for item in report.figures["catalogue"]} == set(Indicator.values)
    assert Scheme.objects.get(organisation__slug="roubaix").status == SchemeStatus.DRAFT

    page = client.get("/npdc/achats-responsables/").content.decode()
    assert "SPASER) 2026–2028" in page
    assert "Rapport annuel 2025 (PDF)" in page
    assert "Élise Fontaine" in page
    for item in report.figures["catalogue"]:
        assert escape(item["label"]) in page
    assert "rien publié" in client.get("/roubaix/achats-responsables/").content.decode()

    before = (Scheme.history.count(), SpaserReport.objects.count())
    assert demo.load() == {"adopted": 0, "reports": 0, "drafts": 0, "ready": 1}
    assert (Scheme.history.count(), SpaserReport.objects.count()) == before
