"""The record books of third-party provision (APPI Art 29) and receipt (Art 30).

A provider records each provision of personal data to a third party (PPC Rules Arts
19–21), a recipient confirms and records where the data came from (Arts 22–25). The
books print the records of a period: a record whose provision (receipt) day falls in
the period, or a bulk / contract record whose span overlaps it (from the first day to
the end of its period or its last provision, whichever is later; without either it is
still running and overlaps every period after its start).

Cut to one person (a data subject's reference), a book lists the records whose
"persons concerned" text names that person. The text is free: it may list several
people, a group ("users who applied via the service") or a single reference. A record
names the person when the text holds the reference, ignoring case and the difference
between full-width and half-width characters; a reference that begins or ends with a
letter or digit must not run on into another Latin letter or digit there ("U00000123"
is not found in "U000001234", "佐藤" is found in "佐藤花子様"). This extract is what the
company discloses when the person asks for the records of provision of their data
(APPI Art 33(5)); its "persons concerned" column shows only that person's reference,
so nothing about other people named in the same record is handed over. Only the records
the law requires are "records of provision" in the sense of Art 33(5): a provision under
an exception of Art 27(1) or under Art 27(5) needs no record, and a record kept of it
anyway is not disclosed as one (the book marks it "no record required").

The retention of each record (its end and its deadline status) is computed by
`services.thirdparty`; past its end a record may be deleted (APPI Art 22).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.services import present, records
from privacydesk.services.reporting import Period
from privacydesk.services.session import Database


@dataclass(frozen=True)
class Book:
    """Which entity a book lists, and its date and counterparty fields."""

    entity: str
    single: str  # the day of a provision (receipt), or the first day of a bulk record
    last: str  # the last provision (receipt) of a bulk / contract record
    party: str  # the recipient (provider)


PROVISIONS = Book("provision_record", "provided_on", "last_provided_on", "recipient")
RECEIPTS = Book("receipt_record", "received_on", "last_received_on", "provider")

MATCHING = Text(
    "A record is listed when its \u201cpersons concerned\u201d text contains the reference "
    "{ref}, ignoring upper and lower case and full-width and half-width forms; a "
    "reference that begins or ends with a letter or digit must not run on into another "
    "letter or digit there (it is not found inside a longer number). Only this "
    "reference is shown in the \u201cpersons concerned\u201d column: other people a record "
    "names are left out. A record marked \u201cno record required\u201d is not a record of "
    "provision under Art 29 and is not disclosed under Art 33(5).",
    "「本人の氏名等」欄に識別子「{ref}」を含む記録を掲載しています。大文字・小文字、全角・半角の"
    "違いは区別しません。英数字で始まる（終わる）識別子は、その前（後）に別の英数字が続く場合は"
    "一致としません（より長い番号の一部としては一致しません）。「本人の氏名等」欄には"
    "この識別子のみを表示し、同じ記録に記載された他の本人の情報は掲載していません。「記録義務なし」の"
    "記録は29条の記録に当たらず、33条5項の開示の対象ではありません。")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def subject_matcher(ref: str) -> Callable[[str | None], bool]:
    """A test of whether a "persons concerned" text names the person `ref` (see the
    module docstring)."""
    folded = _fold(ref.strip())
    if not folded:
        return lambda text: False
    before = r"(?<![0-9a-z])" if folded[0].isascii() and folded[0].isalnum() else ""
    after = r"(?![0-9a-z])" if folded[-1].isascii() and folded[-1].isalnum() else ""
    pattern = re.compile(before + re.escape(folded) + after)
    return lambda text: bool(text) and pattern.search(_fold(text)) is not None


def span_end(book: Book, row: dict[str, Any]) -> date | None:
    """The last day a bulk / contract record covers (None: still running, or a record
    of a single provision)."""
    ends = [d for d in (row.get("period_end"), row.get(book.last)) if d is not None]
    return max(ends) if ends else None


def spans(row: dict[str, Any]) -> bool:
    """Whether a record covers a span of provisions rather than one."""
    return row.get("method") in ("bulk", "contract") or row.get("period_end") is not None


def in_period(book: Book, row: dict[str, Any], period: Period) -> bool:
    start = row.get(book.single)
    if start is None or start > period.end:
        return False
    if start >= period.start:
        return True
    if not spans(row):
        return False
    end = span_end(book, row)
    return end is None or end >= period.start


def iterate(db: Database, book: Book, *, period: Period | None = None,
            subject: str | None = None, today: date | None = None
            ) -> Iterator[dict[str, Any]]:
    """The records of the book, oldest first, with their computed retention: those of
    `period` (None: every record) and, with `subject`, only those naming the person."""
    names = subject_matcher(subject) if subject else None
    query = records.Query(date_field=book.single, date_to=period.end) if period else None
    for row in records.iterate(db, book.entity, query=query, sort=book.single, today=today):
        if period is not None and not in_period(book, row, period):
            continue
        if names is not None and not names(row.get("subjects")):
            continue
        yield row


# --- retention words --------------------------------------------------------------------

NO_RECORD = Text("No record required (Art 27(1) exception or Art 27(5))",
                 "記録義務なし（27条1項各号・27条5項）")
NO_RECORD_CELL = Text("No record required", "記録義務なし")
RUNNING = Text("Provisions continue: retention not yet running",
               "提供継続中（保存期間の起算前）")
RUNNING_RECEIPT = Text("Receipts continue: retention not yet running",
                       "受領継続中（保存期間の起算前）")
RETENTION_WORDS: dict[str, Text] = {
    "ok": Text("Keep (within retention)", "保存期間中"),
    "due_soon": Text("Retention ends soon", "保存期限間近"),
    "overdue": Text("Retention over: may be deleted", "保存期間経過（消去可）"),
}


def retention_word(book: Book, row: dict[str, Any]) -> Text:
    if row.get("record_required") is False:
        return NO_RECORD_CELL
    status = row.get("deadline_status")
    if status is None:
        return RUNNING if book is PROVISIONS else RUNNING_RECEIPT
    return RETENTION_WORDS[status]


# --- summary ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    total: int
    by_basis: list[tuple[str, int]]  # (label, count), declaration order (provisions only)
    by_method: list[tuple[str, int]]  # (label, count), declaration order
    no_record_required: int
    running: int  # bulk / contract records still running: no retention end yet
    within: int  # within retention (ok)
    ending_soon: int  # due_soon
    may_be_deleted: int  # past the retention end
    parties: int  # distinct recipients (providers)


def summary(db: Database, book: Book, period: Period, lang: str, *,
            subject: str | None = None, today: date | None = None) -> Summary:
    e = entity(book.entity)
    basis: Counter[str] = Counter()
    method: Counter[str] = Counter()
    status: Counter[str | None] = Counter()
    parties: set[int] = set()
    total = exempt = 0
    for row in iterate(db, book, period=period, subject=subject, today=today):
        total += 1
        basis[row.get("basis")] += 1
        method[row.get("method")] += 1
        parties.add(row[book.party])
        if row.get("record_required") is False:
            exempt += 1
        else:
            status[row.get("deadline_status")] += 1

    def by_choice(field: str, counts: Counter[str]) -> list[tuple[str, int]]:
        if not e.has(field):
            return []
        return [(label, counts[value]) for value, label in
                present.choice_items(e.field(field), lang) if counts[value]]

    return Summary(total, by_choice("basis", basis), by_choice("method", method), exempt,
                   status[None], status["ok"], status["due_soon"], status["overdue"],
                   len(parties))


# --- rows as text --------------------------------------------------------------------------

PROVISION_COLUMNS = ("provided_on", "recipient", "basis", "subjects", "data_items", "method",
                     "retain_until", "deadline_status")
RECEIPT_COLUMNS = ("received_on", "provider", "provider_identity_check",
                   "provider_acquisition", "consent_or_opt_out", "subjects", "data_items",
                   "method", "retain_until", "deadline_status")


def dates_text(book: Book, row: dict[str, Any], lang: str) -> str:
    """"2026-03-25", or "2026-03-25 〜 2026-09-14" for a span (still running: "continuing")."""
    start = present.format_date(row.get(book.single))
    if not spans(row):
        return start
    end = row.get("period_end")
    tilde = " 〜 " if lang == "ja" else " – "
    return f"{start}{tilde}{present.format_date(end)}" if end else \
        f"{start}{tilde}" + ("（継続中）" if lang == "ja" else "(continuing)")


def labelled(label: str, value: str, lang: str, own_line: bool = False) -> str:
    """"Label: value" in a cell (a date on its own line, so it is never cut)."""
    colon = "：" if lang == "ja" else ": "
    return f"{label}{colon.rstrip()}\n{value}" if own_line else f"{label}{colon}{value}"


def texts(db: Database, book: Book, rows: list[dict[str, Any]], lang: str, *,
          subject: str | None = None) -> list[dict[str, Any]]:
    """The cells of the book for a batch of records: texts by column name (the status
    as (word, deadline status value)). With `subject`, "subjects" shows only it."""
    e = entity(book.entity)
    wanted = [f for f in e.fields if not f.computed or f.name == "retain_until"]
    base = present.texts(db, book.entity, rows, lang, wanted, cell=False)
    out = []
    for row, t in zip(rows, base, strict=True):
        cells: dict[str, Any] = dict(t)
        cells[book.single] = dates_text(book, row, lang)
        method = t["method"]
        if row.get(book.last) is not None:
            label = e.field(book.last).label(lang)
            method += ("\n" if method else "") + labelled(label, t[book.last], lang, True)
        cells["method"] = method
        if book is PROVISIONS:
            extra = t.get("exception") or t.get("consent_ref")
            if extra:
                name = "exception" if t.get("exception") else "consent_ref"
                cells["basis"] = t["basis"] + "\n" + labelled(e.field(name).label(lang), extra,
                                                              lang)
        else:
            evidence = t.get("acquisition_evidence")
            if evidence:
                label = e.field("acquisition_evidence").label(lang)
                cells["provider_acquisition"] = \
                    t["provider_acquisition"] + "\n" + labelled(label, evidence, lang)
        if subject is not None:
            cells["subjects"] = subject.strip()
        cells["deadline_status"] = (retention_word(book, row).in_lang(lang),
                                    row.get("deadline_status"))
        cells["party_id"] = row[book.party]
        # an Art 29 record (or any Art 30 record): what Art 33(5) discloses
        cells["record_required"] = row.get("record_required") is not False
        out.append(cells)
    return out


def rows(db: Database, book: Book, period: Period | None, lang: str, *,
         subject: str | None = None, today: date | None = None, batch: int = 300
         ) -> Iterator[dict[str, Any]]:
    """The records of the book as texts (see `texts`), oldest first."""
    chunk: list[dict[str, Any]] = []
    for row in iterate(db, book, period=period, subject=subject, today=today):
        chunk.append(row)
        if len(chunk) >= batch:
            yield from texts(db, book, chunk, lang, subject=subject)
            chunk = []
    if chunk:
        yield from texts(db, book, chunk, lang, subject=subject)


PARTY_COLUMNS = ("name", "address", "representative", "country", "role")


def parties(db: Database, book: Book, period: Period | None, lang: str, *,
            subject: str | None = None, today: date | None = None) -> list[dict[str, str]]:
    """The recipients (providers) the book names, by name: what identifies each (name,
    address, representative: PPC Rules Arts 20 and 24)."""
    return counterparties(db, {row[book.party] for row in iterate(
        db, book, period=period, subject=subject, today=today)}, lang)


def counterparties(db: Database, ids: set[int], lang: str) -> list[dict[str, str]]:
    """Name, address, representative, country and role of these counterparties, by name."""
    if not ids:
        return []
    e = entity("counterparty")
    found = records.get_many(db, "counterparty", sorted(ids))
    texts_ = present.texts(db, "counterparty", found, lang,
                           [e.field(n) for n in PARTY_COLUMNS], cell=False)
    return sorted(texts_, key=lambda t: t["name"].casefold())
