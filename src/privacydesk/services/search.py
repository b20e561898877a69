"""Searching a list: one text box over text, choice labels and referenced names.

A search text is split into terms (spaces, full-width spaces included); a row matches
when every term matches somewhere in it:

- in a text field (substring, case-insensitive, after Unicode NFKC normalisation);
- in the label of a choice, in either language ("本人" finds requests made by the
  person themselves, "withdrawn" finds withdrawn consents);
- in the name of a referenced row ("佐藤" finds the grants of every 佐藤 on the staff);
- as the row's id, or the beginning of a date ("2026-11").

Large tables declare `search_index` fields (see domain.entities): on SQLite these are
kept in two FTS5 tables (maintained by triggers that the migration creates): one with
the trigram tokenizer (`<table>_fts`), where a term of three characters or more is
found anywhere in the text, and one of words with short prefix indexes
(`<table>_words`), where a shorter term is found at the beginning of a word ("佐藤"
finds "佐藤 花子"). Either answers from its index instead of reading a million rows.
Tables without an index, and every table on PostgreSQL, compare with LIKE / ILIKE.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Entity, Field, FieldType
from privacydesk.store.models import TABLES

MIN_TRIGRAM = 3  # the trigram index finds substrings of at least this many characters
REF_MATCH_LIMIT = 5000  # referenced rows a term may name before it stops narrowing
TITLE_DEPTH = 3  # references inside titles are followed this deep (as present.MAX_DEPTH)
_TEXT = (FieldType.TEXT, FieldType.LONGTEXT)
_DATE_PREFIX = re.compile(r"\d{4}(-\d{1,2}(-\d{1,2})?)?")


def normalise(text: str) -> str:
    """How a search text and a label are compared: NFKC (全角 → half width), casefold."""
    return unicodedata.normalize("NFKC", text).casefold()


def terms(text: str) -> list[str]:
    """The terms of a search text, in order, without repeats."""
    out: list[str] = []
    for raw in unicodedata.normalize("NFKC", text).split():
        term = raw.strip("\"'()[]{}（）「」『』【】〔〕")
        if term and term not in out:
            out.append(term)
    return out


def fts_table(e: Entity) -> str | None:
    """The name of the trigram index of an entity, when it has one."""
    return f"{e.table}_fts" if e.search_index else None


def words_table(e: Entity) -> str | None:
    """The name of the word-prefix index of an entity (for terms of 1–2 characters)."""
    return f"{e.table}_words" if e.search_index else None


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def choice_values(f: Field, term: str) -> list[str]:
    """The values of a choice field whose label (either language) or code holds `term`."""
    needle = normalise(term)
    return [c.value for c in f.choices
            if needle in normalise(c.label_en) or needle in normalise(c.label_ja)
            or needle in normalise(c.value)]


def _text_fields(e: Entity) -> list[Field]:
    """Text fields a search looks into: the indexed ones where the entity has an index."""
    if e.search_index:
        return [e.field(n) for n in e.search_index]
    return [f for f in e.stored if f.type in _TEXT]


def _fts_match(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


class _Columns:
    """The columns a condition compares. `unindexed` wraps the indexed ones in a no-op
    expression (x + 0, x || '') and compares text with LIKE instead of the search index,
    so that SQLite's planner walks the list's sort index and stops at the first page,
    instead of gathering every match and sorting them: the right plan when a term
    matches a large share of the table."""

    def __init__(self, e: Entity, unindexed: bool = False) -> None:
        self.t = TABLES[e.name]
        self.e = e
        self.unindexed = unindexed

    def __call__(self, name: str) -> sa.ColumnElement:
        col = self.t.c[name]
        if not self.unindexed:
            return col
        if name == "id" or (self.e.has(name) and self.e.field(name).type is FieldType.REF):
            return col + 0
        if self.e.has(name) and self.e.field(name).type in (*_TEXT, FieldType.CHOICE):
            return col.concat("")
        return col


def _text_clause(conn: Connection, e: Entity, term: str, c: _Columns | None = None
                 ) -> list[sa.ColumnElement]:
    c = c or _Columns(e)
    fields = _text_fields(e)
    if not fields:
        return []
    if e.search_index and conn.dialect.name == "sqlite" and not c.unindexed:
        if len(term) >= MIN_TRIGRAM:
            table, query = fts_table(e), _fts_match(term)
        else:  # too short for trigrams: the words that begin with it
            table, query = words_table(e), _fts_match(term) + " *"
        assert table is not None
        matched = sa.select(sa.column("rowid")).select_from(sa.table(table)).where(
            sa.literal_column(table).op("MATCH")(sa.literal(query, sa.Text)))
        return [c("id").in_(matched)]
    pattern = _like(term)
    return [c(f.name).ilike(pattern, escape="\\") for f in fields]


def index_matches(conn: Connection, e: Entity, term: str, cap: int) -> int | None:
    """How many rows the search index finds for one term, counting at most cap + 1;
    None when the entity has no index here."""
    if not e.search_index or conn.dialect.name != "sqlite":
        return None
    table, query = (fts_table(e), _fts_match(term)) if len(term) >= MIN_TRIGRAM \
        else (words_table(e), _fts_match(term) + " *")
    inner = sa.select(sa.column("rowid")).select_from(sa.table(table)).where(
        sa.literal_column(table).op("MATCH")(sa.literal(query, sa.Text))).limit(cap + 1)
    return conn.execute(sa.select(sa.func.count()).select_from(inner.subquery())).scalar()


def matching_ids(conn: Connection, e: Entity, term: str, limit: int = REF_MATCH_LIMIT,
                 depth: int = 0) -> list[int] | None:
    """Ids of the rows of `e` whose own words (text, choice labels, title) hold `term`;
    None when more than `limit` do (the term then does not narrow by this reference).

    A title names other rows ("Cloudy Inc. (US)" is a transfer titled by its
    counterparty): the rows whose title references hold the term match too."""
    t = TABLES[e.name]
    conds = _text_clause(conn, e, term) + _choice_clauses(e, term)
    if depth < TITLE_DEPTH:
        for name in dict.fromkeys(e.title_fields("en") + e.title_fields("ja")):
            f = e.field(name)
            if f.type is FieldType.REF and f.ref and f.ref != e.name:
                ids = matching_ids(conn, entity(f.ref), term, limit, depth + 1)
                if ids:
                    conds.append(t.c[name].in_(ids))
    if not conds:
        return []
    ids = list(conn.execute(sa.select(t.c.id).where(sa.or_(*conds)).limit(limit + 1)).scalars())
    return None if len(ids) > limit else ids


def _choice_clauses(e: Entity, term: str, c: _Columns | None = None
                    ) -> list[sa.ColumnElement]:
    c = c or _Columns(e)
    t = c.t
    out: list[sa.ColumnElement] = []
    for f in e.stored:
        if f.type is FieldType.CHOICE:
            found = choice_values(f, term)
            if found:
                out.append(c(f.name).in_(found))
        elif f.type is FieldType.MULTICHOICE:
            for value in choice_values(f, term):
                out.append(sa.cast(t.c[f.name], sa.Text).like(_like(f'"{value}"'), escape="\\"))
        elif f.type is FieldType.BOOL:
            needle = normalise(term)
            if needle and (needle in normalise(f.label_en) or needle in normalise(f.label_ja)):
                out.append(t.c[f.name].is_(True))
    return out


def _list_contains(column: sa.ColumnElement, ids: Iterable[int]) -> list[sa.ColumnElement]:
    """A JSON list of ids (stored as text "[1, 5, 9]") holds one of `ids`."""
    text = sa.cast(column, sa.Text)
    out = []
    for i in ids:
        out += [text == f"[{i}]", text.like(f"[{i},%"), text.like(f"%, {i},%"),
                text.like(f"%, {i}]")]
    return out


def _ref_clauses(conn: Connection, e: Entity, term: str,
                 cache: dict[tuple[str, str], list[int] | None], c: _Columns
                 ) -> list[sa.ColumnElement]:
    t = c.t
    out: list[sa.ColumnElement] = []
    for f in e.stored:
        if f.type not in (FieldType.REF, FieldType.MULTIREF) or f.ref == e.name:
            continue
        key = (f.ref, term)
        if key not in cache:
            cache[key] = matching_ids(conn, entity(f.ref), term)
        ids = cache[key]
        if not ids:  # none, or too many to narrow anything
            continue
        if f.type is FieldType.REF:
            out.append(c(f.name).in_(ids))
        elif len(ids) <= 50:  # JSON lists: only for a handful of named rows
            out += _list_contains(t.c[f.name], ids)
    return out


def _other_clauses(e: Entity, term: str, c: _Columns) -> list[sa.ColumnElement]:
    t = c.t
    out: list[sa.ColumnElement] = []
    if term.isdigit() and len(term) <= 18:
        out.append(c("id") == int(term))
    if _DATE_PREFIX.fullmatch(term):
        parts = term.split("-")
        prefix = "-".join([parts[0], *(p.zfill(2) for p in parts[1:])])
        for f in e.stored:  # instants are stored in UTC: near midnight a day may differ
            if f.type in (FieldType.DATE, FieldType.DATETIME) and f.name in _listed(e):
                out.append(sa.cast(t.c[f.name], sa.Text).like(prefix + "%"))
    return out


def _listed(e: Entity) -> set[str]:
    """Date fields a date search looks at: those a list shows (or all, for an entity
    with few rows); not every date of a million-row table."""
    if e.search_index:
        return {f.name for f in e.list_columns()}
    return {f.name for f in e.stored}


def clause(conn: Connection, e: Entity, text: str, *, unindexed: bool = False
           ) -> sa.ColumnElement | None:
    """The WHERE condition of a search text over the rows of `e`, or None for no text.

    `unindexed`: for a search known to match many rows (see `_Columns`).
    """
    found = terms(text)
    if not found:
        return None
    c = _Columns(e, unindexed)
    cache: dict[tuple[str, str], list[int] | None] = {}
    per_term = []
    for term in found:
        conds = (_text_clause(conn, e, term, c) + _choice_clauses(e, term, c)
                 + _ref_clauses(conn, e, term, cache, c) + _other_clauses(e, term, c))
        per_term.append(sa.or_(*conds) if conds else sa.false())
    return sa.and_(*per_term)
