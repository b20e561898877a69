"""Excel workbooks of the lists: one sheet per entity, as a person reads it.

- A sheet is titled with the entity's plural label in the language asked for (cut to
  Excel's 31 characters, without the characters Excel forbids, unique in the book).
  Its first row holds the field labels ("ID" and the record version first), bold,
  frozen, with an auto-filter over the rows written; column widths come from the
  header and the first rows (a full-width character counts two), at most `MAX_WIDTH`.
- Cells are typed: dates are Excel dates ("yyyy-mm-dd"), instants are Japan time
  ("yyyy-mm-dd hh:mm"), whole numbers are numbers, booleans TRUE/FALSE. A reference
  shows the title of the row it names (never cut), a choice its label; several values
  are joined with "; ". Computed fields (due dates, statuses) are written as well.
- Text is always a text cell: one that starts with "=" (or reads like "#N/A") is never a
  formula or an error, and is marked as text for Excel ("quote prefix") so that editing
  it keeps it text. Characters XML cannot hold (control characters) are dropped.
- A hidden last sheet named "PrivacyDesk" holds the file's properties, one per row
  (name in column A, value in column B): ``format`` (1), ``entity`` (the entity names,
  comma-joined, in the order of the sheets), ``database`` (`database_identity`),
  ``exported_at`` (ISO 8601 UTC) and ``language``. An import trusts the ``ID`` column
  only when ``database`` is the identity of the database it writes into.

Rows are read a page at a time and written as a stream (openpyxl's write-only mode,
strings inline), so a million consent records cost a page of memory. The workbook is
written beside its target under a temporary name (readable by its owner only) and
renamed at the end: a failed or cancelled export leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from privacydesk.domain.entities import entity as entity_spec
from privacydesk.domain.fields import Entity, Field, FieldType
from privacydesk.services import records
from privacydesk.services.present import Titles
from privacydesk.services.session import Cancelled, Database, NotPermitted
from privacydesk.services.sheets.mapping import ROW_VERSION_LABEL
from privacydesk.store import audit

FORMAT_VERSION = 1
PROPERTIES_SHEET = "PrivacyDesk"
JOIN = "; "  # between the values of a list cell (the import splits on it)
PAGE = 1000  # rows read, titled and written at a time
WIDTH_SAMPLE = 200  # rows of each sheet that size its columns
MIN_WIDTH, MAX_WIDTH = 6, 60  # column widths, in characters
TITLE_MAX = 31  # Excel's limit on a sheet title
CELL_MAX = 32_767  # Excel's limit on the characters of a cell
TITLES_KEPT = 100  # pages after which the titles read so far are forgotten
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
LANGUAGES = ("ja", "en")
JST = ZoneInfo("Asia/Tokyo")

# progress(entity name, rows written of its sheet, rows it will have or 0: unknown)
Progress = Callable[[str, int, int], None]

_FORBIDDEN_IN_TITLE = re.compile(r"[\[\]:*?/\\]")
_LIST_TYPES = (FieldType.MULTICHOICE, FieldType.MULTIREF)
_REF_TYPES = (FieldType.REF, FieldType.MULTIREF)
_BOLD = Font(bold=True)


def database_identity(db: Database) -> str:
    """What names this database across copies and backups: the hash of its first audit
    entry (made when it was created). Empty when the database has no entry yet, and
    for a login that may not read the trail (a line manager on a team server): its
    workbook then counts as from elsewhere when imported."""
    try:
        return audit.entry_at(db, 1) or ""
    except NotPermitted:
        return ""


def sheet_title(label: str, taken: Iterable[str] = ()) -> str:
    """A sheet title Excel accepts: no []:*?/\\, not starting or ending with a quote,
    at most 31 characters, and unlike each of `taken` (compared ignoring case)."""
    text = " ".join(_FORBIDDEN_IN_TITLE.sub("_", label).split()).strip("'") or "Sheet"
    used = {t.casefold() for t in taken}
    candidate, n = text[:TITLE_MAX].rstrip(), 1
    while candidate.casefold() in used or candidate.casefold() == "history":
        n += 1
        suffix = f" ({n})"
        candidate = text[:TITLE_MAX - len(suffix)].rstrip() + suffix
    return candidate


def display_width(text: str) -> int:
    """Columns the longest line of `text` takes: wide (East Asian) characters count two."""
    return max((sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
                for line in text.split("\n")), default=0)


def export_workbook(db: Database, entity_names: Sequence[str], path: str | os.PathLike, *,
                    lang: str = "ja", query: records.Query | None = None,
                    sort: str | None = None, today: date | None = None,
                    progress: Progress | None = None,
                    cancel: Callable[[], bool] | None = None) -> dict[str, int]:
    """Write one sheet per entity (in the order given) to an .xlsx file at `path`.

    `query` and `sort`: only the rows of a list as it is shown (one entity only); else
    every row, in id order. `cancel()` turning true stops the export with `Cancelled`
    between two pages. Returns {entity name: rows written}.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use ja or en")
    entities = [entity_spec(name) for name in entity_names]
    if not entities:
        raise ValueError("name at least one entity to export")
    if len({e.name for e in entities}) != len(entities):
        raise ValueError("an entity is named twice")
    if (query is not None or sort is not None) and len(entities) != 1:
        raise ValueError("a query or a sort applies to the export of one entity")
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)  # mkstemp made it readable by its owner only; openpyxl writes it anew
    try:
        counts = _write(db, entities, tmp, lang=lang, query=query, sort=sort, today=today,
                        progress=progress, cancel=cancel)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return counts


def _write(db: Database, entities: list[Entity], tmp: str, *, lang: str,
           query: records.Query | None, sort: str | None, today: date | None,
           progress: Progress | None, cancel: Callable[[], bool] | None) -> dict[str, int]:
    def check() -> None:
        if cancel is not None and cancel():
            raise Cancelled("export cancelled")

    book = Workbook(write_only=True)
    try:
        return _fill(db, book, entities, tmp, lang=lang, query=query, sort=sort,
                     today=today, progress=progress, check=check)
    except BaseException:
        _discard(book)
        raise


def _discard(book: Workbook) -> None:
    """Remove the rows openpyxl streamed to temporary files for a book not saved."""
    for ws in book.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None or not isinstance(writer.out, str):
            continue
        with contextlib.suppress(Exception):
            ws.close()  # ends its stream of rows, then its file
        with contextlib.suppress(Exception):
            writer.cleanup()


def _fill(db: Database, book: Workbook, entities: list[Entity], tmp: str, *, lang: str,
          query: records.Query | None, sort: str | None, today: date | None,
          progress: Progress | None, check: Callable[[], None]) -> dict[str, int]:
    counts: dict[str, int] = {}
    titles: list[str] = [PROPERTIES_SHEET]
    for e in entities:
        check()
        title = sheet_title(e.plural(lang), titles)
        titles.append(title)
        sheet = _Sheet(book, title, e, lang)
        total = records.count(db, e.name, today=today) if query is None else 0
        if progress is not None:
            progress(e.name, 0, total)
        rows = records.iterate(db, e.name, query=query, sort=sort, today=today, batch=PAGE)
        try:
            with db.read() as conn:
                named = Titles(conn, lang, limit=None)
                for n, page in enumerate(_pages(rows, PAGE), 1):
                    check()
                    sheet.write(page, named.for_rows(e, page, sheet.fields))
                    if progress is not None:
                        progress(e.name, sheet.rows, max(total, sheet.rows))
                    if n % TITLES_KEPT == 0:  # what a page refers to is read again
                        named = Titles(conn, lang, limit=None)
        finally:
            rows.close()  # gives back the connection of a read cut short
        sheet.finish()
        counts[e.name] = sheet.rows
    props = book.create_sheet(PROPERTIES_SHEET)
    props.sheet_state = "hidden"
    for name, value in (("format", FORMAT_VERSION),
                        ("entity", ",".join(e.name for e in entities)),
                        ("database", database_identity(db)),
                        ("exported_at", datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")),
                        ("language", lang)):
        props.append([name, value])
    check()
    book.save(tmp)
    return counts


def _pages(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    page: list[dict[str, Any]] = []
    for row in rows:
        page.append(row)
        if len(page) >= size:
            yield page
            page = []
    if page:
        yield page


class _Sheet:
    """One sheet being written: sized by its first page, then streamed."""

    def __init__(self, book: Workbook, title: str, e: Entity, lang: str) -> None:
        self.ws = book.create_sheet(title)
        self.e = e
        self.lang = lang
        self.fields: list[Field] = list(e.fields)
        self.headers = ["ID", ROW_VERSION_LABEL.in_lang(lang),
                        *(f.label(lang) for f in self.fields)]
        self.rows = 0
        self.started = False

    def _start(self, first: list[list[Any]]) -> None:
        """Widths, frozen header and the header row: what must precede the rows."""
        ws = self.ws
        for i, header in enumerate(self.headers, 1):
            width = max([display_width(header) + 3,  # room for the filter button
                         *(_width(row[i - 1]) for row in first[:WIDTH_SAMPLE])])
            ws.column_dimensions[get_column_letter(i)].width = \
                min(MAX_WIDTH, max(MIN_WIDTH, width + 1))
        ws.freeze_panes = "A2"
        cells = []
        for header in self.headers:
            cell = WriteOnlyCell(ws, value=header)
            cell.font = _BOLD
            cells.append(cell)
        ws.append(cells)
        self.started = True

    def write(self, page: list[dict[str, Any]], refs: dict[str, dict[int, str]]) -> None:
        values = [[row["id"], row.get("row_version"),
                   *(_value(f, row.get(f.name), self.lang, refs.get(f.name))
                                for f in self.fields)] for row in page]
        if not self.started:
            self._start(values)
        ws = self.ws
        for row in values:
            ws.append([_cell(ws, v) for v in row])
        self.rows += len(values)

    def finish(self) -> None:
        if not self.started:
            self._start([])
        last = get_column_letter(len(self.headers))
        self.ws.auto_filter.ref = f"A1:{last}{self.rows + 1}"


def _value(f: Field, value: Any, lang: str, titles: dict[int, str] | None) -> Any:
    """The Python value of a cell: a date, a naive Japan-time datetime, an int, a bool,
    or text (labels and titles)."""
    if value is None or value == [] or value == "":
        return None
    match f.type:
        case FieldType.DATETIME:
            if isinstance(value, datetime) and value.tzinfo is not None:
                return value.astimezone(JST).replace(tzinfo=None)
            return value
        case FieldType.DATE | FieldType.INT | FieldType.BOOL:
            return value
        case FieldType.CHOICE:
            return f.choice_label(value, lang)
        case FieldType.MULTICHOICE:
            return JOIN.join(f.choice_label(v, lang) for v in value)
        case FieldType.REF:
            return (titles or {}).get(value) or f"#{value}"
        case FieldType.MULTIREF:
            return JOIN.join((titles or {}).get(v) or f"#{v}" for v in value)
    return str(value)


def _text(value: str) -> str:
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value if len(value) <= CELL_MAX else value[:CELL_MAX - 1] + "…"


def _cell(ws, value: Any) -> Any:
    """What the row holds for a value: the value itself where openpyxl types it right,
    else a cell typed and formatted here."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, datetime):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    text = _text(str(value))
    if text.startswith(("=", "+", "-", "@")) or text in ERROR_CODES:
        cell = WriteOnlyCell(ws, value=text)
        cell.data_type = "s"  # text, never a formula or an error value
        cell.quotePrefix = True  # and Excel keeps it text when it is edited
        return cell
    return text


def _width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, bool):
        return 5
    if isinstance(value, datetime):
        return len("2026-01-01 00:00")
    if isinstance(value, date):
        return len("2026-01-01")
    if isinstance(value, int):
        return len(f"{value}")
    return display_width(str(value))
