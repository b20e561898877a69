"""Importing the officer's own spreadsheets: the table found, the columns mapped, the
values read as people write them, the rows matched to what the database holds.

An import is all or nothing, like every import: one bad cell and nothing is written;
each error names the row as the spreadsheet numbers it and the column's header.
Rows are matched to existing records by the entity's natural key (a staff member by
employee number, a data category by its Japanese name); an ``id`` column is trusted
only in a workbook exported from this same database, so a file of another
installation never overwrites unrelated records. Fields the file does not hold keep
their values in a matched record.

References are written as people write them: the referenced record's natural key,
its name or its title in either language; several in one cell are separated by lines,
``;``, ``,``, ``、`` or ``・`` (a name that itself holds a comma is found whole first).
An unknown name, or a name two records share, is an error naming row, column and name.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from privacydesk.domain.entities import entity as entity_spec
from privacydesk.domain.fields import Entity, Field, FieldType, Text, header_key, in_lang
from privacydesk.services import interchange, present
from privacydesk.services.records import FieldError, ValidationError
from privacydesk.services.sheets import mapping, readers, values
from privacydesk.services.sheets.export import database_identity as export_identity
from privacydesk.services.sheets.mapping import ID, ROW_VERSION, SYSTEM, Column, Map, MapError
from privacydesk.services.sheets.readers import SheetError, Table
from privacydesk.store.database import Database
from privacydesk.store.models import TABLES

__all__ = ["MapError", "Preview", "SheetError", "SheetImport", "database_identity", "guess_map",
           "import_sheet", "preview", "wants_mapping"]

MATCH_BATCH = 500  # rows whose natural keys are looked up in one query
Progress = Callable[[int], None]


def wants_mapping(path: str | os.PathLike, fmt: str | None, *, entity_name: str,
                  map_given: bool = False, sheet: str | None = None,
                  guess: bool = False) -> bool:
    """Whether a file goes through the spreadsheet importer: an Excel workbook, a map
    or sheet asked for, or a CSV file that is not in PrivacyDesk's own export format
    (UTF-8 with a header of field names). JSON is always our own format."""
    if fmt == "json":
        return False
    if fmt == "xlsx" or map_given or sheet or guess:
        return True
    if readers.kind_of(path) == "xlsx":
        return True
    with open(path, "rb") as f:
        head = f.read(1 << 16)
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if fmt is None and text[:1] in (b"{", b"["):
        return False
    try:
        first = text.decode("utf-8").splitlines()[0] if text else ""
    except (UnicodeDecodeError, IndexError):
        return True  # Shift-JIS, or cut in the middle of a character: not our export
    known = set(interchange.columns(entity_name))
    cells = [c.strip().strip('"') for c in first.split(",")]
    return not cells or not all(c in known for c in cells if c)


def database_identity(db: Database) -> str:
    """What tells this database from any other: the hash of its first audit entry, as
    the Excel export writes it into its workbooks."""
    return export_identity(db)


@dataclass
class SheetImport:
    """What an import did (or, in a dry run, would do)."""

    table: Table
    columns: list[Column]
    map: Map
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.inserted + self.updated + self.unchanged


# --- references -------------------------------------------------------------------------


class _Names:
    """The records of one entity by every name a person may write for them."""

    def __init__(self, db: Database, e: Entity) -> None:
        self.e = e
        self.by_key: dict[str, set[int]] = {}
        t = TABLES[e.name]
        keys = [n for n in e.natural_key if n in t.c]
        own = [n for n in {*keys, *(e.title_fields("ja")), *(e.title_fields("en")),
                           *([e.display] if e.display else [])} if n in t.c
               and e.field(n).type not in (FieldType.REF, FieldType.MULTIREF)]
        with db.read() as conn:
            rows = conn.execute(sa.select(t.c.id, *(t.c[n] for n in own))).mappings().all()
            # whole titles, as the Excel export writes them, and cut ones, as lists show
            titles = {(lang, limit): present.Titles(conn, lang, limit=limit).get(
                e.name, [r["id"] for r in rows])
                for lang in ("ja", "en") for limit in (None, present.TITLE_MAX)}
        for r in rows:
            names = {str(r[n]) for n in own if r[n] not in (None, "")}
            if len(keys) > 1 and all(r.get(k) not in (None, "") for k in keys):
                names.add(" ".join(str(r[k]) for k in keys))
            names.update(titles[lang][r["id"]] for lang in titles)
            for name in names:
                self.by_key.setdefault(header_key(name), set()).add(r["id"])
        self.titles = titles[("ja", present.TITLE_MAX)]

    def find(self, name: str) -> set[int]:
        return self.by_key.get(header_key(name), set())


def _ambiguous(e: Entity, name: str, ids: set[int], titles: dict[int, str]) -> ValueError:
    shown = "; ".join(titles.get(i, f"#{i}") for i in sorted(ids)[:4])
    key = ", ".join(e.field(k).label_ja for k in e.natural_key) or "ID"
    return ValueError(Text("{name!r} names {count} {e}: {shown}; write the {key} instead",
                           "「{name}」に当たる{e_ja}が{count}件あります（{shown}）。{key}で"
                           "指定してください").format(name=name, count=len(ids), e=e.plural_en,
                                                   e_ja=e.label_ja, shown=shown, key=key))


def _unknown(e: Entity, name: str) -> ValueError:
    return ValueError(Text("no {e} is named {name!r}", "{e_ja}「{name}」は登録されていません")
                      .format(e=e.label_en, e_ja=e.label_ja, name=name))


def _resolve(names: _Names, raw: Any, many: bool,
             words: Callable[[str], Any] | None = None) -> Any:
    """The id (or ids) a cell names; `words` translates a name first (the map's values,
    which may give an id or a name)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return [] if many else None
    words = words or (lambda part: part)
    text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)

    def one(name: str) -> int:
        given = words(name)
        if isinstance(given, int) and not isinstance(given, bool):
            return given  # an id from the map
        ids = names.find(str(given))
        if not ids:
            raise _unknown(names.e, str(given))
        if len(ids) > 1:
            raise _ambiguous(names.e, str(given), ids, names.titles)
        return next(iter(ids))

    if not many:
        return one(text)
    out: list[int] = []
    for part in values.pieces(text, lambda p: isinstance(words(p), int)
                              or bool(names.find(str(words(p))))):
        rid = one(part)
        if rid not in out:
            out.append(rid)
    return out


def _message(exc: ValueError) -> str:
    """The message of a ValueError, keeping both languages of a Text."""
    return exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)


# --- rows -------------------------------------------------------------------------------


class _Rows:
    """The rows of the table as field values, read afresh on each iteration (the
    import reads its source twice); cell errors become row problems."""

    def __init__(self, db: Database, e: Entity, table: Table, columns: list[Column], m: Map,
                 trust_ids: bool, trust_versions: bool = False) -> None:
        self.db = db
        self.e = e
        self.table = table
        self.m = m
        self.columns = [c for c in columns if c.field
                        and (c.field != ID or trust_ids)
                        and (c.field != ROW_VERSION or trust_versions)
                        and (c.field in SYSTEM or not e.field(c.field).computed)]
        self.header_of = {c.field: c.header for c in self.columns}
        self._names: dict[str, _Names] = {}
        self._choices = {f.name: values.choice_index(f) for f in e.fields if f.choices}
        self._values = {name: {header_key(str(k)): v for k, v in words.items()}
                        for name, words in m.values.items()}
        # what interchange checks against
        self.header = ["id", ROW_VERSION, *(f.name for f in e.fields)]

    def names(self, f: Field) -> _Names:
        if f.ref not in self._names:
            self._names[f.ref] = _Names(self.db, entity_spec(f.ref))
        return self._names[f.ref]

    def value(self, f: Field, raw: Any) -> Any:
        words = self._values.get(f.name)
        if words and raw is not None:  # the whole cell first
            key = header_key(str(raw))
            if key in words:
                raw = words[key]
                if isinstance(raw, list) and f.type in (FieldType.MULTIREF,
                                                        FieldType.MULTICHOICE):
                    raw = "\n".join(str(v) for v in raw)

        def translate(part: str) -> Any:  # then each part of a cell of several values
            return words.get(header_key(part), part) if words else part
        if f.type in (FieldType.REF, FieldType.MULTIREF):
            return _resolve(self.names(f), raw, f.type is FieldType.MULTIREF, translate)
        return values.parse(f, raw, self._choices.get(f.name), translate)

    def convert(self, n: int, cells: list[Any]) -> dict[str, Any] | interchange.RowProblem:
        out, errors = self.parts(n, cells)
        return interchange.RowProblem(*errors) if errors else out

    def parts(self, n: int, cells: list[Any]) -> tuple[dict[str, Any], list[FieldError]]:
        """The values read from a row's cells, and the errors of the cells that could
        not be read."""
        e = self.e
        out: dict[str, Any] = {}
        errors: list[FieldError] = []
        notes: dict[str, list[str]] = {}
        for c in self.columns:
            raw = cells[c.index] if c.index < len(cells) else None
            if c.field in SYSTEM:
                out[c.field] = raw
                continue
            f = e.field(c.field)  # type: ignore[arg-type]
            if f.type is FieldType.LONGTEXT and sum(
                    1 for o in self.columns if o.field == f.name) > 1:
                text = values.parse_text(f, raw)
                if text:
                    notes.setdefault(f.name, []).append(f"{c.header}: {text}")
                continue
            try:
                out[f.name] = self.value(f, raw)
            except ValueError as exc:
                errors.append(FieldError(c.header, _message(exc), n))
        for name, lines in notes.items():
            out[name] = "\n".join(lines)
        for name, default in self.m.defaults.items():
            if out.get(name) in (None, "", []):
                try:
                    out[name] = self.value(e.field(name), default)
                except ValueError as exc:
                    errors.append(FieldError(name, Text('"defaults": ', '"defaults": ')
                                             + _message(exc), n))
        return out, errors

    def rows(self) -> Iterator[tuple[int, dict[str, Any] | interchange.RowProblem]]:
        batch: list[tuple[int, dict[str, Any] | interchange.RowProblem]] = []
        for n, cells in self.table.rows():
            batch.append((n, self.convert(n, cells)))
            if len(batch) >= MATCH_BATCH:
                yield from self._matched(batch)
                batch = []
        yield from self._matched(batch)

    def _matched(self, batch):
        """The rows with the id of the record each one's natural key names (or the id
        the file gives, where it is trusted)."""
        keys = [k for k in self.e.natural_key]
        if not batch:
            return
        t = TABLES[self.e.name]
        wanted = {}
        given: dict[int, int] = {}  # row -> a trusted id of the file
        for n, row in batch:
            if not isinstance(row, dict):
                continue
            if row.get(ID) not in (None, ""):
                with contextlib.suppress(TypeError, ValueError):
                    given[n] = int(row[ID])
            elif keys and all(row.get(k) not in (None, "", []) for k in keys):
                wanted[n] = tuple(row[k] for k in keys)
        found: dict[tuple, int] = {}
        lists = [f.name for f in self.e.stored if f.type in (FieldType.MULTIREF,
                                                             FieldType.MULTICHOICE)]
        unset: dict[int, set[str]] = {}  # list fields a record has never been given
        if given and lists:
            with self.db.read() as conn:
                for r in conn.execute(sa.select(t.c.id, *(t.c[n] for n in lists))
                                      .where(t.c.id.in_(set(given.values())))):
                    unset[r[0]] = {n for n, v in zip(lists, r[1:], strict=True) if v is None}
        if wanted:
            cond = (t.c[keys[0]].in_({k[0] for k in wanted.values()}) if len(keys) == 1
                    else sa.tuple_(*(t.c[k] for k in keys)).in_(set(wanted.values())))
            with self.db.read() as conn:
                for r in conn.execute(sa.select(t.c.id, *(t.c[k] for k in keys),
                                                *(t.c[n] for n in lists)).where(cond)):
                    found[tuple(r[1:1 + len(keys)])] = r[0]
                    unset[r[0]] = {n for n, v in zip(lists, r[1 + len(keys):], strict=True)
                                   if v is None}
        for n, row in batch:
            rid = given.get(n)
            if n in wanted and wanted[n] in found:
                rid = found[wanted[n]]
            if rid is not None and isinstance(row, dict):
                # an empty cell leaves a list never given as it is (not "changed" to [])
                never = unset.get(rid, set())
                row = {k: v for k, v in row.items() if not (v == [] and k in never)}
                row[ID] = rid
            yield n, row


# --- the import -------------------------------------------------------------------------


def prepare(db: Database, entity_name: str, path: str | os.PathLike, *,
            map_source: str | os.PathLike | dict | Map | None = None,
            sheet: str | None = None) -> tuple[Entity, Table, list[Column], Map]:
    """Find the table and map its columns; raises SheetError or MapError."""
    e = entity_spec(entity_name)
    m = map_source if isinstance(map_source, Map) else mapping.load(map_source, e)
    table = readers.open_table(path, score=mapping.scorer(e), sheet=sheet or m.sheet,
                               header_row=m.header_row)
    return e, table, mapping.guess(e, table.headers, m), m


def guess_map(db: Database, entity_name: str, path: str | os.PathLike, *,
              map_source=None, sheet: str | None = None) -> tuple[dict[str, Any], list[Column]]:
    """The map as guessed (completed by `map_source`), ready to be saved as JSON; an
    unknown header maps to a "?" text naming its nearest fields, which must be replaced."""
    _e, table, columns, m = prepare(db, entity_name, path, map_source=map_source, sheet=sheet)
    full = mapping.completed(m, columns, table.sheet, table.header_row).to_json()
    for c in columns:
        if c.how == "unknown":
            full["columns"][c.header] = "? " + " | ".join(c.suggestions)
    return full, columns


def import_sheet(db: Database, entity_name: str, path: str | os.PathLike, *,
                 map_source: str | os.PathLike | dict | Map | None = None,
                 sheet: str | None = None, dry_run: bool = False, today: date | None = None,
                 progress: Progress | None = None, total: Progress | None = None,
                 cancel: Callable[[], bool] | None = None) -> SheetImport:
    """Import one table of a spreadsheet: every row or none. Raises SheetError (the
    file), MapError (the map), ValidationError (columns or cells; row numbers as the
    spreadsheet numbers them, fields named by their header)."""
    e, table, columns, m = prepare(db, entity_name, path, map_source=map_source, sheet=sheet)
    wrong = mapping.problems(e, columns, m)
    if wrong:
        raise ValidationError(e.name, [FieldError(where, message) for where, message in wrong])
    trust = bool(table.properties.get("database")) \
        and table.properties.get("database") == database_identity(db)
    result = SheetImport(table, columns, m, dry_run=dry_run)
    if any(c.field == ID for c in columns) and not trust:
        result.notes.append(Text(
            "the ID column was not used: the file was not exported from this database, so "
            "rows are matched by {key}",
            "ID列は使っていません（このデータベースから書き出したファイルではないため、{key_ja}で照合）"
        ).format(key=", ".join(e.natural_key) or "nothing (every row is new)",
                 key_ja="・".join(e.field(k).label_ja for k in e.natural_key) or "照合なし"))
    for c in columns:
        if c.field and c.field not in SYSTEM and e.field(c.field).computed:
            result.notes.append(Text(
                "column {header!r} was not imported: {field} is worked out by PrivacyDesk",
                "列「{header}」は取り込んでいません（{label}はPrivacyDeskが自動で求めます）")
                .format(header=c.header, field=e.field(c.field).label_en,
                        label=e.field(c.field).label_ja))
    source = _Rows(db, e, table, columns, m, trust, _same_database(db, table))
    try:
        outcome = interchange.import_rows(db, e.name, source, today=today, progress=progress,
                                          total=total, cancel=cancel, dry_run=dry_run)
    except ValidationError as exc:
        raise ValidationError(e.name, [_in_sheet_terms(err, source) for err in exc.errors]
                              ) from None
    result.inserted, result.updated, result.unchanged = (
        outcome.inserted, outcome.updated, outcome.unchanged)
    return result


def _same_database(db: Database, table: Table) -> bool:
    """Whether the workbook was exported from this database (the full identity the
    export writes): only then does its record version say how old its rows are. A row
    matched by its natural key is checked with it as well as one matched by its ID."""
    exported = table.properties.get("database")
    return bool(exported) and exported == export_identity(db)


def _in_sheet_terms(err: FieldError, source: _Rows) -> FieldError:
    """An error of a field named by the header of its column."""
    header = source.header_of.get(err.field)
    if header is None:
        return err
    return FieldError(header, err.message, err.row)


# --- a preview for the import wizard --------------------------------------------------


@dataclass
class PreviewRow:
    n: int  # the row as the spreadsheet numbers it
    texts: dict[str, str]  # header -> the value as it will be stored, as text
    errors: dict[str, str]  # header ("" for the row as a whole) -> what is wrong
    matched: bool = False  # updates an existing record


@dataclass
class Preview:
    table: Table
    columns: list[Column]
    map: Map
    problems: list[tuple[str, str]]  # (header or field, message): the columns as mapped
    rows: list[PreviewRow]


def preview(db: Database, entity_name: str, path: str | os.PathLike, *,
            map_source: str | os.PathLike | dict | Map | None = None,
            sheet: str | None = None, limit: int = 50, lang: str = "ja") -> Preview:
    """The first `limit` rows as they would be stored, each cell's error beside it;
    nothing is written. Raises SheetError and MapError like `import_sheet`."""
    e, table, columns, m = prepare(db, entity_name, path, map_source=map_source, sheet=sheet)
    problems = mapping.problems(e, columns, m)
    trust = bool(table.properties.get("database")) \
        and table.properties.get("database") == database_identity(db)
    source = _Rows(db, e, table, columns, m, trust, _same_database(db, table))
    first: list[tuple[int, list[Any], dict[str, Any]]] = []
    row_errors: dict[int, dict[str, str]] = {}
    good: list[tuple[int, dict[str, Any]]] = []
    for n, cells in table.rows():
        values_, errors = source.parts(n, cells)
        first.append((n, cells, values_))
        for err in errors:
            row_errors.setdefault(n, {})[err.field] = in_lang(err.message, lang)
        if not errors:
            good.append((n, values_))
        if len(first) >= limit:
            break
    good = list(source._matched(good))
    matched = {n for n, r in source._matched([(n, v) for n, _c, v in first])
               if r.get(ID) is not None}
    if not problems and good:  # the rows' own checks (required, unique…), written nowhere
        try:
            interchange.import_rows(db, e.name, _Fixed(good), dry_run=True)
        except ValidationError as exc:
            for err in exc.errors:
                header = source.header_of.get(err.field, err.field)
                row_errors.setdefault(err.row or 0, {}).setdefault(
                    header, in_lang(err.message, lang))
    fields = [e.field(c.field) for c in source.columns if c.field not in SYSTEM]
    texts = present.texts(db, e.name, [v for _n, _c, v in first], lang, fields)
    out = []
    for (n, cells, _values), text in zip(first, texts, strict=True):
        errors = row_errors.get(n, {})
        shown = {}
        for c in source.columns:
            if c.field in SYSTEM:
                continue
            raw = cells[c.index] if c.index < len(cells) else None
            shown[c.header] = ("" if raw is None else str(raw)) if c.header in errors \
                else text.get(c.field, "")  # type: ignore[arg-type]
        out.append(PreviewRow(n, shown, errors, matched=n in matched))
    return Preview(table, columns, m, problems, out)


class _Fixed:
    """Rows already read, as a row source."""

    def __init__(self, rows) -> None:
        self._rows = rows

    def rows(self):
        return iter(self._rows)
