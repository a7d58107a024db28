"""The rows of `manage.py bench`: an organisation of its own (slug « bench ») with its people,
two approved clauses, N contracts and one large contract written with `bulk_create` (bypassing
`purchasing.services` on purpose: see the command's docstring), and their deletion with the
history and login traces they left. Other organisations' rows are never changed.

SIRETs come from `core.siret.make_siret`, the bench numbering from 60,000,000."""

import contextlib
import datetime
import random
import time
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.models import ProtectedError
from django.test.utils import override_settings
from django.utils import timezone

from accounts.models import Department, Organisation, OrganisationKind, User
from accounts.roles import Role
from accounts.validators import validate_siret
from clauses.models import (
    Clause,
    ClauseCategory,
    ClauseKind,
    ClauseVersion,
    CpvCode,
    DecpConsideration,
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
    ExecutionFollowUp,
    FollowUpStatus,
    InclusiveStructure,
    Lot,
    Market,
    MarketEvent,
    MarketNature,
    MarketStatus,
    Procedure,
    ReviewComment,
    ReviewSection,
    Supplier,
    Theme,
    ThemeAssessment,
)

from .data import INSERTION_PARAMETERS, PLACES, SUBJECTS

SLUG = "bench"
# Contracts written per round of bulk inserts: keeps memory flat whatever N is.
CHUNK = 2_000
BATCH = 1_000
EMAIL_DOMAIN = "bench.invalid"
# Shared reference rows created only when the database has none; found again by these marks.
FAMILY_CODE = "bench"
FAMILY_NAME = "Banc d'essai (manage.py bench)"
CPV_CODE = "30192000-1"
CPV_MARK = "Office supplies (created by manage.py bench)"
LARGE_REFERENCE = "BENCH-GRAND"
LARGE_LOTS = 40
LARGE_EVENTS = 20
LARGE_COMMENTS = 10
SUPPLIERS = 20
# Statuses in which contracts have their lots awarded.
AWARDED_STATUSES = {MarketStatus.AWARDED, MarketStatus.IN_EXECUTION, MarketStatus.CLOSED}
PUBLISHED_STATUSES = AWARDED_STATUSES | {MarketStatus.PUBLISHED}


@dataclass
class Cast:
    """The people and reference rows the contracts are written with."""

    organisation: Organisation
    departments: list[Department]
    buyers: list[User]  # one per department
    advisor: User
    clause_admin: User
    social: ClauseVersion
    environmental: ClauseVersion
    family: PurchaseFamily
    cpv: CpvCode
    suppliers: list[Supplier]


class BenchRows:
    """What the command writes and deletes (a mixin of the command: it reports on
    `self.stdout`)."""

    # --- The organisation, its people and its clauses --------------------------------------

    def _free_siret(self) -> str:
        taken = set(Organisation.objects.values_list("siret", flat=True))
        for number in range(10_000):
            siret = make_siret(60_000_000 + number)
            if siret not in taken:
                validate_siret(siret)
                return siret
        raise CommandError("No free SIRET for the bench organisation.")

    @transaction.atomic
    def _create_cast(self) -> Cast:
        groups = {group.name: group for group in Group.objects.filter(name__in=Role.values)}
        if not {Role.BUYER, Role.ADVISOR, Role.CLAUSE_ADMIN} <= set(groups):
            raise CommandError("The role groups are missing: run `manage.py migrate` first.")
        organisation = Organisation(
            name="Banc d'essai (manage.py bench)",
            slug=SLUG,
            kind=OrganisationKind.OTHER,
            siret=self._free_siret(),
            address="1 rue du Banc",
            postcode="59000",
            city="Lille",
        )
        organisation.full_clean()
        organisation.save()
        departments = [
            Department.objects.create(organisation=organisation, code=code, name=name)
            for code, name in (("BENCH-A", "Banc A"), ("BENCH-B", "Banc B"))
        ]

        def person(key, first_name, role, department=None):
            user = User.objects.create_user(
                email=f"{key}@{EMAIL_DOMAIN}",
                first_name=first_name,
                last_name="Banc",
                organisation=organisation,
                department=department,
            )
            user.groups.add(groups[role])
            return user

        buyers = [
            person("acheteur-a", "Alice", Role.BUYER, departments[0]),
            person("acheteur-b", "Bruno", Role.BUYER, departments[1]),
        ]
        advisor = person("conseil", "Camille", Role.ADVISOR)
        clause_admin = person("clauses", "Claude", Role.CLAUSE_ADMIN)
        social = self._approved_clause(
            clause_admin,
            code="bench-insertion",
            title="Insertion par l'activité économique",
            body=(
                "Le titulaire réserve {insertion_rate} des heures travaillées ({labour_share} "
                "de main-d'œuvre, {hourly_cost} de l'heure) à des personnes en insertion."
            ),
            parameters=INSERTION_PARAMETERS,
            category=ClauseCategory.SOCIAL_INSERTION,
            decp_consideration=DecpConsideration.SOCIAL_CLAUSE,
            ocds_goal=OcdsSustainabilityGoal.DISADVANTAGED_EMPLOYMENT,
        )
        environmental = self._approved_clause(
            clause_admin,
            code="bench-ecolabel",
            title="Produits écolabellisés",
            body="Au moins 80 % des produits livrés portent l'Ecolabel européen ou équivalent.",
            parameters=[],
            category=ClauseCategory.ENVIRONMENTAL,
            decp_consideration=DecpConsideration.ENVIRONMENTAL_CLAUSE,
            ocds_goal=OcdsSustainabilityGoal.POLLUTION_PREVENTION,
        )
        family = PurchaseFamily.objects.order_by("pk").first()
        if family is None:
            family = PurchaseFamily.objects.create(code=FAMILY_CODE, name=FAMILY_NAME)
        cpv = CpvCode.objects.order_by("pk").first()
        if cpv is None:
            cpv = CpvCode.objects.create(code=CPV_CODE, label_en=CPV_MARK)
        suppliers = self._insert(
            Supplier,
            [
                Supplier(
                    organisation=organisation,
                    name=f"Fournisseur {number:02d}",
                    siret=make_siret(60_100_000 + number),
                    is_sme=number % 2 == 0,
                    inclusive_structure=(
                        InclusiveStructure.SIAE if number % 5 == 0 else InclusiveStructure.NONE
                    ),
                )
                for number in range(1, SUPPLIERS + 1)
            ],
        )
        return Cast(
            organisation=organisation,
            departments=departments,
            buyers=buyers,
            advisor=advisor,
            clause_admin=clause_admin,
            social=social,
            environmental=environmental,
            family=family,
            cpv=cpv,
            suppliers=suppliers,
        )

    @staticmethod
    def _approved_clause(actor, **fields) -> ClauseVersion:
        clause = clause_services.clause_create(
            actor=actor,
            kind=ClauseKind.EXECUTION_CONDITION,
            ocds_strategies=[OcdsSustainabilityStrategy.CONTRACT_PERFORMANCE_CONDITIONS],
            **fields,
        )
        return clause_services.clause_approve(actor=actor, clause=clause)

    # --- The contracts ------------------------------------------------------------------

    def _create_contracts(self, cast: Cast, count: int) -> Market:
        """`count - 1` ordinary contracts and one large one; returns the large one."""
        rng = random.Random(20_000)  # noqa: S311 — sample data, not secrets
        today = timezone.localdate()
        first_launch = datetime.date(today.year - 2, 1, 1)
        statuses = list(MarketStatus)
        texts = {
            cast.social.pk: cast.social.render({}),
            cast.environmental.pk: cast.environmental.render({}),
        }
        with transaction.atomic():
            for start in range(0, count - 1, CHUNK):
                markets = []
                for index in range(start, min(start + CHUNK, count - 1)):
                    which = 0 if index % 4 == 0 else 1
                    status = statuses[index % len(statuses)]
                    launch = first_launch + datetime.timedelta(days=rng.randrange(3 * 365))
                    markets.append(
                        self._market(
                            cast,
                            rng,
                            reference=f"BENCH-{index:06d}",
                            department=cast.departments[which],
                            buyer=cast.buyers[which],
                            status=status,
                            launch=launch,
                        )
                    )
                self._write_children(cast, rng, self._insert(Market, markets), texts, start)
            large = self._market(
                cast,
                rng,
                reference=LARGE_REFERENCE,
                department=cast.departments[0],
                buyer=cast.buyers[0],
                status=MarketStatus.IN_EXECUTION,
                launch=today - datetime.timedelta(days=200),
            )
            large.title = "Nettoyage de tous les bâtiments (grand marché du banc)"
            large = self._insert(Market, [large])[0]
            self._write_large(cast, large, texts)
        return large

    @staticmethod
    def _insert(model, objects: list) -> list:
        """bulk_create; SQLite (3.35+) and PostgreSQL return the new keys the children need."""
        created = model.objects.bulk_create(objects, batch_size=BATCH)
        if created and created[0].pk is None:
            raise CommandError(
                f"This database does not return the keys of bulk inserts ({model.__name__})."
            )
        return created

    @staticmethod
    def _market(cast, rng, *, reference, department, buyer, status, launch) -> Market:
        place, postcode = rng.choice(PLACES)
        amount = Decimal(rng.randrange(5_000, 5_000_000))
        published = status in PUBLISHED_STATUSES
        return Market(
            organisation=cast.organisation,
            department=department,
            buyer=buyer,
            reference=reference,
            title=f"{rng.choice(SUBJECTS)} — {place} ({reference})",
            description="Besoin décrit pour le banc d'essai : quantités, lieux et délais.",
            purchase_family=cast.family,
            main_cpv=cast.cpv,
            nature=rng.choice(MarketNature.values),
            procedure=rng.choice(Procedure.values),
            estimated_amount=amount,
            duration_months=rng.choice((12, 24, 36, 48)),
            place=place,
            place_postcode=postcode,
            launch_date=launch,
            status=status,
            published_on=launch + datetime.timedelta(days=30) if published else None,
            publication_reference=f"BOAMP-{reference}" if published else "",
            abandon_reason="Besoin disparu." if status == MarketStatus.ABANDONED else "",
            created_by=buyer,
        )

    def _write_children(
        self, cast: Cast, rng, markets: list[Market], texts: dict, first: int
    ) -> None:
        """Lots (1 to 3), their criteria, a clause on some contracts, the five assessments,
        and awards for the contracts past award. Which contract gets what depends on its
        position (`first` is the position of the first one), not on its key: the same N gives
        the same contracts on every database."""
        position = {market.pk: first + index for index, market in enumerate(markets)}
        lots = []
        for index, market in enumerate(markets):
            count = 1 + index % 3
            for number in range(1, count + 1):
                lots.append(
                    Lot(
                        market=market,
                        number=number,
                        title=f"Lot {number}",
                        estimated_amount=(market.estimated_amount / count).quantize(
                            Decimal("0.01")
                        ),
                    )
                )
        lots = self._insert(Lot, lots)
        criteria, clauses, awards = [], [], []
        for lot in lots:
            market = lot.market
            criteria.append(AwardCriterion(lot=lot, kind=CriterionKind.PRICE, weight=50))
            variant = position[market.pk] % 5
            if variant == 0:
                criteria.append(AwardCriterion(lot=lot, kind=CriterionKind.TECHNICAL, weight=50))
            else:
                criteria.append(AwardCriterion(lot=lot, kind=CriterionKind.TECHNICAL, weight=40))
                extra = CriterionKind.ENVIRONMENTAL if variant % 2 else CriterionKind.SOCIAL
                criteria.append(AwardCriterion(lot=lot, kind=extra, weight=10))
            if lot.number == 1 and position[market.pk] % 4 == 1:
                clauses.append(self._applied(cast.environmental, market, lot, texts))
            if market.status in AWARDED_STATUSES:
                supplier = rng.choice(cast.suppliers)
                awards.append(
                    Award(
                        lot=lot,
                        supplier=supplier,
                        amount=(lot.estimated_amount * Decimal("0.95")).quantize(Decimal("0.01")),
                        notified_on=market.published_on + datetime.timedelta(days=60),
                        is_sme=supplier.is_sme,
                        inclusive_structure=supplier.inclusive_structure,
                    )
                )
        clauses += [
            self._applied(cast.social, market, None, texts)
            for market in markets
            if position[market.pk] % 3 == 0
        ]
        self._insert(AwardCriterion, criteria)
        self._insert(AppliedClause, clauses)
        self._insert(Award, awards)
        self._insert(ThemeAssessment, [a for m in markets for a in self._assessments(m)])

    @staticmethod
    def _applied(version, market, lot, texts) -> AppliedClause:
        return AppliedClause(
            market=market,
            lot=lot,
            clause_version=version,
            values={},
            rendered_text=texts[version.pk],
            added_by=market.buyer,
        )

    @staticmethod
    def _assessments(market) -> list[ThemeAssessment]:
        return [
            ThemeAssessment(
                market=market,
                theme=theme,
                considered=(market.pk + number) % 2 == 0,
                justification="" if (market.pk + number) % 2 == 0 else "Sans objet ici.",
            )
            for number, theme in enumerate(Theme.values)
        ]

    def _write_large(self, cast: Cast, market: Market, texts: dict) -> None:
        """The contract whose page is measured: many lots, clauses, follow-ups and events."""
        lots = self._insert(
            Lot,
            [
                Lot(market=market, number=number, title=f"Site {number}", estimated_amount=10_000)
                for number in range(1, LARGE_LOTS + 1)
            ],
        )
        criteria = []
        for lot in lots:
            criteria += [
                AwardCriterion(lot=lot, kind=CriterionKind.PRICE, weight=40),
                AwardCriterion(lot=lot, kind=CriterionKind.TECHNICAL, weight=30),
                AwardCriterion(lot=lot, kind=CriterionKind.ENVIRONMENTAL, weight=20),
                AwardCriterion(lot=lot, kind=CriterionKind.SOCIAL, weight=10),
            ]
        self._insert(AwardCriterion, criteria)
        self._insert(
            Award,
            [
                Award(
                    lot=lot,
                    supplier=cast.suppliers[lot.number % len(cast.suppliers)],
                    amount=9_500,
                    notified_on=market.launch_date + datetime.timedelta(days=90),
                )
                for lot in lots
            ],
        )
        clauses = self._insert(
            AppliedClause,
            [self._applied(cast.social, market, None, texts)]
            + [self._applied(cast.social, market, lot, texts) for lot in lots]
            + [self._applied(cast.environmental, market, lot, texts) for lot in lots],
        )
        start = market.launch_date + datetime.timedelta(days=120)
        follow_ups = []
        for clause in clauses:
            for quarter in range(4):
                begin = start + datetime.timedelta(days=91 * quarter)
                follow_ups.append(
                    ExecutionFollowUp(
                        applied_clause=clause,
                        period_start=begin,
                        period_end=begin + datetime.timedelta(days=90),
                        indicator="Heures d'insertion réalisées",
                        target=100,
                        achieved=80 + quarter * 5,
                        is_insertion_hours=clause.clause_version_id == cast.social.pk,
                        status=FollowUpStatus.MET,
                        recorded_by=market.buyer,
                    )
                )
        self._insert(ExecutionFollowUp, follow_ups)
        self._insert(ThemeAssessment, self._assessments(market))
        steps = [s for s in MarketStatus if s != MarketStatus.ABANDONED]
        self._insert(
            MarketEvent,
            [
                MarketEvent(
                    market=market,
                    actor=cast.buyers[0] if number % 2 else cast.advisor,
                    from_status=steps[number % len(steps)],
                    to_status=steps[(number + 1) % len(steps)],
                    comment=f"Étape {number}",
                )
                for number in range(LARGE_EVENTS)
            ],
        )
        self._insert(
            ReviewComment,
            [
                ReviewComment(
                    market=market,
                    author=cast.advisor,
                    section=ReviewSection.CLAUSES,
                    text=f"Remarque {number} sur les clauses.",
                )
                for number in range(LARGE_COMMENTS)
            ],
        )
        market.extra_cpvs.through.objects.bulk_create(
            [market.extra_cpvs.through(market_id=market.pk, cpvcode_id=cast.cpv.pk)]
        )

    def _analyze(self) -> None:
        """Refresh PostgreSQL's planner statistics of the tables just filled, as autovacuum
        would soon do on a live server: without them the planner guesses, and the measures
        would show plans that production does not use. (SQLite keeps no statistics unless
        ANALYZE is run by hand, which the application never does.)"""
        if connection.vendor != "postgresql":
            return
        models = (
            Organisation,
            Department,
            User,
            ClauseVersion,
            Supplier,
            Market,
            Lot,
            AwardCriterion,
            AppliedClause,
            Award,
            ThemeAssessment,
            ExecutionFollowUp,
            MarketEvent,
            ReviewComment,
        )
        tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {tables}")
        self.stdout.write("Planner statistics refreshed (ANALYZE).")

    # --- Deletion ------------------------------------------------------------------------

    def _delete(self, organisation: Organisation) -> None:
        """Everything of the bench organisation, children first (PROTECT keys), with the
        history rows the services wrote; no new history row is written meanwhile."""
        started = time.perf_counter()
        org = organisation.pk
        user_ids = list(User.objects.filter(organisation_id=org).values_list("pk", flat=True))
        emails = list(User.objects.filter(pk__in=user_ids).values_list("email", flat=True))
        markets = Market.objects.filter(organisation_id=org)
        lots = Lot.objects.filter(market__organisation_id=org)
        applied = AppliedClause.objects.filter(market__organisation_id=org)
        with override_settings(SIMPLE_HISTORY_ENABLED=False), transaction.atomic():
            history = [
                (ExecutionFollowUp, {"applied_clause_id__in": applied.values("pk")}),
                (AwardCriterion, {"lot_id__in": lots.values("pk")}),
                (Award, {"lot_id__in": lots.values("pk")}),
                (AppliedClause, {"market_id__in": markets.values("pk")}),
                (ThemeAssessment, {"market_id__in": markets.values("pk")}),
                (Lot, {"market_id__in": markets.values("pk")}),
                (Market, {"organisation_id": org}),
                (Supplier, {"organisation_id": org}),
                (Clause, {"organisation_id": org}),
                (User, {"id__in": user_ids}),
                (Department, {"organisation_id": org}),
                (Organisation, {"id": org}),
            ]
            for model, condition in history:
                model.history.model._default_manager.filter(**condition).delete()
            ExecutionFollowUp.objects.filter(applied_clause__market__organisation_id=org).delete()
            applied.delete()
            AwardCriterion.objects.filter(lot__market__organisation_id=org).delete()
            Award.objects.filter(lot__market__organisation_id=org).delete()
            for model in (ThemeAssessment, ReviewComment, MarketEvent):
                model.objects.filter(market__organisation_id=org).delete()
            lots.delete()
            markets.delete()
            Supplier.objects.filter(organisation_id=org).delete()
            clauses = Clause.objects.filter(organisation_id=org)
            clauses.update(current_version=None)
            ClauseVersion.objects.filter(clause__organisation_id=org).delete()
            clauses.delete()
            self._delete_login_traces(emails)
            Department.objects.filter(organisation_id=org).update(head=None)
            User.objects.filter(pk__in=user_ids).delete()
            Department.objects.filter(organisation_id=org).delete()
            Organisation.objects.filter(pk=org).delete()
            self._delete_reference_rows()
        self.stdout.write(
            f"Deleted the bench organisation in {time.perf_counter() - started:.1f} s."
        )

    @staticmethod
    def _delete_login_traces(emails: list[str]) -> None:
        """The access log django-axes writes at each login."""
        from axes.models import AccessAttempt, AccessLog

        AccessLog.objects.filter(username__in=emails).delete()
        AccessAttempt.objects.filter(username__in=emails).delete()

    @staticmethod
    def _delete_reference_rows() -> None:
        """The family and CPV code the bench created on a database that had none. Someone may
        have used them since (after --keep): they stay, then."""
        family = PurchaseFamily.objects.filter(code=FAMILY_CODE, name=FAMILY_NAME).first()
        if family is not None:
            with contextlib.suppress(ProtectedError), transaction.atomic():
                PurchaseFamily.history.model._default_manager.filter(id=family.pk).delete()
                family.delete()
        with contextlib.suppress(ProtectedError), transaction.atomic():
            CpvCode.objects.filter(code=CPV_CODE, label_en=CPV_MARK).delete()
