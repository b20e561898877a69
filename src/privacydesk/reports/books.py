"""What the two record books share (Art 29 provisions, Art 30 receipts): the summary,
the table of records and the list of counterparties they name.

Not a report itself: `provisions` and `receipts` call `build_book` with their book
and their words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.reports.base import Report
from privacydesk.services.reporting import books


@dataclass(frozen=True)
class Words:
    """The words and columns that differ between the two books."""

    about: Text  # what the law asks, and the retention
    records: Text  # "Records of the period"
    parties: Text  # heading of the counterparty list
    parties_about: Text
    party_count: Text  # "Recipients named"
    columns: Sequence[str]
    widths: Sequence[float]


def build_book(r: Report, book: books.Book, words: Words) -> None:
    lang = r.lang
    subject = r.subject
    r.step(r.t("reading the records", "記録を集計中"))
    s = books.summary(r.db, book, r.period, lang, subject=subject, today=r.today)
    r.heading(r.t("Summary", "概要"))
    if subject:
        r.paragraph(r.t(f"Extract for one person: the records of the period that name "
                        f"{subject}.",
                        f"本人別の抜粋：対象期間の記録のうち「{subject}」に係るもの。"))
        r.paragraph(r.tr(books.MATCHING).format(ref=subject), small=True)
    r.paragraph(r.tr(words.about), small=True)
    facts: list[tuple[str, object]] = [(r.t("Records in this book", "掲載した記録"), s.total)]
    if s.total:
        facts.append((r.tr(words.party_count), s.parties))
        if book is books.PROVISIONS:
            facts.append((r.tr(books.NO_RECORD), s.no_record_required))
        facts += [
            (r.tr(books.RUNNING if book is books.PROVISIONS else books.RUNNING_RECEIPT),
             s.running),
            (r.tr(books.RETENTION_WORDS["ok"]), s.within),
            (r.tr(books.RETENTION_WORDS["due_soon"]), s.ending_soon),
            (r.tr(books.RETENTION_WORDS["overdue"]), s.may_be_deleted),
        ]
    r.facts(facts, widths=(3, 2))
    if s.total:
        e = entity(book.entity)
        for name, counts in (("basis", s.by_basis), ("method", s.by_method)):
            if counts:
                r.spacer(3)
                r.table([e.field(name).label(lang), r.t("Records", "件数")], counts,
                        widths=(3, 2))
    if s.total == 0:
        r.spacer()
        r.nothing(r.t(f"No record of this period names {subject}.",
                      f"この期間に「{subject}」に係る記録はありません。") if subject else None)
        return
    e = entity(book.entity)
    r.heading(r.tr(words.records))
    header = [r.t("Retention", "保存の状況") if n == "deadline_status"
              else e.field(n).label(lang) for n in words.columns]
    r.table(header, (_cells(r, row, words.columns)
                     for row in books.rows(r.db, book, r.period, lang, subject=subject,
                                           today=r.today)),
            widths=words.widths)
    r.step(r.t("reading the counterparties", "提供先・提供元を確認中"))
    r.heading(r.tr(words.parties))
    r.paragraph(r.tr(words.parties_about), small=True)
    c = entity("counterparty")
    r.table([c.field(n).label(lang) for n in books.PARTY_COLUMNS],
            ([p[n] for n in books.PARTY_COLUMNS]
             for p in books.parties(r.db, book, r.period, lang, subject=subject,
                                    today=r.today)),
            widths=(2.4, 3, 1.8, 0.6, 1))


def _cells(r: Report, row: dict, columns: Sequence[str]) -> list[object]:
    out: list[object] = []
    for name in columns:
        if name == "deadline_status":
            word, value = row[name]
            out.append(r.status("deadline_status", value, word))
        else:
            out.append(row[name])
    return out
