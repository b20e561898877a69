"""What a value looks like to a person, decided once for the window and the reports.

No Qt here: the console's item models and the PDF reports both call these functions,
so a list on screen and a table on paper never disagree.

- Values: dates as YYYY-MM-DD in both languages, instants in Japan time
  ("YYYY-MM-DD HH:MM"), whole numbers with thousands separators, choices by their
  label in the language asked for, references by the title of the row they name
  (see `Entity.title`), lists joined with "、" in Japanese and ", " in English.
- Status: a status value has a tone (good / warning / alert / neutral); the tone has a
  colour (green, amber, red, grey). A status is always shown with its word too, never
  by colour alone, so it reads in black and white.
- Titles of referenced rows are read in batches: one query per referenced table for a
  whole page, whatever its size.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from privacydesk.domain.entities import BY_NAME, entity
from privacydesk.domain.fields import Entity, Field, FieldType, in_lang
from privacydesk.domain.values import STATUS_RANK
from privacydesk.services import records
from privacydesk.services.session import Database
from privacydesk.store import audit
from privacydesk.store.models import TABLES

JST = ZoneInfo("Asia/Tokyo")
CHECK = "✓"
TITLE_MAX = 60  # characters of a referenced row's title before it is cut with "…"
MAX_DEPTH = 3  # references inside titles are followed this deep

# --- status: word, tone, colour -------------------------------------------------------

GOOD, WARNING, ALERT, NEUTRAL = "good", "warning", "alert", "neutral"

# The colour of each tone, as hex: the window paints dots with it, the PDF prints it
# next to the word. Green > 7 days left, amber within the due-soon days, red overdue.
TONE_COLOURS: dict[str, str] = {
    GOOD: "#2e7d32",
    WARNING: "#e69500",
    ALERT: "#c62828",
    NEUTRAL: "#757575",
}

# The status fields and the tone of each of their values.
STATUS_TONES: dict[str, dict[str, str]] = {
    "deadline_status": {"ok": GOOD, "due_soon": WARNING, "overdue": ALERT, "done": NEUTRAL},
    "training_status": {"valid": GOOD, "expiring": WARNING, "overdue": ALERT,
                        "failed": ALERT, "superseded": NEUTRAL},
    "holder_status": {"ok": GOOD, "untrained": ALERT, "departed": ALERT},
}
STATUS_ORDER: dict[str, int] = dict(STATUS_RANK)  # overdue, due soon, ok, done


def is_status(f: Field) -> bool:
    """A field shown as a coloured dot and a word."""
    return f.name in STATUS_TONES


def tone(field_name: str, value: Any) -> str | None:
    """The tone of a status value (None: not a status, or no value)."""
    if value is None:
        return None
    return STATUS_TONES.get(field_name, {}).get(value)


def colour(tone_name: str | None) -> str | None:
    return TONE_COLOURS.get(tone_name or "")


# --- single values ----------------------------------------------------------------------


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(value)
    return value.isoformat()


def format_datetime(value: datetime | None) -> str:
    """An instant in Japan time, the zone Japanese law counts days in."""
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone(JST)
    return value.strftime("%Y-%m-%d %H:%M")


def format_int(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def one_line(text: str) -> str:
    """Text for a table cell: line breaks become spaces."""
    return " ".join(text.split()) if ("\n" in text or "\r" in text) else text


def clip(text: str, limit: int = TITLE_MAX) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def yes_no(value: bool | None, lang: str = "en") -> str:
    if value is None:
        return ""
    if lang == "ja":
        return "はい" if value else "いいえ"
    return "Yes" if value else "No"


def joiner(lang: str) -> str:
    return "、" if lang == "ja" else ", "


def choice_label(f: Field, value: Any, lang: str = "en") -> str:
    if value is None:
        return ""
    return f.choice_label(value, lang)


def choice_items(f: Field, lang: str = "en") -> list[tuple[str, str]]:
    """(value, label) of each choice, in declaration order."""
    return [(c.value, c.label(lang)) for c in f.choices]


def format_value(f: Field, value: Any, lang: str = "en",
                 titles: Mapping[int, str] | None = None, *, cell: bool = True) -> str:
    """The text of one value. `titles`: the titles of the rows a reference may name
    (from `Titles`); without them a reference shows as "#id". `cell`: for a table
    cell (a check mark for true, nothing for false) rather than running text."""
    if value is None or value == []:
        return ""
    match f.type:
        case FieldType.DATE:
            return format_date(value)
        case FieldType.DATETIME:
            return format_datetime(value)
        case FieldType.BOOL:
            return (CHECK if value else "") if cell else yes_no(bool(value), lang)
        case FieldType.INT:
            return format_int(value)
        case FieldType.CHOICE:
            return choice_label(f, value, lang)
        case FieldType.MULTICHOICE:
            return joiner(lang).join(choice_label(f, v, lang) for v in value)
        case FieldType.REF:
            return (titles or {}).get(value) or f"#{value}"
        case FieldType.MULTIREF:
            return joiner(lang).join((titles or {}).get(v) or f"#{v}" for v in value)
        case FieldType.TEXT | FieldType.LONGTEXT:
            return one_line(str(value)) if cell else str(value)
    return str(value)


def field_label(entity_name: str, field_name: str, lang: str = "en") -> str:
    e = entity(entity_name)
    if field_name == "id":
        return "ID"
    return e.field(field_name).label(lang)


def list_columns(entity_name: str, lang: str = "en") -> list[Field]:
    """The columns a list of the entity shows, in order (declared in the domain)."""
    return list(entity(entity_name).list_columns(lang))


def days_text(days: int, lang: str = "en") -> str:
    """"3 days left", "due today", "2 days overdue" (and their Japanese)."""
    if lang == "ja":
        if days > 0:
            return f"残り{days}日"
        return "本日期限" if days == 0 else f"{-days}日超過"
    if days > 0:
        return "1 day left" if days == 1 else f"{days} days left"
    if days == 0:
        return "due today"
    return "1 day overdue" if days == -1 else f"{-days} days overdue"


# --- titles of rows ---------------------------------------------------------------------


class Titles:
    """Titles of rows, read in batches and kept for the life of this object.

    `get(entity, ids)` reads the rows it has not seen (one query per table, plus one
    per referenced table for references inside titles) and returns {id: title}.
    `limit`: characters of a title before it is cut with "…" (None: never cut, for a
    file whose names must be found again).
    """

    def __init__(self, conn: Connection, lang: str = "en", *,
                 limit: int | None = TITLE_MAX) -> None:
        self.conn = conn
        self.lang = lang
        self.limit = limit
        self._known: dict[tuple[str, int], str] = {}

    def get(self, entity_name: str, ids: Iterable[int], depth: int = 0) -> dict[int, str]:
        e = entity(entity_name)
        wanted = {i for i in ids if i is not None}
        missing = [i for i in wanted if (e.name, i) not in self._known]
        if missing:
            self._read(e, missing, depth)
        return {i: self._known.get((e.name, i), f"#{i}") for i in wanted}

    def _read(self, e: Entity, ids: list[int], depth: int) -> None:
        t = TABLES[e.name]
        names = [n for n in e.title_fields(self.lang) if n in t.c]
        # a field declared in both languages falls back on the other when empty
        other = "en" if self.lang == "ja" else "ja"
        fallback = {n: o for n, o in zip(e.title_fields(self.lang), e.title_fields(other),
                                          strict=True) if n != o and n in t.c and o in t.c}
        names += [o for o in fallback.values() if o not in names]
        rows: list[dict[str, Any]] = []
        for start in range(0, len(ids), 900):
            part = ids[start:start + 900]
            rows.extend(dict(r) for r in self.conn.execute(
                sa.select(t.c.id, *(t.c[n] for n in names)).where(t.c.id.in_(part))).mappings())
        inner: dict[str, dict[int, str]] = {}
        for n in names:
            f = e.field(n)
            if f.type is FieldType.REF and f.ref:
                refs = {r[n] for r in rows if r[n] is not None}
                if depth < MAX_DEPTH and refs:
                    inner[n] = self.get(f.ref, refs, depth + 1)
        template = e.title_template(self.lang)
        for r in rows:
            for n, o in fallback.items():
                if r[n] in (None, ""):
                    r[n] = r[o]
            values = {}
            for n in names:
                f = e.field(n)
                values[n] = format_value(f, r[n], self.lang, inner.get(n), cell=False) \
                    if f.type is not FieldType.BOOL else yes_no(r[n], self.lang)
            text = template.format(**values).strip(" ·:")
            self._known[(e.name, r["id"])] = (clip(text, self.limit) if self.limit is not None
                                              else one_line(text))

    def for_rows(self, e: Entity, rows: Sequence[Mapping[str, Any]],
                 fields: Iterable[Field] | None = None) -> dict[str, dict[int, str]]:
        """{field name: {id: title}} for the reference fields of `rows` (one batch)."""
        out: dict[str, dict[int, str]] = {}
        by_target: dict[str, set[int]] = {}
        ref_fields = [f for f in (fields if fields is not None else e.fields)
                      if f.type in (FieldType.REF, FieldType.MULTIREF) and f.ref]
        for f in ref_fields:
            ids = by_target.setdefault(f.ref, set())  # type: ignore[arg-type]
            for r in rows:
                v = r.get(f.name)
                if v is None:
                    continue
                ids.update(v if isinstance(v, list) else [v])
        resolved = {target: self.get(target, ids) for target, ids in by_target.items() if ids}
        for f in ref_fields:
            out[f.name] = resolved.get(f.ref, {})  # type: ignore[arg-type]
        return out


def texts(db: Database, entity_name: str, rows: Sequence[Mapping[str, Any]],
          lang: str = "en", fields: Sequence[Field] | None = None, *,
          cell: bool = True) -> list[dict[str, str]]:
    """The text of each field of each row (references by title), read in one batch."""
    e = entity(entity_name)
    shown = list(fields) if fields is not None else list(e.fields)
    with db.read() as conn:
        titles = Titles(conn, lang).for_rows(e, rows, shown)
    # a field declared in both languages ("name_en") shows the other one when empty
    other = {f.name: f"{f.name[:-3]}_{'ja' if f.name.endswith('_en') else 'en'}"
             for f in shown if f.name[-3:] in ("_en", "_ja")}
    out = []
    for r in rows:
        out.append({f.name: format_value(f, _either(r, f.name, other), lang,
                                         titles.get(f.name), cell=cell)
                    for f in shown})
    return out


def _either(row: Mapping[str, Any], name: str, other: Mapping[str, str]) -> Any:
    value = row.get(name)
    if value in (None, "") and name in other:
        return row.get(other[name], value)
    return value


def title(db: Database, entity_name: str, row_id: int, lang: str = "en") -> str:
    """The title of one row ("山田 太郎 (E00012)")."""
    with db.read() as conn:
        return Titles(conn, lang).get(entity_name, [row_id])[row_id]


def titles(db: Database, entity_name: str, ids: Iterable[int], lang: str = "en"
           ) -> dict[int, str]:
    with db.read() as conn:
        return Titles(conn, lang).get(entity_name, ids)


# --- choosing a referenced row ----------------------------------------------------------


def ref_options(db: Database, entity_name: str, text: str = "", *, limit: int = 50,
                lang: str = "en", today: date | None = None) -> list[tuple[int, str]]:
    """Rows a reference field may name, as (id, title): those whose words hold `text`
    (every row when empty), in the entity's own order, at most `limit`."""
    query = records.Query(search=text) if text.strip() else None
    page = records.page(db, entity_name, limit=limit, query=query, today=today)
    ids = [r["id"] for r in page.rows]
    names = titles(db, entity_name, ids, lang)
    return [(i, names[i]) for i in ids]


def _same(a: str, b: str) -> bool:
    return unicodedata.normalize("NFKC", a).casefold().strip() == \
        unicodedata.normalize("NFKC", b).casefold().strip()


def lookup(db: Database, entity_name: str, text: str) -> list[int]:
    """The rows a person means by `text`: its title (either language), its natural key
    (one field), its display field or its id ("#12"). More than one id: ambiguous."""
    e = entity(entity_name)
    text = text.strip()
    if not text:
        return []
    if text.startswith("#") and text[1:].isdigit():
        ids = [int(text[1:])]
        return [i for i in ids if records.count(db, e.name, records.Query(ids=tuple(ids)))]
    candidates = records.page(db, e.name, limit=200, query=records.Query(search=text)).rows
    if not candidates:
        return []
    keys = [n for n in ({e.display, *e.natural_key[:1]} if len(e.natural_key) <= 1
                        else {e.display})]
    found = [r["id"] for r in candidates
             if any(isinstance(r.get(k), str) and _same(r[k], text) for k in keys)]
    if found:
        return found
    ids = [r["id"] for r in candidates]
    out = set()
    for lang in ("en", "ja"):
        for i, name in titles(db, e.name, ids, lang).items():
            if _same(name, text):
                out.add(i)
    return sorted(out)


# --- history ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    seq: int
    at: datetime
    who: str
    action: str  # insert | update | delete
    action_text: str
    changes: tuple[FieldChange, ...]

    @property
    def at_text(self) -> str:
        return format_datetime(self.at)


_ACTIONS = {
    "insert": ("Created", "作成"),
    "update": ("Changed", "変更"),
    "delete": ("Deleted", "削除"),
}


def _from_json(f: Field, value: Any) -> Any:
    """A value of an audit entry (canonical JSON) as the Python value it was."""
    if value is None:
        return None
    if f.type is FieldType.DATE and isinstance(value, str):
        return date.fromisoformat(value)
    if f.type is FieldType.DATETIME and isinstance(value, str):
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def history(db: Database, entity_name: str, row_id: int, lang: str = "en"
            ) -> list[HistoryEntry]:
    """Who changed what and when, field by field, newest first, in the language asked."""
    e = entity(entity_name)
    entries = audit.history(db, e.name, row_id)
    stored = [f for f in e.stored]
    # every referenced id in every version, titled in one batch per table
    refs: dict[str, set[int]] = {}
    for entry in entries:
        for version in (entry["before"], entry["after"]):
            for f in stored:
                v = (version or {}).get(f.name)
                if f.ref and v is not None:
                    refs.setdefault(f.ref, set()).update(v if isinstance(v, list) else [v])
    with db.read() as conn:
        named = Titles(conn, lang)
        ref_titles = {target: named.get(target, ids) for target, ids in refs.items()}
    out = []
    for entry in entries:
        before, after = entry["before"] or {}, entry["after"] or {}
        changes = []
        for f in stored:
            b, a = before.get(f.name), after.get(f.name)
            if entry["action"] == "update" and b == a:
                continue
            if entry["action"] != "update" and (b if entry["action"] == "delete" else a) in (
                    None, "", []):
                continue
            t = ref_titles.get(f.ref or "", {})
            changes.append(FieldChange(
                f.name, f.label(lang),
                format_value(f, _from_json(f, b), lang, t, cell=False),
                format_value(f, _from_json(f, a), lang, t, cell=False)))
        en, ja = _ACTIONS.get(entry["action"], (entry["action"], entry["action"]))
        who = entry["officer"] or ""
        if entry["os_user"]:
            who = f"{who} ({entry['os_user']})" if who else entry["os_user"]
        at = datetime.fromisoformat(entry["at"].replace("Z", "+00:00")).astimezone(UTC)
        out.append(HistoryEntry(entry["seq"], at, who, entry["action"],
                                ja if lang == "ja" else en, tuple(changes)))
    out.reverse()
    return out


# --- messages -----------------------------------------------------------------------------


def message(text: str, lang: str = "en") -> str:
    """A message of the services (a `Text`) in the language asked for."""
    return in_lang(text, lang)


def json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def entity_label(entity_name: str, lang: str = "en", *, plural: bool = False) -> str:
    e = BY_NAME[entity_name]
    return e.plural(lang) if plural else e.label(lang)
