"""Property tests of the clause exchange's reader: whatever a file holds, it gives entries or
a refusal with French messages (ValidationError), never another exception, within a memory
bound."""

import json

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from clauses import exchange
from core.tests.hostile import FUZZ, MEMORY_BOUND, csv_files, memory_peak


def read_or_refuse(file_name: str, content: bytes) -> None:
    with memory_peak() as peak:
        try:
            entries, from_csv = exchange.read_entries(file_name, content)
        except ValidationError as error:
            assert error.messages
        else:
            assert entries
            for entry in entries:
                exchange.shape_entry(entry, from_csv=from_csv)
    assert peak[0] < MEMORY_BOUND


@FUZZ
@given(content=st.binary(max_size=2000), name=st.sampled_from(["c.csv", "c.json"]))
def test_arbitrary_bytes_are_read_or_refused(content, name):
    read_or_refuse(name, content)


@FUZZ
@given(content=csv_files(exchange.FIELDS))
def test_hostile_csv_files_are_read_or_refused(content):
    read_or_refuse("c.csv", content)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=10,
)


@FUZZ
@given(
    clauses=st.lists(
        st.one_of(JSON_VALUES, st.fixed_dictionaries(dict.fromkeys(exchange.FIELDS, JSON_VALUES))),
        max_size=3,
    )
)
def test_json_files_of_any_shape_are_read_or_refused(clauses):
    document = {"format": exchange.FORMAT, "format_version": 1, "clauses": clauses}
    read_or_refuse("c.json", json.dumps(document).encode())


def test_a_json_file_nested_too_deep_is_refused():
    content = b'{"format": "achats-responsables.clauses", "clauses": ' + b"[" * 100_000

    with pytest.raises(ValidationError) as error:
        exchange.read_entries("c.json", content)

    assert error.value.messages == [
        "Le fichier JSON imbrique trop de listes ou d'objets : ce n'est pas un export."
    ]
