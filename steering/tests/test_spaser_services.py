"""The SPASER's services: a draft with the PNAD defaults, objectives checked (catalogue, shares
from 0 to 100), adoption with a committee decision, an adopted version frozen and superseded
by the next one with its history; who may write; the yearly report built in process (PDF and
HTML figures), asked twice while it builds, failing visibly and retried, published."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from core.models import JobStatus
from steering import pdf
from steering.models import (
    AxisKind,
    Indicator,
    Objective,
    Scheme,
    SchemeStatus,
    SpaserReport,
    SpaserReportStatus,
)
from steering.services import spaser as services
from steering.tests.factories import adopted_scheme, hold_meeting, page_size_mm, pdf_text

pytestmark = pytest.mark.django_db

d = datetime.date


@pytest.fixture(autouse=True)
def _april_2027(freeze_clock):
    freeze_clock(d(2027, 4, 2))


def test_a_draft_offers_the_pnad_targets_and_no_successor_plan(alice):
    scheme = services.scheme_create(actor=alice, first_year=2026, last_year=2028)
    assert scheme.status == SchemeStatus.DRAFT
    assert sorted(scheme.axes.values_list("kind", flat=True)) == sorted(AxisKind.values)
    targets = {row.indicator: row.target for row in Objective.objects.filter(axis__scheme=scheme)}
    assert targets == {
        Indicator.ENVIRONMENTAL_CONTRACTS: Decimal("100"),
        Indicator.SOCIAL_CONTRACTS: Decimal("30"),
    }
    assert not any("2026-2030" in row.title for row in Objective.objects.all())


def test_a_share_target_is_between_0_and_100_and_the_indicator_from_the_catalogue(alice):
    scheme = services.scheme_create(actor=alice, first_year=2026, last_year=2028)
    axis = scheme.axes.get(kind=AxisKind.ECONOMIC)
    with pytest.raises(ValidationError) as error:
        services.objective_save(
            actor=alice,
            axis=axis,
            title="PME",
            indicator=Indicator.SME_SPEND,
            target=Decimal("120"),
            target_year=2028,
        )
    assert error.value.message_dict == {
        "target": ["Cet indicateur est une part : la valeur est comprise entre 0 et 100."]
    }
    with pytest.raises(ValidationError) as error:
        services.objective_save(
            actor=alice, axis=axis, title="X", indicator="invente", target=1, target_year=2028
        )
    assert error.value.message_dict == {"indicator": ["Choisissez un indicateur du catalogue."]}
    # Hours are no share: above 100 is fine.
    services.objective_save(
        actor=alice,
        axis=scheme.axes.get(kind=AxisKind.SOCIAL),
        title="Heures",
        indicator=Indicator.INSERTION_HOURS_ACHIEVED,
        target=Decimal("5000"),
        target_year=2028,
    )


def test_adoption_freezes_the_version_and_the_next_one_supersedes_it(alice):
    scheme = adopted_scheme(alice)
    assert scheme.status == SchemeStatus.ADOPTED and scheme.adopted_on == d(2026, 3, 12)
    objective = Objective.objects.filter(axis__scheme=scheme).first()
    with pytest.raises(ValidationError, match="ne se modifie plus"):
        services.objective_delete(actor=alice, objective=objective)
    with pytest.raises(ValidationError, match="ne se modifie plus"):
        services.scheme_update(actor=alice, scheme=scheme, title="Autre")

    draft = services.scheme_new_version(actor=alice, scheme=scheme)
    assert (draft.version, draft.status, draft.previous) == (2, SchemeStatus.DRAFT, scheme)
    assert Objective.objects.filter(axis__scheme=draft).count() == 2
    meeting = hold_meeting(alice, held_on=d(2027, 3, 1))
    services.scheme_adopt(
        actor=alice, scheme=draft, adopted_on=d(2027, 3, 1), decision=meeting.decisions.get()
    )
    scheme.refresh_from_db()
    assert scheme.status == SchemeStatus.SUPERSEDED
    assert list(scheme.history.values_list("status", flat=True))[:2] == ["superseded", "adopted"]
    assert Scheme.objects.filter(status=SchemeStatus.ADOPTED).get() == draft


def test_adoption_needs_a_decision_of_the_organisations_committee(alice, charlie):
    scheme = services.scheme_create(actor=alice, first_year=2026, last_year=2028)
    services.scheme_update(actor=alice, scheme=scheme, signatory_name="Élise Présidente")
    elsewhere = hold_meeting(charlie, held_on=d(2026, 3, 1)).decisions.get()
    with pytest.raises(ValidationError) as error:
        services.scheme_adopt(
            actor=alice, scheme=scheme, adopted_on=d(2026, 3, 2), decision=elsewhere
        )
    assert error.value.message_dict == {"decision": ["Choisissez une décision de votre comité."]}


def test_only_committee_members_and_administrators_write(alice, bob, olga, charlie):
    with pytest.raises(PermissionDenied):
        services.scheme_create(actor=bob, first_year=2026, last_year=2028)
    scheme = services.scheme_create(actor=olga, first_year=2026, last_year=2028)
    with pytest.raises(PermissionDenied):
        services.scheme_update(actor=charlie, scheme=scheme, title="Pris")


def built(actor, scheme, year=2026, comments=None):
    with TestCase.captureOnCommitCallbacks(execute=True):
        report, _created = services.report_request(
            actor=actor, scheme=scheme, year=year, comments=comments or {}
        )
    report.refresh_from_db()
    return report


def test_the_yearly_report_is_built_as_an_a4_pdf_with_every_objective(alice):
    scheme = adopted_scheme(alice)
    report = built(alice, scheme, comments={AxisKind.ENVIRONMENTAL: "Progrès notables."})
    assert report.status == SpaserReportStatus.READY, report.error
    data = report.file.read()
    assert set(page_size_mm(data)) == {(210, 297)}
    text = pdf_text(data)
    assert "Rapport annuel 2026" in text
    assert "Progrès notables." in text
    assert "Part des marchés notifiés avec une considération environnementale" in text
    axes = report.figures["axes"]
    assert [axis["kind"] for axis in axes] == list(AxisKind.values)
    assert report.figures["axes"][0]["objectives"][0]["trend"] == [
        [2024, None],
        [2025, None],
        [2026, None],
    ]
    html = pdf.spaser_context(report=report, figures=report.figures)
    assert html["catalogue"][0]["number_text"] == "0 sur 0 marchés notifiés (sans objet)"


def test_a_year_not_ended_is_refused_and_a_second_request_returns_the_build(alice):
    scheme = adopted_scheme(alice)
    with pytest.raises(ValidationError) as error:
        services.report_request(actor=alice, scheme=scheme, year=2027)
    assert "n'est pas terminée" in error.value.message_dict["year"][0]
    first, created = services.report_request(actor=alice, scheme=scheme, year=2026)
    again, created_again = services.report_request(actor=alice, scheme=scheme, year=2026)
    assert created and not created_again and again == first


def test_a_failed_build_shows_its_error_and_is_retried(alice, monkeypatch):
    scheme = adopted_scheme(alice)

    def broken(**kwargs):
        raise RuntimeError("WeasyPrint a rendu l'âme")

    monkeypatch.setattr(pdf, "spaser_pdf", broken)
    report = built(alice, scheme)
    assert report.status == SpaserReportStatus.FAILED
    assert report.job.status == JobStatus.FAILED
    assert report.error == "Le travail s'est arrêté sur une erreur inattendue."
    with pytest.raises(ValidationError, match="Seul un rapport prêt"):
        services.report_publish(actor=alice, report=report, published=True)
    monkeypatch.undo()
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.report_retry(actor=alice, report=report)
    report.refresh_from_db()
    assert report.status == SpaserReportStatus.READY
    published = services.report_publish(actor=alice, report=report, published=True)
    assert published.published and published.published_at is not None
    assert SpaserReport.objects.count() == 1
