"""The SPASER's pages: committee members and administrators draft, adopt and publish; the
dashboard's readers read; other people are refused (403) and other organisations' versions do
not exist (404). The public page: anonymous, only what is adopted and published, beneficiary
counts under five shown as "< 5", no name but the signatory's, a constant number of queries;
the indicators' CSV valid against the Table Schema shipped with the project."""

import datetime
import json

import pytest
from django.test import TestCase
from django.urls import reverse

from purchasing import services as purchasing_services
from purchasing.tests.factories import make_market
from steering.models import Objective
from steering.opendata import SCHEMA_PATH
from steering.services import spaser as services
from steering.tests.factories import (
    adopted_scheme,
    council_market,
    insertion_follow_up,
    make_committee,
)

pytestmark = pytest.mark.django_db

d = datetime.date


@pytest.fixture(autouse=True)
def _april_2027(freeze_clock):
    freeze_clock(d(2027, 4, 2))


def built(actor, scheme, year=2026, publish=True):
    with TestCase.captureOnCommitCallbacks(execute=True):
        report, _created = services.report_request(actor=actor, scheme=scheme, year=year)
    report.refresh_from_db()
    if publish:
        report = services.report_publish(actor=actor, report=report, published=True)
    return report


def public_url(organisation):
    return reverse("public:spaser", kwargs={"slug": organisation.slug})


# --- The committee's pages ---------------------------------------------------------------------


def test_a_committee_member_drafts_adds_an_objective_and_sees_the_errors(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("steering:spaser-scheme-create"), {"first_year": 2026, "last_year": 2028}
    )
    scheme = alice.organisation.spaser_versions.get()
    assert response.url == reverse("steering:spaser-scheme", kwargs={"pk": scheme.pk})
    axis = scheme.axes.get(kind="economic")
    url = reverse("steering:spaser-objective-add", kwargs={"pk": scheme.pk, "axis_pk": axis.pk})
    prefix = f"axe-{axis.pk}"
    fields = {
        f"{prefix}-title": "PME",
        f"{prefix}-indicator": "sme_spend",
        f"{prefix}-target_year": 2028,
    }
    response = client.post(url, {**fields, f"{prefix}-target": "150"})
    assert response.status_code == 400
    assert [
        axis.objective_form.errors
        for axis in response.context["axes"]
        if axis.objective_form.errors
    ] == [{"target": ["Cet indicateur est une part : la valeur est comprise entre 0 et 100."]}]
    client.post(url, {**fields, f"{prefix}-target": "35,5"})
    assert Objective.objects.get(axis=axis).target == 35.5
    page = client.get(reverse("steering:spaser-scheme", kwargs={"pk": scheme.pk}))
    assert page.status_code == 200 and "Adopter le schéma" in page.content.decode()


def test_readers_read_others_are_refused_and_outsiders_get_404(client, alice, ada, bob, charlie):
    scheme = adopted_scheme(alice)
    url = reverse("steering:spaser-scheme", kwargs={"pk": scheme.pk})
    client.force_login(ada)  # the advisor reads the dashboard
    page = client.get(url)
    assert page.status_code == 200 and "Adopter" not in page.content.decode()
    assert (
        client.post(
            reverse("steering:spaser-scheme-new-version", kwargs={"pk": scheme.pk})
        ).status_code
        == 403
    )
    client.force_login(bob)
    assert client.get(url).status_code == 403
    client.force_login(charlie)
    assert client.get(url).status_code == 404
    assert client.get(reverse("steering:spaser")).status_code == 200
    assert client.get(reverse("steering:spaser-scheme", kwargs={"pk": 10**6})).status_code == 404


def test_the_spasers_page_lists_the_spend_no_supplier_record_matches(client, alice, bob):
    from budgets.tests.factories import make_purchases

    make_purchases(
        alice.organisation,
        [{"department": "LYC", "date": "2026-05-02", "supplier": "Papeterie inconnue"}],
    )
    client.force_login(alice)
    content = client.get(reverse("steering:spaser")).content.decode()
    assert "Papeterie inconnue" in content
    assert "1 ligne sur 1 (100,00" in content


def test_the_dashboard_shows_the_obligation(client, alice):
    client.force_login(alice)
    content = client.get(reverse("steering:dashboard")).content.decode()
    assert "Obligation de SPASER : volume d'achats 2026" in content
    assert "En dessous du seuil de 50\u202f000\u202f000" in content or (
        "En dessous du seuil de 50\xa0000\xa0000" in content
    )


# --- The public page ----------------------------------------------------------------------------


def test_an_unknown_organisation_is_404_and_a_draft_only_says_nothing_is_published(client, alice):
    assert client.get("/inconnue/achats-responsables/").status_code == 404
    scheme = services.scheme_create(actor=alice, first_year=2026, last_year=2028)
    services.scheme_update(actor=alice, scheme=scheme, summary="Projet confidentiel")
    response = client.get(public_url(alice.organisation))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Cette organisation n'a encore rien publié" in content
    assert "Projet confidentiel" not in content


def test_the_public_page_shows_only_what_is_adopted_and_published(
    client, alice, bob, ada, charlie, library
):
    make_committee(alice)
    market = council_market(bob, ada, library, notified_on=d(2026, 5, 4))
    follow_up = insertion_follow_up(
        bob, market, period_start=d(2026, 1, 1), period_end=d(2026, 6, 30), achieved="40"
    )
    purchasing_services.follow_up_save(
        actor=bob,
        applied=follow_up.applied_clause,
        follow_up=follow_up,
        period_start=follow_up.period_start,
        period_end=follow_up.period_end,
        indicator=follow_up.indicator,
        status=follow_up.status,
        achieved=follow_up.achieved,
        is_insertion_hours=True,
        beneficiaries={"beneficiaries_rsa": 2, "beneficiaries_qpv": 9},
    )
    make_market(bob, title="Marché encore en projet très secret")
    scheme = adopted_scheme(alice)
    draft = services.scheme_new_version(actor=alice, scheme=scheme)
    services.scheme_update(actor=alice, scheme=draft, summary="Version en préparation")
    published = built(alice, scheme, 2026)
    hidden = built(alice, scheme, 2025, publish=False)
    other = adopted_scheme(charlie)
    built(charlie, other, 2026)

    content = client.get(public_url(alice.organisation)).content.decode()
    assert "Élise Présidente" in content  # the signatory
    assert "Nos engagements." in content
    assert "Version en préparation" not in content
    assert "Marché encore en projet très secret" not in content
    for name in ("Technicien 000", "Élu 000", "Bob", "Ada"):
        assert name not in content, name
    assert (
        reverse(
            "public:spaser-report-pdf", kwargs={"slug": alice.organisation.slug, "pk": published.pk}
        )
        in content
    )
    assert "Rapport annuel 2025" not in content
    assert "Tourcoing" not in content
    # 2 RSA beneficiaries: "< 5"; 9 residents of a QPV: shown.
    assert "&lt; 5" in content and ">9<" in content
    slug = alice.organisation.slug
    assert (
        client.get(
            reverse("public:spaser-report-pdf", kwargs={"slug": slug, "pk": hidden.pk})
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse(
                "public:spaser-report-pdf",
                kwargs={"slug": charlie.organisation.slug, "pk": published.pk},
            )
        ).status_code
        == 404
    )
    pdf = client.get(reverse("public:spaser-report-pdf", kwargs={"slug": slug, "pk": published.pk}))
    assert (
        pdf.status_code == 200
        and b"".join(pdf.streaming_content if pdf.streaming else [pdf.content])[:4] == b"%PDF"
    )


def test_the_public_page_takes_the_same_queries_at_two_sizes(
    client, alice, bob, ada, library, django_assert_max_num_queries, django_assert_num_queries
):
    scheme = adopted_scheme(alice)
    built(alice, scheme, 2025)
    with django_assert_max_num_queries(12) as small:
        client.get(public_url(alice.organisation))
    for day in (d(2026, 4, 3), d(2026, 5, 4)):
        council_market(bob, ada, library, notified_on=day)
    built(alice, scheme, 2026)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(public_url(alice.organisation))
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]


def test_the_indicators_csv_is_valid_against_its_table_schema(client, alice, tmp_path):
    from frictionless import Resource, Schema

    scheme = adopted_scheme(alice)
    report = built(alice, scheme, 2026)
    response = client.get(
        reverse(
            "public:spaser-indicators-csv",
            kwargs={"slug": alice.organisation.slug, "pk": report.pk},
        )
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert text.count("\r\n") == 16  # the header and the 15 indicators
    schema = Schema.from_descriptor(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    path = tmp_path / "indicateurs.csv"
    path.write_text(text, encoding="utf-8")
    resource = Resource(path=path.name, basepath=str(path.parent), schema=schema)
    report_ = resource.validate()
    assert report_.valid, report_.flatten(["rowNumber", "fieldName", "type", "note"])
