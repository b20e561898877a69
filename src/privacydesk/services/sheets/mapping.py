"""Which column of a spreadsheet goes into which field: guessed, completed by a map file.

A header matches a field by the field's name, its Japanese or English label or one of
its declared synonyms, compared after `header_key` (NFKC, case, spaces ignored). A map
file completes or overrides the guess; its format (README, "Importing spreadsheets"):

    {"sheet": "台帳", "header_row": 4,
     "columns": {"<header>": "<field>" or null to ignore the column},
     "values": {"<field>": {"<cell text>": <value>}},
     "defaults": {"<field>": <value>}}

Several columns may go into one long-text field (remarks, a description): each is kept
there as a line "Header: value".
"""

from __future__ import annotations

import difflib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from privacydesk.domain.fields import Entity, FieldType, Text, header_key

MAP_KEYS = ("sheet", "header_row", "columns", "values", "defaults")
# headers of a column that only numbers the rows: read as nothing, without asking
ROW_NUMBERS = frozenset(header_key(h) for h in (
    "No", "No.", "NO.", "#", "番号", "通番", "連番", "項番", "行番号", "整理番号"))
ID = "id"
# the record's version in a workbook exported from this database: checked on import
ROW_VERSION = "row_version"
ROW_VERSION_LABEL = Text("Record version", "更新番号")
SYSTEM = (ID, ROW_VERSION)  # columns that are no field of the entity


class MapError(ValueError):
    """A map file that cannot be used; the message says what and where."""


@dataclass
class Column:
    index: int  # 0-based position in the row
    header: str  # as written in the file
    field: str | None  # None: ignored
    how: str  # "name" (matched a field's name, label or synonym), "map", "ignored", "unknown"
    suggestions: tuple[str, ...] = ()  # nearest fields of an unknown header


@dataclass
class Map:
    sheet: str | None = None
    header_row: int | None = None
    columns: dict[str, str | None] = field(default_factory=dict)
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.sheet is not None:
            out["sheet"] = self.sheet
        if self.header_row is not None:
            out["header_row"] = self.header_row
        out["columns"] = dict(self.columns)
        out["values"] = {k: dict(v) for k, v in self.values.items()}
        out["defaults"] = dict(self.defaults)
        return out


def header_index(e: Entity) -> dict[str, str]:
    """header_key of every name a column of `e` may carry -> the field."""
    index = {header_key(ID): ID, header_key("ID"): ID}
    for f in e.fields:
        for h in f.headers():
            index.setdefault(header_key(h), f.name)
    for h in (ROW_VERSION, str(ROW_VERSION_LABEL), ROW_VERSION_LABEL.ja):
        index.setdefault(header_key(h), ROW_VERSION)
    return index


def scorer(e: Entity):
    """How many cells of a row name a field of `e` (finds the header row)."""
    index = header_index(e)

    def score(cells: list[str]) -> int:
        return sum(1 for c in cells if c and header_key(c) in index)
    return score


def _fields_text(e: Entity, names) -> str:
    return ", ".join(f"{n} ({e.field(n).label_ja} / {e.field(n).label_en})"
                     for n in names if e.has(n))


def nearest(e: Entity, header: str, count: int = 3) -> tuple[str, ...]:
    """The fields whose names come closest to `header`."""
    index = header_index(e)
    key = header_key(header)
    close = difflib.get_close_matches(key, list(index), n=12, cutoff=0.4)
    if not close:  # a header sharing characters with a label ("保管" in "保管場所")
        close = sorted(index, key=lambda k: -len(set(k) & set(key)))[:12] if key else []
    out: list[str] = []
    for k in close:
        name = index[k]
        if name not in SYSTEM and name not in out:
            out.append(name)
    return tuple(out[:count])


def guess(e: Entity, headers: list[str], m: Map | None = None) -> list[Column]:
    """A column for each header cell, from the map where it names the header, else by
    name; unknown headers carry their nearest fields."""
    m = m or Map()
    given = {header_key(h): target for h, target in m.columns.items()}
    index = header_index(e)
    out = []
    for i, header in enumerate(headers):
        key = header_key(header)
        if not key:
            continue  # an empty header cell: its column is not read
        if key in given:
            target = given[key]
            out.append(Column(i, header, target, "map" if target else "ignored"))
        elif key in index:
            out.append(Column(i, header, index[key], "name"))
        elif key in ROW_NUMBERS:
            out.append(Column(i, header, None, "ignored"))
        else:
            out.append(Column(i, header, None, "unknown", nearest(e, header)))
    return out


def problems(e: Entity, columns: list[Column], m: Map) -> list[tuple[str, str]]:
    """(header or field, message) of what keeps the columns from being imported."""
    out: list[tuple[str, str]] = []
    for c in columns:
        if c.how == "unknown":
            out.append((c.header, Text(
                "names no field; nearest: {fields} (map it in \"columns\", or to null to "
                "ignore it)", "どの項目にも当たりません。近い項目: {fields}（マップの\"columns\"で"
                "項目を指定するか、null で無視してください）").format(
                    fields=_fields_text(e, c.suggestions) or "-")))
    seen: dict[str, str] = {}
    for c in columns:
        if not c.field:
            continue
        if c.field in seen and e.field(c.field).type is not FieldType.LONGTEXT:
            out.append((c.header, Text("goes into {field} like column {other}; one of them "
                                       "must map elsewhere or to null",
                                       "列「{other}」と同じ項目 {field} に当たります。"
                                       "どちらかを別の項目か null に")
                        .format(field=c.field, other=seen[c.field])))
        seen.setdefault(c.field, c.header)
    mapped = {c.field for c in columns if c.field}
    for f in e.fields:
        if f.required and not f.computed and f.name not in mapped and f.name not in m.defaults \
                and f.default is None:
            out.append((f.name, Text(
                "is required but no column holds it: map a column to {name} or give it in "
                "\"defaults\"", "必須ですが、どの列にもありません。列を {name} に当てるか、"
                "\"defaults\" で値を指定してください").format(name=f.name)))
    return out


def load(source: str | os.PathLike | dict[str, Any] | None, e: Entity) -> Map:
    """A map from a file (or its parsed JSON); MapError names what is wrong."""
    if source is None:
        return Map()
    if isinstance(source, dict):
        data, name = source, "the map"
    else:
        path = Path(source)
        name = path.name
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except OSError as exc:
            raise MapError(f"{path}: {exc.strerror or exc}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise MapError(Text("{name} is not a JSON map: {exc}",
                                "{name} はJSON形式のマップではありません: {exc}")
                           .format(name=name, exc=exc)) from None
    if not isinstance(data, dict):
        raise MapError(Text("{name} must be a JSON object {{\"columns\": …}}",
                            "{name} はJSONオブジェクト {{\"columns\": …}} にしてください")
                       .format(name=name))
    unknown = [k for k in data if k not in MAP_KEYS]
    if unknown:
        raise MapError(Text("{name}: unknown key {key!r}; a map has {keys}",
                            "{name}: 不明なキー {key!r}（使えるキー: {keys}）")
                       .format(name=name, key=unknown[0], keys=", ".join(MAP_KEYS)))
    m = Map(sheet=data.get("sheet"), header_row=data.get("header_row"),
            columns=data.get("columns") or {}, values=data.get("values") or {},
            defaults=data.get("defaults") or {})
    if m.sheet is not None and not isinstance(m.sheet, str):
        raise MapError(f"{name}: \"sheet\" must be the name of a sheet")
    if m.header_row is not None and (type(m.header_row) is not int or m.header_row < 1):
        raise MapError(Text("{name}: \"header_row\" must be a row number (1 or more)",
                            "{name}: \"header_row\" は行番号（1以上）にしてください")
                       .format(name=name))
    for key in ("columns", "values", "defaults"):
        if not isinstance(getattr(m, key), dict):
            raise MapError(f"{name}: \"{key}\" must be a JSON object")
    for header, target in m.columns.items():
        if target is not None and target not in SYSTEM and not e.has(target):
            raise MapError(_no_field(name, e, f"\"columns\" → {header!r}", target))
    index = header_index(e)
    for key in ("values", "defaults"):  # keyed by field, or by a header naming one
        given = getattr(m, key)
        setattr(m, key, {(t if e.has(t) else index.get(header_key(t), t)): v
                         for t, v in given.items()})
        for target in getattr(m, key):
            if not e.has(target):
                raise MapError(_no_field(name, e, f"\"{key}\"", target))
    for target, words in m.values.items():
        if not isinstance(words, dict):
            raise MapError(f"{name}: \"values\" → {target!r} must be a JSON object "
                           "{\"cell text\": value}")
    return m


def _no_field(name: str, e: Entity, where: str, target: str) -> str:
    near = nearest(e, target)
    return Text("{name}: {where}: {e} has no field {target!r}; nearest: {near}",
                "{name}: {where}: {e_ja}に項目 {target!r} はありません。近い項目: {near}").format(
        name=name, where=where, e=e.label_en, e_ja=e.label_ja, target=target,
        near=_fields_text(e, near) or "-")


def completed(m: Map, columns: list[Column], sheet: str, header_row: int) -> Map:
    """The map written out in full: every column as matched, for --guess-map."""
    cols = {c.header: c.field for c in columns}
    return Map(sheet=sheet or None, header_row=header_row, columns=cols,
               values=dict(m.values), defaults=dict(m.defaults))
