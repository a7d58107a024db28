"""What the law and the organisation ask of a contract, computed from its rows.

Pure reads: the summary page, the submission and the open-data exports use the same answers."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from accounts.models import OrganisationKind
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
from .models.legal import (
    DEFAULT_RULES,
    EuThreshold,
    LegalRule,
    LegalRuleCode,
    ThresholdKind,
)

# CPV division 45: construction work. A contract of this division is a works contract.
WORKS_CPV_DIVISION = "45"
WORKS_FAMILY = "works"


@dataclass(frozen=True)
class LegalRules:
    """The dated rules and the European thresholds, read once per page or export."""

    rules: dict[str, LegalRule]
    thresholds: list[EuThreshold]

    @classmethod
    def load(cls) -> "LegalRules":
        """Two queries. A rule whose row is missing (never seeded, or deleted in the admin)
        keeps its legal default (`legal.DEFAULT_RULES`)."""
        rules = {code: LegalRule(code=code, **values) for code, values in DEFAULT_RULES.items()}
        rules.update({rule.code: rule for rule in LegalRule.objects.all()})
        return cls(rules=rules, thresholds=list(EuThreshold.objects.order_by("-valid_from")))

    @property
    def environmental(self) -> LegalRule:
        return self.rules[LegalRuleCode.ENVIRONMENTAL]

    @property
    def social(self) -> LegalRule:
        return self.rules[LegalRuleCode.SOCIAL]

    @property
    def single_criterion(self) -> LegalRule:
        return self.rules[LegalRuleCode.SINGLE_CRITERION]

    def threshold(self, market: Market) -> EuThreshold | None:
        """The European threshold of the contract at its launch date (None without one)."""
        if market.launch_date is None:
            return None
        kind = threshold_kind(market)
        return next(
            (
                threshold
                for threshold in self.thresholds
                if threshold.kind == kind and threshold.covers(market.launch_date)
            ),
            None,
        )


def threshold_kind(market: Market) -> str:
    """Works (CPV division 45, or the works family without a CPV yet), else supplies and
    services of the State or of the other buyers."""
    code = market.main_cpv.code if market.main_cpv_id else ""
    family = market.purchase_family.code if market.purchase_family_id else ""
    if code.startswith(WORKS_CPV_DIVISION) or (not code and family == WORKS_FAMILY):
        return ThresholdKind.WORKS
    if market.organisation.kind == OrganisationKind.STATE:
        return ThresholdKind.STATE_SUPPLIES
    return ThresholdKind.LOCAL_SUPPLIES


def since(rule: LegalRule) -> str:
    """« Consultation lancée à partir du 21 août 2026 (référence) », for the messages."""
    return _("Consultation lancée à partir du %(date)s (%(reference)s)") % {
        "date": formats.date_format(rule.starts_on, "j F Y"),
        "reference": rule.reference,
    }


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


def criteria_errors(
    criteria: list[dict],
    *,
    launch_date: datetime.date | None = None,
    legal: LegalRules | None = None,
) -> list[str]:
    """The faults of one lot's award criteria ({kind, weight, description}), as French
    messages. From the start of the single-criterion rule (decree 2022-767), a single
    criterion is the cost only when it takes the environmental characteristics of the offer
    into account: its description must say how."""
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
    elif len(criteria) == 1 and launch_date is not None:
        rule = (legal or LegalRules.load()).single_criterion
        if rule.applies_to(launch_date) and not str(criteria[0].get("description") or "").strip():
            errors.append(
                _(
                    "%(since)s : un critère unique ne peut être que le coût prenant en compte "
                    "les caractéristiques environnementales de l'offre. Décrivez dans le critère "
                    "comment le coût en tient compte, ou ajoutez d'autres critères."
                )
                % {"since": since(rule)}
            )
    return errors


def is_environmental_execution_clause(clause: AppliedClause) -> bool:
    version = clause.clause_version
    return version.kind == ClauseKind.EXECUTION_CONDITION and (
        version.category == ClauseCategory.ENVIRONMENTAL
        or version.decp_consideration == DecpConsideration.ENVIRONMENTAL_CLAUSE
    )


def is_social_execution_clause(clause: AppliedClause) -> bool:
    version = clause.clause_version
    return version.kind == ClauseKind.EXECUTION_CONDITION and (
        version.category in (ClauseCategory.SOCIAL_INSERTION, ClauseCategory.WORKING_CONDITIONS)
        or version.decp_consideration == DecpConsideration.SOCIAL_CLAUSE
    )


def climate_law_applies(market: Market, legal: LegalRules | None = None) -> bool:
    return (legal or LegalRules.load()).environmental.applies_to(market.launch_date)


def social_rule_applies(market: Market, legal: LegalRules | None = None) -> bool:
    """Launched from the start of art. L2112-2-1 with an estimated amount at or above the
    European threshold of its kind in force at its launch."""
    legal = legal or LegalRules.load()
    if not legal.social.applies_to(market.launch_date) or market.estimated_amount is None:
        return False
    threshold = legal.threshold(market)
    return threshold is not None and market.estimated_amount >= threshold.amount


def social_law_gaps(
    *, market: Market, clauses: list[AppliedClause], legal: LegalRules | None = None
) -> list[str]:
    """What art. L2112-2-1 asks and the contract lacks: a social execution condition (empty
    when the rule does not apply to it)."""
    legal = legal or LegalRules.load()
    if not social_rule_applies(market, legal):
        return []
    if any(is_social_execution_clause(clause) for clause in clauses):
        return []
    threshold = legal.threshold(market)
    return [
        _(
            "aucune condition d'exécution sociale pour un montant estimé au moins égal au seuil "
            "européen (%(amount)s € HT, %(kind)s)"
        )
        % {
            "amount": formats.number_format(threshold.amount, 0, force_grouping=True),
            "kind": threshold.get_kind_display().lower(),
        }
    ]


def climate_law_gaps(
    *,
    market: Market,
    lots: list[Lot],
    clauses: list[AppliedClause],
    legal: LegalRules | None = None,
) -> list[str]:
    """What art. 35 of the loi Climat et Résilience asks and the contract lacks (empty when
    the consultation is launched before the rule's start, 21 August 2026 by default)."""
    if not climate_law_applies(market, legal):
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
    legal: LegalRules | None = None,
) -> list[Missing]:
    """Everything that stops the contract from going to review, in the order of the steps.

    `lots` come with their criteria prefetched."""
    legal = legal or LegalRules.load()
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
        criteria = [
            {"kind": c.kind, "weight": c.weight, "description": c.description}
            for c in lot.criteria.all()
        ]
        for error in criteria_errors(criteria, launch_date=market.launch_date, legal=legal):
            items.append(
                Missing(
                    "criteres",
                    _("Lot %(number)s : %(error)s") % {"number": lot.number, "error": error},
                )
            )
    gaps = climate_law_gaps(market=market, lots=lots, clauses=clauses, legal=legal)
    if gaps and not market.climate_justification.strip():
        items.append(
            Missing(
                "criteres",
                _("%(since)s : %(gaps)s. Ajoutez-les ou justifiez leur absence.")
                % {"since": since(legal.environmental), "gaps": " ; ".join(gaps)},
            )
        )
    gaps = social_law_gaps(market=market, clauses=clauses, legal=legal)
    if gaps and not market.social_justification.strip():
        items.append(
            Missing(
                "criteres",
                _("%(since)s : %(gaps)s. Ajoutez-la ou justifiez son absence.")
                % {"since": since(legal.social), "gaps": " ; ".join(gaps)},
            )
        )
    return items
