"""CSV and JSON export and import of every entity, driven by the field declarations.

One format per entity, the same for export and import:

- Columns: ``id``, then every field in declaration order, stored and computed. The
  system columns (created/updated at/by) are not exported: they live in the audit
  trail. Export, import into an empty database and export again gives the same bytes.
- Values: dates ``YYYY-MM-DD``, instants ISO 8601 UTC with ``Z``, booleans
  ``true``/``false``, lists ``;``-joined in CSV and arrays in JSON, nothing as an empty
  cell or ``null``.
- CSV: UTF-8 with a byte order mark (Excel in Japan then reads it as UTF-8), a header
  row of field names, ``\\r\\n`` line ends. JSON: ``{"entity": ..., "format": 1,
  "rows": [...]}``, keys in column order.

An import is one audited transaction. Every row is validated by the same rules as
`services.records`, inside the transaction, so a row may refer to another row of the
file (a row that refers to a row further down waits for it). If any row fails, nothing
is written and `ValidationError` lists each error with its row and column. A malformed
file raises `ImportFileError` (a ValidationError) and never anything else.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import functools
import io
import itertools
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, BinaryIO

import sqlalchemy as sa

from privacydesk.domain.entities import entity as entity_spec
from privacydesk.domain.fields import Entity, Field, FieldType, Text
from privacydesk.services import records, team
from privacydesk.services.records import FieldError, ValidationError
from privacydesk.services.session import Cancelled
from privacydesk.store.audit import json_value, writing
from privacydesk.store.database import Database
from privacydesk.store.models import TABLES

FORMAT_VERSION = 1
FORMATS = ("csv", "json")
BATCH = 500  # rows between progress reports
WRITE_BATCH = 5000  # rows an import validates and writes at a time
MAX_ERRORS = 1000  # an import stops collecting after this many errors
MAX_ID = 2**63 - 1

Progress = Callable[[int], None]
Cancel = Callable[[], bool]  # true: stop (or raise session.Cancelled)

_LIST_TYPES = (FieldType.MULTICHOICE, FieldType.MULTIREF)

# CSV cells may hold long texts; the csv module's default limit is 128 KiB.
csv.field_size_limit(max(csv.field_size_limit(), 1 << 26))


ROW_VERSION = "row_version"

STALE_ROW = Text(
    "was changed in the database since this file was exported (version {there} there, "
    "{here} in the file)",
    "このファイルを書き出した後にデータベースで変更されています（データベースでは版 {there}、"
    "ファイルでは版 {here}）")


class ImportFileError(ValidationError):
    """The file itself cannot be read as an import file of the entity."""


@dataclass(frozen=True)
class ImportResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def rows(self) -> int:
        return self.inserted + self.updated + self.unchanged


def columns(e: Entity | str) -> tuple[str, ...]:
    """The columns of the entity's files: id, the row's version (how many saves it had
    when exported: an import refuses to overwrite a newer row with it), then every
    field in declaration order."""
    if isinstance(e, str):
        e = entity_spec(e)
    return ("id", ROW_VERSION, *(f.name for f in e.fields))


def format_for(path: str | os.PathLike | None, default: str = "csv") -> str:
    """The format a file name suggests (.json or .csv), else `default`."""
    if path is not None:
        suffix = Path(path).suffix.lower()
        if suffix in (".json", ".csv"):
            return suffix[1:]
    return default


# --- export ---------------------------------------------------------------------------


# A spreadsheet runs a cell that starts with one of these as a formula. Text cells
# that do (or that start with the quote itself) are written with a leading quote,
# which the import removes again, so files round-trip unchanged.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
_TEXT_TYPES = (FieldType.TEXT, FieldType.LONGTEXT)


def _csv_text(f: Field | None, cell: str) -> str:
    """The value of a CSV cell, without the quote that kept a spreadsheet from running it."""
    if f is not None and f.type in _TEXT_TYPES and cell.startswith("'"):
        return cell[1:]
    return cell


def _json_cell(f: Field | None, value: Any) -> Any:
    if value is None:
        return [] if f is not None and f.type in _LIST_TYPES else None
    return json_value(value)


def export(db: Database, entity_name: str, fmt: str, out: BinaryIO, *,
           today: date | None = None, progress: Progress | None = None,
           total: Progress | None = None, cancel: Cancel | None = None) -> int:
    """Write every row of the entity to a binary stream; returns the number of rows.

    Rows are streamed from one cursor, so memory stays flat. ``progress(rows)`` is
    called as they are written; ``total(rows)``, when given, first with their number
    (one count more); ``cancel()`` is asked between batches and stops the export with
    `Cancelled` (a file being written by `export_to_file` is then removed). A login
    that may not read the entity is refused before anything is written.
    """
    team.require(db, entity_name, "read")
    if total is not None:
        total(records.count(db, entity_name))
    return export_rows(entity_name, records.iterate(db, entity_name, today=today), fmt, out,
                       progress=progress, cancel=cancel)


def export_rows(entity_name: str, rows: Iterable[Mapping[str, Any]], fmt: str, out: BinaryIO,
                *, progress: Progress | None = None, cancel: Cancel | None = None) -> int:
    """Write rows (as `records` reads them) in the file format; returns their number."""
    e = entity_spec(entity_name)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use csv or json")
    cols = columns(e)
    fields: list[Field | None] = [None, None, *e.fields]
    n = 0
    rows = iter(rows)

    def batches() -> Iterator[list[Mapping[str, Any]]]:
        nonlocal n
        while batch := list(itertools.islice(rows, BATCH)):
            if cancel is not None and cancel():
                raise Cancelled(f"the export of {e.name} was cancelled")
            yield batch
            n += len(batch)
            if progress:
                progress(n)

    if fmt == "csv":
        out.write(codecs.BOM_UTF8)
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=False)
        try:
            writer = csv.writer(text)
            writer.writerow(cols)
            make = _csv_row_maker(e.name)
            for batch in batches():
                writer.writerows(map(make, batch))
            text.flush()
        finally:
            text.detach()  # the caller's stream stays open
    else:
        head = json.dumps({"entity": e.name, "format": FORMAT_VERSION}, ensure_ascii=False,
                          indent=1)
        out.write((head[:-2] + ",\n \"rows\": [").encode("utf-8"))
        for batch in batches():
            for i, row in enumerate(batch):
                obj = {c: _json_cell(f, row.get(c)) for f, c in zip(fields, cols, strict=True)}
                text = json.dumps(obj, ensure_ascii=False, indent=1)
                sep = "\n" if n + i == 0 else ",\n"
                out.write((sep + "\n".join("  " + line for line in text.split("\n")))
                          .encode("utf-8"))
        out.write(("\n ]\n}\n" if n else "]\n}\n").encode("utf-8"))
    if progress:
        progress(n)
    return n


def _instant(value: datetime) -> str:
    """An instant as the files write it: ISO 8601 in UTC with microseconds and ``Z``."""
    if value.tzinfo is not UTC:
        if value.tzinfo is None:
            raise ValueError("naive datetime in a stored value")
        value = value.astimezone(UTC)
    return value.isoformat(timespec="microseconds")[:-6] + "Z"


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _items(value: list) -> str:
    return ";".join(str(json_value(v)) for v in value)


@functools.cache
def _csv_row_maker(entity_name: str) -> Callable[[Mapping[str, Any]], list[Any]]:
    """A function from a row to its CSV cells, written out for the entity's columns (a
    generic loop over the cells costs more than writing them). Empty cells, numbers and
    choices go to the csv module as they are; it writes None as an empty cell."""
    e = entity_spec(entity_name)
    cells = []
    for key, f in [("id", None), (ROW_VERSION, None), *((f.name, f) for f in e.fields)]:
        v = f"row.get({key!r})"
        if f is None or f.type in (FieldType.INT, FieldType.REF, FieldType.CHOICE):
            cells.append(v)  # numbers and choices as they are, nothing as nothing
            continue
        match f.type:
            case FieldType.TEXT | FieldType.LONGTEXT:
                code = "(\"'\" + v if v.startswith(_FORMULA_START) else v)"
            case FieldType.DATETIME:
                code = "_instant(v)"
            case FieldType.DATE:
                code = "v.isoformat()"
            case FieldType.BOOL:
                code = "_bool(v)"
            case _:
                code = "_items(v)"
        cells.append(f"(None if (v := {v}) is None else {code})")
    source = f"def make(row):\n    return [{', '.join(cells)}]\n"
    scope: dict[str, Any] = {"_instant": _instant, "_bool": _bool, "_items": _items,
                             "_FORMULA_START": _FORMULA_START}
    exec(source, scope)  # the source holds quoted column names and the formats only
    return scope["make"]


def export_to_file(db: Database, entity_name: str, path: str | os.PathLike,
                   fmt: str | None = None, *, today: date | None = None,
                   progress: Progress | None = None, total: Progress | None = None,
                   cancel: Cancel | None = None) -> int:
    """Export to a file: written beside it under a temporary name, then renamed; removed
    when the export fails or is cancelled."""
    path = Path(path)
    fmt = fmt or format_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            n = export(db, entity_name, fmt, out, today=today, progress=progress, total=total,
                       cancel=cancel)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return n


# --- reading import files ---------------------------------------------------------------


def _fail(e: Entity, message: str, *, field: str = "", row: int | None = None):
    return ImportFileError(e.name, [FieldError(field, message, row)])


def _open(source: str | os.PathLike | bytes) -> BinaryIO:
    if isinstance(source, bytes | bytearray):
        return io.BytesIO(bytes(source))
    return open(source, "rb")  # closed by the caller


def _sniff(source: str | os.PathLike | bytes) -> str:
    with _open(source) as f:
        head = f.read(4096)
    text = head.removeprefix(codecs.BOM_UTF8).lstrip(b" \t\r\n")
    if text[:1] in (b"{", b"["):
        return "json"
    if not isinstance(source, bytes | bytearray) and not text:
        return format_for(source)
    return "csv"


class _Reader:
    """Parses an import file into (row number, {column: raw value}) pairs.

    Structural problems of single rows become errors of those rows; problems of the
    file as a whole raise ImportFileError. Can be iterated more than once.
    """

    def __init__(self, e: Entity, source: str | os.PathLike | bytes, fmt: str | None):
        self.e = e
        self.source = source
        self.fmt = fmt or _sniff(source)
        if self.fmt not in FORMATS:
            raise ValueError(f"unknown format {self.fmt!r}; use csv or json")
        self.allowed = set(columns(e))
        self._fields = {f.name: f for f in e.fields}
        self.header: list[str] = []
        self.errors: list[FieldError] = []
        if self.fmt == "json":
            stream = self._json_stream()
            try:
                next(stream)  # the head: the shape of the file, and its entity and format
            finally:
                stream.close()
        else:
            self.header = self._csv_header()

    # -- CSV --

    def _csv_rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, cells) of each record, the header included."""
        with _open(self.source) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")
            reader = csv.reader(text, strict=True)
            line = 1
            try:
                for cells in reader:
                    yield line, cells
                    line = reader.line_num + 1
            except UnicodeDecodeError:
                raise _fail(self.e, f"the file is not UTF-8 text (near line {line}); "
                            "save it as “CSV UTF-8”") from None
            except csv.Error as exc:
                raise _fail(self.e, f"the CSV text is malformed near line {line}: {exc}") from None

    def _csv_header(self) -> list[str]:
        for _line, cells in self._csv_rows():
            if not any(c.strip() for c in cells):
                continue
            header = [c.strip() for c in cells]
            errors = []
            seen: set[str] = set()
            for i, name in enumerate(header, 1):
                if not name:
                    errors.append(FieldError("", f"column {i} of the header has no name"))
                elif name in seen:
                    errors.append(FieldError(_shown(name), "appears twice in the header"))
                elif name not in self.allowed:
                    errors.append(FieldError(_shown(name), self._unknown()))
                seen.add(name)
            if errors:
                raise ImportFileError(self.e.name, errors)
            return header
        raise _fail(self.e, "the file is empty: it has no header row")

    def _unknown(self) -> str:
        return (f"is not a column of {self.e.label_en}; the columns are: "
                + ", ".join(columns(self.e)))

    # -- JSON --

    def _json_stream(self) -> Iterator[Any]:
        """The rows of the JSON file as they are read: first `_HEAD`, once the file is
        known to hold rows and its head (the keys before "rows") passed the checks,
        then each row. A problem of the file raises ImportFileError where it is met."""
        with _open(self.source) as raw:
            text = _JsonText(raw, functools.partial(_fail, self.e))
            try:
                yield from self._json_walk(text)
            except ImportFileError:
                raise
            except _DuplicateKey as exc:
                raise _fail(self.e, f"the JSON text names {exc.key!r} twice in one object"
                            ) from None
            except RecursionError:
                raise _fail(self.e, "the JSON text is nested too deeply") from None
            except ValueError as exc:  # e.g. an integer with thousands of digits
                raise _fail(self.e, f"the JSON text cannot be read: {exc}") from None

    def _json_walk(self, text: _JsonText) -> Iterator[Any]:
        """The top level as `json.loads` reads it (same messages at the same places);
        the values in it, and each row, decoded by the json module."""
        if text.peek() == "\ufeff":  # a second byte order mark
            raise text.malformed("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0)
        text.ws()
        first = text.peek()
        if first == "[":
            text.pos += 1
            yield _HEAD
            yield from text.array()
            text.end()
            return
        if first != "{":
            text.value()
            text.end()
            raise self._json_shape()
        doc: dict[str, Any] = {}
        seen: set[str] = set()
        streamed = False
        text.pos += 1
        text.ws()
        if text.peek() == "}":
            text.pos += 1
        elif text.peek() != '"':
            raise text.malformed("Expecting property name enclosed in double quotes", text.pos)
        else:
            while True:
                key = text.value()
                if key in seen:
                    raise _DuplicateKey(key)
                seen.add(key)
                text.ws()
                if text.peek() != ":":
                    raise text.malformed("Expecting ':' delimiter", text.pos)
                text.pos += 1
                text.ws()
                if key == "rows" and text.peek() == "[":
                    text.pos += 1
                    self._json_head(doc)  # as far as it came before the rows
                    streamed = True
                    yield _HEAD
                    yield from text.array()
                else:
                    doc[key] = text.value()
                if text.closed("}", _OBJECT_TRAILING_COMMA):
                    break
                if text.peek() != '"':
                    raise text.malformed("Expecting property name enclosed in double quotes",
                                         text.pos)
        text.end()
        if not streamed:
            raise self._json_shape()
        self._json_head(doc)  # keys after the rows

    def _json_shape(self) -> ImportFileError:
        return _fail(self.e, 'the JSON file must be an object {"entity": ..., '
                     '"format": 1, "rows": [...]} or a list of rows')

    def _json_head(self, doc: dict[str, Any]) -> None:
        """Check the keys of the top-level object besides its rows."""
        unknown = set(doc) - {"entity", "format", "rows"}
        if unknown:
            raise _fail(self.e, f"the JSON file has an unknown key {sorted(unknown)[0]!r}")
        if "entity" in doc and doc["entity"] != self.e.name:
            raise _fail(self.e, f"the file holds {doc['entity']!r} rows, not {self.e.name} rows")
        if "format" in doc and (type(doc["format"]) is not int
                                or doc["format"] != FORMAT_VERSION):
            raise _fail(self.e, f"the file has format {doc['format']!r}; this version of "
                        f"PrivacyDesk reads format {FORMAT_VERSION}")

    # -- rows --

    def rows(self) -> Iterator[tuple[int, dict[str, Any] | _RowProblem]]:
        """(data row number counted from 1 below the header, values or the problem)."""
        if self.fmt == "json":
            yield from self._json_row_dicts()
        else:
            yield from self._csv_row_dicts()

    def _csv_row_dicts(self) -> Iterator[tuple[int, dict[str, Any] | _RowProblem]]:
        n = 0
        started = False
        for _line, cells in self._csv_rows():
            if not started:  # the header: the first record with a name in it
                started = any(c.strip() for c in cells)
                continue
            n += 1
            if not any(c.strip() for c in cells):
                continue  # blank lines and rows of empty cells
            if len(cells) != len(self.header):
                yield n, _RowProblem(FieldError(
                    "", f"has {len(cells)} cells but the header has {len(self.header)}", n))
                continue
            yield n, {c: _csv_text(self._fields.get(c), v)
                      for c, v in zip(self.header, cells, strict=True)}

    def _json_row_dicts(self) -> Iterator[tuple[int, dict[str, Any] | _RowProblem]]:
        stream = self._json_stream()
        next(stream)  # the head, checked when the reader was made
        for n, row in enumerate(stream, 1):
            if not isinstance(row, dict):
                yield n, _RowProblem(FieldError("", "must be a JSON object {...}", n))
                continue
            errors = []
            for k, v in row.items():
                if k not in self.allowed:
                    errors.append(FieldError(_shown(k), self._unknown(), n))
                elif not _valid_unicode(v):
                    errors.append(FieldError(k, "is not valid Unicode text", n))
            if errors:
                yield n, _RowProblem(*errors)
                continue
            yield n, row


_HEAD = object()  # what `_Reader._json_stream` yields before the rows

JSON_CHUNK = 1 << 20  # bytes a JSON import reads at a time
# Characters past the end of a decoded value (or of a decoding error) that the json
# module may have looked at: a value that ends closer to the end of the text read so
# far may read differently with more text ("12" of "125", "tru" of "true").
_JSON_LOOKAHEAD = 16
_JSON_SPACE = re.compile(r"[ \t\n\r]*")  # the whitespace of JSON, as the json module skips it


def _trailing_comma(text: str) -> tuple[str, bool]:
    """What the json module says of a comma before the closing bracket of `text`: its
    message, and whether it names the comma (Python 3.13 on) rather than the bracket."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return exc.msg, exc.pos == len(text) - 2
    raise AssertionError(f"{text} was read")


_ARRAY_TRAILING_COMMA = _trailing_comma("[0,]")
_OBJECT_TRAILING_COMMA = _trailing_comma('{"a":0,}')


def _pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for k, v in items:
        if k in obj:
            raise _DuplicateKey(k)
        obj[k] = v
    return obj


class _JsonText:
    """The text of a JSON file read a chunk at a time: a buffer of the text not yet
    consumed, the position in it, and the line and column where the buffer starts (for
    messages that count in the whole file, as `json.loads` does). Values are decoded by
    the json module from the buffer; one that runs past its end is decoded again with
    more text. Memory: the value at hand and a chunk."""

    def __init__(self, raw: BinaryIO, fail: Callable[[str], ImportFileError]) -> None:
        self.raw = raw
        self.fail = fail
        self.decoder = json.JSONDecoder(object_pairs_hook=_pairs)
        self.utf8 = codecs.getincrementaldecoder("utf-8")("strict")
        self.buf = ""
        self.pos = 0
        self.lines = 0  # newlines before the buffer
        self.column = 0  # characters after the last of them, before the buffer
        head = b""
        while len(head) < 3 and (data := raw.read(3 - len(head))):
            head += data
        self.bom = 3 if head == codecs.BOM_UTF8 else 0
        self.first = b"" if self.bom else head  # bytes read and not yet decoded
        self.decoded = 0  # bytes given to the UTF-8 decoder
        self.eof = False

    def more(self) -> bool:
        """Read more text onto the buffer, dropping what was consumed; False at the end."""
        while not self.eof:
            # a value longer than a chunk: read as much again, so that it is decoded
            # a few times rather than once a chunk
            data = self.first or self.raw.read(max(JSON_CHUNK, len(self.buf) - self.pos))
            self.first = b""
            held = len(self.utf8.getstate()[0])
            try:
                chars = self.utf8.decode(data, final=not data)
            except UnicodeDecodeError as exc:
                at = self.bom + self.decoded - held + exc.start
                raise self.fail(f"the file is not UTF-8 text (byte {at})") from None
            self.decoded += len(data)
            self.eof = not data
            if chars:
                self.compact()
                self.buf += chars
                return True
        return False

    def compact(self) -> None:
        cut = self.pos
        if cut:
            newlines = self.buf.count("\n", 0, cut)
            if newlines:
                self.lines += newlines
                self.column = cut - self.buf.rfind("\n", 0, cut) - 1
            else:
                self.column += cut
            self.buf = self.buf[cut:]
            self.pos = 0

    def malformed(self, message: str, pos: int) -> ImportFileError:
        """The error `json.loads` raises at `pos` of the buffer, in the file's lines."""
        newlines = self.buf.count("\n", 0, pos)
        if newlines:
            line, column = self.lines + newlines + 1, pos - self.buf.rfind("\n", 0, pos)
        else:
            line, column = self.lines + 1, self.column + pos + 1
        return self.fail(f"the JSON text is malformed at line {line}, column {column}: "
                         f"{message}")

    def peek(self) -> str:
        """The character at the position, or "" at the end of the file."""
        while self.pos >= len(self.buf):
            if not self.more():
                return ""
        return self.buf[self.pos]

    def ws(self) -> None:
        while True:
            self.pos = _JSON_SPACE.match(self.buf, self.pos).end()
            if self.pos < len(self.buf) or not self.more():
                return

    def value(self) -> Any:
        """Decode the value at the position (no whitespace before it) and pass it."""
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                # an error near the end of the text read so far, or a string not closed
                # in it, may be only where the chunk ends
                if self.eof or (exc.pos < len(self.buf) - _JSON_LOOKAHEAD
                                and not exc.msg.startswith("Unterminated string")):
                    raise self.malformed(exc.msg, exc.pos) from None
            else:
                if self.eof or end < len(self.buf) - _JSON_LOOKAHEAD:
                    self.pos = end
                    return value
            self.more()

    def array(self) -> Iterator[Any]:
        """The values of the array whose "[" was just passed, up to and past its "]"."""
        self.ws()
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            if self.closed("]", _ARRAY_TRAILING_COMMA):
                return

    def closed(self, close: str, trailing: tuple[str, bool]) -> bool:
        """After a member of an array or object: True when `close` ends it (passed),
        False after a comma (passed, and the whitespace after it). `trailing`: what the
        json module says of a comma before the closing bracket."""
        self.ws()
        after = self.peek()
        if after == close:
            self.pos += 1
            return True
        if after != ",":
            raise self.malformed("Expecting ',' delimiter", self.pos)
        comma = self.pos
        self.pos += 1
        self.ws()
        if trailing[1] and self.peek() == close:
            raise self.malformed(trailing[0], comma)
        return False

    def end(self) -> None:
        """Only whitespace may follow the top-level value."""
        self.ws()
        if self.peek():
            raise self.malformed("Extra data", self.pos)


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


class _RowProblem:
    """Stands in for a row that could not be parsed; carries its errors."""

    def __init__(self, *errors: FieldError) -> None:
        self.errors = list(errors)


RowProblem = _RowProblem  # what a row source yields for a row it could not read


def _shown(name: str) -> str:
    """A column name as it can be printed: odd characters escaped."""
    return name if name.isprintable() and _valid_unicode(name) else ascii(name)


def _valid_unicode(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates from \\ud800 escapes
            return False
    elif isinstance(value, list):
        return all(_valid_unicode(v) for v in value)
    return True


# --- import -----------------------------------------------------------------------------

_ID_FIELD = Field("id", FieldType.REF, "ID", "ID")


def _row_id(raw: Any) -> int | None:
    value = records.coerce(_ID_FIELD, raw)
    if value is not None and not 1 <= value <= MAX_ID:
        raise ValueError(f"must be a positive whole number, not {value}")
    return value


def _row_version(raw: Any) -> int | None:
    value = records.coerce(_ID_FIELD, raw)
    if value is not None and not 1 <= value <= MAX_ID:
        raise ValueError(f"must be a positive whole number, not {value}")
    return value


@dataclass
class _Row:
    n: int
    id: int | None
    values: dict[str, Any]
    self_refs: set[int]
    version: int | None = None  # the row's version when the file was exported


class _IdSet:
    """Positive ids seen, in little memory: a bitmap up to 2**27 (16 MB at most), a set
    above. A file of a million ids takes 125 KB instead of a dict of a million entries."""

    LIMIT = 1 << 27

    def __init__(self) -> None:
        self.bits = bytearray()
        self.others: set[int] = set()

    def add(self, i: int) -> bool:
        """Add `i`; False when it was there already."""
        if i >= self.LIMIT:
            if i in self.others:
                return False
            self.others.add(i)
            return True
        byte, bit = i >> 3, 1 << (i & 7)
        if byte >= len(self.bits):
            grow = max(byte + 1 - len(self.bits), len(self.bits))
            self.bits.extend(bytes(min(grow, (self.LIMIT >> 3) - len(self.bits))))
        if self.bits[byte] & bit:
            return False
        self.bits[byte] |= bit
        return True


class _Import:
    """Two passes over the file: a scan (structure, ids), then validate-and-write in
    batches of WRITE_BATCH rows: the existing rows of a batch read with one query, its
    references and unique values checked with one query each, its new rows and their
    audit entries written with one statement each. Nothing of the file is kept but the
    batch at hand (and, for an entity that refers to itself, the ids of the file)."""

    def __init__(self, db: Database, e: Entity, reader: _Reader, today: date | None,
                 progress: Progress | None, total: Progress | None,
                 cancel: Cancel | None) -> None:
        self.db = db
        self.e = e
        self.reader = reader
        self.today = today
        self.progress = progress
        self.total = total
        self.cancel = cancel
        self.errors: list[FieldError] = []
        self.inserted = self.updated = self.unchanged = 0
        self.read = self.done = 0
        self.self_ref_fields = [f for f in e.stored if f.ref == e.name]
        self.max_id = 0  # the highest id the file names
        self.repeated: dict[int, int] = {}  # an id named twice -> the row that names it first
        self.pending: set[int] = set()  # ids of the file not yet written (self-references)
        self.next_id = 0
        self.row_by_row = False

    def error(self, err: FieldError) -> None:
        self.errors.append(err)
        if len(self.errors) >= MAX_ERRORS:
            raise _TooManyErrors

    def check_cancel(self) -> None:
        if self.cancel is not None and self.cancel():
            raise Cancelled(f"the import into {self.e.name} was cancelled")

    def prepared(self, *, report: bool) -> Iterator[_Row]:
        """The rows that parse, split into id and values; others reported (or skipped)."""
        computed = {f.name for f in self.e.computed}
        for n, raw in self.reader.rows():
            if isinstance(raw, _RowProblem):
                if report:
                    for err in raw.errors:
                        self.error(err)
                continue
            try:
                rid = _row_id(raw.get("id"))
                version = _row_version(raw.get(ROW_VERSION))
            except ValueError as exc:
                if report:
                    self.error(FieldError("id", str(exc), n))
                continue
            values = {k: v for k, v in raw.items()
                      if k not in ("id", ROW_VERSION) and k not in computed}
            refs: set[int] = set()
            for f in self.self_ref_fields:
                with contextlib.suppress(ValueError):
                    v = records.coerce(f, values.get(f.name))
                    refs.update(v if isinstance(v, list) else [] if v is None else [v])
            if rid is not None:
                refs.discard(rid)
            yield _Row(n, rid, values, refs, version)

    def scan(self) -> None:
        """First pass: the structure of every row and every id the file names."""
        seen = _IdSet()
        again: dict[int, list[int]] = {}  # id -> the rows that name it after the first
        rows = 0
        scanned = self.reader.rows()
        try:
            for n, raw in scanned:
                if n % WRITE_BATCH == 0:
                    self.check_cancel()
                if isinstance(raw, _RowProblem):
                    for err in raw.errors:
                        self.error(err)
                    continue
                try:
                    rid = _row_id(raw.get("id"))
                except ValueError as exc:
                    self.error(FieldError("id", str(exc), n))
                    continue
                try:
                    _row_version(raw.get(ROW_VERSION))
                except ValueError as exc:
                    self.error(FieldError(ROW_VERSION, str(exc), n))
                    continue
                rows += 1
                if rid is None:
                    continue
                self.max_id = max(self.max_id, rid)
                if self.self_ref_fields:
                    self.pending.add(rid)
                if not seen.add(rid):
                    again.setdefault(rid, []).append(n)
        except _TooManyErrors:
            if isinstance(self.reader, _Reader) and self.reader.fmt == "json":
                # a problem of the file further down outranks the rows' errors, as it did
                # when JSON files were read whole
                for _ in scanned:
                    pass
            raise
        if again:  # rare: one more pass finds the row that names each id first
            for n, raw in self.reader.rows():
                if isinstance(raw, dict):
                    with contextlib.suppress(ValueError):
                        rid = _row_id(raw.get("id"))
                        if rid in again:
                            self.repeated.setdefault(rid, n)
            for rid, later in again.items():
                for n in later:
                    self.error(FieldError(
                        "id", f"{rid} is also the id of row {self.repeated[rid]}", n))
        if self.total:
            self.total(rows)

    def run(self, *, dry_run: bool = False) -> ImportResult:
        self.dry_run = dry_run
        try:
            self.scan()
            scanned, pending = list(self.errors), set(self.pending)
            try:
                self.transaction()
            except _Refused:  # rolled back; again, a statement a row, to name the row
                self.errors, self.pending = scanned, pending
                self.inserted = self.updated = self.unchanged = self.read = self.done = 0
                self.row_by_row = True
                self.transaction()
        except (_Failed, _TooManyErrors) as exc:
            if dry_run and not self.errors:  # all checked, nothing kept
                return ImportResult(self.inserted, self.updated, self.unchanged)
            errors = sorted(self.errors, key=lambda err: err.row or 0)
            if isinstance(exc, _TooManyErrors):
                errors.append(FieldError(
                    "", f"stopped after {len(self.errors)} errors; correct these and "
                    "import again"))
            raise ValidationError(self.e.name, errors) from None
        return ImportResult(self.inserted, self.updated, self.unchanged)

    def transaction(self) -> None:
        with writing(self.db) as w:
            self.write(w)
            if self.errors or self.dry_run:
                raise _Failed  # rolls the transaction back
            self.check_cancel()  # the last moment: nothing is committed yet

    def write(self, w) -> None:
        ctx = records.context(self.db, w.conn, self.today)
        t = TABLES[self.e.name]
        top = w.conn.execute(sa.select(sa.func.max(t.c.id))).scalar() or 0
        self.next_id = max(top, self.max_id) + 1  # ids for rows without one
        # a row may refer to a row of the same file: those are written one at a time,
        # so that each sees the rows before it
        size = 1 if self.self_ref_fields else WRITE_BATCH
        batch: list[_Row] = []
        deferred: list[_Row] = []
        for row in self.prepared(report=False):
            if row.id is not None and self.repeated.get(row.id, row.n) != row.n:
                continue  # a repeated id, reported by the scan
            if row.self_refs & self.pending:  # refers to a row further down the file
                deferred.append(row)
                continue
            batch.append(row)
            self.read += 1
            if self.progress and self.read % BATCH == 0:
                self.progress(self.read)
            if len(batch) >= size:
                self.apply(w, ctx, batch)
                batch = []
        self.apply(w, ctx, batch)
        while deferred:  # rows that refer to later rows, once those are written
            ready = [r for r in deferred if not r.self_refs & self.pending] or deferred
            for row in ready:
                self.apply(w, ctx, [row])
            deferred = [r for r in deferred if r not in ready]
        if self.progress:
            self.progress(self.done)

    def apply(self, w, ctx: records.Context, batch: list[_Row]) -> None:
        """Validate a batch and write its valid rows (even after errors elsewhere: later
        rows may refer to them, and the transaction is rolled back in the end anyway)."""
        if not batch:
            return
        self.check_cancel()
        e = self.e
        olds = w.get_many(e.name, [r.id for r in batch if r.id is not None])
        checked = records.validate_many(ctx, e, [
            (r.values, olds.get(r.id) if r.id is not None else None, r.id) for r in batch])
        writes: list[tuple[_Row, dict | None, dict[str, Any]]] = []  # (row, old, clean)
        for row, (clean, errors) in zip(batch, checked, strict=True):
            old = olds.get(row.id) if row.id is not None else None
            if old is not None and row.version is not None \
                    and row.version < old[ROW_VERSION]:  # a stale file: never overwrite
                errors = [FieldError(ROW_VERSION, STALE_ROW.format(
                    there=old[ROW_VERSION], here=row.version)), *errors]
            for err in errors:
                self.error(FieldError(err.field, err.message, row.n))
            if errors:
                continue
            if old is None:
                if row.id is None:
                    clean["id"], self.next_id = self.next_id, self.next_id + 1
                else:
                    clean["id"] = row.id
                    if row.version is not None:  # the row as exported, saves counted
                        clean[ROW_VERSION] = row.version
            writes.append((row, old, clean))
        if self.row_by_row:
            self.write_each(w, writes)
        else:
            try:
                self.write_runs(w, writes)
            except (sa.exc.StatementError, OverflowError):
                raise _Refused from None  # written again row by row, to name the row
        self.done += len(batch)
        if self.self_ref_fields:
            self.pending.difference_update(r.id for r in batch)

    def write_runs(self, w, writes: list[tuple[_Row, dict | None, dict[str, Any]]]) -> None:
        """Write the rows in file order, one statement for each run of inserts or of
        updates (a row may take a unique value an update before it gave up)."""
        e = self.e
        for is_update, run in itertools.groupby(writes, key=lambda x: x[1] is not None):
            items = list(run)
            if is_update:
                changed = w.update_many(e.name, [(row.id, old, clean)
                                                 for row, old, clean in items])
                self.updated += sum(changed)
                self.unchanged += len(changed) - sum(changed)
            else:
                w.insert_many(e.name, [clean for _row, _old, clean in items])
                self.inserted += len(items)

    def write_each(self, w, writes: list[tuple[_Row, dict | None, dict[str, Any]]]) -> None:
        """Write rows one statement each, to name the row the database refuses."""
        e = self.e
        for row, old, clean in writes:
            try:
                if old is None:
                    w.insert(e.name, clean)
                    self.inserted += 1
                elif w.update(e.name, row.id, clean):
                    self.updated += 1
                else:
                    self.unchanged += 1
            except (sa.exc.StatementError, OverflowError) as exc:
                # a constraint the declarations do not express: stop, roll back
                orig = getattr(exc, "orig", None) or exc
                self.errors.append(FieldError("", f"the database refused the row: {orig}",
                                              row.n))
                raise _Failed from None


class _Refused(Exception):
    """The database refused a row of a batch (which one, a batch does not say)."""


class _Failed(Exception):
    pass


class _TooManyErrors(Exception):
    pass


def import_file(db: Database, entity_name: str, source: str | os.PathLike | bytes, *,
                fmt: str | None = None, today: date | None = None,
                progress: Progress | None = None, total: Progress | None = None,
                cancel: Cancel | None = None, dry_run: bool = False) -> ImportResult:
    """Import a CSV or JSON file (a path, or its bytes) of one entity: all rows or none.

    A row with an id that exists updates that row; a row with a new id is inserted with
    that id; a row without id is inserted. A row whose row_version is older than the
    record's in the database (someone saved it after the file was exported) is an
    error of that row: the file would overwrite their change. Without a row_version
    (a file of the officer's own) rows are not checked. Computed columns are accepted and ignored.
    Raises ValidationError (ImportFileError for a malformed file) naming each row and
    column; OSError if the file cannot be opened.

    ``progress(rows)`` is called as the rows go by, ``total(rows)`` once the first pass
    has counted them. ``cancel()`` is asked between batches: when it returns true (or
    raises `Cancelled` itself) the import stops with `Cancelled` and nothing is written.
    A dry run checks every row and writes nothing.
    """
    e = entity_spec(entity_name)
    reader = _Reader(e, source, fmt)
    return _Import(db, e, reader, today, progress, total, cancel).run(dry_run=dry_run)


def import_rows(db: Database, entity_name: str, source, *, today: date | None = None,
                progress: Progress | None = None, total: Progress | None = None,
                cancel: Cancel | None = None, dry_run: bool = False) -> ImportResult:
    """Import rows of field values from `source`, whose `rows()` yields (row number,
    {field: value} or RowProblem) and may be called more than once: all rows or none,
    as `import_file`. A dry run checks every row and writes nothing."""
    e = entity_spec(entity_name)
    return _Import(db, e, source, today, progress, total, cancel).run(dry_run=dry_run)
