"""Messages about a person agree with the grammatical gender of their job title."""

import pytest

from accounts.models import User


@pytest.mark.parametrize(
    ("job_title", "gender"),
    [
        ("Acheteuse", "f"),
        ("Acheteur", "m"),
        ("Conseillère régionale, présidente du comité de pilotage", "f"),
        ("Conseiller achats responsables", "m"),
        ("Directrice des lycées", "f"),
        ("Administrateur fonctionnel", "m"),
        ("Chargée de mission", "f"),
        ("Technicien", "m"),
        ("Juriste commande publique", ""),
        ("Gestionnaire budgétaire", ""),
        ("", ""),
    ],
)
def test_the_job_title_says_the_gender_or_nothing(job_title, gender):
    assert User(job_title=job_title).grammatical_gender == gender


def test_the_message_agrees_or_takes_the_form_for_everyone():
    forms = {"feminine": "inscrite", "masculine": "inscrit", "unknown": "inscrit·e"}

    assert User(job_title="Acheteuse").agreed(**forms) == "inscrite"
    assert User(job_title="Acheteur").agreed(**forms) == "inscrit"
    assert User(job_title="Juriste").agreed(**forms) == "inscrit·e"
