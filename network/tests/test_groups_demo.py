"""The demo textile group of the seed: the council and its six partners, the council's textile
contracts, production sites abroad, four audits (one without findings), findings of several
severities, two corrective actions overdue, one closed with its evidence; loaded once however
many runs."""

import pytest
from django.urls import reverse

from accounts import demo as accounts_demo
from accounts.models import User
from clauses import demo as clauses_demo
from network.demo import groups as demo_groups
from network.models import Audit, Finding, FindingStatus, ProductionSite, PurchasingGroup
from purchasing import demo as purchasing_demo
from purchasing.models import MarketStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines():
    accounts_demo.load_and_describe()
    clauses_demo.load_and_describe()
    purchasing_demo.load_and_describe()
    return demo_groups.load()


def test_the_demo_group_is_the_textile_group_of_the_seed(client, lines):
    group = PurchasingGroup.objects.select_related(
        "coordinator_organisation", "advisor", "purchase_family"
    ).get()

    assert group.name == "Groupement de commandes textile"
    assert group.coordinator_organisation.slug == "npdc"
    assert set(group.memberships.values_list("organisation__slug", flat=True)) == {
        "npdc",
        "dunkerque",
        "roubaix",
        "tourcoing",
        "villeneuve-d-ascq",
        "cu-dunkerque",
        "lille-metropole",
    }
    assert group.purchase_family.code == "textile"
    assert group.agreement_date == demo_groups.AGREEMENT_DATE
    assert group.advisor.email == "conseillere@npdc.test"
    titles = set(group.contracts.values_list("market__title", flat=True))
    assert titles == set(demo_groups.GROUP_CONTRACTS)
    assert lines[0].startswith("Purchasing groups: « Groupement de commandes textile »")

    # Its suppliers' sites abroad, four audits, two corrective actions overdue, one closed.
    countries = set(ProductionSite.objects.values_list("country", flat=True))
    assert countries == {"BD", "PT", "TN"}
    assert Audit.objects.filter(group__isnull=False).count() == 4
    assert all(audit.report for audit in Audit.objects.all())
    assert set(Finding.objects.values_list("severity", flat=True)) == {
        "critical",
        "high",
        "medium",
        "low",
    }
    overdue = list(Finding.objects.overdue())
    assert len(overdue) == 2
    closed = Finding.objects.get(status=FindingStatus.CLOSED)
    assert closed.evidence.read().startswith(b"%PDF")
    assert closed.closed_by.email == "conseillere@npdc.test"

    # A partner's buyer reads the group's contracts, read-only.
    market = (
        group.contracts.select_related("market")
        .get(market__status=MarketStatus.IN_EXECUTION)
        .market
    )
    client.force_login(User.objects.get(email="acheteur@lille-metropole.test"))
    response = client.get(reverse("network:group-detail", kwargs={"public_id": group.public_id}))
    assert response.status_code == 200
    detail = reverse("purchasing:detail", kwargs={"pk": market.pk})
    assert detail in response.content.decode()
    response = client.get(detail)
    assert response.status_code == 200
    assert not response.context["actions"].edit
    assert not response.context["actions"].follow_up


def test_a_second_run_adds_nothing(lines):
    counts = (
        PurchasingGroup.objects.count(),
        ProductionSite.objects.count(),
        Audit.objects.count(),
        Finding.objects.count(),
    )

    again = demo_groups.load()

    assert again == [
        "Purchasing groups: « Groupement de commandes textile », 7 members, 3 contracts, "
        "4 audits (nothing added)"
    ]
    assert counts == (
        PurchasingGroup.objects.count(),
        ProductionSite.objects.count(),
        Audit.objects.count(),
        Finding.objects.count(),
    )
