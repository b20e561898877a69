"""Field metadata: each entity and each of its fields is declared once.

The declarations drive the database schema (store.models), validation (services),
CSV/JSON interchange, the command line and, later, table columns, edit forms and
report tables. Nothing here knows about Qt or SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class FieldType(StrEnum):
    TEXT = "text"  # one line
    LONGTEXT = "longtext"  # several lines
    INT = "int"
    BOOL = "bool"
    DATE = "date"  # a calendar date (Japanese law dates are JST dates)
    DATETIME = "datetime"  # an instant, timezone-aware, stored as UTC
    CHOICE = "choice"  # one value of `choices`
    MULTICHOICE = "multichoice"  # a list of values of `choices`
    REF = "ref"  # id of a row of entity `ref`
    MULTIREF = "multiref"  # list of ids of rows of entity `ref`


@dataclass(frozen=True)
class Choice:
    value: str
    label_en: str
    label_ja: str

    def label(self, lang: str = "en") -> str:
        return self.label_ja if lang == "ja" else self.label_en


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    label_en: str
    label_ja: str
    required: bool = False
    choices: tuple[Choice, ...] = ()
    ref: str | None = None  # entity name for REF / MULTIREF
    help_en: str = ""
    help_ja: str = ""
    computed: bool = False  # derived by the services, never stored nor imported
    default: Any = None
    unique: bool = False
    index: bool = False
    min_value: int | None = None
    max_value: int | None = None
    max_length: int | None = None

    def label(self, lang: str = "en") -> str:
        return self.label_ja if lang == "ja" else self.label_en

    def choice_values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    def choice_label(self, value: str, lang: str = "en") -> str:
        for c in self.choices:
            if c.value == value:
                return c.label(lang)
        return value


@dataclass(frozen=True)
class Entity:
    name: str  # identifier used by services, CLI and interchange ("request")
    table: str  # database table name
    label_en: str
    label_ja: str
    fields: tuple[Field, ...]
    display: str  # the field that names a row in lists and references
    order_by: str = "id"  # default sort; a stored field, optionally prefixed "-"
    single: bool = False  # exactly one row (organization)
    indexes: tuple[tuple[str, ...], ...] = ()  # composite indexes for large lists
    _by_name: dict[str, Field] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        if len(names) != len(set(names)):
            raise ValueError(f"{self.name}: duplicate field names")
        self._by_name.update({f.name: f for f in self.fields})
        if self.display not in self._by_name:
            raise ValueError(f"{self.name}: display field {self.display!r} is not declared")

    def label(self, lang: str = "en") -> str:
        return self.label_ja if lang == "ja" else self.label_en

    def field(self, name: str) -> Field:
        try:
            return self._by_name[name]
        except KeyError:
            raise KeyError(f"{self.name} has no field {name!r}") from None

    def has(self, name: str) -> bool:
        return name in self._by_name

    @property
    def stored(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if not f.computed)

    @property
    def computed(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.computed)


def choices(*items: tuple[str, str, str]) -> tuple[Choice, ...]:
    """Build a choice list from (value, English label, Japanese label) triples."""
    return tuple(Choice(v, en, ja) for v, en, ja in items)
