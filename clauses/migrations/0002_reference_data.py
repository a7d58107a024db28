"""The purchase families and eco-labels every organisation starts with.

The data is written here rather than imported, so that the migration keeps giving the same rows
whatever the models and modules become. Running it again puts back the values below."""

from django.db import migrations

# Prefixes are the significant digits of CPV codes: "391" is 39100000 (furniture) and its branches.
# A code may fall under several families (79800000 printing is also a service); the longest
# matching prefix is the most specific family.
SERVICE_DIVISIONS = [
    "50", "51", "55", "60", "63", "64", "65", "66", "70", "71", "72",
    "73", "75", "76", "77", "79", "80", "85", "90", "92", "98",
]

FAMILIES = [
    {
        "code": "office-supplies",
        "name": "Fournitures de bureau",
        "description": "Petites fournitures, articles de classement et de papeterie imprimée.",
        "cpv_prefixes": ["30192", "30197", "228"],
        "agec_category": "Fournitures de bureau",
    },
    {
        "code": "paper",
        "name": "Papier",
        "description": "Papier de reprographie et d'impression, enveloppes et papeterie.",
        "cpv_prefixes": ["301976", "30199"],
        "agec_category": "Papier",
    },
    {
        "code": "cleaning-products",
        "name": "Produits d'entretien",
        "description": "Produits de nettoyage et d'hygiène, essuie-mains et papier toilette.",
        "cpv_prefixes": ["3983", "3376"],
        "agec_category": "",
    },
    {
        "code": "vehicles",
        "name": "Véhicules",
        "description": "Véhicules à moteur, leurs pièces détachées et accessoires.",
        "cpv_prefixes": ["341", "343"],
        "agec_category": "Véhicules et pièces détachées",
    },
    {
        "code": "textile",
        "name": "Textile et habillement",
        "description": "Vêtements de travail, linge et articles textiles.",
        "cpv_prefixes": ["18", "395"],
        "agec_category": (
            "Produits textiles à l'exception des équipements de protection individuels"
        ),
    },
    {
        "code": "it-equipment",
        "name": "Matériel informatique et téléphonie",
        "description": "Ordinateurs, périphériques, téléphones et logiciels.",
        "cpv_prefixes": ["302", "48", "3225", "3255"],
        "agec_category": "Matériel informatique et téléphonie",
    },
    {
        "code": "furniture",
        "name": "Mobilier",
        "description": "Mobilier de bureau, scolaire et d'aménagement intérieur.",
        "cpv_prefixes": ["391"],
        "agec_category": "Mobilier et aménagement d'intérieur",
    },
    {
        "code": "catering",
        "name": "Restauration collective",
        "description": "Denrées alimentaires et services de restauration collective.",
        "cpv_prefixes": ["151", "153", "155", "158", "555"],
        "agec_category": "",
    },
    {
        "code": "works",
        "name": "Travaux",
        "description": "Travaux de construction, de rénovation et d'entretien des bâtiments et "
        "ouvrages.",
        "cpv_prefixes": ["45"],
        "agec_category": "",
    },
    {
        "code": "services",
        "name": "Services",
        "description": "Prestations de services qui ne relèvent pas d'une famille plus précise.",
        "cpv_prefixes": SERVICE_DIVISIONS,
        "agec_category": "",
    },
    {
        "code": "energy",
        "name": "Énergie",
        "description": "Électricité, combustibles et carburants, chaleur.",
        "cpv_prefixes": ["091", "0931", "0932"],
        "agec_category": "",
    },
    {
        "code": "printing",
        "name": "Impression",
        "description": "Travaux d'impression et services associés (documents, affiches, "
        "brochures).",
        "cpv_prefixes": ["798"],
        "agec_category": "",
    },
]

ECO_LABELS = [
    {
        "code": "eu-ecolabel",
        "name": "Écolabel européen",
        "proves": "eco_responsible",
        "recycled_content_percent": None,
        "description": "Label officiel de l'Union européenne : critères environnementaux sur "
        "tout le cycle de vie du produit, vérifiés par un organisme indépendant.",
    },
    {
        "code": "nf-environnement",
        "name": "NF Environnement",
        "proves": "eco_responsible",
        "recycled_content_percent": None,
        "description": "Écolabel officiel français délivré par AFNOR Certification.",
    },
    {
        "code": "blue-angel",
        "name": "Ange bleu (Blauer Engel)",
        "proves": "eco_responsible",
        "recycled_content_percent": None,
        "description": "Écolabel officiel allemand ; pour le papier, il atteste des fibres "
        "entièrement recyclées.",
    },
    {
        "code": "nordic-swan",
        "name": "Cygne nordique (Nordic Swan)",
        "proves": "eco_responsible",
        "recycled_content_percent": None,
        "description": "Écolabel officiel des pays nordiques.",
    },
    {
        "code": "fsc",
        "name": "FSC",
        "proves": "eco_responsible",
        "recycled_content_percent": None,
        "description": "Certification du bois et des fibres issus de forêts gérées durablement "
        "(Forest Stewardship Council).",
    },
    {
        "code": "pefc",
        "name": "PEFC",
        "proves": "eco_responsible",
        "recycled_content_percent": None,
        "description": "Certification du bois et des fibres issus de forêts gérées durablement "
        "(Programme de reconnaissance des certifications forestières).",
    },
    {
        "code": "recycled-100",
        "name": "100 % recyclé",
        "proves": "recycled_content",
        "recycled_content_percent": 100,
        "description": "Produit fabriqué entièrement à partir de matières recyclées, attesté par "
        "le fabricant.",
    },
]


def load_reference_data(apps, schema_editor):
    PurchaseFamily = apps.get_model("clauses", "PurchaseFamily")
    EcoLabel = apps.get_model("clauses", "EcoLabel")
    for family in FAMILIES:
        code, values = family["code"], {k: v for k, v in family.items() if k != "code"}
        PurchaseFamily.objects.update_or_create(code=code, defaults=values)
    for label in ECO_LABELS:
        code, values = label["code"], {k: v for k, v in label.items() if k != "code"}
        EcoLabel.objects.update_or_create(code=code, defaults=values)


class Migration(migrations.Migration):
    dependencies = [
        ("clauses", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_reference_data, migrations.RunPython.noop),
    ]
