"""Demo purchasing group of the seed: the textile group (groupement de commandes) coordinated
by the council with the six partner authorities, accompanied by the council's advisor; the
council's textile contracts of the purchasing demo run for it; production sites of their
suppliers abroad; four social audits, one without findings, the others with findings of
several severities, two corrective actions overdue and one closed with its evidence file.

Everything goes through the services, as the network coordinator and the advisor would do it
in the browser. Dates are relative to today so that "overdue" keeps its meaning. A second run
finds the group, links, sites and audits already there and adds nothing."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from accounts.models import Organisation, User
from clauses.models import PurchaseFamily
from purchasing import demo as purchasing_demo
from purchasing.models import Market, Supplier

from ..models import (
    Audit,
    AuditResult,
    AuditStandard,
    FindingStatus,
    FindingTopic,
    GroupContract,
    Network,
    ProductionSite,
    PurchasingGroup,
    Severity,
)
from ..services import groups as group_services
from ..services import supply_chain as supply_chain_services
from .meetings import demo_network

COORDINATOR = "npdc"
PARTNERS = [
    "dunkerque",
    "roubaix",
    "tourcoing",
    "villeneuve-d-ascq",
    "cu-dunkerque",
    "lille-metropole",
]
NETWORK_COORDINATOR = "reseau@npdc.test"
ADVISOR = "conseillere@npdc.test"
GROUP_NAME = "Groupement de commandes textile"
AGREEMENT_DATE = datetime.date(2024, 3, 18)

# The council's textile contracts of the purchasing demo that the group runs. The tenues of the
# bus stations were abandoned precisely because the group took the need over; the laboratory
# coats are a draft of the lycées alone.
GROUP_CONTRACTS = [
    "Vêtements de travail des agents techniques des lycées",
    "Linge et tenues des services de restauration des lycées",
    "Uniformes des contrôleurs du réseau régional",
]

# supplier key of purchasing.demo.SUPPLIERS: sites (name, country, city, activity, workers)
SITES = {
    "textile-siae": [
        ("Atelier de confection de Gazipur", "BD", "Gazipur", "Confection", 420),
        ("Tissage de Guimarães", "PT", "Guimarães", "Tissage et teinture", 130),
    ],
    "chaussures": [
        ("Usine de chaussures de Sousse", "TN", "Sousse", "Piqûre et montage", 260),
    ],
    "linge": [
        ("Atelier de linge de Savar", "BD", "Savar", "Confection du linge de cuisine", 180),
    ],
}

# (supplier key, site name, days ago, auditor, standard, scope, result, findings)
# findings: (topic, severity, description, corrective action, deadline in days from the
# audit, what happens next: None, "in_progress" or ("closed", days after the audit))
AUDITS = [
    (
        "textile-siae",
        "Atelier de confection de Gazipur",
        150,
        "Cabinet d'audit social Asie du Sud",
        AuditStandard.ILO_CORE,
        "Confection, entrepôt et dortoirs des ouvrières ; sous-traitants de broderie exclus.",
        AuditResult.MAJOR,
        [
            (
                FindingTopic.WORKING_HOURS,
                Severity.HIGH,
                "Heures supplémentaires au-delà de 60 heures par semaine en période de "
                "commande, sans enregistrement.",
                "Pointage électronique, planning des équipes revu, heures supplémentaires "
                "plafonnées à 12 heures par semaine.",
                90,
                "in_progress",
            ),
            (
                FindingTopic.FREEDOM_OF_ASSOCIATION,
                Severity.CRITICAL,
                "Aucun comité d'ouvriers élu ; deux déléguées écartées après avoir demandé une "
                "réunion.",
                "Réintégration des deux déléguées et élection d'un comité, sous le contrôle "
                "d'une organisation locale de défense des droits des travailleurs.",
                240,
                "in_progress",
            ),
            (
                FindingTopic.HEALTH_AND_SAFETY,
                Severity.MEDIUM,
                "Issues de secours encombrées au deuxième étage ; extincteurs non vérifiés "
                "depuis deux ans.",
                "Dégagement des issues, vérification des extincteurs, exercice d'évacuation filmé.",
                30,
                ("closed", 25),
            ),
        ],
    ),
    (
        "chaussures",
        "Usine de chaussures de Sousse",
        45,
        "Maghreb Conformité Sociale",
        AuditStandard.AMFORI_BSCI,
        "Piqûre, montage et magasin de l'usine de Sousse.",
        AuditResult.MINOR,
        [
            (
                FindingTopic.WAGES,
                Severity.MEDIUM,
                "Primes d'ancienneté de la convention collective non versées à 14 ouvriers.",
                "Rappel des primes dues sur douze mois, bulletins de paie contrôlés par "
                "l'auditeur.",
                75,
                None,
            ),
            (
                FindingTopic.DISCRIMINATION,
                Severity.LOW,
                "Offres d'emploi affichées mentionnant un âge maximal.",
                "Offres corrigées et procédure de recrutement écrite, affichée en arabe et en "
                "français.",
                60,
                None,
            ),
        ],
    ),
    (
        "linge",
        "Atelier de linge de Savar",
        100,
        "Cabinet d'audit social Asie du Sud",
        AuditStandard.SMETA,
        "Coupe, confection et repassage du linge de cuisine ; bâtiment et dortoir attenant.",
        AuditResult.MAJOR,
        [
            (
                FindingTopic.HEALTH_AND_SAFETY,
                Severity.HIGH,
                "Aucun rapport d'inspection de la structure du bâtiment de quatre étages ; "
                "générateur installé sur la toiture.",
                "Inspection de la structure par un ingénieur agréé, déplacement du générateur "
                "au sol, rapport transmis au groupement.",
                30,
                None,
            ),
            (
                FindingTopic.WAGES,
                Severity.MEDIUM,
                "Heures supplémentaires payées au taux normal pendant les pics de commande.",
                "Régularisation des majorations dues sur six mois et bulletins de paie "
                "détaillés, contrôlés lors d'une visite de suivi.",
                120,
                "in_progress",
            ),
        ],
    ),
    (
        "textile-siae",
        "Tissage de Guimarães",
        75,
        "Ibérica Auditoria Social",
        AuditStandard.AMFORI_BSCI,
        "Tissage, teinture et station de traitement des eaux de l'usine de Guimarães.",
        AuditResult.COMPLIANT,
        [],
    ),
]


def _pdf(title: str, lines: list[str]) -> bytes:
    """A small real PDF (WeasyPrint, already a dependency for the certificates)."""
    from weasyprint import HTML  # Heavy: loaded only here.

    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    page = f'<html lang="fr"><body><h1>{escape(title)}</h1>{body}</body></html>'
    return HTML(string=page).write_pdf()


def _network(coordinator: User) -> Network:
    """The demo network of the meetings part."""
    return demo_network()


def _group(coordinator: User, advisor: User, lines: list[str]) -> PurchasingGroup:
    council = Organisation.objects.get(slug=COORDINATOR)
    group = PurchasingGroup.objects.filter(
        coordinator_organisation=council, name=GROUP_NAME
    ).first()
    if group is not None:
        return group
    partners = list(Organisation.objects.filter(slug__in=PARTNERS))
    group = group_services.group_create(
        actor=coordinator,
        name=GROUP_NAME,
        coordinator_organisation=council,
        purchase_family=PurchaseFamily.objects.get(code="textile"),
        members=partners,
        agreement_date=AGREEMENT_DATE,
        advisor=advisor,
        network=_network(coordinator),
        description=(
            "Achat groupé des vêtements de travail, uniformes et linge des sept collectivités ; "
            "contrôle des conditions de travail jusqu'aux ateliers de confection, avec l'appui "
            "de la conseillère achats responsables du conseil régional."
        ),
    )
    lines.append(f"  group « {group.name} » created with {len(partners) + 1} members")
    return group


def _contracts(group: PurchasingGroup, coordinator: User, lines: list[str]) -> None:
    markets = Market.objects.filter(
        organisation=group.coordinator_organisation, title__in=GROUP_CONTRACTS
    ).order_by("reference")
    if not markets:
        lines.append("  no textile contract of the council yet (run the purchasing demo first)")
    attached = set(GroupContract.objects.filter(group=group).values_list("market_id", flat=True))
    for market in markets:
        if market.pk in attached:
            continue
        group_services.group_contract_attach(actor=coordinator, group=group, market=market)
        lines.append(f"  contract {market.reference} « {market.title} » attached")


def _suppliers(council: Organisation) -> dict[str, Supplier]:
    found = {}
    for key in SITES:
        supplier = Supplier.objects.filter(
            organisation=council, siret=purchasing_demo.supplier_siret(key)
        ).first()
        if supplier is not None:
            found[key] = supplier
    return found


def _sites(suppliers: dict[str, Supplier], advisor: User, lines: list[str]) -> dict:
    sites = {}
    for key, supplier in suppliers.items():
        for name, country, city, activity, workers in SITES[key]:
            site = ProductionSite.objects.filter(
                supplier=supplier, name=name, country=country, city=city
            ).first()
            if site is None:
                site = supply_chain_services.site_create(
                    actor=advisor,
                    supplier=supplier,
                    name=name,
                    country=country,
                    city=city,
                    activity=activity,
                    workers=workers,
                )
                lines.append(f"  site « {site} » of {supplier.name}")
            sites[(key, name)] = site
    return sites


def _audits(group: PurchasingGroup, sites: dict, advisor: User, lines: list[str]) -> None:
    today = timezone.localdate()
    for key, site_name, days_ago, auditor, standard, scope, result, findings in AUDITS:
        site = sites.get((key, site_name))
        if site is None or Audit.objects.filter(site=site, group=group, auditor=auditor).exists():
            continue
        audited_on = today - datetime.timedelta(days=days_ago)
        report = SimpleUploadedFile(
            f"rapport-audit-{site.country.lower()}-{audited_on:%Y-%m-%d}.pdf",
            _pdf(
                f"Rapport d'audit social — {site.name}",
                [f"Audit du {audited_on:%d/%m/%Y} par {auditor}.", scope],
            ),
            content_type="application/pdf",
        )
        audit = supply_chain_services.audit_record(
            actor=advisor,
            site=site,
            group=group,
            audited_on=audited_on,
            auditor=auditor,
            standard=standard,
            scope=scope,
            result=result,
            report=report,
        )
        for topic, severity, description, action, deadline_days, then in findings:
            finding = supply_chain_services.finding_add(
                actor=advisor,
                audit=audit,
                topic=topic,
                severity=severity,
                description=description,
                corrective_action=action,
                deadline=audited_on + datetime.timedelta(days=deadline_days),
            )
            if then == "in_progress":
                supply_chain_services.finding_status_change(
                    actor=advisor, finding=finding, status=FindingStatus.IN_PROGRESS
                )
            elif then is not None:
                closed_on = audited_on + datetime.timedelta(days=then[1])
                supply_chain_services.finding_close(
                    actor=advisor,
                    finding=finding,
                    closed_on=closed_on,
                    evidence=SimpleUploadedFile(
                        "preuve-issues-de-secours.pdf",
                        _pdf(
                            "Preuve de correction — issues de secours",
                            [
                                f"Visite de contrôle du {closed_on:%d/%m/%Y}.",
                                "Issues dégagées, extincteurs vérifiés, exercice d'évacuation "
                                "réalisé.",
                            ],
                        ),
                        content_type="application/pdf",
                    ),
                )
        lines.append(
            f"  audit of « {site.name} » on {audited_on:%d/%m/%Y} with {len(findings)} findings"
        )


@transaction.atomic
def load() -> list[str]:
    """Create what the demo group does not have yet; lines to print."""
    coordinator = User.objects.get(email=NETWORK_COORDINATOR)
    advisor = User.objects.get(email=ADVISOR)
    lines = []
    group = _group(coordinator, advisor, lines)
    _contracts(group, coordinator, lines)
    suppliers = _suppliers(group.coordinator_organisation)
    sites = _sites(suppliers, advisor, lines)
    _audits(group, sites, advisor, lines)
    return [
        f"Purchasing groups: « {group.name} », {group.memberships.count()} members, "
        f"{group.contracts.count()} contracts, {Audit.objects.filter(group=group).count()} audits"
        + (" (nothing added)" if not lines else ""),
        *lines,
    ]
