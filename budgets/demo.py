"""Demo budgets, purchases and rules.

- The seed's two rules (20 % of each department's office-supplies budget eco-responsible,
  100 % of paper spend recycled) in every demo organisation: through `rule_create` as the
  council's clause administrator for the council; the partner authorities have no clause
  administrator, so their rules are written by `_seed_rules_for_setup`, for setup only.
- For every department of the council (npdc): budgets for 2024 to 2026 for office supplies,
  paper, IT equipment, furniture and cleaning products, and the purchase lines of those years
  from 1 January 2024 up to today (work clothes too, without budget), imported as the finance
  officer would (`import_preview` / `import_confirm`): one file of budgets, one file of
  purchases per year (CSV with `;`, decimal comma and DD/MM/YYYY dates for 2024, CSV with `,`
  and ISO dates for 2025, XLSX for 2026).

The lines are generated from a seeded random generator, one per department and year, so they
are the same on every run; the shares are chosen so that LYC, ENV and ACH meet the 20 % rule,
TRA, RH and DSI do not, ENV buys only recycled paper and the others some that is not. Each year
has credit notes (negative lines). Running the demo again the same day adds nothing: known
references are skipped, budgets already at their amount are left alone, existing rules are kept;
on a later day it adds only the lines dated since. "Today" is read once, in `load`, from the
site's clock (or given), and every part of the load uses that one day."""

import csv
import datetime
import io
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import Department, Organisation, User
from clauses.models import PurchaseFamily
from core.cells import csv_text, xlsx_cell
from core.history import history_save

from .imports import BUDGET_COLUMNS, PURCHASE_COLUMNS, known_references
from .models import Budget, ImportKind, ImportStatus, PurchasingRule, RuleBasis
from .services import imports as import_services
from .services import rules as rule_services

DEMO_ORGANISATION = "npdc"
FINANCE_OFFICER = "finances@npdc.test"
CLAUSE_ADMIN = "clauses@npdc.test"
YEARS = (2024, 2025, 2026)

# The seed's two rules (DESIGN.md §4), in force from the first year of the demo data.
SEED_RULES = [
    {
        "name": "20 % du budget de fournitures de bureau en fournitures écoresponsables",
        "family": "office-supplies",
        "basis": RuleBasis.BUDGET,
        "threshold_percent": Decimal("20"),
        "accepts_eco_label": True,
        "accepts_recycled": False,
        "min_recycled_percent": None,
        "accepts_reuse": False,
        "first_year": YEARS[0],
        "last_year": None,
    },
    {
        "name": "100 % de papier recyclé",
        "family": "paper",
        "basis": RuleBasis.SPEND,
        "threshold_percent": Decimal("100"),
        "accepts_eco_label": False,
        "accepts_recycled": True,
        "min_recycled_percent": 100,
        "accepts_reuse": False,
        "first_year": YEARS[0],
        "last_year": None,
    },
]

# Budgets of 2024 in euros; +3 % a year after.
BUDGETS = {
    "office-supplies": {
        "LYC": 48000,
        "TRA": 16000,
        "ENV": 12000,
        "ACH": 9000,
        "RH": 14000,
        "DSI": 18000,
    },
    "paper": {"LYC": 36000, "TRA": 7000, "ENV": 5000, "ACH": 6000, "RH": 9000, "DSI": 4000},
    "it-equipment": {
        "LYC": 120000,
        "TRA": 25000,
        "ENV": 15000,
        "ACH": 12000,
        "RH": 18000,
        "DSI": 260000,
    },
    "furniture": {"LYC": 90000, "TRA": 10000, "ENV": 8000, "ACH": 6000, "RH": 12000, "DSI": 9000},
    "cleaning-products": {
        "LYC": 70000,
        "TRA": 6000,
        "ENV": 4000,
        "ACH": 3000,
        "RH": 5000,
        "DSI": 3000,
    },
}
# Eco-labelled office supplies, as a share of the office-supplies budget, in 2024, 2025, 2026:
# LYC, ENV and ACH above the 20 % of the rule, TRA, RH and DSI below it.
OFFICE_ECO_SHARE = {
    "LYC": (0.24, 0.27, 0.31),
    "ENV": (0.38, 0.42, 0.46),
    "ACH": (0.26, 0.29, 0.33),
    "TRA": (0.08, 0.11, 0.14),
    "RH": (0.12, 0.15, 0.16),
    "DSI": (0.04, 0.06, 0.09),
}
# Share of the paper spend that is 100 % recycled: only ENV buys nothing else.
PAPER_RECYCLED_SHARE = {
    "LYC": (0.70, 0.80, 0.90),
    "ENV": (1.0, 1.0, 1.0),
    "ACH": (0.92, 0.97, 0.98),
    "TRA": (0.50, 0.60, 0.65),
    "RH": (0.85, 0.90, 0.95),
    "DSI": (0.60, 0.55, 0.70),
}
# Departments that buy work clothes (no budget for them).
TEXTILE_BUYERS = {"LYC": 9000, "TRA": 14000}


@dataclass(frozen=True)
class Item:
    description: str
    supplier: str
    labels: str = ""
    recycled: int | None = None
    reuse: bool = False


OFFICE_ECO = [
    Item("Cahiers et blocs-notes Écolabel européen", "Bureau Vert Hauts-de-France", "eu-ecolabel"),
    Item(
        "Stylos et surligneurs rechargeables NF Environnement",
        "Bureau Vert Hauts-de-France",
        "nf-environnement",
    ),
    Item("Classeurs et chemises en carton Ange bleu", "Papeteries de la Lys", "blue-angel"),
    Item("Enveloppes kraft FSC et Écolabel européen", "Enveloppes du Cambrésis", "eu-ecolabel|fsc"),
    Item("Agendas et carnets Cygne nordique", "Atelier Papier Solidaire", "nordic-swan"),
    Item(
        "Boîtes d'archives en carton recyclé Ange bleu",
        "Atelier Papier Solidaire",
        "blue-angel|recycled-100",
        100,
    ),
]
OFFICE_PLAIN = [
    Item("Cartouches d'encre et toners", "Informatique Nord Services"),
    Item("Agrafes, trombones et rubans adhésifs", "Fournitures Express Nord"),
    Item("Notes repositionnables et marqueurs effaçables", "Fournitures Express Nord"),
    Item("Classeurs à levier en polypropylène", "Bureau Vert Hauts-de-France"),
    Item("Stylos à bille jetables", "Fournitures Express Nord"),
    Item("Cahiers 50 % recyclés", "Papeteries de la Lys", "", 50),
]
PAPER_RECYCLED = [
    Item("Ramettes A4 80 g 100 % recyclées", "Papeteries de la Lys", "recycled-100", 100),
    Item("Ramettes A4 recyclées Ange bleu", "Atelier Papier Solidaire", "blue-angel", 100),
    Item("Papier A3 recyclé pour la reprographie", "Papeteries de la Lys", "", 100),
    Item("Enveloppes en papier recyclé", "Enveloppes du Cambrésis", "recycled-100"),
]
PAPER_OTHER = [
    Item("Ramettes A4 80 g blanc extra, fibres vierges PEFC", "Papeteries de la Lys", "pefc"),
    Item("Papier couché brillant pour impressions couleur FSC", "Papeteries de la Lys", "fsc"),
    Item("Ramettes A4 50 % recyclées", "Enveloppes du Cambrésis", "", 50),
]
OTHER_FAMILIES = {
    "it-equipment": [
        Item("Ordinateurs portables", "Informatique Nord Services"),
        Item("Ordinateurs reconditionnés", "Réemploi Numérique Solidaire", reuse=True),
        Item("Smartphones reconditionnés", "Réemploi Numérique Solidaire", reuse=True),
        Item("Écrans Cygne nordique", "Informatique Nord Services", "nordic-swan"),
        Item("Imprimantes multifonctions Ange bleu", "Informatique Nord Services", "blue-angel"),
    ],
    "furniture": [
        Item("Mobilier scolaire en bois FSC", "Mobilier Éducatif du Nord", "fsc"),
        Item("Mobilier de bureau de réemploi", "Ressourcerie du Mobilier", reuse=True),
        Item("Sièges de bureau", "Mobilier Éducatif du Nord"),
        Item("Armoires métalliques en acier recyclé", "Agencement Bois Artois", "", 40),
    ],
    "cleaning-products": [
        Item("Produits d'entretien Écolabel européen", "Nord Hygiène Distribution", "eu-ecolabel"),
        Item(
            "Essuie-mains en ouate recyclée",
            "Nord Hygiène Distribution",
            "eu-ecolabel|recycled-100",
            100,
        ),
        Item("Détergents désinfectants", "Nord Hygiène Distribution"),
    ],
    "textile": [
        Item("Vêtements de travail en coton recyclé", "Textiles Solidaires du Nord", "", 30),
        Item("Vêtements de travail haute visibilité", "Atelier Textile Inclusif"),
        Item("Linge de travail de réemploi", "Textiles Solidaires du Nord", reuse=True),
    ],
}
OFFICE_RETURN = Item(
    "Avoir : retour de cartouches d'encre non conformes", "Fournitures Express Nord"
)
ECO_RETURN = Item(
    "Avoir : remise de fin d'année sur fournitures écolabellisées",
    "Bureau Vert Hauts-de-France",
    "eu-ecolabel",
)
PAPER_RETURN = Item("Avoir : ramettes livrées endommagées", "Papeteries de la Lys", "pefc")
RECYCLED_PAPER_RETURN = Item(
    "Avoir : ramettes recyclées livrées endommagées", "Papeteries de la Lys", "recycled-100", 100
)


def budget_amount(family: str, department: str, year: int) -> Decimal:
    base = Decimal(BUDGETS[family][department])
    # Rounded to the hundred euros.
    return (base * (1 + Decimal("0.03") * (year - YEARS[0])) / 100).quantize(Decimal("1")) * 100


# Generation ------------------------------------------------------------------------------------


class _Lines:
    """The purchase lines of one department and year, numbered in the order they are made:
    the same references and values on every run, whatever the date."""

    def __init__(self, department: str, year: int):
        self.department, self.year = department, year
        self.rng = random.Random(f"{DEMO_ORGANISATION}-{department}-{year}")  # noqa: S311 — sample data
        self.rows: list[dict] = []

    def add(self, family: str, month: int, cents: int, item: Item) -> None:
        day = datetime.date(self.year, month, self.rng.randint(1, 28))
        self.rows.append(
            {
                "reference": f"NPDC-{self.year}-{self.department}-{len(self.rows) + 1:04d}",
                "date": day,
                "department": self.department,
                "family": family,
                "supplier": item.supplier,
                "description": item.description,
                "amount_excl_vat": Decimal(cents) / 100,
                "eco_labels": item.labels,
                "recycled_content": item.recycled,
                "reuse": item.reuse,
            }
        )

    def spread(self, family: str, total: Decimal, items: list[Item], per_month: tuple[int, int]):
        """Lines of `items` worth `total` over the year: uneven months, a few lines each."""
        total_cents = int(total * 100)
        months = [self.rng.randint(60, 140) for _ in range(12)]
        for month, weight in enumerate(months, start=1):
            month_cents = total_cents * weight // sum(months)
            parts = [self.rng.randint(50, 150) for _ in range(self.rng.randint(*per_month))]
            for part in parts:
                self.add(family, month, month_cents * part // sum(parts), self.rng.choice(items))

    def credit_note(self, family: str, item: Item, euros: tuple[int, int]) -> None:
        self.add(family, self.rng.randint(2, 12), -100 * self.rng.randint(*euros), item)


def purchase_rows(department: str, year: int) -> list[dict]:
    """Every line of a department's year, also those dated after today."""
    index = YEARS.index(year)
    lines = _Lines(department, year)
    office = budget_amount("office-supplies", department, year)
    eco = office * Decimal(str(OFFICE_ECO_SHARE[department][index]))
    spent = office * Decimal(str(lines.rng.uniform(0.88, 0.97))).quantize(Decimal("0.01"))
    lines.spread("office-supplies", eco, OFFICE_ECO, (1, 3))
    lines.spread("office-supplies", spent - eco, OFFICE_PLAIN, (2, 3))
    lines.credit_note("office-supplies", OFFICE_RETURN, (60, 300))
    if department in {"LYC", "ENV"}:
        lines.credit_note("office-supplies", ECO_RETURN, (50, 150))

    paper = budget_amount("paper", department, year)
    paper *= Decimal(str(lines.rng.uniform(0.85, 1.0))).quantize(Decimal("0.01"))
    recycled = paper * Decimal(str(PAPER_RECYCLED_SHARE[department][index]))
    lines.spread("paper", recycled, PAPER_RECYCLED, (1, 2))
    if recycled < paper:
        lines.spread("paper", paper - recycled, PAPER_OTHER, (1, 1))
    # The returned paper is of the kind the department mostly buys.
    mostly_recycled = PAPER_RECYCLED_SHARE[department][index] >= 0.9
    lines.credit_note(
        "paper", RECYCLED_PAPER_RETURN if mostly_recycled else PAPER_RETURN, (40, 200)
    )

    for family in ("it-equipment", "furniture", "cleaning-products"):
        total = budget_amount(family, department, year) * Decimal("0.9")
        lines.spread(family, total, OTHER_FAMILIES[family], (0, 2))
    if department in TEXTILE_BUYERS:
        lines.spread(
            "textile", Decimal(TEXTILE_BUYERS[department]), OTHER_FAMILIES["textile"], (0, 1)
        )
    return lines.rows


# Files -----------------------------------------------------------------------------------------


def _cell(value, *, decimal_comma: bool, french_dates: bool) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(value).replace(".", ",") if decimal_comma else str(value)
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y") if french_dates else value.isoformat()
    return csv_text(str(value))


def csv_file(rows, columns, *, delimiter=";", decimal_comma=True, french_dates=True, bom=True):
    """A CSV file as spreadsheets and finance systems write them."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [
                _cell(row[column], decimal_comma=decimal_comma, french_dates=french_dates)
                for column in columns
            ]
        )
    return ("\ufeff" if bom else "").encode() + text.getvalue().encode()


def xlsx_file(rows, columns) -> bytes:
    """An XLSX workbook: dates as dates, amounts as numbers, as an export from a spreadsheet."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Mandats")
    sheet.append(list(columns))
    for row in rows:
        sheet.append(
            [
                float(value) if isinstance(value, Decimal) else xlsx_cell(sheet, _xlsx_cell(value))
                for value in (row[column] for column in columns)
            ]
        )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _xlsx_cell(value):
    if isinstance(value, bool):
        return "oui" if value else "non"
    return value


# Loading ---------------------------------------------------------------------------------------


def _import(organisation, actor, kind, content: bytes, file_name: str):
    batch = import_services.import_preview(
        actor=actor, organisation=organisation, kind=kind, content=content, file_name=file_name
    )
    if batch.status != ImportStatus.PREVIEW:
        raise RuntimeError(f"The demo file {file_name} was refused: {batch.errors[:5]}")
    return import_services.import_confirm(actor=actor, batch=batch)


def load_budgets(organisation, actor) -> int:
    """Import the demo budgets that are missing or at another amount; returns their number."""
    departments = list(
        Department.objects.filter(organisation=organisation, code__in=OFFICE_ECO_SHARE)
        .order_by("code")
        .values_list("code", flat=True)
    )
    existing = {
        (department, year, family): amount
        for department, year, family, amount in Budget.objects.filter(
            organisation=organisation, year__in=YEARS
        ).values_list("department__code", "year", "family__code", "amount")
    }
    rows = []
    for year in YEARS:
        for department in departments:
            for family in BUDGETS:
                amount = budget_amount(family, department, year)
                if existing.get((department, year, family)) != amount:
                    rows.append(
                        {"department": department, "year": year, "family": family, "amount": amount}
                    )
    if rows:
        _import(
            organisation,
            actor,
            ImportKind.BUDGETS,
            csv_file(rows, BUDGET_COLUMNS),
            f"budgets-{YEARS[0]}-{YEARS[-1]}.csv",
        )
    return len(rows)


def load_purchases(organisation, actor, *, today: datetime.date) -> int:
    """Import the demo lines dated up to today that are not there yet; returns their number."""
    departments = list(
        Department.objects.filter(organisation=organisation, code__in=OFFICE_ECO_SHARE)
        .order_by("code")
        .values_list("code", flat=True)
    )
    added = 0
    for year in YEARS:
        if year > today.year:
            continue
        rows = [
            row
            for department in departments
            for row in purchase_rows(department, year)
            if row["date"] <= today
        ]
        known = known_references(organisation, [row["reference"] for row in rows])
        rows = sorted(
            (row for row in rows if row["reference"] not in known),
            key=lambda row: (row["date"], row["reference"]),
        )
        if not rows:
            continue
        if year == 2024:
            content, name = csv_file(rows, PURCHASE_COLUMNS), "export-mandats-2024.csv"
        elif year == 2025:
            content = csv_file(
                rows,
                PURCHASE_COLUMNS,
                delimiter=",",
                decimal_comma=False,
                french_dates=False,
                bom=False,
            )
            name = "export-mandats-2025.csv"
        else:
            content, name = xlsx_file(rows, PURCHASE_COLUMNS), f"export-mandats-{year}.xlsx"
        batch = _import(organisation, actor, ImportKind.PURCHASES, content, name)
        added += batch.rows_created
    return added


def _seed_rules_for_setup(organisation: Organisation, families) -> int:
    """The seed's rules of an organisation that has no clause administrator yet.

    Setup only (demo data): the row is checked with full_clean() as rule_create does, but no
    actor's right is checked and the history names no author. Never call it from a request."""
    existing = set(
        PurchasingRule.objects.filter(organisation=organisation).values_list("name", flat=True)
    )
    added = 0
    for fields in SEED_RULES:
        if fields["name"] in existing:
            continue
        rule = PurchasingRule(
            organisation=organisation, **{**fields, "family": families[fields["family"]]}
        )
        history_save(rule, actor=None, reason="Règle de départ (données de démonstration)")
        added += 1
    return added


def load_rules() -> int:
    """The seed's two rules in every organisation that lacks them; returns how many were added."""
    families = {family.code: family for family in PurchaseFamily.objects.all()}
    admin = User.objects.filter(email=CLAUSE_ADMIN).select_related("organisation").first()
    added = 0
    for organisation in Organisation.objects.order_by("slug"):
        if admin is not None and organisation.pk == admin.organisation_id:
            existing = set(
                PurchasingRule.objects.filter(organisation=organisation).values_list(
                    "name", flat=True
                )
            )
            for fields in SEED_RULES:
                if fields["name"] not in existing:
                    rule_services.rule_create(
                        actor=admin, **{**fields, "family": families[fields["family"]]}
                    )
                    added += 1
        else:
            added += _seed_rules_for_setup(organisation, families)
    return added


@transaction.atomic
def load(*, today: datetime.date | None = None) -> dict[str, int]:
    """Load what is missing of the demo budgets, purchases and rules; returns the counts."""
    today = today or timezone.localdate()
    organisation = Organisation.objects.get(slug=DEMO_ORGANISATION)
    officer = User.objects.get(email=FINANCE_OFFICER)
    return {
        "rules": load_rules(),
        "budgets": load_budgets(organisation, officer),
        "purchases": load_purchases(organisation, officer, today=today),
    }


def load_and_describe() -> list[str]:
    counts = load()
    organisation = Organisation.objects.get(slug=DEMO_ORGANISATION)
    purchases = organisation.purchases.count()
    return [
        f"Budgets: {counts['rules']} seed rules added, {counts['budgets']} budgets set, "
        f"{counts['purchases']} purchase lines added ({purchases} in the council's, "
        f"{YEARS[0]}–{YEARS[-1]})."
    ]
