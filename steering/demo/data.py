"""The demo's steering committee of the council as data: its members, and its meetings with
their agenda, minutes, members present and decisions."""

import datetime

from ..models import DecisionStatus, MemberRole

DEMO_ORGANISATION = "npdc"
COMMITTEE_ACCOUNT = "comite@npdc.test"
COMMITTEE_NAME = "Comité de pilotage achats éthiques et développement durable"
PLACE = "Hôtel de Région, 151 avenue du Président Hoover, 59000 Lille — salle du Beffroi"

d = datetime.date
ADOPTED, IN_PROGRESS, DONE, ABANDONED = (
    DecisionStatus.ADOPTED,
    DecisionStatus.IN_PROGRESS,
    DecisionStatus.DONE,
    DecisionStatus.ABANDONED,
)

# key: full name, role, position, account e-mail, department code, joined on, left on
MEMBERS = {
    "president": (
        "Élise Fontaine",
        MemberRole.PRESIDENT,
        "Vice-présidente du conseil régional chargée du développement durable",
        "comite@npdc.test",
        None,
        d(2024, 1, 15),
        None,
    ),
    "lycees": (
        "Jean-Pierre Vasseur",
        MemberRole.REPRESENTATIVE,
        "Conseiller régional délégué aux lycées",
        None,
        None,
        d(2024, 1, 15),
        None,
    ),
    "finances": (
        "Fatima Benhamou",
        MemberRole.REPRESENTATIVE,
        "Conseillère régionale, membre de la commission des finances",
        None,
        None,
        d(2024, 1, 15),
        None,
    ),
    "transports": (
        "Martine Caudron",
        MemberRole.REPRESENTATIVE,
        "Conseillère régionale déléguée aux mobilités",
        None,
        None,
        d(2024, 1, 15),
        d(2025, 6, 30),
    ),
    "ess": (
        "Grégoire Delattre",
        MemberRole.REPRESENTATIVE,
        "Conseiller régional délégué à l'économie sociale et solidaire",
        None,
        None,
        d(2025, 9, 1),
        None,
    ),
    "conseillere": (
        "Sophie Dubois",
        MemberRole.TECHNICIAN,
        "Conseillère achats responsables",
        "conseillere@npdc.test",
        "ACH",
        d(2024, 1, 15),
        None,
    ),
    "budget": (
        "Marc Lambert",
        MemberRole.TECHNICIAN,
        "Gestionnaire budgétaire, suivi des dépenses de fournitures",
        "finances@npdc.test",
        None,
        d(2024, 1, 15),
        None,
    ),
    "environnement": (
        "Claire Bernard",
        MemberRole.TECHNICIAN,
        "Directrice de l'environnement",
        "chef.environnement@npdc.test",
        "ENV",
        d(2024, 1, 15),
        None,
    ),
}

ELECTED_2024 = ["president", "lycees", "finances", "transports"]
ELECTED_2025 = ["president", "lycees", "finances", "ess"]
TECHNICIANS = ["conseillere", "budget", "environnement"]

# Each meeting: day, agenda, minutes, who was there (keys of MEMBERS), decisions
# (title, text, owner, due on, status).
MEETINGS = [
    {
        "day": d(2024, 2, 8),
        "agenda": (
            "Installation du comité et désignation de sa présidente\n"
            "Règles de fonctionnement : une réunion par trimestre, relevé de décisions\n"
            "Point de départ : les marchés notifiés en 2023 et leurs clauses\n"
            "Les deux règles de l'exécutif : 20 % de fournitures écoresponsables, papier "
            "100 % recyclé"
        ),
        "minutes": (
            "Le comité est installé. Élise Fontaine, vice-présidente chargée du développement "
            "durable, en assure la présidence.\n\n"
            "La direction des achats présente l'état des lieux : sur les marchés notifiés en "
            "2023, un peu plus d'un tiers comportent une considération environnementale et "
            "moins d'un sur cinq une considération sociale. Les élus souhaitent se rapprocher "
            "des objectifs du plan national (PNAD) d'ici 2026.\n\n"
            "Les deux règles de l'exécutif régional sont rappelées ; leur suivi se fera à partir "
            "des dépenses importées du logiciel financier."
        ),
        "present": ELECTED_2024 + TECHNICIANS,
        "decisions": [
            (
                "Adopter les objectifs du PNAD comme objectifs du comité",
                "100 % des marchés notifiés avec une considération environnementale et 30 % "
                "avec une considération sociale ; bilan à chaque réunion.",
                "Présidence du comité",
                d(2024, 3, 31),
                DONE,
            ),
            (
                "Désigner un référent achats responsables par direction",
                "Chaque directeur désigne un référent qui relaie les clauses et remonte les "
                "difficultés des acheteurs.",
                "Direction générale des services",
                d(2024, 4, 30),
                DONE,
            ),
        ],
    },
    {
        "day": d(2024, 5, 23),
        "agenda": (
            "Suivi des décisions du 8 février\n"
            "Premier bilan trimestriel des clauses\n"
            "Produits d'entretien : le premier marché accompagné par la conseillère"
        ),
        "minutes": (
            "Les six référents sont désignés. La conseillère achats responsables présente "
            "l'accompagnement du marché de produits d'entretien des lycées : écolabel européen "
            "exigé, dosage concentré, formation des agents d'entretien.\n\n"
            "Les élus demandent que la démarche soit étendue aux autres familles d'achat "
            "récurrentes et que la bibliothèque de clauses soit ouverte à toutes les directions."
        ),
        "present": ["president", "lycees", "transports", "conseillere", "environnement"],
        "decisions": [
            (
                "Ouvrir la bibliothèque de clauses à toutes les directions",
                "Les clauses validées par la direction des achats sont consultables par tous les "
                "acheteurs, avec leur guide d'utilisation.",
                "Direction des achats",
                d(2024, 9, 1),
                DONE,
            ),
        ],
    },
    {
        "day": d(2024, 9, 26),
        "agenda": (
            "Bilan du premier semestre 2024\n"
            "Règle des 20 % : premières tendances par direction\n"
            "Programme de formation des acheteurs"
        ),
        "minutes": (
            "La règle des 20 % est tenue par les lycées, l'environnement et les achats ; les "
            "transports, les ressources humaines et les systèmes d'information sont en retrait, "
            "faute de références écolabellisées dans leurs commandes habituelles.\n\n"
            "Le comité retient un cycle de formation pour tous les acheteurs avant fin 2025."
        ),
        "present": ELECTED_2024 + TECHNICIANS,
        "decisions": [
            (
                "Former tous les acheteurs aux achats responsables d'ici fin 2025",
                "Une session d'une journée par semestre, ouverte aux membres du réseau.",
                "Direction des ressources humaines",
                d(2025, 12, 31),
                DONE,
            ),
            (
                "Proposer un catalogue de fournitures écolabellisées aux directions en retrait",
                "",
                "Direction des achats",
                d(2025, 1, 31),
                DONE,
            ),
        ],
    },
    {
        "day": d(2024, 12, 5),
        "agenda": (
            "Bilan de l'année 2024 (provisoire)\n"
            "Clauses d'insertion : heures prévues dans les marchés de travaux des lycées\n"
            "Calendrier 2025"
        ),
        "minutes": (
            "Le bilan provisoire montre une nette progression des considérations "
            "environnementales. Les heures d'insertion prévues dans les marchés de travaux des "
            "lycées dépassent les prévisions ; leur réalisation sera suivie avec les "
            "facilitateurs du territoire.\n\n"
            "Le comité valide son calendrier 2025."
        ),
        "present": ["president", "lycees", "finances", "conseillere", "budget"],
        "decisions": [
            (
                "Suivre chaque trimestre les heures d'insertion réalisées",
                "Les titulaires transmettent leurs relevés d'heures ; la conseillère les "
                "consolide pour le comité.",
                "Sophie Dubois, conseillère achats responsables",
                d(2025, 3, 31),
                DONE,
            ),
        ],
    },
    {
        "day": d(2025, 2, 13),
        "agenda": (
            "Bilan définitif de l'année 2024\n"
            "Papier : les directions qui achètent encore du papier non recyclé\n"
            "Groupement de commandes textile avec les partenaires du réseau"
        ),
        "minutes": (
            "Seule la direction de l'environnement n'achète que du papier recyclé. Les autres "
            "directions commandent encore du papier blanc standard, souvent hors marché.\n\n"
            "La présidente présente le projet de groupement de commandes de vêtements de "
            "travail avec six collectivités du réseau, avec un contrôle des conditions de "
            "travail chez les fabricants."
        ),
        "present": [*ELECTED_2024, "conseillere", "environnement"],
        "decisions": [
            (
                "Retirer le papier non recyclé du catalogue de commande",
                "Les références de papier non recyclé ne peuvent plus être commandées à compter "
                "du 1er juillet 2025.",
                "Direction des achats",
                d(2025, 7, 1),
                IN_PROGRESS,
            ),
            (
                "Adhérer au groupement de commandes textile",
                "Le conseil régional rejoint le groupement coordonné par le réseau ; la "
                "délibération est présentée à la commission permanente.",
                "Présidence du comité",
                d(2025, 6, 30),
                DONE,
            ),
        ],
    },
    {
        "day": d(2025, 5, 22),
        "agenda": (
            "Suivi du retrait du papier non recyclé\n"
            "Audits sociaux dans la chaîne de production textile\n"
            "Départ de Martine Caudron"
        ),
        "minutes": (
            "Le retrait du papier non recyclé a pris du retard : deux contrats de location de "
            "photocopieurs imposent encore leur propre papier.\n\n"
            "Le groupement textile prévoit un audit social de chaque site de production avant "
            "la notification. Le comité remercie Martine Caudron, qui quitte le comité fin juin."
        ),
        "present": ["president", "transports", "finances", "conseillere", "budget"],
        "decisions": [
            (
                "Renégocier le papier fourni avec les photocopieurs",
                "Avenant aux deux contrats de location pour imposer du papier 100 % recyclé.",
                "Direction des systèmes d'information",
                d(2025, 12, 31),
                IN_PROGRESS,
            ),
        ],
    },
    {
        "day": d(2025, 9, 25),
        "agenda": (
            "Accueil de Grégoire Delattre\n"
            "Marchés réservés aux structures d'insertion et du handicap\n"
            "Bilan du premier semestre 2025"
        ),
        "minutes": (
            "Grégoire Delattre, délégué à l'économie sociale et solidaire, rejoint le comité.\n\n"
            "Trois familles d'achat se prêtent à des marchés réservés : l'entretien des espaces "
            "verts des lycées, la mise sous pli et le recyclage du matériel informatique. La part "
            "de marchés avec une considération sociale progresse mais reste sous les 30 %."
        ),
        "present": ELECTED_2025 + TECHNICIANS,
        "decisions": [
            (
                "Réserver le marché d'entretien des espaces verts des lycées",
                "Marché réservé aux structures d'insertion par l'activité économique lors de son "
                "renouvellement.",
                "Direction des lycées",
                d(2026, 6, 30),
                IN_PROGRESS,
            ),
            (
                "Étudier un marché réservé de recyclage du matériel informatique",
                "",
                "Direction des systèmes d'information",
                d(2026, 3, 31),
                DONE,
            ),
        ],
    },
    {
        "day": d(2025, 12, 11),
        "agenda": (
            "Bilan provisoire de l'année 2025\n"
            "Loi Climat et Résilience : les consultations lancées à partir du 21 août 2026\n"
            "Calendrier 2026"
        ),
        "minutes": (
            "À partir du 21 août 2026, chaque consultation devra comporter une condition "
            "d'exécution environnementale et au moins un critère d'attribution environnemental. "
            "La direction des achats propose d'adapter dès maintenant les modèles de dossiers de "
            "consultation.\n\n"
            "Le comité valide son calendrier 2026."
        ),
        "present": ["president", "lycees", "ess", "conseillere", "budget", "environnement"],
        "decisions": [
            (
                "Adapter les modèles de dossiers de consultation à la loi Climat et Résilience",
                "Une condition d'exécution et un critère environnemental par défaut dans chaque "
                "modèle, à retirer seulement sur justification.",
                "Direction des achats",
                d(2026, 6, 30),
                DONE,
            ),
        ],
    },
    {
        "day": d(2026, 2, 12),
        "agenda": (
            "Bilan définitif de l'année 2025\n"
            "Règle des 20 % : plan d'action des directions en retrait\n"
            "Rapport annuel au conseil régional"
        ),
        "minutes": (
            "Les transports, les ressources humaines et les systèmes d'information restent sous "
            "les 20 % de fournitures écoresponsables. Chacune de ces directions présentera un "
            "plan d'action à la prochaine réunion.\n\n"
            "Le rapport annuel sera présenté en séance plénière au printemps."
        ),
        "present": ELECTED_2025 + TECHNICIANS,
        "decisions": [
            (
                "Plan d'action des directions sous la règle des 20 %",
                "Chaque direction en retrait présente ses commandes types et les substitutions "
                "écolabellisées possibles.",
                "Directions des transports, des ressources humaines et des systèmes d'information",
                d(2026, 6, 4),
                DONE,
            ),
        ],
    },
    {
        "day": d(2026, 6, 4),
        "agenda": (
            "Plans d'action des directions en retrait sur la règle des 20 %\n"
            "Point d'étape des marchés réservés\n"
            "Préparation de l'échéance du 21 août 2026"
        ),
        "minutes": (
            "Les trois plans d'action sont présentés ; le catalogue écolabellisé couvre désormais "
            "90 % des commandes de fournitures courantes.\n\n"
            "Les modèles de dossiers de consultation sont prêts pour le 21 août. Les acheteurs "
            "seront informés par une note de la direction générale."
        ),
        "present": ["president", "finances", "ess", "conseillere", "environnement"],
        "decisions": [
            (
                "Diffuser une note aux acheteurs sur l'échéance du 21 août 2026",
                "",
                "Direction générale des services",
                d(2026, 7, 15),
                DONE,
            ),
        ],
    },
    {
        "day": d(2026, 9, 17),
        "agenda": (
            "Bilan du premier semestre 2026\n"
            "Premiers marchés lancés après le 21 août 2026\n"
            "Clauses sociales : atteindre 30 % des marchés notifiés\n"
            "Rapport trimestriel du comité"
        ),
        "minutes": (
            "La part de marchés notifiés avec une considération environnementale continue de "
            "progresser ; la part sociale approche l'objectif de 30 % sans l'atteindre.\n\n"
            "Les consultations lancées après le 21 août sans critère environnemental sont "
            "désormais signalées ; la conseillère accompagne les acheteurs concernés.\n\n"
            "Le comité demande que le rapport trimestriel soit adressé à chaque membre dès sa "
            "production, et que la part sociale soit suivie direction par direction."
        ),
        "present": ELECTED_2025 + TECHNICIANS,
        "decisions": [
            (
                "Relire avant publication toute consultation lancée après le 21 août 2026",
                "Aucune consultation n'est publiée sans condition d'exécution et critère "
                "environnementaux, ou sans justification enregistrée.",
                "Sophie Dubois, conseillère achats responsables",
                d(2026, 12, 31),
                IN_PROGRESS,
            ),
            (
                "Ajouter une clause d'insertion à tous les marchés de travaux de plus de 500 000 €",
                "Taux d'insertion de 5 % des heures travaillées, avec l'appui des facilitateurs "
                "du territoire.",
                "Direction des lycées",
                d(2026, 12, 31),
                ADOPTED,
            ),
            (
                "Suivre la part de marchés avec une considération sociale par direction",
                "Chaque direction se voit présenter sa part au rapport trimestriel.",
                "Direction des achats",
                d(2026, 10, 31),
                DONE,
            ),
            (
                "Étendre le catalogue écolabellisé au mobilier de bureau",
                "Reporté : le groupement textile mobilise la direction des achats jusqu'à la fin "
                "de l'année.",
                "Direction des achats",
                d(2026, 12, 31),
                ABANDONED,
            ),
        ],
    },
    {
        "day": d(2026, 11, 19),
        "agenda": (
            "Rapport du 3e trimestre 2026\n"
            "Bilan des audits sociaux du groupement textile\n"
            "Objectifs 2027 du comité"
        ),
        "minutes": (
            "Le rapport du 3e trimestre est présenté. Les audits sociaux du groupement textile "
            "ont relevé des écarts sur les heures de travail ; le plan d'action correctif est "
            "suivi par la conseillère.\n\n"
            "Le comité maintient ses objectifs pour 2027 et prépare le schéma de promotion des "
            "achats responsables (SPASER) qui les reprendra."
        ),
        "present": ["president", "lycees", "finances", "conseillere", "budget"],
        "decisions": [
            (
                "Préparer le schéma de promotion des achats socialement et écologiquement "
                "responsables (SPASER)",
                "Projet présenté au comité de février 2027 avant son adoption en séance plénière.",
                "Direction des achats",
                d(2027, 2, 28),
                ADOPTED,
            ),
        ],
    },
]
