# ruff: noqa: F811 — the fixtures imported below are the parameters of those built on them.
"""The people and data of the quarterly reports' tests, built through the services.

From accounts' fixtures, with `admin_role` set to the committee's role: alice, committee member
of Roubaix; bob, buyer of Roubaix (LYC); charlie, committee member of Tourcoing (another
organisation). From purchasing's: dora, buyer of another department of Roubaix (ENV); head,
head of bob's department; clause_admin and library. Added here: ada, advisor of Roubaix.

`council` gives Roubaix a committee (president, an elected representative, a technician), a
meeting held in the third quarter of 2026 with two decisions, and a contract notified in that
quarter (environmental and social considerations)."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from accounts.roles import Role
from accounts.tests.factories import UserFactory, alice, bob, charlie  # noqa: F401
from core.quarters import Quarter
from purchasing import services as purchasing
from purchasing.models import InclusiveStructure
from purchasing.tests.factories import clause_admin, dora, head, library, make_ready_market  # noqa: F401
from steering.tests.factories_committee import hold_meeting, make_committee

QUARTER = Quarter(2026, 3)
NOTIFIED_ON = datetime.date(2026, 8, 4)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """The reports of each test in a directory of their own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def admin_role():
    return Role.COMMITTEE_MEMBER


@pytest.fixture
def ada(alice):
    return UserFactory(
        email="ada@roubaix.test",
        first_name="Ada",
        last_name="Conseil",
        organisation=alice.organisation,
        department=alice.department,
        roles=[Role.ADVISOR],
    )


def notified_market(buyer, advisor, library, *, notified_on=NOTIFIED_ON, amount="512345.67"):
    """A contract of the buyer walked through review, publication and award of each lot."""
    market = make_ready_market(buyer, library)
    market = purchasing.market_submit(actor=buyer, market=market)
    market = purchasing.market_approve(actor=advisor, market=market)
    market = purchasing.market_publish(
        actor=buyer, market=market, published_on=datetime.date(2026, 3, 10)
    )
    for number, lot in enumerate(market.lots.order_by("number"), start=1):
        purchasing.award_save(
            actor=buyer,
            lot=lot,
            supplier_name=f"Nettoyage Services du Nord {number}",
            siret=_siret(4412345600000 + number),
            is_sme=True,
            inclusive_structure=InclusiveStructure.SIAE,
            amount=Decimal(amount),
            notified_on=notified_on,
        )
    return market


def _siret(n: int) -> str:
    from core.siret import luhn_valid

    base = f"{n:013d}"
    return next(base + str(d) for d in range(10) if luhn_valid(base + str(d)))


@pytest.fixture
def council(alice, bob, ada, library):
    """Roubaix with its committee, a meeting of the quarter and a notified contract."""
    make_committee(alice, technicians=1, representatives=1)
    hold_meeting(alice, held_on=datetime.date(2026, 9, 17), decisions=2)
    hold_meeting(alice, held_on=datetime.date(2026, 6, 11), decisions=1, place="Ailleurs")
    notified_market(bob, ada, library)
    return alice.organisation


def pdf_text(data: bytes) -> str:
    """The PDF's text, spaces of every kind made plain."""
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def page_size_mm(data: bytes) -> list[tuple[int, int]]:
    reader = PdfReader(io.BytesIO(data))
    return [
        (
            round(float(page.mediabox.width) * 25.4 / 72),
            round(float(page.mediabox.height) * 25.4 / 72),
        )
        for page in reader.pages
    ]


def plain(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", str(text))
