"""Field metadata: each entity and each of its fields is declared once.

The declarations drive the database schema (store.models), validation (services),
CSV/JSON interchange, the command line, list columns, edit forms (their sections,
which fields show when) and report tables. Nothing here knows about Qt or SQL.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

_NOT_IN_KEY = re.compile(r"[\s_・:：]+")


def header_key(text: str) -> str:
    """How a header or a choice word is compared: Unicode NFKC (full-width letters and
    digits become plain ones), case ignored, spaces, underscores, colons and middle dots
    ignored: "保管 場所", "保管場所：" and "ＳＴＯＲＡＧＥ＿ＬＯＣＡＴＩＯＮ" match as people
    expect."""
    return _NOT_IN_KEY.sub("", unicodedata.normalize("NFKC", text or "")).casefold()


class Text(str):
    """English text that carries its Japanese translation.

    It *is* the English string (the command line, logs and tests see English); a
    window or a report in Japanese asks `in_lang("ja")`. Messages of the services
    (validation errors, refusals of a workflow rule) are made of these.
    """

    ja: str

    def __new__(cls, en: str, ja: str) -> Text:
        obj = super().__new__(cls, en)
        obj.ja = ja
        return obj

    def in_lang(self, lang: str) -> str:
        return self.ja if lang == "ja" else str(self)

    def format(self, *args: Any, **kwargs: Any) -> Text:  # type: ignore[override]
        return Text(str.format(self, *args, **kwargs), self.ja.format(*args, **kwargs))

    def __add__(self, other: str) -> Text:  # type: ignore[override]
        return Text(str(self) + str(other), self.ja + in_lang(other, "ja"))

    def __reduce__(self):
        return (Text, (str(self), self.ja))


def in_lang(text: str, lang: str) -> str:
    """A message in the language asked for: a `Text`'s translation, or the text itself."""
    return text.in_lang(lang) if isinstance(text, Text) else str(text)


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
    noun_en: str = ""  # a short noun for running text ("disclosure request")
    noun_ja: str = ""
    aliases: tuple[str, ...] = ()  # other words people write for it in spreadsheets

    def label(self, lang: str = "en") -> str:
        return self.label_ja if lang == "ja" else self.label_en

    def noun(self, lang: str = "en") -> str:
        if lang == "ja":
            return self.noun_ja or self.label_ja
        return self.noun_en or self.label_en


@dataclass(frozen=True)
class When:
    """A form shows a field only when another field holds one of `values`.

    `values` may hold True/False for a check box; `not_values` inverts the test (shown
    unless the other field holds one of them). Hidden fields keep their values.
    """

    field: str
    values: tuple[Any, ...] = ()
    not_values: tuple[Any, ...] = ()

    def holds(self, row: dict[str, Any]) -> bool:
        value = row.get(self.field)
        if self.not_values:
            return value not in self.not_values
        if isinstance(value, list):
            return any(v in self.values for v in value)
        return value in self.values


@dataclass(frozen=True)
class Group:
    """A section of a form: the fields that belong together, under a heading."""

    key: str
    label_en: str
    label_ja: str

    def label(self, lang: str = "en") -> str:
        return self.label_ja if lang == "ja" else self.label_en


MAIN_GROUP = Group("main", "General", "基本情報")


@dataclass(frozen=True)
class Section:
    """Fields declared under one group (see `section`)."""

    group: Group
    fields: tuple[Field, ...]


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
    readonly: bool = False  # stored, but changed by a workflow only (not in the form)
    when: tuple[When, ...] = ()  # shown in a form when any of these holds (empty: always)
    group: str = "main"  # key of the form section
    # other headers the field goes by in people's spreadsheets (保管場所 / 保存先 …);
    # an import matches a column by name, either label or one of these
    synonyms: tuple[str, ...] = ()

    def label(self, lang: str = "en") -> str:
        return self.label_ja if lang == "ja" else self.label_en

    def help(self, lang: str = "en") -> str:
        return self.help_ja if lang == "ja" else self.help_en

    @property
    def editable(self) -> bool:
        return not (self.computed or self.readonly)

    def shown(self, row: dict[str, Any]) -> bool:
        """Whether a form shows this field for the values of `row`."""
        return not self.when or any(w.holds(row) for w in self.when)

    def choice_values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    def headers(self) -> tuple[str, ...]:
        """Every header a spreadsheet column of this field may carry."""
        return (self.name, self.label_en, self.label_ja, *self.synonyms)

    def choice_label(self, value: str, lang: str = "en") -> str:
        for c in self.choices:
            if c.value == value:
                return c.label(lang)
        return value


_PLACEHOLDER = re.compile(r"\{(\w+?)(_\*)?\}")


@dataclass(frozen=True)
class Entity:
    name: str  # identifier used by services, CLI and interchange ("request")
    table: str  # database table name
    label_en: str
    label_ja: str
    fields: tuple[Field | Section, ...]
    display: str  # the field that names a row (reference pickers, import by name)
    order_by: str = "id"  # default sort; a stored field, optionally prefixed "-"
    single: bool = False  # exactly one row (organization)
    indexes: tuple[tuple[str, ...], ...] = ()  # composite indexes for large lists
    # how a row is named where it is referred to: "{field}" placeholders, "{field_*}"
    # for a field declared in both languages (text_ja / text_en); references inside
    # are named by the referenced row's own `display` field. Default: "{display}".
    title: str = ""
    columns: tuple[str, ...] = ()  # the columns a list shows by default, in order
    natural_key: tuple[str, ...] = ()  # the fields that identify a row to a person
    # text fields a search finds through an index (large tables); a search of an entity
    # that declares them looks only into these text fields
    search_index: tuple[str, ...] = ()
    plural_en: str = ""  # a list's heading ("Requests"); default: the label
    plural_ja: str = ""
    groups: tuple[Group, ...] = field(default=(), init=False)
    _by_name: dict[str, Field] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        flat: list[Field] = []
        groups: list[Group] = []
        for item in self.fields:
            if isinstance(item, Section):
                groups.append(item.group)
                flat.extend(item.fields)
            else:
                if MAIN_GROUP not in groups:
                    groups.append(MAIN_GROUP)
                flat.append(replace(item, group=MAIN_GROUP.key)
                            if item.group != MAIN_GROUP.key else item)
        if len({g.key for g in groups}) != len(groups):
            raise ValueError(f"{self.name}: a section is declared twice")
        object.__setattr__(self, "fields", tuple(flat))
        object.__setattr__(self, "groups", tuple(groups))
        names = [f.name for f in self.fields]
        if len(names) != len(set(names)):
            raise ValueError(f"{self.name}: duplicate field names")
        self._by_name.update({f.name: f for f in self.fields})
        if self.display not in self._by_name:
            raise ValueError(f"{self.name}: display field {self.display!r} is not declared")
        if not self.title:
            object.__setattr__(self, "title", "{" + self.display + "}")
        for name, both in _PLACEHOLDER.findall(self.title):
            for n in ((f"{name}_en", f"{name}_ja") if both else (name,)):
                if n not in self._by_name:
                    raise ValueError(f"{self.name}: title names an undeclared field {n!r}")
        for name in self.search_index:
            if self.field(name).type not in (FieldType.TEXT, FieldType.LONGTEXT):
                raise ValueError(f"{self.name}: search index field {name!r} is not text")
        for name in self.natural_key:
            if name not in self._by_name:
                raise ValueError(f"{self.name}: natural key field {name!r} is not declared")
        for name in self.columns:
            both = (name[:-2] + "_en", name[:-2] + "_ja") if name.endswith("_*") else (name,)
            if any(n not in self._by_name for n in both):
                raise ValueError(f"{self.name}: column {name!r} is not declared")
        for f in self.fields:
            for w in f.when:
                if w.field not in self._by_name:
                    raise ValueError(f"{self.name}.{f.name}: shown when {w.field!r}, "
                                     "which is not declared")

    def plural(self, lang: str = "en") -> str:
        if lang == "ja":
            return self.plural_ja or self.label_ja
        return self.plural_en or self.label_en

    def title_fields(self, lang: str = "en") -> tuple[str, ...]:
        """The fields the title of a row is made of, in the language asked for."""
        suffix = "ja" if lang == "ja" else "en"
        return tuple(f"{name}_{suffix}" if both else name
                     for name, both in _PLACEHOLDER.findall(self.title))

    def title_template(self, lang: str = "en") -> str:
        """The title with language-specific placeholders resolved ("{code} {text_ja}")."""
        suffix = "ja" if lang == "ja" else "en"
        return _PLACEHOLDER.sub(
            lambda m: "{" + m.group(1) + (f"_{suffix}" if m.group(2) else "") + "}", self.title)

    def list_columns(self, lang: str = "en") -> tuple[Field, ...]:
        """The fields a list shows by default, in the language asked for ("text_*" is
        text_ja in Japanese); every field when the entity declares no columns."""
        if not self.columns:
            return tuple(f for f in self.fields if f.type is not FieldType.LONGTEXT)
        suffix = "ja" if lang == "ja" else "en"
        return tuple(self.field(c[:-1] + suffix if c.endswith("_*") else c)
                     for c in self.columns)

    def fields_of(self, group: Group | str) -> tuple[Field, ...]:
        key = group if isinstance(group, str) else group.key
        return tuple(f for f in self.fields if f.group == key)

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


def choices(*items: tuple[Any, ...]) -> tuple[Choice, ...]:
    """Build a choice list from (value, English label, Japanese label) triples, or with
    a short noun in each language added: (value, en, ja, noun_en, noun_ja). A tuple of
    strings as the last item holds the choice's aliases: (value, en, ja, ("紙", …))."""
    out = []
    for item in items:
        if item and isinstance(item[-1], tuple):
            out.append(Choice(*item[:-1], aliases=item[-1]))
        else:
            out.append(Choice(*item))
    return tuple(out)


def values(items: Iterable[Choice]) -> tuple[str, ...]:
    """The stored values of a choice list."""
    return tuple(c.value for c in items)


def section(key: str, label_en: str, label_ja: str, *fields: Field) -> Section:
    """Fields that a form shows together under one heading."""
    group = Group(key, label_en, label_ja)
    return Section(group, tuple(replace(f, group=key) for f in fields))
