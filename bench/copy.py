"""Rows written with PostgreSQL's COPY: the generator's bulk path (minutes for millions of rows,
where `bulk_create` takes tens of minutes and the services hours).

A `Table` knows a model's columns: the generator gives the values it chooses, every other
column takes its field's default (evaluated per row when it is a callable, such as a UUID), and
`auto_now` dates take the moment of the run. Keys are chosen by the generator from the table's
sequence, reserved in advance (`reserve`), so that children are written in the same pass."""

import datetime
import io
import json
from collections.abc import Iterable
from decimal import Decimal

from django.db import connection
from django.utils import timezone

NULL = r"\N"
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _text(value) -> str:
    if value is None:
        return NULL
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        value = json.dumps(value)
    return str(value).translate(_ESCAPES)


class Table:
    """The COPY of one model's table, with the columns `given` in this order per row."""

    def __init__(self, model, given: Iterable[str]):
        self.model = model
        self.given = tuple(given)
        fields = [f for f in model._meta.concrete_fields if f.attname not in self.given]
        now = timezone.now()
        self.constant: list[str] = []
        self.constant_columns: list[str] = []
        self.per_row = []
        for field in fields:
            if field.primary_key:
                raise ValueError(f"{model.__name__}: the key must be given.")
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = _text(now)
            elif field.get_internal_type() == "JSONField":
                value = _text(field.get_default())
            elif field.has_default() and callable(field.default):
                if field.unique:
                    self.per_row.append(field)
                    continue
                value = _text(field.get_db_prep_save(field.default(), connection))
            elif field.has_default():
                value = _text(field.get_db_prep_save(field.default, connection))
            elif field.null:
                value = NULL
            elif field.get_internal_type() in ("CharField", "TextField", "FileField"):
                value = ""
            else:
                raise ValueError(f"{model.__name__}.{field.attname} needs a value.")
            self.constant_columns.append(field.column)
            self.constant.append(value)
        columns = [model._meta.get_field(name).column for name in self.given]
        columns += self.constant_columns + [f.column for f in self.per_row]
        self.columns = columns
        self.tail = "\t".join(self.constant)

    def write(self, rows: Iterable[tuple]) -> int:
        """COPY the rows (tuples of the given columns); returns how many."""
        buffer = io.StringIO()
        count = 0
        for row in rows:
            parts = [_text(value) for value in row]
            if self.constant:
                parts.append(self.tail)
            parts += [_text(f.get_db_prep_save(f.default(), connection)) for f in self.per_row]
            buffer.write("\t".join(parts))
            buffer.write("\n")
            count += 1
        buffer.seek(0)
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(column) for column in self.columns)
        with connection.cursor() as cursor:
            cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)
        return count


def reserve(model, count: int) -> int:
    """The first of `count` consecutive keys taken from the table's sequence."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        (sequence,) = cursor.fetchone()
        cursor.execute("SELECT setval(%s, nextval(%s) + %s - 1)", [sequence, sequence, count])
        (last,) = cursor.fetchone()
    return last - count + 1
