"""Demo contracts of the council: about fifty contracts launched from 2024 to 2026, in every
status, cleaning products first (the council's first responsible contract), then paper, office
supplies, vehicles, textile, IT, furniture, catering, works, printing and energy.

Every contract is built through the services, as the demo buyers of the lycées (LYC) and
transport (TRA) departments and the demo advisor would in the browser: needs, lots,
assessment, starter-library clauses with valid values, criteria totalling 100, review,
publication, award to suppliers with valid SIRETs, execution follow-up (insertion hours
included), closure or abandonment. Steps happen "now"; launch, publication, notification and
follow-up dates are set to their realistic past dates.

A demo contract is known by its title: a second run skips the titles the council already has,
so it adds nothing."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from clauses.calculations import InsertionHours
from clauses.models import Clause, ClauseKind, CpvCode, PurchaseFamily
from core.siret import with_keys

from . import services
from .models import (
    CriterionKind,
    FollowUpStatus,
    InclusiveStructure,
    Market,
    MarketNature,
    MarketStatus,
    Procedure,
    Theme,
)

DEMO_ORGANISATION = "npdc"
BUYERS = {"LYC": "acheteur@npdc.test", "TRA": "acheteur.transports@npdc.test"}
ADVISOR = "conseillere@npdc.test"

d = datetime.date
S = MarketStatus
AC, MA = MarketNature.FRAMEWORK, MarketNature.CONTRACT
AOO, MAPA = Procedure.OPEN_TENDER, Procedure.ADAPTED
PRICE, COST, TECH = CriterionKind.PRICE, CriterionKind.COST, CriterionKind.TECHNICAL
ENV, SOC = CriterionKind.ENVIRONMENTAL, CriterionKind.SOCIAL

# The figures of the starter library's insertion clause, for those a contract leaves out.
INSERTION_DEFAULTS = {"labour_share": "50", "insertion_rate": "5", "hourly_cost": "30"}

# The usual criteria sets (kind, weight): each totals 100.
PTE = [(PRICE, 50), (TECH, 30), (ENV, 20)]
PTES = [(PRICE, 40), (TECH, 30), (ENV, 20), (SOC, 10)]
PT_SE = [(PRICE, 50), (TECH, 30), (SOC, 10), (ENV, 10)]
CTE = [(COST, 40), (TECH, 35), (ENV, 25)]


# key: (name, the SIRET without its two keys: 8 digits of SIREN, a placeholder, 4 of NIC
# (`supplier_siret` adds the keys of the SIREN and of the SIRET), SME, inclusive structure)
SUPPLIERS = {
    "hygiene": ("Nord Hygiène Distribution", "4490217300012", True, InclusiveStructure.NONE),
    "papier-solidaire": ("Atelier Papier Solidaire", "5120984400003", True, InclusiveStructure.EA),
    "lys": ("Papeteries de la Lys", "3805512900021", True, InclusiveStructure.NONE),
    "bureau-vert": ("Bureau Vert Hauts-de-France", "8231145600014", True, InclusiveStructure.NONE),
    "auto": ("Auto Nord Mobilité", "3124456700045", False, InclusiveStructure.NONE),
    "textile-siae": (
        "Textiles Solidaires du Nord",
        "8012233400017",
        True,
        InclusiveStructure.SIAE,
    ),
    "chaussures": ("Sécurité Pieds Nord", "4423378900026", True, InclusiveStructure.NONE),
    "batiment": ("Bâtiment Durable Artois", "5389901200019", True, InclusiveStructure.NONE),
    "thermique": ("Thermique Flandres", "4021187600033", True, InclusiveStructure.NONE),
    "imprimerie": ("Imprimerie de l'Escaut", "3290076500018", True, InclusiveStructure.NONE),
    "esat": ("ESAT Les Ateliers de l'Aa", "7750123400011", False, InclusiveStructure.ESAT),
    "maraichers": ("Maraîchers des Flandres", "8345567800012", True, InclusiveStructure.NONE),
    "laiterie": (
        "Laiterie coopérative de l'Avesnois",
        "7761234500027",
        True,
        InclusiveStructure.NONE,
    ),
    "boucherie": ("Boucherie régionale du Ternois", "4567812300015", True, InclusiveStructure.NONE),
    "mobilier": ("Mobilier Éducatif du Nord", "3456781200024", False, InclusiveStructure.NONE),
    "ressourcerie": ("Ressourcerie du Mobilier", "8890123400016", True, InclusiveStructure.SIAE),
    "informatique": ("Informatique Nord Services", "4123987600031", False, InclusiveStructure.NONE),
    "reemploi": ("Réemploi Numérique Solidaire", "8456712300019", True, InclusiveStructure.SIAE),
    "chantier": ("Travaux Publics de l'Audomarois", "3678123400028", True, InclusiveStructure.NONE),
    "proprete": ("Propreté Insertion Métropole", "8123456700013", True, InclusiveStructure.SIAE),
    "enveloppes": ("Enveloppes du Cambrésis", "5012398700015", True, InclusiveStructure.NONE),
    "autocars": ("Autocars Propres du Nord", "3987123400022", False, InclusiveStructure.NONE),
    "linge": ("Atelier Textile Inclusif", "8567123400018", True, InclusiveStructure.EA),
    "agencement": ("Agencement Bois Artois", "4789012300016", True, InclusiveStructure.NONE),
    "cuisine": ("Cuisine d'Insertion du Hainaut", "8678901200014", True, InclusiveStructure.SIAE),
    "bois": ("Constructions Bois du Boulonnais", "5234567800019", True, InclusiveStructure.NONE),
    "fluides": ("Fluides et Énergies du Nord", "4345678900027", False, InclusiveStructure.NONE),
    "finitions": ("Finitions Côte d'Opale", "5456789000013", True, InclusiveStructure.NONE),
    "couverture": ("Couverture Béthunoise", "4567890100012", True, InclusiveStructure.NONE),
    "energie": (
        "Énergies Renouvelables des Hauts-de-France",
        "4678123400015",
        False,
        InclusiveStructure.NONE,
    ),
    "garage": ("Garage Solidaire de l'Arrageois", "8789012300017", True, InclusiveStructure.SIAE),
    "paysage": ("Paysages et Jardins de l'Artois", "5567890100024", True, InclusiveStructure.NONE),
}


def supplier_siret(key: str) -> str:
    """The real-shaped SIRET of a demo supplier: its SIREN and itself pass their keys."""
    digits = SUPPLIERS[key][1]
    return with_keys(digits[:8], digits[9:13])


# Why a theme is not considered, per purchase family (the assessment needs a reason).
NOT_CONSIDERED = {
    Theme.SOCIAL_INSERTION: {
        "default": (
            "Fournitures livrées sur catalogue : trop peu d'heures de main-d'œuvre sur le "
            "territoire pour une clause d'insertion proportionnée."
        ),
    },
    Theme.WORKING_CONDITIONS: {
        "default": (
            "Produits fabriqués dans l'Union européenne par des filières connues : risque faible "
            "sur les conditions de travail, vérifié au sourçage."
        ),
        "works": "Travaux réalisés sur place, sous le contrôle du coordonnateur SPS.",
        "catering": "Denrées de production régionale, filières courtes et connues.",
    },
    Theme.CIRCULAR_ECONOMY: {
        "default": (
            "Pas de filière de réemploi ni de reprise pertinente pour ces produits à ce jour "
            "(sourçage fait auprès du réseau des acheteurs)."
        ),
    },
    Theme.SME_SSE: {
        "default": (
            "Besoin homogène passé en un lot unique ; procédure adaptée et avance de 20 % "
            "accessibles aux PME."
        ),
    },
}
SOCIAL_CODES = {
    "insertion-heures",
    "marche-reserve-ea-esat",
    "marche-reserve-siae",
    "marche-reserve-ess",
    "insertion-critere-attribution",
}
WORKING_CODES = {
    "oit-chaine-approvisionnement-textile",
    "transparence-sites-production",
    "vigilance-materiel-informatique",
    "sante-securite-travail",
    "egalite-non-discrimination",
    "critere-social-conditions-travail",
}
CIRCULAR_CODES = {
    "part-reemploi-agec",
    "contenu-recycle-agec",
    "emballages-reduction-reprise",
    "dechets-chantier",
    "reparabilite-pieces-detachees",
    "gaspillage-alimentaire",
    "papier-recycle",
}

# What the buyer follows for each execution clause: (indicator, target, achieved, status).
FOLLOW_UP_INDICATORS = {
    "emballages-reduction-reprise": (
        "Emballages repris dans le délai (%)",
        "100",
        "96",
        FollowUpStatus.PARTIAL,
    ),
    "rapport-indicateurs-execution": ("Rapport annuel remis", "1", "1", FollowUpStatus.MET),
    "formation-ecoconduite-ecogestes": (
        "Agents formés à l'écoconduite (%)",
        "100",
        "100",
        FollowUpStatus.MET,
    ),
    "oit-chaine-approvisionnement-textile": (
        "Sites de confection audités",
        "4",
        "3",
        FollowUpStatus.PARTIAL,
    ),
    "transparence-sites-production": (
        "Liste des sites de production communiquée",
        "1",
        "1",
        FollowUpStatus.MET,
    ),
    "vigilance-materiel-informatique": (
        "Alertes transmises dans le délai",
        "0",
        "0",
        FollowUpStatus.MET,
    ),
    "dechets-chantier": ("Déchets valorisés (% en masse)", "70", "74", FollowUpStatus.MET),
    "sante-securite-travail": ("Accidents signalés dans le délai", "2", "2", FollowUpStatus.MET),
    "egalite-non-discrimination": ("Plan d'action égalité remis", "1", "1", FollowUpStatus.MET),
    "reparabilite-pieces-detachees": (
        "Pièces livrées dans le délai (%)",
        "95",
        "91",
        FollowUpStatus.PARTIAL,
    ),
    "gaspillage-alimentaire": (
        "Réduction du gaspillage mesurée par pesées (%)",
        "30",
        "22",
        FollowUpStatus.PARTIAL,
    ),
}


# One dict per contract, oldest launch first; see `_build` for what each key does.
CONTRACTS = [
    {
        "title": "Produits d'entretien écolabellisés pour les lycées de la région",
        "dept": "LYC",
        "family": "cleaning-products",
        "cpv": "39830000-9",
        "extra": ["39831200-8", "33760000-5"],
        "nature": AC,
        "procedure": AOO,
        "amount": "1200000",
        "months": 48,
        "place": "Lycées de la région Nord-Pas-de-Calais",
        "postcode": "59000",
        "launch": d(2024, 1, 15),
        "description": (
            "Premier marché responsable du conseil régional : produits d'entretien, "
            "détergents et papier d'essuyage des 180 lycées, accompagné par la conseillère "
            "achats responsables."
        ),
        "lots": [
            ("Produits d'entretien et détergents", "800000"),
            ("Essuyage et papier hygiénique", "400000"),
        ],
        "clauses": [
            ("produits-entretien-ecolabel", 1, {"ecolabel_share": "100"}),
            ("substances-dangereuses", 1, {"svhc_threshold": "0.1"}),
            ("emballages-reduction-reprise", None, {"takeback_days": "30"}),
        ],
        "criteria": PTE,
        "sent_back": (
            "Les produits s'y prêtent : ajoutez une clause d'insertion sur la logistique et "
            "les livraisons (taux de 5 %), avec le facilitateur de la Maison de l'emploi.",
            [("insertion-heures", None, {"insertion_rate": "5", "labour_share": "20"})],
        ),
        "status": S.IN_EXECUTION,
        "published": (d(2024, 1, 15), "BOAMP 24-006512"),
        "awards": [
            ("hygiene", "780000", d(2024, 4, 10)),
            ("papier-solidaire", "365000", d(2024, 4, 10)),
        ],
    },
    {
        "title": "Papier de reprographie, fourniture et livraison",
        "dept": "LYC",
        "family": "paper",
        "cpv": "30197630-1",
        "nature": AC,
        "procedure": AOO,
        "amount": "450000",
        "months": 36,
        "place": "Lycées de la région Nord-Pas-de-Calais",
        "postcode": "59000",
        "launch": d(2024, 3, 4),
        "lots": [("Papier A4 et A3 recyclé", "450000")],
        "clauses": [
            ("papier-recycle", None, {"recycled_fibre_share": "100"}),
            ("rapport-indicateurs-execution", None, {"report_frequency": "annuelle"}),
        ],
        "criteria": [(PRICE, 60), (TECH, 25), (ENV, 15)],
        "status": S.IN_EXECUTION,
        "published": (d(2024, 3, 4), "BOAMP 24-028734"),
        "awards": [("lys", "432000", d(2024, 5, 21))],
    },
    {
        "title": "Ordinateurs portables des enseignants",
        "dept": "LYC",
        "family": "it-equipment",
        "cpv": "30213100-6",
        "nature": MA,
        "procedure": AOO,
        "amount": "800000",
        "months": 12,
        "place": "Lille",
        "postcode": "59000",
        "launch": d(2024, 2, 12),
        "lots": [
            ("Ordinateurs portables", "650000"),
            ("Reprise et reconditionnement du parc remplacé", "150000"),
        ],
        "clauses": [
            ("efficacite-energetique-informatique", 1, {"epeat_tier": "Silver"}),
            ("reparabilite-pieces-detachees", 1, {"spare_parts_years": "5"}),
            ("vigilance-materiel-informatique", 1, {}),
            ("marche-reserve-siae", 2, {}),
        ],
        "criteria": {1: PTE, 2: [(PRICE, 50), (TECH, 30), (SOC, 20)]},
        "status": S.CLOSED,
        "published": (d(2024, 2, 12), "BOAMP 24-017220"),
        "awards": [
            ("informatique", "612000", d(2024, 4, 29)),
            ("reemploi", "140000", d(2024, 4, 29)),
        ],
    },
    {
        "title": "Mise en accessibilité de gares routières",
        "dept": "TRA",
        "family": "works",
        "cpv": "45210000-2",
        "nature": MA,
        "procedure": MAPA,
        "amount": "380000",
        "months": 10,
        "place": "Gares routières d'Arras et de Lens",
        "postcode": "62000",
        "launch": d(2024, 3, 25),
        "lots": [("Travaux d'accessibilité", "380000")],
        "clauses": [
            ("insertion-heures", None, {"insertion_rate": "7", "labour_share": "40"}),
            ("dechets-chantier", None, {"recovery_rate": "70"}),
            ("sante-securite-travail", None, {}),
        ],
        "criteria": [(PRICE, 50), (TECH, 30), (SOC, 10), (ENV, 10)],
        "status": S.CLOSED,
        "published": (d(2024, 3, 25), "Marchés publics Hauts-de-France 24-1187"),
        "awards": [("chantier", "366500", d(2024, 5, 27))],
    },
    {
        "title": "Fournitures de bureau des services des transports",
        "dept": "TRA",
        "family": "office-supplies",
        "cpv": "30192000-1",
        "extra": ["30192700-8"],
        "nature": AC,
        "procedure": MAPA,
        "amount": "180000",
        "months": 24,
        "place": "Lille",
        "postcode": "59000",
        "launch": d(2024, 4, 8),
        "lots": [("Fournitures de bureau", "180000")],
        "clauses": [
            ("fournitures-bureau-ecolabel", None, {"ecolabel_share": "50"}),
            ("contenu-recycle-agec", None, {"recycled_content_share": "20"}),
            ("emballages-reduction-reprise", None, {}),
        ],
        "criteria": [(PRICE, 55), (TECH, 30), (ENV, 15)],
        "status": S.CLOSED,
        "published": (d(2024, 4, 8), "Marchés publics Hauts-de-France 24-1342"),
        "awards": [("bureau-vert", "171000", d(2024, 6, 10))],
    },
    {
        "title": "Véhicules de service électriques",
        "dept": "TRA",
        "family": "vehicles",
        "cpv": "34144900-7",
        "extra": ["34110000-1"],
        "nature": MA,
        "procedure": AOO,
        "amount": "640000",
        "months": 12,
        "place": "Lille",
        "postcode": "59000",
        "launch": d(2024, 5, 13),
        "lots": [("Citadines électriques", "400000"), ("Utilitaires légers électriques", "240000")],
        "clauses": [
            ("vehicules-faibles-emissions", None, {"max_co2": "50"}),
            ("cout-cycle-vie", None, {"lcc_weight": "40", "lifecycle_years": "8"}),
            ("formation-ecoconduite-ecogestes", None, {}),
        ],
        "criteria": CTE,
        "status": S.CLOSED,
        "published": (d(2024, 5, 13), "BOAMP 24-051896"),
        "awards": [("auto", "389000", d(2024, 7, 22)), ("auto", "236500", d(2024, 7, 22))],
    },
    {
        "title": "Vêtements de travail des agents techniques des lycées",
        "dept": "LYC",
        "family": "textile",
        "cpv": "18110000-3",
        "extra": ["18800000-7"],
        "nature": AC,
        "procedure": AOO,
        "amount": "520000",
        "months": 48,
        "place": "Lycées de la région Nord-Pas-de-Calais",
        "postcode": "59000",
        "launch": d(2024, 6, 3),
        "lots": [("Vêtements de travail", "360000"), ("Chaussures de sécurité", "160000")],
        "clauses": [
            ("oit-chaine-approvisionnement-textile", None, {"corrective_plan_days": "30"}),
            ("transparence-sites-production", None, {}),
            ("substances-dangereuses", 1, {}),
            ("contenu-recycle-agec", 1, {"recycled_content_share": "20"}),
        ],
        "criteria": [(PRICE, 40), (TECH, 30), (SOC, 15), (ENV, 15)],
        "status": S.IN_EXECUTION,
        "published": (d(2024, 6, 3), "BOAMP 24-060117"),
        "awards": [
            ("textile-siae", "348000", d(2024, 9, 2)),
            ("chaussures", "151000", d(2024, 9, 2)),
        ],
    },
    {
        "title": "Location de véhicules utilitaires pour les chantiers du réseau",
        "dept": "TRA",
        "family": "vehicles",
        "cpv": "34100000-8",
        "nature": AC,
        "procedure": MAPA,
        "amount": "120000",
        "months": 24,
        "place": "Arras",
        "postcode": "62000",
        "launch": d(2024, 7, 1),
        "lots": [("Location de véhicules utilitaires", "120000")],
        "clauses": [
            ("vehicules-faibles-emissions", None, {"max_co2": "120"}),
            ("formation-ecoconduite-ecogestes", None, {}),
        ],
        "criteria": PTE,
        "status": S.ABANDONED,
        "published": (d(2024, 7, 1), "Marchés publics Hauts-de-France 24-1760"),
        "abandon": "Procédure déclarée sans suite : aucune offre reçue à la date limite.",
    },
    {
        "title": "Rénovation énergétique du lycée professionnel de Lens",
        "dept": "LYC",
        "family": "works",
        "cpv": "45400000-1",
        "extra": ["45300000-0"],
        "nature": MA,
        "procedure": AOO,
        "amount": "2400000",
        "months": 18,
        "place": "Lens",
        "postcode": "62300",
        "launch": d(2024, 9, 16),
        "lots": [
            ("Isolation et menuiseries extérieures", "1400000"),
            ("Chauffage et ventilation", "1000000"),
        ],
        "clauses": [
            ("insertion-heures", None, {"insertion_rate": "5", "labour_share": "40"}),
            ("dechets-chantier", None, {"recovery_rate": "70"}),
            ("performance-energetique-travaux", 1, {"min_wall_resistance": "3.7"}),
            ("sante-securite-travail", None, {}),
        ],
        "criteria": PT_SE,
        "status": S.IN_EXECUTION,
        "published": (d(2024, 9, 16), "BOAMP 24-093301"),
        "awards": [
            ("batiment", "1352000", d(2024, 12, 9)),
            ("thermique", "968000", d(2024, 12, 9)),
        ],
    },
    {
        "title": "Impression des fiches horaires et plans du réseau régional",
        "dept": "TRA",
        "family": "printing",
        "cpv": "79810000-5",
        "extra": ["22462000-6"],
        "nature": AC,
        "procedure": MAPA,
        "amount": "150000",
        "months": 36,
        "place": "Lille",
        "postcode": "59000",
        "launch": d(2024, 10, 7),
        "lots": [("Fiches horaires", "100000"), ("Plans et affiches", "50000")],
        "clauses": [
            ("impression-responsable", None, {"max_overrun_share": "5"}),
            ("papier-recycle", None, {"recycled_fibre_share": "100"}),
            ("marche-reserve-ea-esat", 2, {}),
            ("rapport-indicateurs-execution", None, {}),
        ],
        "criteria": [(PRICE, 60), (TECH, 25), (ENV, 15)],
        "status": S.IN_EXECUTION,
        "published": (d(2024, 10, 7), "Marchés publics Hauts-de-France 24-2231"),
        "awards": [
            ("imprimerie", "94000", d(2024, 12, 2)),
            ("esat", "47500", d(2024, 12, 2)),
        ],
    },
    {
        "title": "Denrées alimentaires pour la restauration des lycées",
        "dept": "LYC",
        "family": "catering",
        "cpv": "15000000-8",
        "extra": ["03000000-1"],
        "nature": AC,
        "procedure": AOO,
        "amount": "3200000",
        "months": 48,
        "place": "Lycées de la région Nord-Pas-de-Calais",
        "postcode": "59000",
        "launch": d(2024, 11, 4),
        "lots": [
            ("Fruits et légumes frais", "1200000"),
            ("Produits laitiers", "800000"),
            ("Viandes et volailles", "1200000"),
        ],
        "clauses": [
            ("restauration-egalim-qualite", None, {"quality_share": "50", "organic_share": "20"}),
            ("restauration-saison-circuit-court", 1, {"off_season_share": "10"}),
            ("gaspillage-alimentaire", None, {"reduction_target": "30"}),
        ],
        "criteria": PTES,
        "status": S.IN_EXECUTION,
        "published": (d(2024, 11, 4), "JOUE 2024/S 214-668120"),
        "awards": [
            ("maraichers", "1150000", d(2025, 2, 3)),
            ("laiterie", "784000", d(2025, 2, 3)),
            ("boucherie", "1176000", d(2025, 2, 3)),
        ],
    },
    {
        "title": "Mobilier scolaire des lycées",
        "dept": "LYC",
        "family": "furniture",
        "cpv": "39130000-2",
        "extra": ["39112000-0", "39121000-6"],
        "nature": AC,
        "procedure": AOO,
        "amount": "900000",
        "months": 36,
        "place": "Lycées de la région Nord-Pas-de-Calais",
        "postcode": "59000",
        "launch": d(2024, 12, 2),
        "lots": [("Mobilier de salle de classe", "600000"), ("Mobilier reconditionné", "300000")],
        "clauses": [
            ("bois-gestion-durable", 1, {"certified_share": "70"}),
            ("part-reemploi-agec", 2, {"reuse_share": "100", "warranty_months": "12"}),
            ("reparabilite-pieces-detachees", None, {"spare_parts_years": "10"}),
        ],
        "criteria": PTE,
        "status": S.IN_EXECUTION,
        "published": (d(2024, 12, 2), "BOAMP 24-121455"),
        "awards": [
            ("mobilier", "571000", d(2025, 3, 3)),
            ("ressourcerie", "288000", d(2025, 3, 3)),
        ],
    },
    {
        "title": "Nettoyage des internats de trois lycées",
        "dept": "LYC",
        "family": "services",
        "cpv": "90910000-9",
        "nature": MA,
        "procedure": AOO,
        "amount": "600000",
        "months": 36,
        "place": "Douai",
        "postcode": "59500",
        "launch": d(2025, 1, 13),
        "lots": [("Nettoyage des internats", "600000")],
        "clauses": [
            (
                "insertion-heures",
                None,
                {"insertion_rate": "10", "labour_share": "80", "hourly_cost": "25"},
            ),
            ("produits-entretien-ecolabel", None, {}),
            ("egalite-non-discrimination", None, {}),
            ("sante-securite-travail", None, {}),
        ],
        "criteria": [(PRICE, 40), (TECH, 35), (SOC, 15), (ENV, 10)],
        "status": S.IN_EXECUTION,
        "published": (d(2025, 1, 13), "BOAMP 25-004420"),
        "awards": [("proprete", "588000", d(2025, 3, 24))],
    },
    {
        "title": "Enveloppes et papeterie imprimée recyclées",
        "dept": "LYC",
        "family": "paper",
        "cpv": "30199230-1",
        "extra": ["30199000-0"],
        "nature": AC,
        "procedure": MAPA,
        "amount": "90000",
        "months": 24,
        "place": "Lille",
        "postcode": "59000",
        "launch": d(2025, 2, 3),
        "lots": [("Enveloppes et papeterie", "90000")],
        "clauses": [
            ("papier-recycle", None, {"recycled_fibre_share": "100"}),
            ("emballages-reduction-reprise", None, {}),
        ],
        "criteria": [(PRICE, 60), (TECH, 20), (ENV, 20)],
        "status": S.AWARDED,
        "published": (d(2025, 2, 3), "Marchés publics Hauts-de-France 25-0311"),
        "awards": [("enveloppes", "86500", d(2025, 4, 7))],
    },
    {
        "title": "Tenues des agents d'accueil des gares routières",
        "dept": "TRA",
        "family": "textile",
        "cpv": "18222000-1",
        "nature": AC,
        "procedure": MAPA,
        "amount": "75000",
        "months": 36,
        "place": "Lille",
        "postcode": "59000",
        "launch": d(2025, 2, 10),
        "lots": [("Tenues d'accueil", "75000")],
        "clauses": [("transparence-sites-production", None, {})],
        "criteria": PT_SE,
        "status": S.ABANDONED,
        "abandon": (
            "Besoin repris par le groupement de commandes textile des sept collectivités, "
            "qui contrôle les conditions de travail jusqu'aux ateliers de confection."
        ),
    },
    {
        "title": "Autocars à faibles émissions pour les lignes régionales",
        "dept": "TRA",
        "family": "vehicles",
        "cpv": "34100000-8",
        "extra": ["34144900-7"],
        "nature": AC,
        "procedure": AOO,
        "amount": "6000000",
        "months": 48,
        "place": "Région Nord-Pas-de-Calais",
        "postcode": "59000",
        "launch": d(2025, 4, 14),
        "lots": [("Autocars électriques", "4200000"), ("Autocars au bioGNV", "1800000")],
        "clauses": [
            ("vehicules-faibles-emissions", 1, {"max_co2": "0"}),
            ("cout-cycle-vie", None, {"lcc_weight": "45", "lifecycle_years": "12"}),
            ("formation-ecoconduite-ecogestes", None, {"training_months": "3"}),
            (
                "reparabilite-pieces-detachees",
                None,
                {"spare_parts_years": "12", "delivery_days": "10"},
            ),
        ],
        "criteria": [(COST, 45), (TECH, 35), (ENV, 20)],
        "status": S.IN_EXECUTION,
        "published": (d(2025, 4, 14), "JOUE 2025/S 073-241876"),
        "awards": [
            ("autocars", "4080000", d(2025, 7, 15)),
            ("autocars", "1745000", d(2025, 7, 15)),
        ],
    },
    {
        "title": "Linge et tenues des services de restauration des lycées",
        "dept": "LYC",
        "family": "textile",
        "cpv": "18130000-9",
        "nature": AC,
        "procedure": MAPA,
        "amount": "210000",
        "months": 36,
        "place": "Lycées de la région Nord-Pas-de-Calais",
        "postcode": "59000",
        "launch": d(2025, 5, 5),
        "lots": [("Linge et tenues de cuisine", "210000")],
        "clauses": [
            ("oit-chaine-approvisionnement-textile", None, {}),
            ("transparence-sites-production", None, {"disclosure_days": "45"}),
        ],
        "criteria": [(PRICE, 50), (TECH, 25), (SOC, 15), (ENV, 10)],
        "status": S.AWARDED,
        "published": (d(2025, 5, 5), "Marchés publics Hauts-de-France 25-0988"),
        "awards": [("linge", "198000", d(2025, 7, 1))],
    },
    {
        "title": "Ordinateurs de bureau et écrans reconditionnés pour les lycées",
        "dept": "LYC",
        "family": "it-equipment",
        "cpv": "30213300-8",
        "extra": ["30231000-7"],
        "nature": AC,
        "procedure": AOO,
        "amount": "1100000",
        "months": 36,
        "place": "Lycées de la région Nord-Pas-de-Calais",
        "postcode": "59000",
        "launch": d(2025, 6, 2),
        "lots": [("Ordinateurs de bureau reconditionnés", "700000"), ("Écrans", "400000")],
        "clauses": [
            ("part-reemploi-agec", 1, {"reuse_share": "100", "warranty_months": "24"}),
            ("efficacite-energetique-informatique", 2, {"epeat_tier": "Gold"}),
            ("vigilance-materiel-informatique", None, {}),
            ("reparabilite-pieces-detachees", None, {}),
        ],
        "criteria": PTE,
        "status": S.IN_EXECUTION,
        "published": (d(2025, 6, 2), "BOAMP 25-055201"),
        "awards": [
            ("reemploi", "655000", d(2025, 8, 25)),
            ("informatique", "371000", d(2025, 8, 25)),
        ],
    },
    {
        "title": "Mobilier de bureau de la maison de la mobilité d'Arras",
        "dept": "TRA",
        "family": "furniture",
        "cpv": "39130000-2",
        "nature": MA,
        "procedure": MAPA,
        "amount": "160000",
        "months": 6,
        "place": "Arras",
        "postcode": "62000",
        "launch": d(2025, 7, 7),
        "lots": [("Mobilier de bureau", "160000")],
        "clauses": [
            ("bois-gestion-durable", None, {"certified_share": "100"}),
            ("part-reemploi-agec", None, {"reuse_share": "30"}),
        ],
        "criteria": PTE,
        "status": S.CLOSED,
        "published": (d(2025, 7, 7), "Marchés publics Hauts-de-France 25-1402"),
        "awards": [("agencement", "152000", d(2025, 9, 8))],
    },
    {
        "title": "Repas livrés aux internats pendant les travaux de cuisine",
        "dept": "LYC",
        "family": "catering",
        "cpv": "55320000-9",
        "nature": MA,
        "procedure": MAPA,
        "amount": "260000",
        "months": 12,
        "place": "Valenciennes",
        "postcode": "59300",
        "launch": d(2025, 8, 25),
        "lots": [("Repas livrés", "260000")],
        "clauses": [
            ("marche-reserve-siae", None, {}),
            ("restauration-egalim-qualite", None, {"organic_share": "25"}),
            ("gaspillage-alimentaire", None, {}),
        ],
        "criteria": PTES,
        "status": S.AWARDED,
        "published": (d(2025, 8, 25), "Marchés publics Hauts-de-France 25-1733"),
        "awards": [("cuisine", "251000", d(2025, 10, 20))],
    },
    {
        "title": "Internat à ossature bois du lycée agricole",
        "dept": "LYC",
        "family": "works",
        "cpv": "45210000-2",
        "nature": MA,
        "procedure": AOO,
        "amount": "4500000",
        "months": 24,
        "place": "Saint-Omer",
        "postcode": "62500",
        "launch": d(2025, 9, 15),
        "lots": [
            ("Gros œuvre et ossature bois", "2500000"),
            ("Lots techniques", "1200000"),
            ("Finitions", "800000"),
        ],
        "clauses": [
            ("insertion-heures", None, {"insertion_rate": "5", "labour_share": "40"}),
            ("bois-gestion-durable", 1, {"certified_share": "100"}),
            ("performance-energetique-travaux", 2, {}),
            ("economies-eau-sanitaires", 3, {}),
            ("dechets-chantier", None, {"recovery_rate": "75"}),
        ],
        "criteria": PT_SE,
        "status": S.AWARDED,
        "published": (d(2025, 9, 15), "JOUE 2025/S 178-590142"),
        "awards": [
            ("bois", "2430000", d(2026, 1, 12)),
            ("fluides", "1168000", d(2026, 1, 12)),
            ("finitions", "779000", d(2026, 1, 12)),
        ],
    },
    {
        "title": "Impression des supports de communication de la mobilité",
        "dept": "TRA",
        "family": "printing",
        "cpv": "79800000-2",
        "nature": AC,
        "procedure": MAPA,
        "amount": "80000",
        "months": 24,
        "place": "Lille",
        "postcode": "59000",
        "launch": d(2025, 10, 6),
        "lots": [("Supports imprimés", "80000")],
        "clauses": [("impression-responsable", None, {})],
        "criteria": [(PRICE, 60), (TECH, 25), (ENV, 15)],
        "status": S.ABANDONED,
        "abandon_after": S.APPROVED,
        "abandon": "Besoin intégré à l'accord-cadre régional d'impression des fiches horaires.",
    },
    {
        "title": "Vélos à assistance électrique pour les agents",
        "dept": "TRA",
        "family": "vehicles",
        "cpv": "34100000-8",
        "nature": MA,
        "procedure": MAPA,
        "amount": "95000",
        "months": 12,
        "place": "Lille",
        "postcode": "59000",
        "launch": d(2026, 7, 6),
        "lots": [("Vélos à assistance électrique", "95000")],
        "clauses": [
            ("reparabilite-pieces-detachees", None, {"spare_parts_years": "7"}),
            ("cout-cycle-vie", None, {"lifecycle_years": "8"}),
        ],
        "criteria": CTE,
        "status": S.PUBLISHED,
        "published": (d(2026, 7, 6), "Marchés publics Hauts-de-France 26-1290"),
    },
    {
        "title": "Mise en sécurité d'urgence de la toiture du gymnase du lycée de Béthune",
        "dept": "LYC",
        "family": "works",
        "cpv": "45400000-1",
        "nature": MA,
        "procedure": Procedure.NEGOTIATED,
        "amount": "310000",
        "months": 4,
        "place": "Béthune",
        "postcode": "62400",
        "launch": d(2026, 9, 7),
        "lots": [("Couverture et étanchéité", "310000")],
        "clauses": [
            ("dechets-chantier", None, {"recovery_rate": "50"}),
            ("sante-securite-travail", None, {}),
        ],
        "criteria": [(PRICE, 70), (TECH, 30)],
        "justification": (
            "Urgence impérieuse après la tempête du 28 août 2026 : toiture à reprendre avant "
            "l'hiver, consultation restreinte aux entreprises disponibles sous quinze jours. Le "
            "délai ne permettait pas d'évaluer un critère environnemental ; la valorisation des "
            "déchets de chantier reste exigée."
        ),
        "status": S.IN_EXECUTION,
        "published": (d(2026, 9, 7), "Consultation directe"),
        "awards": [("couverture", "298000", d(2026, 9, 21))],
    },
    {
        "title": "Papier d'impression recyclé pour les lycées, 2027-2030",
        "dept": "LYC",
        "family": "paper",
        "cpv": "30197630-1",
        "nature": AC,
        "procedure": AOO,
        "amount": "520000",
        "months": 48,
        "place": "Lycées de la région Nord-Pas-de-Calais",
        "postcode": "59000",
        "launch": d(2026, 9, 14),
        "lots": [("Papier A4 et A3 recyclé", "520000")],
        "clauses": [
            ("papier-recycle", None, {"recycled_fibre_share": "100"}),
            ("rapport-indicateurs-execution", None, {"report_frequency": "semestrielle"}),
            ("emballages-reduction-reprise", None, {}),
        ],
        "criteria": [(PRICE, 55), (TECH, 25), (ENV, 20)],
        "social_justification": (
            "Fourniture livrée sans main-d'œuvre affectée au marché sur nos sites : une condition "
            "d'insertion n'est pas praticable. Les conditions de travail de la papeterie sont "
            "vérifiées à la revue annuelle du marché."
        ),
        "status": S.PUBLISHED,
        "published": (d(2026, 9, 14), "BOAMP 26-087345"),
    },
    {
        "title": "Remplacement des menuiseries extérieures du lycée de Calais",
        "dept": "LYC",
        "family": "works",
        "cpv": "45400000-1",
        "nature": MA,
        "procedure": AOO,
        "amount": "850000",
        "months": 10,
        "place": "Calais",
        "postcode": "62100",
        "launch": d(2026, 10, 5),
        "lots": [("Menuiseries extérieures", "850000")],
        "clauses": [
            ("insertion-heures", None, {"insertion_rate": "5", "labour_share": "35"}),
            ("dechets-chantier", None, {"recovery_rate": "80"}),
            ("performance-energetique-travaux", None, {"max_air_permeability": "1.0"}),
        ],
        "criteria": PT_SE,
        "status": S.PUBLISHED,
        "published": (d(2026, 10, 5), "BOAMP 26-094512"),
    },
    {
        "title": "Téléphones mobiles reconditionnés des agents",
        "dept": "TRA",
        "family": "it-equipment",
        "cpv": "32250000-0",
        "nature": AC,
        "procedure": MAPA,
        "amount": "70000",
        "months": 36,
        "place": "Lille",
        "postcode": "59000",
        "launch": d(2026, 10, 12),
        "lots": [("Téléphones reconditionnés", "70000")],
        "clauses": [
            ("part-reemploi-agec", None, {"reuse_share": "100", "warranty_months": "12"}),
            ("reparabilite-pieces-detachees", None, {}),
            ("vigilance-materiel-informatique", None, {}),
        ],
        "criteria": PTE,
        "status": S.PUBLISHED,
        "published": (d(2026, 10, 12), "Marchés publics Hauts-de-France 26-1977"),
    },
    {
        "title": "Uniformes des contrôleurs du réseau régional",
        "dept": "TRA",
        "family": "textile",
        "cpv": "18110000-3",
        "nature": AC,
        "procedure": AOO,
        "amount": "340000",
        "months": 48,
        "place": "Lille",
        "postcode": "59000",
        "launch": d(2026, 11, 30),
        "lots": [("Uniformes", "260000"), ("Chaussures", "80000")],
        "clauses": [
            ("oit-chaine-approvisionnement-textile", None, {"corrective_plan_days": "45"}),
            ("transparence-sites-production", None, {}),
            ("rapport-indicateurs-execution", None, {}),
            ("contenu-recycle-agec", 1, {"recycled_content_share": "30"}),
        ],
        "criteria": [(PRICE, 40), (TECH, 30), (ENV, 15), (SOC, 15)],
        "status": S.APPROVED,
        "approve_comment": (
            "Clauses de vigilance bien proportionnées ; pensez au groupement textile."
        ),
    },
    {
        "title": "Fournitures scolaires et de bureau des lycées",
        "dept": "LYC",
        "family": "office-supplies",
        "cpv": "30192000-1",
        "extra": ["22850000-3", "22815000-6"],
        "nature": AC,
        "procedure": AOO,
        "amount": "380000",
        "months": 36,
        "place": "Lycées de la région Nord-Pas-de-Calais",
        "postcode": "59000",
        "launch": d(2026, 12, 7),
        "lots": [("Fournitures de bureau", "250000"), ("Fournitures scolaires", "130000")],
        "clauses": [
            ("fournitures-bureau-ecolabel", None, {"ecolabel_share": "60"}),
            ("contenu-recycle-agec", None, {"recycled_content_share": "30"}),
            ("emballages-reduction-reprise", None, {"takeback_days": "30"}),
            ("egalite-non-discrimination", None, {}),
        ],
        "criteria": PTE,
        "status": S.APPROVED,
    },
    {
        "title": "Repas des jurys d'examens et concours",
        "dept": "LYC",
        "family": "catering",
        "cpv": "55320000-9",
        "nature": AC,
        "procedure": MAPA,
        "amount": "120000",
        "months": 24,
        "place": "Lille",
        "postcode": "59000",
        "launch": d(2026, 12, 14),
        "lots": [("Repas et plateaux", "120000")],
        "clauses": [
            ("restauration-egalim-qualite", None, {}),
            ("restauration-saison-circuit-court", None, {}),
            ("gaspillage-alimentaire", None, {"diagnostic_months": "2"}),
        ],
        "criteria": PTES,
        "status": S.APPROVED,
    },
    {
        "title": "Tablettes numériques des lycéens",
        "dept": "LYC",
        "family": "it-equipment",
        "cpv": "30213100-6",
        "nature": AC,
        "procedure": AOO,
        "amount": "2600000",
        "months": 48,
        "place": "Lycées de la région Nord-Pas-de-Calais",
        "postcode": "59000",
        "launch": d(2026, 12, 1),
        "lots": [("Tablettes", "2200000"), ("Coques et accessoires", "400000")],
        "clauses": [
            ("efficacite-energetique-informatique", 1, {}),
            ("reparabilite-pieces-detachees", None, {"spare_parts_years": "7"}),
            ("vigilance-materiel-informatique", None, {}),
            ("part-reemploi-agec", 2, {"reuse_share": "20"}),
        ],
        "criteria": PTE,
        "status": S.IN_REVIEW,
    },
    {
        "title": "Déménagement des services de la direction des transports",
        "dept": "TRA",
        "family": "services",
        "cpv": "90900000-6",
        "nature": MA,
        "procedure": MAPA,
        "amount": "60000",
        "months": 3,
        "place": "Lille",
        "postcode": "59000",
        "launch": d(2026, 12, 1),
        "lots": [("Déménagement", "60000")],
        "clauses": [
            ("formation-ecoconduite-ecogestes", None, {"training_months": "1"}),
            ("insertion-heures", None, {"insertion_rate": "10", "labour_share": "70"}),
        ],
        "criteria": [(PRICE, 60), (TECH, 30), (SOC, 10)],
        "justification": (
            "Prestation de trois mois entre deux bâtiments distants de 800 mètres : aucun écart "
            "environnemental significatif entre les offres attendues ; l'écoconduite des "
            "chauffeurs reste exigée en exécution."
        ),
        "status": S.IN_REVIEW,
    },
    {
        "title": "Produits d'hygiène et distributeurs pour les lycées, renouvellement",
        "dept": "LYC",
        "family": "cleaning-products",
        "cpv": "33760000-5",
        "extra": ["33711900-6"],
        "nature": AC,
        "procedure": AOO,
        "amount": "950000",
        "months": 48,
        "place": "Lycées de la région Nord-Pas-de-Calais",
        "postcode": "59000",
        "launch": d(2026, 12, 14),
        "lots": [("Produits d'hygiène", "650000"), ("Distributeurs et maintenance", "300000")],
        "clauses": [
            ("produits-entretien-ecolabel", 1, {"ecolabel_share": "100"}),
            ("emballages-reduction-reprise", None, {}),
            ("reparabilite-pieces-detachees", 2, {}),
            ("insertion-heures", None, {"insertion_rate": "5", "labour_share": "20"}),
        ],
        "criteria": PTES,
        "status": S.IN_REVIEW,
    },
    {
        "title": "Abris voyageurs des arrêts de car",
        "dept": "TRA",
        "family": "works",
        "cpv": "45210000-2",
        "nature": AC,
        "procedure": AOO,
        "amount": "1300000",
        "months": 48,
        "place": "Région Nord-Pas-de-Calais",
        "postcode": "59000",
        "launch": d(2026, 12, 7),
        "lots": [("Fourniture et pose d'abris", "1300000")],
        "clauses": [
            ("insertion-heures", None, {"insertion_rate": "5", "labour_share": "30"}),
            ("bois-gestion-durable", None, {"certified_share": "100"}),
            ("dechets-chantier", None, {}),
        ],
        "criteria": PT_SE,
        "status": S.IN_REVIEW,
    },
    {
        "title": "Mobilier des centres de documentation et d'information",
        "dept": "LYC",
        "family": "furniture",
        "cpv": "39100000-3",
        "nature": AC,
        "procedure": AOO,
        "amount": "420000",
        "months": 36,
        "place": "Lycées de la région Nord-Pas-de-Calais",
        "postcode": "59000",
        "launch": d(2026, 12, 7),
        "lots": [("Mobilier de CDI", "420000")],
        "clauses": [
            ("part-reemploi-agec", None, {"reuse_share": "5"}),
            ("bois-gestion-durable", None, {}),
            ("emballages-reduction-reprise", None, {}),
            ("insertion-heures", None, {"insertion_rate": "5", "labour_share": "20"}),
        ],
        "criteria": PTE,
        "status": S.SENT_BACK,
        "comment": (
            "Une part de réemploi de 5 % est faible pour du mobilier : visez au moins 20 % et "
            "ajoutez la disponibilité des pièces détachées."
        ),
    },
    {
        "title": "Impression du guide régional des transports scolaires",
        "dept": "TRA",
        "family": "printing",
        "cpv": "22100000-1",
        "nature": MA,
        "procedure": MAPA,
        "amount": "110000",
        "months": 12,
        "place": "Lille",
        "postcode": "59000",
        "launch": d(2026, 11, 30),
        "lots": [("Impression du guide", "80000"), ("Mise sous pli et routage", "30000")],
        "clauses": [
            ("impression-responsable", None, {}),
            ("papier-recycle", None, {}),
            ("rapport-indicateurs-execution", None, {}),
        ],
        "criteria": [(PRICE, 60), (TECH, 25), (ENV, 15)],
        "status": S.SENT_BACK,
        "comment": (
            "Le lot 2 (mise sous pli) se prête à un marché réservé aux ESAT et entreprises "
            "adaptées : étudiez-le avec le facilitateur avant de soumettre à nouveau."
        ),
    },
    {
        "title": "Goûters et collations biologiques des internats",
        "dept": "LYC",
        "family": "catering",
        "cpv": "15000000-8",
        "nature": AC,
        "procedure": MAPA,
        "amount": "180000",
        "months": 36,
        "place": "Lycées de la région Nord-Pas-de-Calais",
        "postcode": "59000",
        "launch": d(2026, 12, 14),
        "lots": [("Goûters et collations", "180000")],
        "clauses": [
            ("restauration-egalim-qualite", None, {"organic_share": "20"}),
            ("gaspillage-alimentaire", None, {}),
        ],
        "criteria": PTE,
        "status": S.SENT_BACK,
        "comment": (
            "Dites comment le gaspillage sera mesuré (pesées avant et après) et portez la part "
            "de produits biologiques à 30 %, comme pour les denrées des lycées."
        ),
    },
    {
        "title": "Centrales photovoltaïques sur les toitures des lycées",
        "dept": "LYC",
        "family": "works",
        "cpv": "45300000-0",
        "nature": MA,
        "procedure": AOO,
        "amount": "1800000",
        "months": 24,
        "place": "Lycées de la région Nord-Pas-de-Calais",
        "postcode": "59000",
        "launch": d(2026, 12, 21),
        "lots": [("Lycées du Nord", "1000000"), ("Lycées du Pas-de-Calais", "800000")],
        "clauses": [
            ("insertion-heures", None, {"insertion_rate": "5", "labour_share": "30"}),
            ("dechets-chantier", None, {}),
        ],
        "criteria": PT_SE,
        "status": S.DRAFT,
    },
    {
        "title": "Microfibres et matériel de nettoyage des lycées",
        "dept": "LYC",
        "family": "cleaning-products",
        "cpv": "39525800-6",
        "nature": AC,
        "procedure": MAPA,
        "amount": "140000",
        "months": 36,
        "place": "Lycées de la région Nord-Pas-de-Calais",
        "postcode": "59000",
        "launch": d(2026, 12, 14),
        "lots": [("Microfibres et matériel", "140000")],
        "clauses": [("substances-dangereuses", None, {})],
        # No environmental criterion nor execution clause yet: the summary flags the art. 35 gap.
        "criteria": [(PRICE, 60), (TECH, 40)],
        "status": S.DRAFT,
    },
    {
        "title": "Vidéoprojecteurs interactifs des salles de classe",
        "dept": "LYC",
        "family": "it-equipment",
        "cpv": "30200000-1",
        "nature": AC,
        "procedure": AOO,
        "amount": "750000",
        "months": 36,
        "place": "Lycées de la région Nord-Pas-de-Calais",
        "postcode": "59000",
        "launch": d(2026, 12, 21),
        "lots": [("Vidéoprojecteurs", "750000")],
        "clauses": [("efficacite-energetique-informatique", None, {})],
        "criteria": [],
        "status": S.DRAFT,
    },
    {
        "title": "Blouses et équipements de protection des laboratoires",
        "dept": "LYC",
        "family": "textile",
        "cpv": "18130000-9",
        "nature": AC,
        "procedure": MAPA,
        "amount": "65000",
        "months": 24,
        "place": "Lycées de la région Nord-Pas-de-Calais",
        "postcode": "59000",
        "launch": d(2026, 12, 21),
        "lots": [("Blouses et équipements", "65000")],
        "assessment": False,
        "clauses": [],
        "criteria": [],
        "status": S.DRAFT,
    },
    {
        "title": "Navettes autonomes électriques, expérimentation",
        "dept": "TRA",
        "family": "vehicles",
        "launch": d(2026, 12, 28),
        "status": S.DRAFT,
        "needs_only": True,
    },
    # --- Added to fill the quarters of the steering dashboard (2nd and 3rd quarters of 2026).
    # Kept after the contracts above so that their references do not change.
    {
        "title": "Électricité renouvelable des lycées et des bâtiments régionaux",
        "dept": "LYC",
        "family": "energy",
        "cpv": "09310000-5",
        "nature": AC,
        "procedure": AOO,
        "amount": "2400000",
        "months": 36,
        "place": "Lycées et bâtiments de la région Nord-Pas-de-Calais",
        "postcode": "59000",
        "launch": d(2025, 12, 1),
        "description": (
            "Fourniture d'électricité des 180 lycées et des sites régionaux, produite à partir "
            "de sources renouvelables avec garanties d'origine, et bilan annuel des "
            "consommations par établissement."
        ),
        "lots": [("Fourniture d'électricité renouvelable", "2400000")],
        "clauses": [
            ("electricite-renouvelable", None, {"renewable_share": "100"}),
            ("rapport-indicateurs-execution", None, {"report_frequency": "annuelle"}),
        ],
        "criteria": [(PRICE, 60), (TECH, 20), (ENV, 20)],
        "status": S.IN_EXECUTION,
        "published": (d(2025, 12, 1), "JOUE 2025/S 232-771045"),
        "awards": [("energie", "2310000", d(2026, 4, 14))],
    },
    {
        "title": "Cartouches de toner remanufacturées des services des transports",
        "dept": "TRA",
        "family": "office-supplies",
        "cpv": "30125100-2",
        "nature": AC,
        "procedure": MAPA,
        "amount": "45000",
        "months": 24,
        "place": "Lille",
        "postcode": "59000",
        "launch": d(2026, 3, 9),
        "lots": [("Cartouches de toner remanufacturées", "45000")],
        "clauses": [
            ("contenu-recycle-agec", None, {"recycled_content_share": "30"}),
            ("emballages-reduction-reprise", None, {"takeback_days": "30"}),
        ],
        "criteria": PTE,
        "status": S.IN_EXECUTION,
        "published": (d(2026, 3, 9), "Marchés publics Hauts-de-France 26-0402"),
        "awards": [("bureau-vert", "42600", d(2026, 5, 11))],
    },
    {
        "title": "Travaux d'été de peinture et de revêtements de sols dans les lycées",
        "dept": "LYC",
        "family": "works",
        "cpv": "45400000-1",
        "nature": MA,
        "procedure": MAPA,
        "amount": "420000",
        "months": 2,
        "place": "Lycées du bassin minier",
        "postcode": "62300",
        "launch": d(2026, 4, 20),
        "description": (
            "Peinture des salles de classe et remplacement des sols souples de six lycées du "
            "bassin minier pendant les vacances d'été, avec des heures d'insertion suivies par "
            "le facilitateur de la Maison de l'emploi de Lens-Liévin."
        ),
        "lots": [("Peinture", "250000"), ("Revêtements de sols", "170000")],
        "clauses": [
            ("insertion-heures", None, {"insertion_rate": "7", "labour_share": "50"}),
            ("dechets-chantier", None, {"recovery_rate": "70"}),
            ("sante-securite-travail", None, {}),
        ],
        "criteria": PT_SE,
        "status": S.CLOSED,
        "published": (d(2026, 4, 20), "Marchés publics Hauts-de-France 26-0712"),
        "awards": [
            ("finitions", "236000", d(2026, 7, 3)),
            ("batiment", "158500", d(2026, 7, 3)),
        ],
    },
    {
        "title": "Entretien et réparation des véhicules de service",
        "dept": "TRA",
        "family": "services",
        "cpv": "50110000-9",
        "nature": AC,
        "procedure": AOO,
        "amount": "480000",
        "months": 48,
        "place": "Arras",
        "postcode": "62000",
        "launch": d(2026, 5, 4),
        "lots": [
            ("Véhicules électriques et hybrides", "300000"),
            ("Véhicules utilitaires", "180000"),
        ],
        "clauses": [
            ("reparabilite-pieces-detachees", None, {"spare_parts_years": "5"}),
            ("rapport-indicateurs-execution", None, {"report_frequency": "annuelle"}),
        ],
        "criteria": PTE,
        "status": S.IN_EXECUTION,
        "published": (d(2026, 5, 4), "BOAMP 26-041877"),
        "awards": [
            ("auto", "286000", d(2026, 8, 31)),
            ("garage", "171500", d(2026, 8, 31)),
        ],
    },
    {
        "title": "Entretien des espaces verts des lycées de l'Artois",
        "dept": "LYC",
        "family": "services",
        "cpv": "77310000-6",
        "nature": AC,
        "procedure": MAPA,
        "amount": "180000",
        "months": 36,
        "place": "Lycées de l'Artois",
        "postcode": "62000",
        "launch": d(2026, 5, 11),
        "description": (
            "Tonte, taille et désherbage sans produits phytosanitaires des espaces verts de "
            "douze lycées, gestion différenciée et compostage des déchets verts sur place."
        ),
        "lots": [("Entretien des espaces verts", "180000")],
        "clauses": [
            ("insertion-heures", None, {"insertion_rate": "10", "labour_share": "60"}),
            ("formation-ecoconduite-ecogestes", None, {"training_months": "3"}),
        ],
        "criteria": PT_SE,
        "status": S.IN_EXECUTION,
        "published": (d(2026, 5, 11), "Marchés publics Hauts-de-France 26-0855"),
        "awards": [("paysage", "171000", d(2026, 7, 20))],
    },
    {
        "title": "Mise sous pli et routage des courriers aux familles des lycéens",
        "dept": "LYC",
        "family": "printing",
        "cpv": "79800000-2",
        "nature": MA,
        "procedure": MAPA,
        "amount": "36500",
        "months": 12,
        "place": "Lille",
        "postcode": "59000",
        "launch": d(2026, 6, 1),
        "lots": [("Mise sous pli et routage", "36500")],
        "clauses": [("marche-reserve-ea-esat", None, {})],
        "criteria": [(PRICE, 60), (TECH, 40)],
        "no_environment": (
            "Prestation manuelle de mise sous pli : les courriers sont imprimés au titre du "
            "marché d'impression, qui porte déjà les exigences de papier recyclé et "
            "d'impression responsable."
        ),
        "status": S.IN_EXECUTION,
        "published": (d(2026, 6, 1), "Profil acheteur du conseil régional 26-0934"),
        "awards": [("esat", "34800", d(2026, 7, 13))],
    },
    {
        "title": "Impression des cartes de transport scolaire",
        "dept": "TRA",
        "family": "printing",
        "cpv": "22458000-5",
        "nature": AC,
        "procedure": MAPA,
        "amount": "64000",
        "months": 24,
        "place": "Lille",
        "postcode": "59000",
        "launch": d(2026, 6, 8),
        "lots": [("Cartes sans contact personnalisées", "64000")],
        "clauses": [],
        "criteria": [(PRICE, 60), (TECH, 40)],
        "no_environment": (
            "Cartes sans contact au format imposé par le système billettique régional : aucune "
            "offre de support recyclé compatible au sourçage ; à revoir au renouvellement du "
            "système billettique."
        ),
        "status": S.AWARDED,
        "published": (d(2026, 6, 8), "Marchés publics Hauts-de-France 26-1021"),
        "awards": [("imprimerie", "61200", d(2026, 7, 27))],
    },
    {
        "title": "Produits d'entretien écolabellisés des gares routières",
        "dept": "TRA",
        "family": "cleaning-products",
        "cpv": "39830000-9",
        "nature": AC,
        "procedure": MAPA,
        "amount": "28000",
        "months": 24,
        "place": "Gares routières d'Arras et de Lens",
        "postcode": "62000",
        "launch": d(2026, 6, 15),
        "lots": [("Produits d'entretien", "28000")],
        "clauses": [
            ("produits-entretien-ecolabel", None, {"ecolabel_share": "100"}),
            ("emballages-reduction-reprise", None, {}),
        ],
        "criteria": PTE,
        "status": S.IN_EXECUTION,
        "published": (d(2026, 6, 15), "Profil acheteur du conseil régional 26-1058"),
        "awards": [("hygiene", "26400", d(2026, 7, 6))],
    },
    {
        "title": "Fourniture de mobilier scolaire pour l'extension du lycée Condorcet de Lens",
        "dept": "LYC",
        "family": "furniture",
        "cpv": "39100000-3",
        "extra": ["39112000-0", "39121000-6"],
        "nature": MA,
        "procedure": MAPA,
        "amount": "96000",
        "months": 6,
        "place": "Lens",
        "postcode": "62300",
        "launch": d(2026, 8, 24),
        "description": (
            "Tables, chaises et armoires des huit salles de l'extension ouverte à la rentrée "
            "2026 ; première consultation des lycées soumise à l'article 35 de la loi Climat "
            "et résilience (condition d'exécution et critère environnementaux)."
        ),
        "lots": [("Tables, chaises et armoires des salles de classe", "96000")],
        "clauses": [
            ("part-reemploi-agec", None, {"reuse_share": "20"}),
            ("bois-gestion-durable", None, {"certified_share": "100"}),
            ("emballages-reduction-reprise", None, {"takeback_days": "30"}),
        ],
        "criteria": PTE,
        "status": S.IN_EXECUTION,
        "published": (d(2026, 8, 24), "Marchés publics Hauts-de-France 26-1611"),
        "awards": [("mobilier", "91200", d(2026, 9, 28))],
    },
]


class _Demo:
    """Builds the contracts of `CONTRACTS` with the demo people and the council's library."""

    def __init__(self):
        self.organisation = Organisation.objects.get(slug=DEMO_ORGANISATION)
        people = User.objects.select_related("department").filter(
            email__in=[*BUYERS.values(), ADVISOR]
        )
        by_email = {person.email: person for person in people}
        self.buyers = {code: by_email[email] for code, email in BUYERS.items()}
        self.advisor = by_email[ADVISOR]
        self.families = {family.code: family for family in PurchaseFamily.objects.all()}
        self.cpvs = {cpv.code: cpv for cpv in CpvCode.objects.all()}
        self.clauses = {
            clause.code: clause
            for clause in Clause.objects.filter(organisation=self.organisation).select_related(
                "current_version"
            )
        }
        # The site's day (Paris), as the services that refuse a date in the future read it.
        self.today = timezone.localdate()

    # --- Needs, lots, assessment, clauses, criteria ----------------------------------------

    def build(self, spec: dict) -> Market:
        buyer = self.buyers[spec["dept"]]
        if spec.get("needs_only"):
            return services.market_create(
                actor=buyer,
                title=spec["title"],
                purchase_family=self.families[spec["family"]],
                launch_date=spec["launch"],
            )
        market = services.market_create(
            actor=buyer,
            title=spec["title"],
            description=spec.get("description", ""),
            purchase_family=self.families[spec["family"]],
            main_cpv=self.cpvs[spec["cpv"]],
            extra_cpvs=[self.cpvs[code] for code in spec.get("extra", [])],
            nature=spec["nature"],
            procedure=spec["procedure"],
            estimated_amount=Decimal(spec["amount"]),
            duration_months=spec["months"],
            place=spec["place"],
            place_postcode=spec["postcode"],
            launch_date=spec["launch"],
            tender_deadline=_tender_deadline(spec["launch"]),
        )
        lots = services.lots_save(
            actor=buyer,
            market=market,
            lots=[
                {"number": number, "title": title, "estimated_amount": Decimal(amount)}
                for number, (title, amount) in enumerate(spec["lots"], start=1)
            ],
        )
        if spec.get("assessment", True) and lots:
            services.assessment_save(
                actor=buyer, market=market, answers=self._assessment(spec, len(lots))
            )
        for clause in spec["clauses"]:
            self._add_clause(buyer, market, lots, spec, clause)
        if spec["criteria"]:
            for number, lot in enumerate(lots, start=1):
                criteria = spec["criteria"]
                criteria = criteria[number] if isinstance(criteria, dict) else criteria
                services.criteria_save(
                    actor=buyer,
                    lot=lot,
                    criteria=[{"kind": kind, "weight": weight} for kind, weight in criteria],
                )
        if spec.get("justification"):
            services.climate_justification_save(
                actor=buyer, market=market, justification=spec["justification"]
            )
        if spec.get("social_justification"):
            services.social_justification_save(
                actor=buyer, market=market, justification=spec["social_justification"]
            )
        return market

    def _assessment(self, spec: dict, lot_count: int) -> dict:
        codes = {code for code, _lot, _values in spec["clauses"]}
        codes |= {code for code, _lot, _values in spec.get("sent_back", ("", []))[1]}
        kinds = set()
        criteria = spec["criteria"]
        for group in criteria.values() if isinstance(criteria, dict) else [criteria]:
            kinds |= {kind for kind, _weight in group}
        family = spec["family"]

        def answer(theme, considered, reason):
            if considered:
                return (True, reason)
            reasons = NOT_CONSIDERED[theme]
            return (False, reasons.get(family, reasons["default"]))

        environment = (
            (False, spec["no_environment"])
            if spec.get("no_environment")
            else (
                True,
                "Exigences environnementales dans les spécifications, les conditions "
                "d'exécution ou les critères d'attribution.",
            )
        )
        return {
            Theme.ENVIRONMENT: environment,
            Theme.SOCIAL_INSERTION: answer(
                Theme.SOCIAL_INSERTION,
                bool(codes & SOCIAL_CODES) or SOC in kinds,
                "Clause d'insertion, marché réservé ou critère social selon les lots.",
            ),
            Theme.WORKING_CONDITIONS: answer(
                Theme.WORKING_CONDITIONS,
                bool(codes & WORKING_CODES),
                "Clauses de vigilance sur les conditions de travail et la santé-sécurité.",
            ),
            Theme.CIRCULAR_ECONOMY: answer(
                Theme.CIRCULAR_ECONOMY,
                bool(codes & CIRCULAR_CODES),
                "Réemploi, contenu recyclé, reprise des emballages ou valorisation des déchets.",
            ),
            Theme.SME_SSE: answer(
                Theme.SME_SSE,
                lot_count > 1,
                "Allotissement pour ouvrir la consultation aux PME et aux structures de "
                "l'économie sociale et solidaire.",
            ),
        }

    def _add_clause(self, buyer, market, lots, spec, clause_spec) -> None:
        code, lot_number, values = clause_spec
        lot = lots[lot_number - 1] if lot_number else None
        values = dict(values)
        if code == "insertion-heures" and "hours" not in values:
            amount = lot.estimated_amount if lot else Decimal(spec["amount"])
            figures = {**INSERTION_DEFAULTS, **values}
            values["hours"] = str(InsertionHours.of(amount=amount, values=figures).hours)
        services.applied_clause_add(
            actor=buyer, market=market, clause=self.clauses[code], lot=lot, values=values
        )

    # --- Review and the life after it ------------------------------------------------------

    def advance(self, market: Market, spec: dict) -> Market:
        target = spec["status"]
        if target == S.DRAFT:
            return market
        buyer = self.buyers[spec["dept"]]
        if target == S.ABANDONED and "abandon_after" not in spec and "published" not in spec:
            return services.market_abandon(actor=buyer, market=market, reason=spec["abandon"])
        if "sent_back" in spec:
            comment, added = spec["sent_back"]
            market = services.market_submit(actor=buyer, market=market)
            market = services.market_send_back(actor=self.advisor, market=market, comment=comment)
            lots = list(market.lots.order_by("number"))
            for clause in added:
                self._add_clause(buyer, market, lots, spec, clause)
        market = services.market_submit(actor=buyer, market=market)
        if target == S.IN_REVIEW:
            return market
        if target == S.SENT_BACK:
            return services.market_send_back(
                actor=self.advisor, market=market, comment=spec["comment"]
            )
        market = services.market_approve(
            actor=self.advisor, market=market, comment=spec.get("approve_comment", "")
        )
        if target == S.APPROVED:
            return market
        if spec.get("abandon_after") == S.APPROVED:
            return services.market_abandon(actor=buyer, market=market, reason=spec["abandon"])
        published_on, notice = spec["published"]
        market = services.market_publish(
            actor=buyer, market=market, published_on=published_on, publication_reference=notice
        )
        if target == S.PUBLISHED:
            return market
        if target == S.ABANDONED:
            return services.market_abandon(actor=buyer, market=market, reason=spec["abandon"])
        for lot, (supplier, amount, notified_on) in zip(
            market.lots.order_by("number"), spec["awards"], strict=True
        ):
            name, _digits, is_sme, structure = SUPPLIERS[supplier]
            services.award_save(
                actor=buyer,
                lot=lot,
                supplier_name=name,
                siret=supplier_siret(supplier),
                is_sme=is_sme,
                inclusive_structure=structure,
                amount=Decimal(amount),
                notified_on=notified_on,
            )
        if target == S.AWARDED:
            return Market.objects.get(pk=market.pk)
        market = services.market_start_execution(actor=buyer, market=market)
        self.follow_up(market, spec)
        if target == S.CLOSED:
            market = services.market_close(
                actor=buyer, market=market, comment="Prestations achevées et soldées."
            )
        return market

    def follow_up(self, market: Market, spec: dict) -> None:
        """One follow-up a year for each execution clause from the notification, up to the
        contract's end or today; insertion hours pro rata of the hours committed."""
        buyer = self.buyers[spec["dept"]]
        start = min(notified for _supplier, _amount, notified in spec["awards"])
        end = min(_add_months(start, spec["months"]), self.today - datetime.timedelta(days=1))
        periods = []
        period_start = start
        while period_start < end:
            period_end = min(_add_months(period_start, 12) - datetime.timedelta(days=1), end)
            periods.append((period_start, period_end))
            period_start = period_end + datetime.timedelta(days=1)
        applied = market.clauses.select_related("clause_version__clause", "lot")
        for index, clause in enumerate(applied):
            version = clause.clause_version
            if version.kind != ClauseKind.EXECUTION_CONDITION:
                continue
            code = version.clause.code
            for number, (first, last) in enumerate(periods):
                if code == "insertion-heures":
                    self._insertion_follow_up(buyer, market, spec, clause, first, last, number)
                elif code in FOLLOW_UP_INDICATORS:
                    indicator, target, achieved, status = FOLLOW_UP_INDICATORS[code]
                    # The last period of a long contract is still being checked.
                    pending = number == len(periods) - 1 and index % 2 and len(periods) > 1
                    services.follow_up_save(
                        actor=buyer,
                        applied=clause,
                        period_start=first,
                        period_end=last,
                        indicator=indicator,
                        target=Decimal(target),
                        achieved=None if pending else Decimal(achieved),
                        status=FollowUpStatus.PENDING if pending else status,
                    )

    def _insertion_follow_up(self, buyer, market, spec, clause, first, last, number) -> None:
        hours = Decimal(clause.values["hours"])
        months = Decimal((last - first).days + 1) / Decimal("30.44")
        target = (hours * months / Decimal(spec["months"])).quantize(Decimal(1))
        # Slow first year, then above target: how insertion clauses usually go.
        ratio = (Decimal("0.85"), Decimal("1.12"), Decimal("1.05"), Decimal("1"))[number % 4]
        achieved = (target * ratio).quantize(Decimal(1))
        status = FollowUpStatus.MET if achieved >= target else FollowUpStatus.PARTIAL
        services.follow_up_save(
            actor=buyer,
            applied=clause,
            period_start=first,
            period_end=last,
            indicator="Heures d'insertion réalisées",
            target=target,
            achieved=achieved,
            is_insertion_hours=True,
            status=status,
            comment="Attestation du facilitateur de la Maison de l'emploi.",
        )


# The demo's calls for tenders close at noon, five weeks after their launch.
TENDER_PERIOD_DAYS = 35


def _tender_deadline(launched_on: datetime.date) -> datetime.datetime:
    moment = datetime.datetime.combine(
        launched_on + datetime.timedelta(days=TENDER_PERIOD_DAYS), datetime.time(12)
    )
    return timezone.make_aware(moment)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, 28))


@transaction.atomic
def load() -> list[Market]:
    """Create the demo contracts the council does not have yet (known by their title)."""
    demo = _Demo()
    existing = set(
        Market.objects.filter(organisation=demo.organisation).values_list("title", flat=True)
    )
    created = []
    for spec in CONTRACTS:
        if spec["title"] in existing:
            continue
        market = demo.build(spec)
        created.append(demo.advance(market, spec))
    return created


def load_and_describe() -> list[str]:
    created = load()
    markets = Market.objects.filter(organisation__slug=DEMO_ORGANISATION)
    counts = dict.fromkeys(MarketStatus, 0)
    for status in markets.values_list("status", flat=True):
        counts[MarketStatus(status)] += 1
    detail = ", ".join(f"{count} {status.label.lower()}" for status, count in counts.items())
    return [
        f"Contracts: {len(created)} demo contracts added, {markets.count()} in the council's "
        f"({detail})."
    ]
