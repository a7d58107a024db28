"""Demo training sessions on responsible purchasing, organised by the council (`npdc`, its network
coordinator reseau@npdc.test) from 2024 to 2027, for the council's own staff or for the whole
network of N2's demo (`demo.meetings.demo_network()`).

Sessions held before the demo is loaded have their registrations and attendance, so
acheteur@npdc.test downloads certificates of the sessions she attended; one session to come is
full, with a waiting list (acheteur@npdc.test first in line); another has places left; one is
still a draft; one was cancelled.

Everything goes through the services, as the coordinator and the buyers would in the browser;
then the publication and registration times are set back to realistic dates before the
session (the services stamp "now"), the waiting list's order kept. A session is known by its
title: a second run adds nothing. Whether a session is past is decided when the demo is
loaded."""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User

from ..models import (
    Audience,
    RegistrationStatus,
    SessionStatus,
    TrainingRegistration,
    TrainingSession,
)
from ..services import training as services
from .meetings import COORDINATOR, demo_network

d = datetime.date

REGION = "Hôtel de Région, 151 avenue du Président Hoover, 59000 Lille — salle Nord"
MEL = "Métropole européenne de Lille, 2 boulevard des Cités Unies, 59000 Lille"
VISIO = "https://visio.npdc.test/formation-achats-responsables"

BUYER = "acheteur@npdc.test"
TRANSPORT = "acheteur.transports@npdc.test"
ADVISOR = "conseillere@npdc.test"
HEAD = "chef.lycees@npdc.test"
CLAUSES = "clauses@npdc.test"
LILLE = "acheteur@lille-metropole.test"

NETWORK, COUNCIL = Audience.NETWORK, Audience.ORGANISATION

# title, module, trainer, first day, last day, hours, place, online link, audience, capacity,
# people registered in order (past the capacity, on the waiting list), people absent,
# status at the end (published, draft or cancelled), programme.
SESSIONS = [
    {
        "title": "Intégrer le développement durable dès la définition du besoin",
        "module": "Module 1 — Fondamentaux des achats publics responsables",
        "trainer": "Claire Vasseur, formatrice en commande publique",
        "days": (d(2024, 3, 14), d(2024, 3, 14)),
        "hours": (9, 17),
        "place": REGION,
        "audience": NETWORK,
        "capacity": 15,
        "registered": [BUYER, TRANSPORT, ADVISOR, LILLE, HEAD],
        "absent": [HEAD],
        "description": (
            "Le cadre juridique (article L2111-1 du code de la commande publique), le sourçage, "
            "l'analyse du cycle de vie et la rédaction d'un besoin qui laisse place aux offres "
            "durables. Atelier : reprise d'un cahier des charges de produits d'entretien."
        ),
    },
    {
        "title": "Les clauses sociales d'insertion dans les marchés publics",
        "module": "Module 2 — Clauses sociales et insertion",
        "trainer": "Mehdi Benaïssa, facilitateur des clauses sociales",
        "days": (d(2024, 10, 8), d(2024, 10, 8)),
        "hours": (9, 12),
        "place": REGION,
        "audience": COUNCIL,
        "capacity": 12,
        "registered": [BUYER, TRANSPORT, ADVISOR],
        "absent": [],
        "description": (
            "Calculer les heures d'insertion, choisir entre condition d'exécution, critère et "
            "marché réservé, suivre les heures réalisées avec le facilitateur."
        ),
    },
    {
        "title": "Achats numériques responsables",
        "module": "Module 7 — Numérique responsable",
        "trainer": "Julie Caron, chargée de mission numérique responsable",
        "days": (d(2025, 2, 6), d(2025, 2, 6)),
        "hours": (14, 17),
        "place": "",
        "online_url": VISIO,
        "audience": NETWORK,
        "capacity": 30,
        "registered": [],
        "absent": [],
        "status": SessionStatus.CANCELLED,
        "description": "Reportée : la formatrice n'était pas disponible.",
    },
    {
        "title": "Écolabels et critères environnementaux",
        "module": "Module 3 — Environnement : labels, critères et preuves",
        "trainer": "Antoine Lemaire, ingénieur écoconception",
        "days": (d(2025, 4, 10), d(2025, 4, 10)),
        "hours": (9, 12),
        "place": "",
        "online_url": VISIO,
        "audience": NETWORK,
        "capacity": 20,
        "registered": [BUYER, LILLE, TRANSPORT],
        "absent": [TRANSPORT],
        "description": (
            "Écolabel européen, NF Environnement, Ange bleu : ce que prouve un label, comment "
            "l'exiger sans restreindre la concurrence, quels moyens de preuve équivalents "
            "accepter."
        ),
    },
    {
        "title": "Loi AGEC : réemploi et matières recyclées dans les achats",
        "module": "Module 4 — Économie circulaire",
        "trainer": "Sophie Delattre, consultante économie circulaire",
        "days": (d(2025, 11, 18), d(2025, 11, 19)),
        "hours": (9, 17),
        "place": MEL,
        "audience": NETWORK,
        "capacity": 16,
        "registered": [TRANSPORT, ADVISOR, LILLE],
        "absent": [],
        "description": (
            "Les parts minimales de réemploi et de matières recyclées (article 58 de la loi "
            "AGEC, décret 2024-134), leur déclaration annuelle, des exemples de marchés de "
            "mobilier et d'équipements informatiques reconditionnés."
        ),
    },
    {
        "title": "Clauses d'insertion et déchets de chantier dans les marchés de travaux",
        "module": "Module 2 — Clauses sociales et insertion",
        "trainer": "Mehdi Benaïssa, facilitateur des clauses sociales",
        "days": (d(2026, 3, 19), d(2026, 3, 19)),
        "hours": (9, 12),
        "place": REGION,
        "audience": COUNCIL,
        "capacity": 12,
        "registered": [TRANSPORT, ADVISOR, HEAD],
        "absent": [HEAD],
        "description": (
            "Heures d'insertion par lot, suivi avec le facilitateur, valorisation des déchets "
            "de chantier : préparation des travaux d'été dans les lycées."
        ),
    },
    {
        "title": "Conditions de travail dans la chaîne d'approvisionnement",
        "module": "Module 5 — Devoir de vigilance et audits sociaux",
        "trainer": "Nadia Ferhat, auditrice sociale",
        "days": (d(2026, 6, 16), d(2026, 6, 16)),
        "hours": (9, 17),
        "place": REGION,
        "audience": NETWORK,
        "capacity": 18,
        "registered": [BUYER, ADVISOR, LILLE, TRANSPORT],
        "absent": [],
        "description": (
            "Les conventions fondamentales de l'OIT, lire un rapport d'audit social, suivre "
            "un plan d'actions correctives avec le fournisseur : l'exemple du groupement "
            "textile."
        ),
    },
    {
        "title": "Travailler avec les ESAT, les entreprises adaptées et les SIAE",
        "module": "Module 2 — Clauses sociales et insertion",
        "trainer": "Mehdi Benaïssa, facilitateur des clauses sociales",
        "days": (d(2026, 9, 24), d(2026, 9, 24)),
        "hours": (9, 17),
        "place": MEL,
        "audience": NETWORK,
        "capacity": 16,
        "registered": [BUYER, TRANSPORT, ADVISOR, LILLE, CLAUSES],
        "absent": [CLAUSES],
        "description": (
            "Marchés réservés (articles L2113-12 à L2113-15 du code de la commande publique), "
            "repérer l'offre des structures inclusives du territoire, allotir pour leur "
            "ouvrir les marchés : l'exemple de la mise sous pli confiée à un ESAT."
        ),
    },
    {
        "title": "Loi Climat et résilience : la considération environnementale obligatoire",
        "module": "Module 6 — Actualité juridique",
        "trainer": "Maître Hugo Lambert, avocat en droit public",
        "days": (d(2027, 1, 21), d(2027, 1, 21)),
        "hours": (9, 12),
        "place": REGION,
        "audience": COUNCIL,
        "capacity": 3,
        "registered": [TRANSPORT, HEAD, ADVISOR, BUYER, CLAUSES],
        "absent": [],
        "description": (
            "Depuis le 21 août 2026, une condition d'exécution et un critère d'attribution "
            "environnementaux : rédaction, justification des exceptions, exemples."
        ),
    },
    {
        "title": "Coût du cycle de vie et achat de véhicules propres",
        "module": "Module 8 — Mobilité",
        "trainer": "Pierre Dumont, ingénieur mobilité",
        "days": (d(2027, 3, 11), d(2027, 3, 11)),
        "hours": (14, 17),
        "place": MEL,
        "audience": NETWORK,
        "capacity": 20,
        "registered": [LILLE],
        "absent": [],
        "description": (
            "Calculer le coût du cycle de vie d'un véhicule, les obligations de verdissement "
            "des flottes publiques, le critère du coût plutôt que du prix."
        ),
    },
    {
        "title": "Restauration collective durable : la loi EGalim",
        "module": "Module 9 — Alimentation",
        "trainer": "À confirmer",
        "days": (d(2027, 5, 20), d(2027, 5, 20)),
        "hours": (9, 12),
        "place": REGION,
        "audience": COUNCIL,
        "capacity": 15,
        "registered": [],
        "absent": [],
        "status": SessionStatus.DRAFT,
        "description": "Les 50 % de produits durables et de qualité, dont 20 % de bio.",
    },
]


def _aware(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


def _session(spec: dict, coordinator: User, network, people: dict) -> TrainingSession | None:
    if TrainingSession.objects.filter(
        organiser_id=coordinator.organisation_id, title=spec["title"]
    ).exists():
        return None
    first_day, last_day = spec["days"]
    start_hour, end_hour = spec["hours"]
    starts_at = _aware(first_day, start_hour)
    session = services.session_create(
        actor=coordinator,
        title=spec["title"],
        module=spec["module"],
        description=spec["description"],
        trainer=spec["trainer"],
        starts_at=starts_at,
        ends_at=_aware(last_day, end_hour),
        place=spec["place"],
        online_url=spec.get("online_url", ""),
        capacity=spec["capacity"],
        audience=spec["audience"],
        network=network if spec["audience"] == NETWORK else None,
    )
    status = spec.get("status", SessionStatus.PUBLISHED)
    if status == SessionStatus.DRAFT:
        return session
    if status == SessionStatus.CANCELLED:
        return services.session_cancel(actor=coordinator, session=session)
    session = services.session_publish(actor=coordinator, session=session)
    past = starts_at <= timezone.now()
    registrations = {}
    for email in spec["registered"]:
        person = people.get(email)
        if person is None:  # seed_demo --up-to may have left some accounts out
            continue
        # Before the session people register themselves; afterwards only the coordinator may.
        registrations[email] = services.registration_create(
            actor=coordinator if past else person, session=session, person=person
        )
    if past:
        services.attendance_record(
            actor=coordinator,
            session=session,
            presence={
                registration.pk: email not in spec["absent"]
                for email, registration in registrations.items()
                if registration.status == RegistrationStatus.REGISTERED  # not the waiting list
            },
        )
    _backdate(session, list(registrations.values()))
    return session


def _backdate(session: TrainingSession, registrations: list[TrainingRegistration]) -> None:
    """Publication six weeks before the session (four weeks ago at the latest), registrations
    every few days after it, in their order (the waiting list's): what the coordinator's table
    would show had the demo been used at the time. Stays in the past for a session to come."""
    published_at = min(
        session.starts_at - datetime.timedelta(weeks=6),
        timezone.now() - datetime.timedelta(weeks=4),
    )
    TrainingSession.objects.filter(pk=session.pk).update(published_at=published_at)
    for index, registration in enumerate(registrations):
        TrainingRegistration.objects.filter(pk=registration.pk).update(
            registered_at=published_at + datetime.timedelta(days=2 + 3 * index, hours=index)
        )


@transaction.atomic
def load() -> list[str]:
    """Load the demo training sessions; say what was added."""
    network = demo_network()
    coordinator = User.objects.select_related("organisation").get(email=COORDINATOR)
    emails = {email for spec in SESSIONS for email in spec["registered"]}
    people = {person.email: person for person in User.objects.filter(email__in=emails)}
    added = [
        session
        for spec in SESSIONS
        if (session := _session(spec, coordinator, network, people)) is not None
    ]
    certificates = TrainingRegistration.objects.filter(
        user__email=BUYER, status=RegistrationStatus.ATTENDED
    ).count()
    return [
        f"Training: {len(added)} sessions added by {COORDINATOR} ({len(SESSIONS)} in the demo, "
        f"2024–2027); {BUYER} has {certificates} certificates to download."
    ]
