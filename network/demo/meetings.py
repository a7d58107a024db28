"""Demo of the buyers' network: the « Réseau des acheteurs publics durables du Nord-Pas-de-Calais »
coordinated by the council (`npdc`, reseau@npdc.test), its six partner authorities as members with
a contact each, quarterly themed meetings from the end of 2024 to 2026 and the next ones, with
registrations and attendance for those held, the minutes of one, action items, and three common
projects with their milestones.

Everything goes through the services, as the coordinator and the members would in the browser.
Rows are known by their name or title: a second run adds nothing. Whether a meeting is past is
decided when the demo is loaded: one still to come gets registrations only."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from clauses.models import PurchaseFamily

from ..models import ActionStatus, Meeting, MeetingStatus, Network, NetworkMembership
from ..services import meetings as services
from ..services import networks as network_services
from ..services import projects as project_services

NETWORK_NAME = "Réseau des acheteurs publics durables du Nord-Pas-de-Calais"
NETWORK_DESCRIPTION = (
    "Les acheteurs publics du Nord-Pas-de-Calais partagent leurs pratiques d'achat durable : "
    "une rencontre par trimestre sur une famille d'achat (papier, véhicules, produits "
    "d'entretien, textile…), des projets communs et des groupements de commandes."
)
COORDINATOR = "reseau@npdc.test"
COORDINATING_ORGANISATION = "npdc"
FOUNDED_ON = datetime.date(2019, 1, 15)

d = datetime.date

# slug: joined on, (contact name, role, e-mail, phone)
MEMBERS = {
    "npdc": (
        FOUNDED_ON,
        (
            "Isabelle Girard",
            "Animatrice du réseau des acheteurs",
            "reseau@npdc.test",
            "03 28 82 00 01",
        ),
    ),
    "lille-metropole": (
        FOUNDED_ON,
        (
            "Hélène Carpentier",
            "Responsable de la commande publique responsable",
            "h.carpentier@lille-metropole.test",
            "03 20 21 00 02",
        ),
    ),
    "dunkerque": (
        d(2019, 3, 1),
        (
            "Olivier Vandamme",
            "Référent achats durables",
            "o.vandamme@dunkerque.test",
            "03 28 26 00 03",
        ),
    ),
    "roubaix": (
        d(2019, 9, 1),
        (
            "Samira Haddad",
            "Cheffe du service des achats",
            "s.haddad@roubaix.test",
            "03 20 66 00 04",
        ),
    ),
    "tourcoing": (
        d(2020, 9, 1),
        (
            "Benoît Delcourt",
            "Acheteur, référent clauses sociales",
            "b.delcourt@tourcoing.test",
            "03 20 23 00 05",
        ),
    ),
    "villeneuve-d-ascq": (
        d(2021, 1, 1),
        (
            "Claire Lemaire",
            "Directrice de la commande publique",
            "c.lemaire@villeneuve-d-ascq.test",
            "03 20 43 00 06",
        ),
    ),
    "cu-dunkerque": (
        d(2022, 4, 1),
        (
            "Mathieu Verbeke",
            "Chargé de mission achats responsables",
            "m.verbeke@cu-dunkerque.test",
            "03 28 62 00 07",
        ),
    ),
}

PLACES = {
    "region": "Hôtel de Région, 151 avenue du Président Hoover, 59000 Lille",
    "mel": "Métropole européenne de Lille, 2 boulevard des Cités Unies, 59000 Lille",
    "roubaix": "Hôtel de ville de Roubaix, 17 Grand'Place, 59100 Roubaix",
    "cud": "Communauté urbaine de Dunkerque, Pertuis de la Marine, 59140 Dunkerque",
    "tourcoing": "Hôtel de ville de Tourcoing, place Victor Hassebroucq, 59200 Tourcoing",
    "vda": "Hôtel de ville de Villeneuve d'Ascq, place Salvador Allende, 59650 Villeneuve d'Ascq",
}

# Who comes to the meetings: the council's people and the Lille buyer (the demo's accounts).
PARTICIPANTS = [
    "reseau@npdc.test",
    "acheteur@npdc.test",
    "conseillere@npdc.test",
    "acheteur.transports@npdc.test",
    "acheteur@lille-metropole.test",
]

# title, day, start hour, end hour, theme (purchase family code), place key, agenda,
# registered (e-mails), absent among them, action items (title, owner slug, due, status)
MEETINGS = [
    {
        "title": "Rencontre du 4e trimestre 2024 : les clauses sociales dans les travaux",
        "day": d(2024, 12, 12),
        "hours": (9, 30, 12, 30),
        "theme": "works",
        "place": "cud",
        "agenda": (
            "Bilan des heures d'insertion réalisées sur les chantiers des membres en 2024\n"
            "Le rôle du facilitateur : repérage des publics, suivi des entreprises\n"
            "Les gares routières d'Arras et de Lens : retour d'expérience de la Région"
        ),
        "registered": [*PARTICIPANTS[:3], "acheteur@lille-metropole.test"],
        "absent": [],
        "actions": [],
    },
    {
        "title": "Rencontre du 1er trimestre 2025 : le papier recyclé",
        "day": d(2025, 3, 13),
        "hours": (9, 30, 12, 30),
        "theme": "paper",
        "place": "region",
        "agenda": (
            "Tour de table des consommations de papier\n"
            "Retour d'expérience de Dunkerque : 100 % de papier recyclé depuis 2023\n"
            "Labels et preuves : Ange bleu, Écolabel européen, FSC recyclé\n"
            "Projet d'achat groupé"
        ),
        "registered": PARTICIPANTS[:4],
        "absent": ["acheteur.transports@npdc.test"],
        "actions": [
            (
                "Recenser les volumes de papier de chaque membre",
                "dunkerque",
                d(2025, 5, 31),
                ActionStatus.DONE,
                d(2025, 5, 20),
            ),
        ],
    },
    {
        "title": "Rencontre du 2e trimestre 2025 : les produits d'entretien",
        "day": d(2025, 6, 12),
        "hours": (9, 30, 12, 30),
        "theme": "cleaning-products",
        "place": "cud",
        "agenda": (
            "Le premier marché responsable de la Région : les produits d'entretien\n"
            "Écolabel européen et dosage : ce qui a changé pour les agents des lycées\n"
            "Prestations de nettoyage et insertion"
        ),
        "registered": PARTICIPANTS,
        "absent": [],
        "actions": [
            (
                "Partager le cahier des charges des produits d'entretien de la Région",
                "npdc",
                d(2025, 7, 15),
                ActionStatus.DONE,
                d(2025, 7, 3),
            ),
        ],
    },
    {
        "title": "Rencontre du 3e trimestre 2025 : les véhicules",
        "day": d(2025, 9, 18),
        "hours": (14, 0, 17, 0),
        "theme": "vehicles",
        "place": "mel",
        "agenda": (
            "Loi d'orientation des mobilités : les quotas de véhicules à faibles émissions\n"
            "Coût global : comparer l'achat et la location longue durée\n"
            "Visite de l'atelier de maintenance de la Métropole"
        ),
        "registered": [
            "reseau@npdc.test",
            "acheteur.transports@npdc.test",
            "acheteur@lille-metropole.test",
        ],
        "absent": [],
        "actions": [
            (
                "Diffuser la grille de calcul du coût global des véhicules",
                "lille-metropole",
                d(2025, 11, 30),
                ActionStatus.DONE,
                d(2025, 12, 8),
            ),
        ],
    },
    {
        "title": "Rencontre du 4e trimestre 2025 : le textile et les conditions de travail",
        "day": d(2025, 12, 11),
        "hours": (9, 30, 12, 30),
        "theme": "textile",
        "place": "roubaix",
        "agenda": (
            "Le groupement de commandes textile : bilan de la première année\n"
            "Audits sociaux des sites de production : méthode et résultats\n"
            "Conventions fondamentales de l'OIT : que demander aux fournisseurs ?"
        ),
        "registered": PARTICIPANTS,
        "absent": ["acheteur@npdc.test"],
        "actions": [
            (
                "Rédiger une clause type de transparence sur la chaîne d'approvisionnement",
                "roubaix",
                d(2026, 3, 31),
                ActionStatus.DONE,
                d(2026, 3, 20),
            ),
            (
                "Proposer un calendrier d'audits partagé entre les membres du groupement",
                "tourcoing",
                d(2026, 6, 30),
                ActionStatus.IN_PROGRESS,
                None,
            ),
        ],
    },
    {
        "title": "Rencontre du 1er trimestre 2026 : les fournitures de bureau",
        "day": d(2026, 3, 12),
        "hours": (9, 30, 12, 30),
        "theme": "office-supplies",
        "place": "vda",
        "agenda": (
            "La règle des 20 % de fournitures éco-responsables : où en est chacun ?\n"
            "Loi AGEC : réemploi et matières recyclées, la déclaration annuelle\n"
            "Catalogues des fournisseurs : repérer les produits labellisés"
        ),
        "registered": [*PARTICIPANTS[:3], "acheteur@lille-metropole.test"],
        "absent": [],
        "actions": [
            (
                "Mettre en commun les listes de produits éligibles à la déclaration AGEC",
                "villeneuve-d-ascq",
                d(2026, 6, 30),
                ActionStatus.OPEN,
                None,
            ),
        ],
    },
    {
        "title": "Rencontre du 2e trimestre 2026 : la restauration collective",
        "day": d(2026, 6, 11),
        "hours": (9, 30, 12, 30),
        "theme": "catering",
        "place": "tourcoing",
        "agenda": (
            "Loi EGAlim : produits durables et de qualité, part du bio\n"
            "Approvisionnement local : allotissement et circuits courts\n"
            "Lutte contre le gaspillage alimentaire"
        ),
        "registered": ["reseau@npdc.test", "acheteur@npdc.test", "acheteur@lille-metropole.test"],
        "absent": ["acheteur@lille-metropole.test"],
        "actions": [],
    },
    {
        "title": "Rencontre du 3e trimestre 2026 : le mobilier et le réemploi",
        "day": d(2026, 9, 17),
        "hours": (14, 0, 17, 0),
        "theme": "furniture",
        "place": "mel",
        "agenda": (
            "Mobilier de réemploi : l'offre des ressourceries du territoire\n"
            "Projet commun de plateforme d'échange de mobilier entre collectivités\n"
            "Clauses de reprise et de réparation"
        ),
        "registered": PARTICIPANTS,
        "absent": ["acheteur.transports@npdc.test"],
        "minutes": True,
        "actions": [
            (
                "Étudier l'opportunité d'une plateforme d'échange de mobilier",
                "lille-metropole",
                d(2026, 10, 31),
                ActionStatus.IN_PROGRESS,
                None,
            ),
            (
                "Recenser le mobilier inutilisé des lycées",
                "npdc",
                d(2026, 11, 15),
                ActionStatus.OPEN,
                None,
            ),
        ],
    },
    {
        "title": "Rencontre du 4e trimestre 2026 : le numérique responsable",
        "day": d(2026, 12, 10),
        "hours": (9, 30, 12, 30),
        "theme": "it-equipment",
        "place": "region",
        "agenda": (
            "Matériel informatique reconditionné : retours des premiers marchés\n"
            "Durée de vie et réparabilité : l'indice de réparabilité dans les critères\n"
            "Bilan de l'année 2026 et programme des rencontres 2027"
        ),
        "registered": ["reseau@npdc.test", "acheteur@npdc.test", "acheteur@lille-metropole.test"],
        "absent": [],
        "actions": [],
    },
    {
        "title": "Rencontre du 1er trimestre 2027 : les travaux et l'insertion",
        "day": d(2027, 3, 11),
        "hours": (9, 30, 12, 30),
        "theme": "works",
        "place": "cud",
        "agenda": (
            "Clauses d'insertion dans les marchés de travaux : calcul des heures\n"
            "Le facilitateur de la clause sociale : rôle et contacts\n"
            "Matériaux biosourcés"
        ),
        "registered": [],
        "absent": [],
        "actions": [],
    },
]

MINUTES_TEXT = """Compte rendu — Rencontre du 3e trimestre 2026 : le mobilier et le réemploi
Métropole européenne de Lille, 17 septembre 2026, 14 h – 17 h

Présents : Conseil régional Nord-Pas-de-Calais, Métropole européenne de Lille.

1. Mobilier de réemploi
Deux ressourceries du territoire présentent leur offre : bureaux, chaises et armoires remis en
état, garantis un an. Les délais de livraison sont compatibles avec les rentrées scolaires.

2. Plateforme d'échange de mobilier entre collectivités
La Métropole propose d'étudier une plateforme où chaque membre publierait le mobilier qu'il
n'utilise plus. Une étude d'opportunité est lancée.

3. Clauses de reprise et de réparation
Le réseau partagera un modèle de clause de reprise du mobilier en fin d'usage.

Actions décidées
- Étudier l'opportunité d'une plateforme d'échange de mobilier (Métropole européenne de Lille).
- Recenser le mobilier inutilisé des lycées (Conseil régional Nord-Pas-de-Calais).
"""

# title, theme, lead slug, participant slugs, status, description, milestones
# (title, due on, done on)
PROJECTS = [
    {
        "title": "Guide commun des clauses sociales dans les marchés textiles",
        "theme": "textile",
        "lead": "npdc",
        "participants": ["roubaix", "tourcoing", "lille-metropole"],
        "status": "in_progress",
        "description": (
            "Un guide partagé pour écrire les clauses de conditions de travail des marchés de "
            "vêtements professionnels : exigences, preuves, audits, suivi des actions correctives."
        ),
        "milestones": [
            ("Recensement des marchés textiles des membres", d(2025, 6, 30), d(2025, 6, 20)),
            ("Rédaction du guide", d(2026, 3, 31), d(2026, 4, 15)),
            ("Validation par les membres", d(2026, 12, 15), None),
            ("Publication du guide", d(2027, 2, 28), None),
        ],
    },
    {
        "title": "Plateforme d'échange de mobilier entre collectivités",
        "theme": "furniture",
        "lead": "lille-metropole",
        "participants": ["villeneuve-d-ascq", "cu-dunkerque", "npdc"],
        "status": "proposed",
        "description": (
            "Donner une seconde vie au mobilier de bureau et scolaire que les membres "
            "n'utilisent plus, avant tout achat neuf."
        ),
        "milestones": [
            ("Étude d'opportunité", d(2026, 10, 31), None),
            ("Choix de l'outil d'échange", d(2027, 3, 31), None),
        ],
    },
    {
        "title": "Achat groupé de papier recyclé",
        "theme": "paper",
        "lead": "dunkerque",
        "participants": [
            "npdc",
            "roubaix",
            "tourcoing",
            "villeneuve-d-ascq",
            "cu-dunkerque",
            "lille-metropole",
        ],
        "status": "completed",
        "description": (
            "Un marché commun de papier 100 % recyclé pour les membres, préparé à partir du "
            "recensement des volumes fait après la rencontre de mars 2025."
        ),
        "milestones": [
            ("Recensement des volumes", d(2025, 5, 31), d(2025, 5, 20)),
            ("Convention de groupement signée", d(2025, 9, 30), d(2025, 9, 26)),
            ("Marché notifié", d(2026, 2, 28), d(2026, 2, 16)),
        ],
    },
]


def _coordinator() -> User:
    return User.objects.select_related("organisation").get(email=COORDINATOR)


def _aware(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


@transaction.atomic
def demo_network() -> Network:
    """The demo network with its members and their contacts, created when missing (known by its
    name): the other parts of the network's demo use it."""
    coordinator = _coordinator()
    network = Network.objects.filter(name=NETWORK_NAME).first()
    if network is None:
        network = network_services.network_create(
            actor=coordinator,
            name=NETWORK_NAME,
            description=NETWORK_DESCRIPTION,
            joined_on=FOUNDED_ON,
        )
    organisations = Organisation.objects.in_bulk(list(MEMBERS), field_name="slug")
    for slug, (joined_on, contact) in MEMBERS.items():
        organisation = organisations[slug]
        membership = NetworkMembership.objects.filter(
            network=network, organisation=organisation
        ).first()
        if membership is None:
            membership = network_services.membership_add(
                actor=coordinator, network=network, organisation=organisation, joined_on=joined_on
            )
        name, role, email, phone = contact
        if not membership.contacts.filter(full_name=name).exists():
            network_services.contact_save(
                actor=coordinator,
                membership=membership,
                full_name=name,
                role=role,
                email=email,
                phone=phone,
                is_main=True,
            )
    return network


def _meeting(network: Network, coordinator: User, spec: dict, people: dict, families: dict):
    meeting = Meeting.objects.filter(network=network, title=spec["title"]).first()
    if meeting is not None:
        return None
    start_hour, start_minute, end_hour, end_minute = spec["hours"]
    meeting = services.meeting_create(
        actor=coordinator,
        network=network,
        title=spec["title"],
        theme=families[spec["theme"]],
        starts_at=_aware(spec["day"], start_hour, start_minute),
        ends_at=_aware(spec["day"], end_hour, end_minute),
        place=PLACES[spec["place"]],
        agenda=spec["agenda"],
    )
    past = meeting.starts_at <= timezone.now()
    registrations = {}
    for email in spec["registered"]:
        person = people[email]
        # Before the meeting people register themselves; afterwards only the coordinator may.
        actor = coordinator if past else person
        registrations[email] = services.meeting_register(
            actor=actor, meeting=meeting, person=person
        )
    if not past:
        return meeting
    services.meeting_attendance_save(
        actor=coordinator,
        meeting=meeting,
        attendance={
            registration.pk: email not in spec["absent"]
            for email, registration in registrations.items()
        },
    )
    if spec.get("minutes"):
        services.meeting_minutes_upload(
            actor=coordinator,
            meeting=meeting,
            minutes=ContentFile(
                MINUTES_TEXT.encode(), name=f"compte-rendu-{spec['day']:%Y-%m}.txt"
            ),
        )
    organisations = Organisation.objects.in_bulk(list(MEMBERS), field_name="slug")
    for title, owner, due_on, status, done_on in spec["actions"]:
        item = services.action_item_create(
            actor=coordinator,
            meeting=meeting,
            title=title,
            owner_organisation=organisations[owner],
            due_on=due_on,
        )
        if status != ActionStatus.OPEN:
            services.action_item_set_status(
                actor=coordinator, item=item, status=status, done_on=done_on
            )
    return meeting


def _project(network: Network, coordinator: User, spec: dict, families: dict):
    if network.projects.filter(title=spec["title"]).exists():
        return None
    organisations = Organisation.objects.in_bulk(list(MEMBERS), field_name="slug")
    project = project_services.project_create(
        actor=coordinator,
        network=network,
        title=spec["title"],
        description=spec["description"],
        theme=families[spec["theme"]],
        lead_organisation=organisations[spec["lead"]],
        participants=[organisations[slug] for slug in spec["participants"]],
        status=spec["status"],
    )
    for title, due_on, done_on in spec["milestones"]:
        project_services.milestone_save(
            actor=coordinator, project=project, title=title, due_on=due_on, done_on=done_on
        )
    return project


@transaction.atomic
def load() -> list[str]:
    """Load the demo network, its meetings and projects; say what was added."""
    network = demo_network()
    coordinator = _coordinator()
    people = {person.email: person for person in User.objects.filter(email__in=PARTICIPANTS)}
    families = {family.code: family for family in PurchaseFamily.objects.all()}
    meetings = [
        meeting
        for spec in MEETINGS
        if (meeting := _meeting(network, coordinator, spec, people, families)) is not None
    ]
    projects = [
        project
        for spec in PROJECTS
        if (project := _project(network, coordinator, spec, families)) is not None
    ]
    held = network.meetings.filter(status=MeetingStatus.HELD).count()
    upcoming = network.meetings.upcoming().count()
    members = NetworkMembership.objects.active().filter(network=network).count()
    return [
        f"Network: « {network.name} », {members} member organisations; "
        f"{len(meetings)} meetings added ({held} held, {upcoming} to come), "
        f"{len(projects)} common projects added. Coordinator: {COORDINATOR}."
    ]
