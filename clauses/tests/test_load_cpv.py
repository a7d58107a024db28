import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from clauses.models import CpvCode
from clauses.tests.factories import CpvCodeFactory

pytestmark = pytest.mark.django_db


def load_cpv(path):
    output = StringIO()
    call_command("load_cpv", str(path), stdout=output)
    return output.getvalue().strip()


def write(tmp_path, text):
    path = tmp_path / "cpv.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_it_loads_every_code_of_the_official_file(cpv_file):
    entries = json.loads(cpv_file.read_text(encoding="utf-8"))

    output = load_cpv(cpv_file)

    assert output == f"CPV codes: {len(entries)} added, 0 updated, 0 unchanged."
    assert CpvCode.objects.count() == len(entries) == 9454
    furniture = CpvCode.objects.get(code="39100000-3")
    assert furniture.label_en == entries["39100000-3"] == "Furniture"
    assert furniture.label_fr == ""


def test_loading_the_official_file_again_adds_nothing(cpv_file):
    load_cpv(cpv_file)

    output = load_cpv(cpv_file)

    assert output == "CPV codes: 0 added, 0 updated, 9454 unchanged."
    assert CpvCode.objects.count() == 9454


def test_loading_the_official_file_takes_a_bounded_number_of_queries(
    cpv_file, django_assert_max_num_queries
):
    # Batches of at most 1,000 rows (fewer on SQLite, which caps a query's parameters), never a
    # query per code: 9,454 codes.
    with django_assert_max_num_queries(50):
        load_cpv(cpv_file)


def test_it_updates_changed_labels_and_check_digits_and_keeps_french_labels(tmp_path):
    CpvCodeFactory(code="39100000-3", label_en="Old label", label_fr="Mobilier")
    CpvCodeFactory(code="45000000-1", label_en="Construction work")
    CpvCodeFactory(code="09310000-5", label_en="Electricity")
    path = write(
        tmp_path,
        json.dumps(
            {
                "39100000-3": "Furniture",
                "45000000-7": "Construction work",
                "09310000-5": "Electricity",
                "30192000-1": "Office supplies",
            }
        ),
    )

    output = load_cpv(path)

    assert output == "CPV codes: 1 added, 2 updated, 1 unchanged."
    assert dict(CpvCode.objects.values_list("code", "label_en")) == {
        "39100000-3": "Furniture",
        "45000000-7": "Construction work",
        "09310000-5": "Electricity",
        "30192000-1": "Office supplies",
    }
    assert CpvCode.objects.get(code="39100000-3").label_fr == "Mobilier"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"39100000-3": "Furniture",\n "45000000-7" "Works"}',
            "Not a JSON file: line 2, column 15: Expecting ':' delimiter.",
        ),
        (
            '["39100000-3", "Furniture"]',
            "The file must hold a JSON object mapping CPV codes to labels, not a list.",
        ),
        ("{}", "The file holds no CPV code."),
        (
            '{"39100000-3": "Furniture", "3910000-3": "Furniture"}',
            '"3910000-3" is not a CPV '
            "code: expected 8 digits, a hyphen and a check digit (NNNNNNNN-N).",
        ),
        (
            '{"39100000-3\\n": "Furniture"}',
            '"39100000-3\n" is not a CPV code: expected 8 digits, a hyphen and a check digit '
            "(NNNNNNNN-N).",
        ),
        (
            '{"39100000": "Furniture"}',
            '"39100000" is not a CPV code: expected 8 digits, a '
            "hyphen and a check digit (NNNNNNNN-N).",
        ),
        (
            '{"39100000-3": "Furniture", "45000000-7": "  "}',
            'The label of "45000000-7" must be a non-empty string.',
        ),
        ('{"39100000-3": ["Furniture"]}', 'The label of "39100000-3" must be a non-empty string.'),
        (
            '{"39100000-3": "Furniture", "39100000-3": "Chairs"}',
            'The CPV code "39100000-3" appears twice.',
        ),
        (
            '{"39100000-3": "Furniture", "39100000-4": "Chairs"}',
            'The CPV code "39100000-4" repeats the digits of "39100000-3".',
        ),
        (
            json.dumps({"39100000-3": "x" * 401}),
            'The label of "39100000-3" is longer than 400 characters.',
        ),
    ],
    ids=[
        "not-json",
        "list",
        "empty",
        "short-code",
        "trailing-newline",
        "no-check-digit",
        "blank-label",
        "label-not-a-string",
        "duplicate-code",
        "same-digits",
        "long-label",
    ],
)
def test_it_refuses_a_malformed_file_and_writes_nothing(tmp_path, text, message):
    CpvCodeFactory(code="39100000-3", label_en="Old label")
    path = write(tmp_path, text)

    with pytest.raises(CommandError) as raised:
        load_cpv(path)

    assert str(raised.value) == f"{path}: {message}"
    assert list(CpvCode.objects.values_list("code", "label_en")) == [("39100000-3", "Old label")]


def test_a_fault_after_valid_codes_writes_none_of_them(tmp_path):
    path = write(tmp_path, '{"39100000-3": "Furniture", "45000000-7": "Works", "bad": "x"}')

    with pytest.raises(CommandError):
        load_cpv(path)

    assert not CpvCode.objects.exists()


def test_it_refuses_a_file_it_cannot_read(tmp_path):
    path = tmp_path / "missing.json"

    with pytest.raises(CommandError, match=r"^Cannot read .*missing\.json: "):
        load_cpv(path)
