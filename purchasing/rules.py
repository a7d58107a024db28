"""What the law and the organisation ask of a contract, computed from its rows.

Pure reads: the summary page, the submission and the open-data exports use the same answers."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from clauses.calculations import InsertionHours
from clauses.models import ClauseCategory, ClauseKind, DecpConsideration
from core.numbers import parse_decimal

from .models import (
    AppliedClause,
    AwardCriterion,
    CriterionKind,
    Lot,
    Market,
    Theme,
    ThemeAssessment,
)

NO_SOCIAL = "Pas de considération sociale"
NO_ENVIRONMENTAL = "Pas de considération environnementale"
SOCIAL_VALUES = (
    DecpConsideration.SOCIAL_CLAUSE,
    DecpConsideration.SOCIAL_CRITERION,
    DecpConsideration.RESERVED_CONTRACT,
)
ENVIRONMENTAL_VALUES = (
    DecpConsideration.ENVIRONMENTAL_CLAUSE,
    DecpConsideration.ENVIRONMENTAL_CRITERION,
)


@dataclass(frozen=True)
class DecpConsiderations:
    social: list[str]
    environmental: list[str]

    @property
    def has_social(self) -> bool:
        return self.social != [NO_SOCIAL]

    @property
    def has_environmental(self) -> bool:
        return self.environmental != [NO_ENVIRONMENTAL]


def decp_considerations(
    *, clauses: Iterable[AppliedClause], criteria: Iterable[AwardCriterion]
) -> DecpConsiderations:
    """The DECP 2024 values of `considerationsSociales` and `considerationsEnvironnementales`.

    Each applied clause yields the consideration of its version (a reserved-contract clause
    yields "Marché réservé"); a social or environmental award criterion yields "Critère
    social" or "Critère environnemental". Values come in the schema's order, each once."""
    found = {clause.clause_version.decp_consideration for clause in clauses}
    kinds = {criterion.kind for criterion in criteria}
    if CriterionKind.SOCIAL in kinds:
        found.add(DecpConsideration.SOCIAL_CRITERION)
    if CriterionKind.ENVIRONMENTAL in kinds:
        found.add(DecpConsideration.ENVIRONMENTAL_CRITERION)
    social = [str(value) for value in SOCIAL_VALUES if value in found] or [NO_SOCIAL]
    environmental = [str(value) for value in ENVIRONMENTAL_VALUES if value in found] or [
        NO_ENVIRONMENTAL
    ]
    return DecpConsiderations(social=social, environmental=environmental)


def criteria_errors(criteria: list[dict]) -> list[str]:
    """The faults of one lot's award criteria ({kind, weight}), as French messages."""
    if not criteria:
        return [_("Indiquez au moins un critère d'attribution.")]
    errors = []
    total = sum(int(criterion["weight"]) for criterion in criteria)
    if total != 100:
        errors.append(
            _("Les pondérations doivent totaliser exactement 100 %% : elles font %(total)s %%.")
            % {"total": total}
        )
    if len(criteria) == 1 and criteria[0]["kind"] != CriterionKind.COST:
        errors.append(
            _(
                "Un critère unique ne peut être que le coût, pas le prix (décret n° 2022-767) : "
                "choisissez le coût ou ajoutez d'autres critères."
            )
        )
    return errors


def is_environmental_execution_clause(clause: AppliedClause) -> bool:
    version = clause.clause_version
    return version.kind == ClauseKind.EXECUTION_CONDITION and (
        version.category == ClauseCategory.ENVIRONMENTAL
        or version.decp_consideration == DecpConsideration.ENVIRONMENTAL_CLAUSE
    )


def climate_law_gaps(*, market: Market, lots: list[Lot], clauses: list[AppliedClause]) -> list[str]:
    """What art. 35 of the loi Climat et Résilience asks and the contract lacks (empty when
    the consultation is launched before 22 August 2026)."""
    if not market.climate_law_applies:
        return []
    gaps = []
    if not any(is_environmental_execution_clause(clause) for clause in clauses):
        gaps.append(_("aucune condition d'exécution environnementale"))
    for lot in lots:
        if not any(c.kind == CriterionKind.ENVIRONMENTAL for c in lot.criteria.all()):
            gaps.append(
                _("le lot %(number)s n'a pas de critère d'attribution environnemental")
                % {"number": lot.number}
            )
    return gaps


def clause_insertion_hours(clause: AppliedClause, market: Market) -> Decimal | None:
    """Hours committed by an insertion clause: its `hours` value, else computed from the amount
    of its lot (or of the contract), the labour share, the rate and the hourly cost."""
    version = clause.clause_version
    if not InsertionHours.applies_to(version.parameters):
        return None
    if clause.values.get("hours") not in (None, ""):
        return parse_decimal(clause.values["hours"])
    return InsertionHours.of(
        amount=clause_amount(clause, market),
        values=clause.values,
        definitions=version.parameters,
    ).hours


def clause_amount(clause: AppliedClause, market: Market) -> Decimal | None:
    """The amount a clause applies to: its lot's, else the contract's."""
    return (clause.lot.estimated_amount if clause.lot_id else None) or market.estimated_amount


@dataclass(frozen=True)
class Missing:
    """Something to complete before submission, with the step where it is done."""

    step: str
    message: str


NEEDS_FIELDS = (
    ("title", _("l'objet du marché")),
    ("purchase_family_id", _("la famille d'achat")),
    ("main_cpv_id", _("le code CPV principal")),
    ("nature", _("la nature")),
    ("procedure", _("la procédure")),
    ("estimated_amount", _("le montant estimé")),
    ("duration_months", _("la durée")),
    ("place", _("le lieu d'exécution")),
    ("place_postcode", _("le code postal du lieu d'exécution")),
    ("launch_date", _("la date de lancement de la consultation")),
)


def missing(
    *,
    market: Market,
    lots: list[Lot],
    assessments: list[ThemeAssessment],
    clauses: list[AppliedClause],
) -> list[Missing]:
    """Everything that stops the contract from going to review, in the order of the steps.

    `lots` come with their criteria prefetched."""
    items = []
    for field, label in NEEDS_FIELDS:
        if getattr(market, field) in (None, ""):
            items.append(Missing("besoin", _("Renseignez %(field)s.") % {"field": label}))
    if not lots:
        items.append(Missing("besoin", _("Ajoutez au moins un lot (ou un lot unique).")))
    answered = {assessment.theme: assessment for assessment in assessments}
    for theme in Theme:
        assessment = answered.get(theme.value)
        if assessment is None:
            items.append(
                Missing(
                    "evaluation",
                    _("Dites si le thème « %(theme)s » est pris en compte.")
                    % {"theme": theme.label},
                )
            )
        elif not assessment.considered and not assessment.justification.strip():
            items.append(
                Missing(
                    "evaluation",
                    _("Dites pourquoi le thème « %(theme)s » n'est pas pris en compte.")
                    % {"theme": theme.label},
                )
            )
    for lot in lots:
        criteria = [{"kind": c.kind, "weight": c.weight} for c in lot.criteria.all()]
        for error in criteria_errors(criteria):
            items.append(
                Missing(
                    "criteres",
                    _("Lot %(number)s : %(error)s") % {"number": lot.number, "error": error},
                )
            )
    gaps = climate_law_gaps(market=market, lots=lots, clauses=clauses)
    if gaps and not market.climate_justification.strip():
        items.append(
            Missing(
                "criteres",
                _(
                    "Consultation lancée à partir du 22 août 2026 : %(gaps)s. Ajoutez-les ou "
                    "justifiez leur absence (loi Climat et résilience, art. 35)."
                )
                % {"gaps": " ; ".join(gaps)},
            )
        )
    return items
