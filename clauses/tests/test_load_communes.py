"""`manage.py load_communes PATH`: La Poste's postcode–commune file (both of its published
layouts) loaded all or nothing, the line at fault named; a second run changes nothing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from clauses.communes import CommuneFileError, communes_parse
from clauses.models import Commune

pytestmark = pytest.mark.django_db

HISTORICAL = (
    "#Code_commune_INSEE;Nom_de_la_commune;Code_postal;Libellé_d_acheminement;Ligne_5\n"
    "59350;LILLE;59000;LILLE;\n"
    "59350;LILLE;59160;LILLE;LOMME\n"
    "59350;LILLE;59160;LILLE;\n"
    "2A004;AJACCIO;20000;AJACCIO;\n"
)
CURRENT = (
    "code_commune_insee,nom_de_la_commune,code_postal,libelle_d_acheminement,ligne_5\n"
    "62041,ARRAS,62000,ARRAS,\n"
    "62264,DAINVILLE,62000,DAINVILLE,\n"
)


def load(tmp_path, text, encoding="utf-8") -> str:
    path = tmp_path / "communes.csv"
    path.write_bytes(text.encode(encoding))
    out = StringIO()
    call_command("load_communes", str(path), stdout=out)
    return out.getvalue().strip()


def test_the_historical_layout_loads_each_commune_under_each_postcode_once(tmp_path):
    assert load(tmp_path, HISTORICAL, "cp1252") == "Communes: 3 added, 0 updated, 0 unchanged."
    assert sorted(Commune.objects.values_list("insee_code", "postcode", "name")) == [
        ("2A004", "20000", "AJACCIO"),
        ("59350", "59000", "LILLE"),
        ("59350", "59160", "LILLE"),
    ]
    assert load(tmp_path, HISTORICAL) == "Communes: 0 added, 0 updated, 3 unchanged."


def test_the_current_layout_loads_a_postcode_shared_by_two_communes(tmp_path):
    assert load(tmp_path, CURRENT) == "Communes: 2 added, 0 updated, 0 unchanged."
    assert list(Commune.objects.filter(postcode="62000").values_list("insee_code", flat=True)) == [
        "62041",
        "62264",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code_commune_insee,nom\n59350,LILLE\n", "Line 1: the columns code_commune_insee"),
        (CURRENT + "6204,ARRAS,62000,ARRAS,\n", 'Line 4: "6204" is not an INSEE commune code.'),
        (CURRENT + "62041,ARRAS,620,ARRAS,\n", 'Line 4: "620" is not a postcode.'),
        (CURRENT + "62041,,62000,ARRAS,\n", "Line 4: the commune's name is empty or too long."),
        (CURRENT + "62041\n", "Line 4: too few columns."),
    ],
)
def test_a_faulty_file_names_its_line_and_writes_nothing(tmp_path, text, message):
    with pytest.raises(CommuneFileError, match=message):
        communes_parse(text)
    with pytest.raises(CommandError, match=message):
        load(tmp_path, text)
    assert not Commune.objects.exists()
