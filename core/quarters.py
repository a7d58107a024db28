"""Calendar quarters: the periods of the dashboards, of the quarterly reports and of the
contract list's "notified in" filter, written "2026-T3" in addresses and files."""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

_WRITTEN = re.compile(r"^(\d{4})-T([1-4])$")
# Quarters outside these years are typing mistakes, not periods anybody reports on.
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1 to 4

    def __post_init__(self):
        if not 1 <= self.number <= 4:
            raise ValueError(f"quarter {self.number} is not between 1 and 4")

    @classmethod
    def parse(cls, text: str) -> "Quarter | None":
        """The quarter written "2026-T3" (as `str()` writes it); None when it is not one."""
        match = _WRITTEN.match(str(text).strip())
        if match is None or not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
            return None
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def of(cls, day: datetime.date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def last_complete(cls, on: datetime.date | None = None) -> "Quarter":
        """The last quarter ended before `on` (today by default): on 1 January, Q4 of the
        year before."""
        return cls.of(on or timezone.localdate()).previous()

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> datetime.date:
        """The last day of the quarter."""
        return self.next().start - datetime.timedelta(days=1)

    def previous(self) -> "Quarter":
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def next(self) -> "Quarter":
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def trend(self, count: int = 8) -> list["Quarter"]:
        """The `count` quarters ending with this one, the oldest first."""
        quarters = [self]
        while len(quarters) < count:
            quarters.append(quarters[-1].previous())
        return quarters[::-1]

    @property
    def short_label(self) -> str:
        return _("T%(number)s %(year)s") % {"number": self.number, "year": self.year}

    @property
    def label(self) -> str:
        ordinal = {1: _("1er"), 2: _("2e"), 3: _("3e"), 4: _("4e")}[self.number]
        return _("%(ordinal)s trimestre %(year)s") % {"ordinal": ordinal, "year": self.year}

    def __str__(self) -> str:
        return f"{self.year}-T{self.number}"
