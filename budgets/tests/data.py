"""The people, places and helpers of the budgets tests; `conftest.py` makes the fixtures
available to every module, which imports the helpers it uses from here.

The town of Roubaix has two departments, LYC and DSI: fanny, finance officer (budgets and
imports); henri, head of LYC (reads LYC only); colette, committee member (reads every
department); clement, clause library administrator (the rules); bob, a buyer of LYC (none of
these rights). oscar is finance officer, clause administrator and committee member of
Tourcoing: everything of Roubaix is unknown to him. `heads` are the people an alert of LYC or
DSI reaches. Uploaded files go to a directory of the test."""

import html
import json
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import DepartmentFactory, OrganisationFactory, UserFactory
from budgets.models import Purchase
from budgets.services.budgets import budget_set
from budgets.tests.factories import make_purchases, make_seed_rules
from clauses.models import EcoLabelProof, PurchaseFamily
from clauses.tests.factories import EcoLabelFactory
from core.siret import make_siret

# The fixtures, for conftest.py.
__all__ = [
    "bob",
    "clement",
    "colette",
    "dsi",
    "fanny",
    "heads",
    "henri",
    "lyc",
    "lyc_at_risk",
    "media_root",
    "office",
    "office_rule",
    "organisation",
    "oscar",
    "paper",
    "paper_rule",
    "reuse_label",
    "seed_rules",
]

ROUBAIX_SIRET = make_siret(50_000_001)
TOURCOING_SIRET = make_siret(50_000_002)
# A SIRET that no organisation of the tests has, for files written by hand.
OTHER_SIRET = make_siret(50_000_003)

NBSP = "\u00a0"
NNBSP = "\u202f"


# Places and people ------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Uploaded files go to a directory of the test (not `tmp_path`, which tests list)."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    return settings.MEDIA_ROOT


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Ville de Roubaix", slug="roubaix", siret=ROUBAIX_SIRET)


@pytest.fixture
def lyc(organisation):
    return DepartmentFactory(organisation=organisation, code="LYC", name="Direction des lycées")


@pytest.fixture
def dsi(organisation):
    return DepartmentFactory(organisation=organisation, code="DSI", name="Direction du numérique")


def _person(organisation, department, email, first_name, last_name, roles):
    return UserFactory(
        organisation=organisation,
        department=department,
        email=email,
        first_name=first_name,
        last_name=last_name,
        roles=roles,
    )


@pytest.fixture
def fanny(organisation, lyc, dsi):
    return _person(
        organisation, None, "fanny@roubaix.test", "Fanny", "Finances", [Role.FINANCE_OFFICER]
    )


@pytest.fixture
def henri(organisation, lyc):
    return _person(organisation, lyc, "henri@roubaix.test", "Henri", "Chef", [Role.DEPARTMENT_HEAD])


@pytest.fixture
def colette(organisation):
    return _person(
        organisation, None, "colette@roubaix.test", "Colette", "Comité", [Role.COMMITTEE_MEMBER]
    )


@pytest.fixture
def clement(organisation):
    return _person(
        organisation, None, "clement@roubaix.test", "Clément", "Clauses", [Role.CLAUSE_ADMIN]
    )


@pytest.fixture
def bob(organisation, lyc):
    return _person(organisation, lyc, "bob@roubaix.test", "Bob", "Petit", [Role.BUYER])


@pytest.fixture
def oscar():
    tourcoing = OrganisationFactory(
        name="Ville de Tourcoing", slug="tourcoing", siret=TOURCOING_SIRET
    )
    return _person(
        tourcoing,
        DepartmentFactory(organisation=tourcoing, code="ACH", name="Achats"),
        "oscar@tourcoing.test",
        "Oscar",
        "Ailleurs",
        [Role.FINANCE_OFFICER, Role.CLAUSE_ADMIN, Role.COMMITTEE_MEMBER],
    )


@pytest.fixture
def heads(organisation, lyc, dsi):
    """LYC's head (named on the department, without the role), a person with the department
    head role in LYC, an inactive one, and DSI's head."""
    henri = UserFactory(
        organisation=organisation,
        department=None,
        email="henri@roubaix.test",
        first_name="Henri",
        last_name="Chef",
    )
    lyc.head = henri
    lyc.save()
    lea = UserFactory(
        organisation=organisation,
        department=lyc,
        email="lea@roubaix.test",
        first_name="Léa",
        last_name="Adjointe",
        roles=[Role.DEPARTMENT_HEAD],
    )
    UserFactory(
        organisation=organisation,
        department=lyc,
        email="parti@roubaix.test",
        is_active=False,
        roles=[Role.DEPARTMENT_HEAD],
    )
    # A buyer of LYC is not told.
    UserFactory(organisation=organisation, department=lyc, roles=[Role.BUYER])
    dora = UserFactory(
        organisation=organisation,
        department=dsi,
        email="dora@roubaix.test",
        first_name="Dora",
        roles=[Role.DEPARTMENT_HEAD],
    )
    return henri, lea, dora


# Families, labels and rules ---------------------------------------------------------------------


@pytest.fixture
def office():
    return PurchaseFamily.objects.get(code="office-supplies")


@pytest.fixture
def paper():
    return PurchaseFamily.objects.get(code="paper")


@pytest.fixture
def reuse_label():
    return EcoLabelFactory(code="reemploi", name="Réemploi", proves=EcoLabelProof.REUSE)


@pytest.fixture
def seed_rules(clement):
    """The seed's two rules, in force since 2024: office supplies (20 % of the budget,
    eco-labelled) and paper (100 % of spend, 100 % recycled)."""
    return make_seed_rules(clement, first_year=2024)


@pytest.fixture
def office_rule(seed_rules):
    """The seed's first rule: 20 % of each department's office-supplies budget eco-responsible."""
    return seed_rules[0]


@pytest.fixture
def paper_rule(seed_rules):
    """The seed's second rule: 100 % of paper spend recycled."""
    return seed_rules[1]


# Budgets and purchases --------------------------------------------------------------------------


def set_budget(actor, department, family, year: int, amount: str):
    return budget_set(
        actor=actor, department=department, year=year, family=family, amount=Decimal(amount)
    )


def line(
    department,
    family,
    day: str,
    amount: str,
    *,
    labels=(),
    recycled_content=None,
    reuse=False,
) -> dict:
    """One purchase line as the finance system exports it (`make_purchases` writes the file)."""
    return {
        "date": day,
        "department": department.code,
        "family": family.code,
        "amount_excl_vat": Decimal(amount),
        "eco_labels": "|".join(labels),
        "recycled_content": recycled_content,
        "reuse": reuse,
    }


def add_purchases(organisation, lines: list[dict]):
    """Import the lines as the finance officer's file, through the import services."""
    return make_purchases(organisation, lines)


@pytest.fixture
def lyc_at_risk(organisation, fanny, lyc, dsi, office, office_rule, heads):
    """As of 1 October 2026 (day 274 of 365): LYC has 1,000 € of eco-labelled supplies for a
    budget of 10,000 €, 1,332.12 € by 31 December (13.32 % < 20 %); DSI has met its target."""
    set_budget(fanny, lyc, office, 2026, "10000.00")
    set_budget(fanny, dsi, office, 2026, "1000.00")
    add_purchases(
        organisation,
        [
            line(lyc, office, "2026-02-01", "1000.00", labels=["eu-ecolabel"]),
            line(lyc, office, "2026-03-01", "4000.00"),
            line(dsi, office, "2026-03-01", "300.00", labels=["eu-ecolabel"]),
        ],
    )


def purchase_state(organisation) -> list[tuple]:
    """Every purchase of the organisation with its labels, to compare before and after."""
    return [
        (
            purchase.reference,
            purchase.date,
            purchase.department.code,
            purchase.family.code,
            purchase.amount,
            tuple(sorted(label.code for label in purchase.eco_labels.all())),
            purchase.recycled_content,
            purchase.reuse,
            purchase.batch_id,
        )
        for purchase in Purchase.objects.filter(organisation=organisation)
        .select_related("department", "family")
        .prefetch_related("eco_labels")
        .order_by("reference")
    ]


# Pages ------------------------------------------------------------------------------------------


def text_of(response) -> str:
    """The page's HTML with entities decoded and (narrow) non-breaking spaces as spaces."""
    return html.unescape(response.content.decode()).replace(NBSP, " ").replace(NNBSP, " ")


def login_url(url: str) -> str:
    return f"{reverse('accounts:login')}?{urlencode({'next': url}, safe='/')}"


# The AGEC declaration ---------------------------------------------------------------------------

SCHEMA_PATH = settings.OPEN_DATA_SCHEMAS_DIR / "agec" / "schema.json"

HEADER = (
    "annee,siret,raison_sociale,type_produit_acquis,montant_total,"
    "montant_reemploi_et_reutilisation,montant_produits_issus_don,montant_produits_recycles,"
    "commentaires"
)


def validation_errors(path) -> list[list]:
    """The errors of the file against the official schema (row, field, error type)."""
    from frictionless import Resource, Schema

    # The schema is read as data: frictionless refuses descriptor paths outside the file's
    # directory, and the official file must not be copied.
    schema = Schema.from_descriptor(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    report = Resource(path=path.name, basepath=str(path.parent), schema=schema).validate()
    return report.flatten(["rowNumber", "fieldName", "type"])
