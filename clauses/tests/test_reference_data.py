import importlib
import json
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from clauses.models import AgecCategory, CpvCode, EcoLabel, EcoLabelProof, PurchaseFamily

pytestmark = pytest.mark.django_db

FAMILY_CODES = {
    "office-supplies",
    "paper",
    "cleaning-products",
    "vehicles",
    "textile",
    "it-equipment",
    "furniture",
    "catering",
    "works",
    "services",
    "energy",
    "printing",
}
ECO_LABEL_CODES = {
    "eu-ecolabel",
    "nf-environnement",
    "blue-angel",
    "nordic-swan",
    "fsc",
    "pefc",
    "recycled-100",
}


def load_reference_data_again():
    migration = importlib.import_module("clauses.migrations.0002_reference_data")
    migration.load_reference_data(apps, schema_editor=None)


def test_the_migration_creates_the_twelve_purchase_families():
    assert set(PurchaseFamily.objects.values_list("code", flat=True)) == FAMILY_CODES
    assert all(family.is_active and family.name for family in PurchaseFamily.objects.all())


def test_the_migration_creates_the_seven_eco_labels():
    assert set(EcoLabel.objects.values_list("code", flat=True)) == ECO_LABEL_CODES


def test_families_are_mapped_to_their_agec_category_where_one_exists():
    categories = dict(PurchaseFamily.objects.values_list("code", "agec_category"))

    assert categories["paper"] == AgecCategory.PAPER == "Papier"
    assert categories["office-supplies"] == AgecCategory.OFFICE_SUPPLIES
    assert categories["furniture"] == AgecCategory.FURNITURE
    assert categories["works"] == ""


@pytest.mark.schemas
def test_the_agec_categories_are_those_of_the_official_schema(settings):
    schema_path = Path(settings.OPEN_DATA_SCHEMAS_DIR) / "agec" / "schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    field = next(f for f in schema["fields"] if f["name"] == "type_produit_acquis")

    assert AgecCategory.values == field["constraints"]["enum"]


def test_only_the_recycled_label_guarantees_a_share_of_recycled_content():
    recycled = EcoLabel.objects.get(code="recycled-100")

    assert recycled.proves == EcoLabelProof.RECYCLED_CONTENT
    assert recycled.recycled_content_percent == 100
    assert set(
        EcoLabel.objects.filter(recycled_content_percent__isnull=False).values_list(
            "code", flat=True
        )
    ) == {"recycled-100"}


def test_running_the_data_migration_again_puts_back_the_values_and_adds_nothing():
    PurchaseFamily.objects.filter(code="paper").update(name="Autre nom", cpv_prefixes=["1"])

    load_reference_data_again()

    paper = PurchaseFamily.objects.get(code="paper")
    assert paper.name == "Papier"
    assert paper.cpv_prefixes == ["301976", "30199"]
    assert PurchaseFamily.objects.count() == len(FAMILY_CODES)
    assert EcoLabel.objects.count() == len(ECO_LABEL_CODES)


def test_every_family_prefix_is_valid_and_names_a_branch_of_the_real_vocabulary(cpv_file):
    call_command("load_cpv", str(cpv_file), stdout=StringIO())

    for family in PurchaseFamily.objects.all():
        family.full_clean()
        for prefix in family.cpv_prefixes:
            assert CpvCode.objects.matching_prefix(prefix).exists(), (family.code, prefix)
