"""The sample data the bench writes its contracts with."""

SUBJECTS = (
    "Fourniture de papier recyclé",
    "Nettoyage des locaux",
    "Restauration scolaire",
    "Entretien des espaces verts",
    "Maintenance du parc informatique",
    "Fourniture de mobilier de bureau",
    "Transport de personnes",
    "Travaux de rénovation énergétique",
    "Collecte et traitement des déchets",
    "Fourniture de vêtements de travail",
)
PLACES = (
    ("Lille", "59000"),
    ("Roubaix", "59100"),
    ("Tourcoing", "59200"),
    ("Dunkerque", "59140"),
    ("Villeneuve-d'Ascq", "59650"),
)
INSERTION_PARAMETERS = [
    {
        "name": "insertion_rate",
        "label": "Taux d'insertion",
        "type": "percent",
        "min": 5,
        "max": 20,
        "default": 7,
    },
    {"name": "labour_share", "label": "Part de main-d'œuvre", "type": "percent", "default": 50},
    {
        "name": "hourly_cost",
        "label": "Coût horaire",
        "type": "decimal",
        "unit": "€/h",
        "min": 15,
        "default": 30,
    },
]
