"""The bench's data set on PostgreSQL: organisations « bench-01 »… with their departments,
people and roles, clauses (through the clause services), suppliers, contracts with their lots,
award criteria, applied clauses, assessments and awards, purchase rules, budgets and purchase
lines.

The people, clauses, rules and budgets are few and written with the ORM and services; the
contracts and purchase lines are written with COPY (`bench.copy`), **bypassing the services on
purpose**: they would take hours at full scale. The rows are shaped as the services write them
(valid keys and statuses, lots numbered from 1, weights summing to 100, awards notified after
publication), with no history. Which contract gets what depends on a seeded random generator:
the same scale gives the same data."""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Department, Organisation, OrganisationKind, User
from accounts.roles import Role
from budgets.models import Budget, ImportBatch, ImportKind, ImportStatus, Purchase, PurchasingRule
from clauses.models import (
    ClauseCategory,
    ClauseKind,
    ClauseVersion,
    CpvCode,
    DecpConsideration,
    EcoLabel,
    OcdsSustainabilityGoal,
    OcdsSustainabilityStrategy,
    PurchaseFamily,
)
from clauses.services import library as clause_services
from core.siret import make_siret
from purchasing.models import (
    AppliedClause,
    Award,
    AwardCriterion,
    CriterionKind,
    InclusiveStructure,
    Lot,
    Market,
    MarketNature,
    MarketStatus,
    Procedure,
    Supplier,
    Theme,
    ThemeAssessment,
)
from purchasing.services.figures import markets_figures_refresh

from .copy import Table, reserve
from .data import INSERTION_PARAMETERS, PLACES, SUBJECTS
from .scales import Scale

PREFIX = "bench-"
EMAIL_DOMAIN = "bench.invalid"
PASSWORD = "banc-d-essai-2026"  # the bench's people, on a development database
SUPPLIERS = 60
CHUNK = 5_000
AWARDED = {MarketStatus.AWARDED, MarketStatus.IN_EXECUTION, MarketStatus.CLOSED}
PUBLISHED = AWARDED | {MarketStatus.PUBLISHED}
# Statuses and their weights: most contracts are past their award, as in a live installation.
STATUSES = [
    (MarketStatus.DRAFT, 6),
    (MarketStatus.IN_REVIEW, 3),
    (MarketStatus.SENT_BACK, 1),
    (MarketStatus.APPROVED, 3),
    (MarketStatus.PUBLISHED, 8),
    (MarketStatus.AWARDED, 14),
    (MarketStatus.IN_EXECUTION, 40),
    (MarketStatus.CLOSED, 20),
    (MarketStatus.ABANDONED, 5),
]
# (code, title, category, kind, decp consideration, insertion parameters)
CLAUSES = [
    ("insertion", "Insertion par l'activité économique", ClauseCategory.SOCIAL_INSERTION,
     ClauseKind.EXECUTION_CONDITION, DecpConsideration.SOCIAL_CLAUSE, True),
    ("ecolabel", "Produits écolabellisés", ClauseCategory.ENVIRONMENTAL,
     ClauseKind.EXECUTION_CONDITION, DecpConsideration.ENVIRONMENTAL_CLAUSE, False),
    ("dechets", "Gestion des déchets de chantier", ClauseCategory.CIRCULAR_ECONOMY,
     ClauseKind.TECHNICAL_SPECIFICATION, "", False),
    ("reserve", "Marché réservé aux structures inclusives", ClauseCategory.SOCIAL_INSERTION,
     ClauseKind.RESERVED_CONTRACT, DecpConsideration.RESERVED_CONTRACT, False),
    ("travail", "Conditions de travail des sous-traitants", ClauseCategory.WORKING_CONDITIONS,
     ClauseKind.EXECUTION_CONDITION, DecpConsideration.SOCIAL_CLAUSE, False),
    ("carbone", "Bilan carbone des livraisons", ClauseCategory.ENVIRONMENTAL,
     ClauseKind.AWARD_CRITERION, DecpConsideration.ENVIRONMENTAL_CRITERION, False),
    ("reemploi", "Part de matériel de réemploi", ClauseCategory.CIRCULAR_ECONOMY,
     ClauseKind.EXECUTION_CONDITION, "", False),
    ("autre", "Clause d'information du public", ClauseCategory.OTHER,
     ClauseKind.SELECTION_CRITERION, "", False),
]  # fmt: skip


@dataclass
class Org:
    """One generated organisation: the keys the contracts and purchases are written with."""

    organisation: Organisation
    departments: list[Department]
    buyers: dict[int, list[int]]  # department key → buyer keys
    people: dict[str, User]  # role → one person with it (advisor, finance_officer, …)
    versions: list[ClauseVersion]
    suppliers: list[tuple[int, bool, str]] = field(default_factory=list)


def bench_organisations():
    return Organisation.objects.filter(slug__startswith=PREFIX).order_by("slug")


def _free_sirets(count: int) -> list[str]:
    taken = set(Organisation.objects.values_list("siret", flat=True))
    sirets = [make_siret(61_000_000 + n) for n in range(count + len(taken) + 1)]
    return [siret for siret in sirets if siret not in taken][:count]


class Generator:
    def __init__(self, scale: Scale, stdout=None):
        self.scale = scale
        self.rng = random.Random(16)  # noqa: S311 — sample data, not secrets
        self.write = stdout.write if stdout else (lambda text: None)
        self.today = timezone.localdate()
        self.families = list(PurchaseFamily.objects.order_by("pk"))
        self.cpvs = list(CpvCode.objects.order_by("pk")[:50])
        self.labels = list(EcoLabel.objects.order_by("pk").values_list("pk", flat=True))
        self.groups = {g.name: g for g in Group.objects.filter(name__in=Role.values)}
        if not self.families or len(self.groups) < len(Role.values):
            raise CommandError("Reference data is missing: run `manage.py migrate` first.")

    def run(self) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("The bench's generator writes with COPY: it needs PostgreSQL.")
        sizes = self._split(self.scale.contracts)
        purchases = self._split(self.scale.purchases)
        people = self._split(self.scale.people)
        for number, sirets in enumerate(_free_sirets(self.scale.organisations)):
            with transaction.atomic():
                org = self._organisation(number, sirets, people[number])
                self._contracts(org, sizes[number], number)
                self._money(org, purchases[number])
            self.write(
                f"  {org.organisation.name}: {sizes[number]:,} contracts, "
                f"{purchases[number]:,} purchase lines"
            )
        self.analyze()

    def _split(self, total: int) -> list[int]:
        """30 % for the council, the rest shared evenly."""
        rest = self.scale.organisations - 1
        first = total * 3 // 10 if rest else total
        shares = [first] + [(total - first) // rest] * rest if rest else [first]
        shares[-1] += total - sum(shares)
        return shares

    # --- Organisations, people, clauses ---------------------------------------------

    def _organisation(self, number: int, siret: str, people: int) -> Org:
        kind = OrganisationKind.REGION if number == 0 else OrganisationKind.COMMUNE
        organisation = Organisation.objects.create(
            name=f"Banc {number + 1:02d}" + (" (conseil régional)" if number == 0 else ""),
            slug=f"{PREFIX}{number + 1:02d}",
            kind=kind,
            siret=siret,
            address=f"{number + 1} rue du Banc",
            postcode="59000",
            city="Lille",
        )
        departments = Department.objects.bulk_create(
            [
                Department(organisation=organisation, code=f"D{d:02d}", name=f"Direction {d:02d}")
                for d in range(1, self.scale.departments + 1)
            ]
        )
        password = make_password(PASSWORD)
        slug = organisation.slug
        users = [
            User(
                email=f"p{n:05d}@{slug}.{EMAIL_DOMAIN}",
                first_name=f"Personne {n}",
                last_name="Banc",
                password=password,
                organisation=organisation,
                department=departments[n % len(departments)] if n >= 5 else None,
            )
            for n in range(max(people, 5 + 2 * len(departments)))
        ]
        users = User.objects.bulk_create(users, batch_size=2_000)
        roles = [Role.ADVISOR, Role.COMMITTEE_MEMBER, Role.FINANCE_OFFICER, Role.CLAUSE_ADMIN]
        roles.append(Role.ORG_ADMIN)
        memberships = [(users[n], roles[n]) for n in range(len(roles))]
        buyers: dict[int, list[int]] = {d.pk: [] for d in departments}
        for user in users[5:]:
            role = Role.DEPARTMENT_HEAD if user.pk % 7 == 0 else Role.BUYER
            memberships.append((user, role))
            if role == Role.BUYER:
                buyers[user.department_id].append(user.pk)
        for department in departments:
            if not buyers[department.pk]:
                raise CommandError("Too few people for the departments.")
        through = User.groups.through
        through.objects.bulk_create(
            [through(user_id=u.pk, group_id=self.groups[r].pk) for u, r in memberships],
            batch_size=5_000,
        )
        people_by_role = {str(role): users[n] for n, role in enumerate(roles)}
        versions = self._clauses(people_by_role[Role.CLAUSE_ADMIN], slug)
        org = Org(organisation, departments, buyers, people_by_role, versions)
        org.suppliers = self._suppliers(organisation, number)
        return org

    def _clauses(self, admin: User, slug: str) -> list[ClauseVersion]:
        versions = []
        for code, title, category, kind, decp, insertion in CLAUSES:
            clause = clause_services.clause_create(
                actor=admin,
                code=f"{slug}-{code}",
                title=title,
                body=(
                    "Le titulaire réserve {insertion_rate} des heures travaillées "
                    "({labour_share} de main-d'œuvre, {hourly_cost} de l'heure)."
                    if insertion
                    else f"{title} : engagement du titulaire, contrôlé en exécution."
                ),
                parameters=INSERTION_PARAMETERS if insertion else [],
                category=category,
                kind=kind,
                decp_consideration=decp,
                ocds_goal=OcdsSustainabilityGoal.POLLUTION_PREVENTION,
                ocds_strategies=[OcdsSustainabilityStrategy.CONTRACT_PERFORMANCE_CONDITIONS],
            )
            versions.append(clause_services.clause_approve(actor=admin, clause=clause))
        return versions

    def _suppliers(self, organisation, number: int) -> list[tuple[int, bool, str]]:
        first = reserve(Supplier, SUPPLIERS)
        rows = []
        for n in range(SUPPLIERS):
            structure = InclusiveStructure.SIAE if n % 9 == 0 else InclusiveStructure.NONE
            siret = make_siret(62_000_000 + number * 1_000 + n)
            rows.append((first + n, organisation.pk, f"Fournisseur {n:02d}", siret, n % 2 == 0,
                         structure))  # fmt: skip
        Table(
            Supplier, ("id", "organisation_id", "name", "siret", "is_sme", "inclusive_structure")
        ).write(rows)
        return [(row[0], row[4], row[5]) for row in rows]

    # --- Contracts ------------------------------------------------------------------------

    def _contracts(self, org: Org, count: int, number: int) -> None:
        rng = self.rng
        statuses = [s for s, _w in STATUSES]
        weights = [w for _s, w in STATUSES]
        first_launch = datetime.date(self.today.year - 4, 1, 1)
        span = (self.today - first_launch).days - 120
        texts = {v.pk: v.render({}) for v in org.versions}
        markets = Table(Market, MARKET_COLUMNS)
        lots_t = Table(Lot, ("id", "market_id", "number", "title", "estimated_amount"))
        criteria_t = Table(AwardCriterion, ("id", "lot_id", "kind", "weight"))
        clauses_t = Table(
            AppliedClause,
            ("id", "market_id", "lot_id", "clause_version_id", "values", "rendered_text",
             "added_by_id"),
        )  # fmt: skip
        awards_t = Table(
            Award,
            ("id", "lot_id", "supplier_id", "amount", "notified_on", "is_sme",
             "inclusive_structure"),
        )  # fmt: skip
        themes_t = Table(
            ThemeAssessment, ("id", "market_id", "theme", "considered", "justification")
        )
        organisation = org.organisation
        for start in range(0, count, CHUNK):
            size = min(CHUNK, count - start)
            market_key = reserve(Market, size)
            rows, lots, criteria, clauses, awards, themes = [], [], [], [], [], []
            for index in range(size):
                pk = market_key + index
                position = start + index
                department = org.departments[rng.randrange(len(org.departments))]
                buyer = rng.choice(org.buyers[department.pk])
                status = rng.choices(statuses, weights)[0]
                launch = first_launch + datetime.timedelta(days=rng.randrange(span))
                published = launch + datetime.timedelta(days=30) if status in PUBLISHED else None
                amount = Decimal(rng.randrange(5_000, 8_000_000))
                place, postcode = rng.choice(PLACES)
                reference = f"B{number + 1:02d}-{position:07d}"
                family = rng.choice(self.families)
                rows.append((
                    pk, organisation.pk, department.pk, buyer, reference,
                    f"{rng.choice(SUBJECTS)} — {place} ({reference})",
                    "Besoin décrit pour le banc d'essai : quantités, lieux et délais.",
                    family.pk, rng.choice(self.cpvs).pk if self.cpvs else None,
                    rng.choice(MarketNature.values), rng.choice(Procedure.values), amount,
                    rng.choice((12, 24, 36, 48)), place, postcode, launch, status, published,
                    f"BOAMP-{reference}" if published else "",
                    "Besoin disparu." if status == MarketStatus.ABANDONED else "", buyer,
                ))  # fmt: skip
                lot_count = rng.choices((1, 2, 3), (70, 21, 9))[0]
                lot_ids = []
                for lot_number in range(1, lot_count + 1):
                    lot_ids.append(len(lots))
                    lots.append([pk, lot_number, f"Lot {lot_number}",
                                 (amount / lot_count).quantize(Decimal("0.01"))])  # fmt: skip
                    extra = rng.choices((0, 1, 2, 3), (20, 18, 18, 44))[0]
                    kinds = [(CriterionKind.PRICE, 50)]
                    if extra == 0:
                        kinds.append((CriterionKind.TECHNICAL, 50))
                    elif extra == 3:
                        kinds += [(CriterionKind.TECHNICAL, 30), (CriterionKind.ENVIRONMENTAL, 10),
                                  (CriterionKind.SOCIAL, 10)]  # fmt: skip
                    else:
                        kind = CriterionKind.ENVIRONMENTAL if extra == 1 else CriterionKind.SOCIAL
                        kinds += [(CriterionKind.TECHNICAL, 40), (kind, 10)]
                    criteria.append((len(lots) - 1, kinds))
                    if status in AWARDED and rng.random() < 0.985:
                        supplier, is_sme, structure = rng.choice(org.suppliers)
                        notified = published + datetime.timedelta(days=rng.randrange(20, 90))
                        awards.append((len(lots) - 1, supplier, notified, is_sme, structure))
                for _n in range(rng.choices((0, 1, 2, 3, 4, 5), (10, 15, 20, 25, 18, 12))[0]):
                    version = rng.choice(org.versions)
                    on_lot = rng.random() < 0.3
                    lot_index = rng.choice(lot_ids) if on_lot else None
                    clauses.append((pk, lot_index, version.pk, texts[version.pk], buyer))
                for theme_number, theme in enumerate(Theme.values):
                    considered = (pk + theme_number) % 2 == 0
                    themes.append((pk, theme, considered, "" if considered else "Sans objet."))
            markets.write(rows)
            lot_key = reserve(Lot, len(lots))
            lots_t.write((lot_key + i, *lot) for i, lot in enumerate(lots))
            flat = [(lot_key + i, k, w) for i, kinds in criteria for k, w in kinds]
            criterion_key = reserve(AwardCriterion, len(flat))
            criteria_t.write((criterion_key + n, *row) for n, row in enumerate(flat))
            amount_of = {i: lot[3] for i, lot in enumerate(lots)}
            if awards:
                key = reserve(Award, len(awards))
                awards_t.write(
                    (key + n, lot_key + i, s, (amount_of[i] * Decimal("0.95")).quantize(
                        Decimal("0.01")), day, sme, structure)
                    for n, (i, s, day, sme, structure) in enumerate(awards)
                )  # fmt: skip
            if clauses:
                key = reserve(AppliedClause, len(clauses))
                clauses_t.write(
                    (key + n, m, None if i is None else lot_key + i, v, {}, text, by)
                    for n, (m, i, v, text, by) in enumerate(clauses)
                )
            key = reserve(ThemeAssessment, len(themes))
            themes_t.write((key + n, *row) for n, row in enumerate(themes))
            self.after_contracts(market_key, size)

    def after_contracts(self, first_key: int, count: int) -> None:
        """The figures stored on the contracts, computed from the rows just written by the
        service's own refresh."""
        markets_figures_refresh(Market.objects.filter(pk__gte=first_key, pk__lt=first_key + count))

    # --- Money: rules, budgets, purchase lines ------------------------------------------

    def _money(self, org: Org, count: int) -> None:
        organisation = org.organisation
        finance = org.people[Role.FINANCE_OFFICER]
        families = {f.code: f for f in self.families}
        this_year = self.today.year
        for code, name, threshold in (("office-supplies", "Fournitures écolabellisées", 30),
                                      ("paper", "Papier recyclé", 40)):  # fmt: skip
            if code in families:
                PurchasingRule.objects.create(
                    organisation=organisation, name=name, family=families[code],
                    basis="spend", threshold_percent=Decimal(threshold),
                    accepts_eco_label=True, accepts_recycled=True, min_recycled_percent=50,
                    accepts_reuse=True, first_year=this_year - 3,
                )  # fmt: skip
        Budget.objects.bulk_create(
            [
                Budget(organisation=organisation, department=department, year=year,
                       family=family, amount=Decimal(self.rng.randrange(50_000, 900_000)))
                for department in org.departments
                for family in self.families
                for year in range(this_year - 2, this_year + 1)
            ]
        )  # fmt: skip
        batches = {
            year: ImportBatch.objects.create(
                organisation=organisation, kind=ImportKind.PURCHASES, status=ImportStatus.IMPORTED,
                file_name=f"achats-{year}.csv", uploaded_by=finance, imported_by=finance,
                imported_at=timezone.now(), rows_total=0,
            )
            for year in range(this_year - 2, this_year + 1)
        }  # fmt: skip
        table = Table(Purchase, PURCHASE_COLUMNS)
        labels = Table(Purchase.eco_labels.through, ("id", "purchase_id", "ecolabel_id"))
        first_day = datetime.date(this_year - 2, 1, 1)
        span = (self.today - first_day).days + 1
        rng = self.rng
        for start in range(0, count, 50_000):
            size = min(50_000, count - start)
            key = reserve(Purchase, size)
            rows, tagged = [], []
            for n in range(size):
                day = first_day + datetime.timedelta(days=rng.randrange(span))
                recycled = rng.choice((None, None, None, 30, 60, 100))
                amount = Decimal(rng.randrange(-20_000, 400_000)) / 100
                if self.labels and rng.random() < 0.15:
                    tagged.append((key + n, rng.choice(self.labels)))
                rows.append((
                    key + n, organisation.pk, f"L{start + n:08d}", day,
                    rng.choice(org.departments).pk, rng.choice(self.families).pk,
                    f"Fournisseur {rng.randrange(400)}", "Ligne du logiciel financier",
                    amount, recycled, rng.random() < 0.05, batches[day.year].pk,
                ))  # fmt: skip
            table.write(rows)
            if tagged:
                label_key = reserve(Purchase.eco_labels.through, len(tagged))
                labels.write((label_key + i, *row) for i, row in enumerate(tagged))
        for batch in batches.values():
            batch.rows_total = batch.rows_created = batch.purchases.count()
            batch.save(update_fields=["rows_total", "rows_created"])
        self.after_purchases(organisation)

    def after_purchases(self, organisation) -> None:
        """What summaries of purchases need once the lines are written (none yet)."""

    def analyze(self) -> None:
        """Planner statistics of the filled tables, as autovacuum would soon give them."""
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


MARKET_COLUMNS = (
    "id", "organisation_id", "department_id", "buyer_id", "reference", "title", "description",
    "purchase_family_id", "main_cpv_id", "nature", "procedure", "estimated_amount",
    "duration_months", "place", "place_postcode", "launch_date", "status", "published_on",
    "publication_reference", "abandon_reason", "created_by_id",
)  # fmt: skip
PURCHASE_COLUMNS = (
    "id", "organisation_id", "reference", "date", "department_id", "family_id", "supplier",
    "description", "amount", "recycled_content", "reuse", "batch_id",
)  # fmt: skip
