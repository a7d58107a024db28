"""The sizes of the bench's data set (`BENCH_SCALE`): `full` is the design size of a whole
regional network (issue 16), `small` runs in a few minutes, `tiny` is the tests' size."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    organisations: int
    people: int
    contracts: int
    purchases: int
    # Lines of the measured import, contracts of the exports.
    import_lines: int
    export_contracts: int
    departments: int = 10

    @property
    def council_contracts(self) -> int:
        """The first organisation (the regional council) holds 30 % of the contracts."""
        return self.contracts * 3 // 10


SCALES = {
    "tiny": Scale("tiny", 2, 60, 300, 3_000, import_lines=200, export_contracts=100),
    "small": Scale("small", 4, 800, 10_000, 100_000, import_lines=10_000, export_contracts=2_000),
    "full": Scale(
        "full", 10, 5_000, 100_000, 1_000_000, import_lines=100_000, export_contracts=20_000
    ),
}
