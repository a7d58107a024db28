"""Demo data: the council of the seed, its six partner authorities, one account per role.

The SIRET numbers are made up but real-shaped (the SIREN and the SIRET both pass their key);
the addresses are the authorities' own."""

from django.contrib.auth.models import Group
from django.db import transaction

from .models import Department, Organisation, OrganisationKind, PublicInformation, User
from .roles import Role

DEMO_PASSWORD = "Achats-Demo-2026"

ORGANISATIONS = [
    {
        "slug": "npdc",
        "name": "Conseil régional Nord-Pas-de-Calais",
        "kind": OrganisationKind.REGION,
        "siret": "23590000800014",
        "address": "151 avenue du Président Hoover",
        "postcode": "59000",
        "city": "Lille",
    },
    {
        "slug": "dunkerque",
        "name": "Ville de Dunkerque",
        "kind": OrganisationKind.COMMUNE,
        "siret": "21590183600019",
        "address": "Place Charles Valentin",
        "postcode": "59140",
        "city": "Dunkerque",
    },
    {
        "slug": "roubaix",
        "name": "Ville de Roubaix",
        "kind": OrganisationKind.COMMUNE,
        "siret": "21590512600011",
        "address": "17 Grand'Place",
        "postcode": "59100",
        "city": "Roubaix",
    },
    {
        "slug": "tourcoing",
        "name": "Ville de Tourcoing",
        "kind": OrganisationKind.COMMUNE,
        "siret": "21590599300014",
        "address": "Place Victor Hassebroucq",
        "postcode": "59200",
        "city": "Tourcoing",
    },
    {
        "slug": "villeneuve-d-ascq",
        "name": "Ville de Villeneuve d'Ascq",
        "kind": OrganisationKind.COMMUNE,
        "siret": "21590009300018",
        "address": "Place Salvador Allende",
        "postcode": "59650",
        "city": "Villeneuve d'Ascq",
    },
    {
        "slug": "cu-dunkerque",
        "name": "Communauté urbaine de Dunkerque",
        "kind": OrganisationKind.EPCI,
        "siret": "24590001400011",
        "address": "Pertuis de la Marine",
        "postcode": "59140",
        "city": "Dunkerque",
    },
    {
        "slug": "lille-metropole",
        "name": "Métropole européenne de Lille (ex-Communauté urbaine de Lille)",
        "kind": OrganisationKind.EPCI,
        "siret": "24590002200014",
        "address": "2 boulevard des Cités Unies",
        "postcode": "59000",
        "city": "Lille",
    },
]

DEPARTMENTS = {
    "npdc": [
        ("LYC", "Direction des lycées"),
        ("TRA", "Direction des transports"),
        ("ENV", "Direction de l'environnement"),
        ("ACH", "Direction des achats"),
        ("RH", "Direction des ressources humaines"),
        ("DSI", "Direction des systèmes d'information"),
    ],
    "lille-metropole": [("ACH", "Direction de la commande publique")],
}

# e-mail, first name, last name, job title, organisation, department, roles
PEOPLE = [
    ("acheteur@npdc.test", "Camille", "Martin", "Acheteuse", "npdc", "LYC", [Role.BUYER]),
    (
        "acheteur.transports@npdc.test",
        "Julien",
        "Lefebvre",
        "Acheteur",
        "npdc",
        "TRA",
        [Role.BUYER],
    ),
    (
        "conseillere@npdc.test",
        "Sophie",
        "Dubois",
        "Conseillère achats responsables",
        "npdc",
        "ACH",
        [Role.ADVISOR],
    ),
    (
        "chef.lycees@npdc.test",
        "Nathalie",
        "Leroy",
        "Directrice des lycées",
        "npdc",
        "LYC",
        [Role.DEPARTMENT_HEAD],
    ),
    (
        "chef.transports@npdc.test",
        "Olivier",
        "Petit",
        "Directeur des transports",
        "npdc",
        "TRA",
        [Role.DEPARTMENT_HEAD],
    ),
    (
        "chef.environnement@npdc.test",
        "Claire",
        "Bernard",
        "Directrice de l'environnement",
        "npdc",
        "ENV",
        [Role.DEPARTMENT_HEAD],
    ),
    (
        "finances@npdc.test",
        "Marc",
        "Lambert",
        "Gestionnaire budgétaire",
        "npdc",
        None,
        [Role.FINANCE_OFFICER],
    ),
    (
        "comite@npdc.test",
        "Élise",
        "Fontaine",
        "Conseillère régionale, présidente du comité de pilotage",
        "npdc",
        None,
        [Role.COMMITTEE_MEMBER],
    ),
    (
        "clauses@npdc.test",
        "Thomas",
        "Moreau",
        "Juriste commande publique",
        "npdc",
        "ACH",
        [Role.CLAUSE_ADMIN],
    ),
    (
        "reseau@npdc.test",
        "Isabelle",
        "Girard",
        "Animatrice du réseau des acheteurs",
        "npdc",
        "ACH",
        [Role.NETWORK_COORDINATOR],
    ),
    (
        "admin@npdc.test",
        "Paul",
        "Roussel",
        "Administrateur fonctionnel",
        "npdc",
        "DSI",
        [Role.ORG_ADMIN],
    ),
    (
        "acheteur@lille-metropole.test",
        "Karim",
        "Benali",
        "Acheteur",
        "lille-metropole",
        "ACH",
        [Role.BUYER],
    ),
]

SUPERUSERS = {"admin@npdc.test"}

# What the public pages say of the council, which publishes the demo service.
PUBLIC_INFORMATION = {
    "publication_director": "La présidente du conseil régional",
    "contact_email": "accessibilite@npdc.test",
    "contact_phone": "03 28 00 00 00",
    "host": "Direction des systèmes d'information du conseil régional, 151 avenue du Président "
    "Hoover, 59555 Lille Cedex",
    "data_protection_contact": "dpo@npdc.test",
    "accessibility_status": "partial",
    "audit_by": "Contrôle automatique (axe-core) et revue interne",
}
DEPARTMENT_HEADS = {
    ("npdc", "LYC"): "chef.lycees@npdc.test",
    ("npdc", "TRA"): "chef.transports@npdc.test",
    ("npdc", "ENV"): "chef.environnement@npdc.test",
}


@transaction.atomic
def load() -> list[User]:
    """Create or bring back to their demo state the organisations, departments and accounts."""
    organisations = {}
    for data in ORGANISATIONS:
        fields = {key: value for key, value in data.items() if key != "slug"}
        organisation = Organisation.objects.filter(slug=data["slug"]).first() or Organisation(
            slug=data["slug"]
        )
        for key, value in fields.items():
            setattr(organisation, key, value)
        organisation.full_clean()
        organisation._change_reason = "Données de démonstration"
        organisation.save()
        organisations[data["slug"]] = organisation

    departments = {}
    for slug, rows in DEPARTMENTS.items():
        for code, name in rows:
            department, _ = Department.objects.update_or_create(
                organisation=organisations[slug], code=code, defaults={"name": name}
            )
            departments[(slug, code)] = department

    people = []
    for email, first, last, title, slug, code, roles in PEOPLE:
        person = User.objects.filter(email__iexact=email).first() or User(email=email)
        person.first_name, person.last_name, person.job_title = first, last, title
        person.organisation = organisations[slug]
        person.department = departments[(slug, code)] if code else None
        person.is_active = True
        person.is_staff = person.is_superuser = email in SUPERUSERS
        if not person.check_password(DEMO_PASSWORD):
            person.set_password(DEMO_PASSWORD)
        person._change_reason = "Données de démonstration"
        person.save()
        person.groups.set(Group.objects.filter(name__in=[role.value for role in roles]))
        people.append(person)

    for (slug, code), email in DEPARTMENT_HEADS.items():
        department = departments[(slug, code)]
        department.head = User.objects.get(email=email)
        department.save()

    PublicInformation.objects.update_or_create(
        organisation=organisations["npdc"], defaults=PUBLIC_INFORMATION
    )
    return people


def load_and_describe() -> list[str]:
    """Load the demo accounts and say how to log in with them."""
    people = load()
    lines = [f"Demo data loaded. Accounts (password: {DEMO_PASSWORD}):"]
    width = max(len(person.email) for person in people)
    for person in people:
        roles = ", ".join(str(role.label) for role in person.roles)
        where = person.organisation.name
        if person.department:
            where += f" / {person.department.code}"
        lines.append(f"  {person.email.ljust(width)}  {roles} — {where}")
    return lines
