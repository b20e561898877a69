"""Reading a table out of a spreadsheet file: an Excel workbook or a CSV file.

A table is a header row and the rows below it. Japanese ledgers put a title, a date
line or a note above the header; the header is the row among the first ones whose cells
best match the fields of the entity (the caller scores rows), unless it is given.
Rows are numbered as the spreadsheet numbers them (the first line of the file is 1),
so an error can name the row the officer sees. Empty rows are skipped.

CSV files are read in UTF-8 (with or without a byte order mark) or in Shift-JIS
(CP932, what Excel in Japan writes); a file in neither says so.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from privacydesk.domain.fields import Text

HEADER_SEARCH_ROWS = 30  # the header is looked for among this many first rows
SAMPLE_BYTES = 1 << 20  # what the encoding of a CSV file is judged on

Score = Callable[[list[str]], int]  # how well a row's cells match the entity's fields

csv.field_size_limit(max(csv.field_size_limit(), 1 << 26))


class SheetError(ValueError):
    """The file cannot be read as a table; the message says what and where."""


@dataclass
class Table:
    path: str
    kind: str  # "xlsx" or "csv"
    sheets: list[str]  # names of the workbook's sheets (a CSV file has one, "")
    sheet: str
    header_row: int  # as the spreadsheet numbers it
    headers: list[str]  # text of each header cell ("" for an empty one)
    encoding: str = ""  # of a CSV file
    properties: dict[str, str] = field(default_factory=dict)  # of our own exports
    _rows: Callable[[], Iterator[tuple[int, list[Any]]]] | None = None

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(row number, cells) of each non-empty row below the header; re-readable."""
        assert self._rows is not None
        for n, cells in self._rows():
            if n <= self.header_row:
                continue
            if all(_blank(c) for c in cells):
                continue
            if len(cells) < len(self.headers):
                cells = [*cells, *([None] * (len(self.headers) - len(cells)))]
            yield n, cells


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def kind_of(path: str | os.PathLike) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix == ".xls":
        raise SheetError(Text(
            "{name} is an old Excel file (.xls); open it in Excel and save it as .xlsx",
            "{name} は旧形式のExcelファイル（.xls）です。Excelで開き、.xlsx形式で保存してください"
        ).format(name=Path(path).name))
    return "csv"


def open_table(path: str | os.PathLike, *, score: Score, sheet: str | None = None,
               header_row: int | None = None) -> Table:
    """The table of the file: the sheet named (else the first), the header row given
    (else the best scoring of the first rows)."""
    path = Path(path)
    if not path.is_file():
        raise SheetError(Text("{path} does not exist", "{path} がありません").format(path=path))
    if kind_of(path) == "xlsx":
        return _xlsx(path, score, sheet, header_row)
    if sheet:
        raise SheetError(Text("{name} is a CSV file: it has no sheet {sheet!r}",
                              "{name} はCSVファイルのため、シート「{sheet}」はありません")
                         .format(name=path.name, sheet=sheet))
    return _csv(path, score, header_row)


def file_info(path: str | os.PathLike) -> tuple[str, list[str], str]:
    """What a file is before its table is looked for: its kind ("xlsx" or "csv"), the
    visible sheets of a workbook (a CSV file has one, "") and the encoding of a CSV file
    ("UTF-8", "Shift-JIS"). Raises SheetError like `open_table`."""
    path = Path(path)
    if not path.is_file():
        raise SheetError(Text("{path} does not exist", "{path} がありません").format(path=path))
    if kind_of(path) == "csv":
        return "csv", [""], _encoding_name(detect_encoding(path))
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a zip that is not a workbook, a damaged file
        raise SheetError(Text("{name} cannot be read as an Excel workbook: {exc}",
                              "{name} をExcelブックとして読めません: {exc}")
                         .format(name=path.name, exc=exc)) from None
    try:
        names = list(book.sheetnames)
        visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
    finally:
        book.close()
    return "xlsx", [n for n in names if n in visible] or names, ""


def _find_header(rows: Iterator[tuple[int, list[Any]]], score: Score,
                 header_row: int | None, name: str) -> tuple[int, list[str]]:
    best: tuple[int, int, list[str]] | None = None
    for n, cells in rows:
        texts = ["" if c is None else " ".join(str(c).split()) for c in cells]
        while texts and not texts[-1]:
            texts.pop()
        if header_row is not None:
            if n == header_row:
                if not any(texts):
                    raise SheetError(Text("row {n} of {name} is empty: it cannot be the header",
                                          "{name} の{n}行目は空で、見出し行になりません")
                                     .format(n=n, name=name))
                return n, texts
            continue
        if n > HEADER_SEARCH_ROWS:
            break
        if sum(1 for t in texts if t) < 2 and best is not None:
            continue
        points = score(texts)
        if points > 0 and (best is None or points > best[0]):
            best = (points, n, texts)
    if header_row is not None:
        raise SheetError(Text("{name} has no row {n}", "{name} に{n}行目がありません")
                         .format(name=name, n=header_row))
    if best is None:
        raise SheetError(Text(
            "no header row found in the first {count} rows of {name}: no cell there names a "
            "field; give the header row with \"header_row\" in the map",
            "{name} の先頭{count}行に見出し行が見つかりません（項目名に当たるセルがありません）。"
            "マップの \"header_row\" で見出し行を指定してください")
            .format(count=HEADER_SEARCH_ROWS, name=name))
    return best[1], best[2]


# --- Excel ------------------------------------------------------------------------------


def _xlsx(path: Path, score: Score, sheet: str | None, header_row: int | None) -> Table:
    import openpyxl  # imported when needed: reading CSV does not pay for it

    def load():
        try:
            return openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # a zip that is not a workbook, a damaged file
            raise SheetError(Text("{name} cannot be read as an Excel workbook: {exc}",
                                  "{name} をExcelブックとして読めません: {exc}")
                             .format(name=path.name, exc=exc)) from None

    book = load()
    try:
        names = list(book.sheetnames)
        visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
        if sheet is None:
            chosen = (visible or names)[0]
        elif sheet in names:
            chosen = sheet
        else:
            raise SheetError(Text("{name} has no sheet {sheet!r}; its sheets are: {sheets}",
                                  "{name} にシート「{sheet}」はありません（シート: {sheets}）")
                             .format(name=path.name, sheet=sheet, sheets=", ".join(names)))
        properties = _properties(book)
        header_n, headers = _find_header(_xlsx_rows(book[chosen]), score, header_row,
                                         f"{path.name} [{chosen}]")
    finally:
        book.close()

    def rows() -> Iterator[tuple[int, list[Any]]]:
        book = load()
        try:
            yield from _xlsx_rows(book[chosen])
        finally:
            book.close()

    return Table(str(path), "xlsx", [n for n in names if n in visible] or names, chosen,
                 header_n, headers, properties=properties, _rows=rows)


def _xlsx_rows(ws) -> Iterator[tuple[int, list[Any]]]:
    for n, values in enumerate(ws.iter_rows(values_only=True), 1):
        cells = list(values)
        while cells and _blank(cells[-1]):
            cells.pop()
        yield n, cells


PROPERTIES_SHEET = "PrivacyDesk"  # a hidden sheet of our own exports: what and whence


def _properties(book) -> dict[str, str]:
    if PROPERTIES_SHEET not in book.sheetnames:
        return {}
    out = {}
    for values in book[PROPERTIES_SHEET].iter_rows(values_only=True):
        if len(values) >= 2 and isinstance(values[0], str) and values[1] is not None:
            out[values[0]] = str(values[1])
    return out


# --- CSV --------------------------------------------------------------------------------


def detect_encoding(path: Path) -> str:
    with open(path, "rb") as f:
        sample = f.read(SAMPLE_BYTES)
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    # NUL bytes: UTF-16 (what Excel calls "Unicode text") or not text at all
    for encoding in () if b"\x00" in sample else ("utf-8", "cp932"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            decoder.decode(sample, final=len(sample) < SAMPLE_BYTES)
        except UnicodeDecodeError:
            continue
        return encoding
    raise SheetError(Text(
        "{name} is neither UTF-8 nor Shift-JIS text; save it from Excel as "
        "“CSV UTF-8” or as an Excel workbook",
        "{name} はUTF-8でもShift-JISでもありません。Excelで「CSV UTF-8」または"
        "Excelブック形式で保存してください").format(name=path.name))


def _csv(path: Path, score: Score, header_row: int | None) -> Table:
    encoding = detect_encoding(path)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        with open(path, "rb") as raw:
            text = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")
            reader = csv.reader(text, strict=True)
            line = 1
            try:
                for cells in reader:
                    while cells and not cells[-1].strip():
                        cells.pop()
                    yield line, cells
                    line = reader.line_num + 1
            except UnicodeDecodeError:
                raise SheetError(Text(
                    "{name} is not {encoding} text near line {line}",
                    "{name} の{line}行目付近が{encoding}として読めません")
                    .format(name=path.name, encoding=_encoding_name(encoding), line=line)
                ) from None
            except csv.Error as exc:
                raise SheetError(Text("the CSV text of {name} is malformed near line {line}: "
                                      "{exc}", "{name} の{line}行目付近のCSVが壊れています: {exc}")
                                 .format(name=path.name, line=line, exc=exc)) from None

    header_n, headers = _find_header(rows(), score, header_row, path.name)
    return Table(str(path), "csv", [""], "", header_n, headers,
                 encoding=_encoding_name(encoding), _rows=rows)


def _encoding_name(encoding: str) -> str:
    return {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "cp932": "Shift-JIS"}[encoding]
