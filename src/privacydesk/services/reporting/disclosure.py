"""Everything the privacy records hold about one person, for an answer to a request for
disclosure (APPI Art 33; GDPR Art 15).

A person is known to the records by a reference (a member or user number): consents
and requests carry it in their "subject reference" field and are found by it exactly
(the same reference, nothing more, nothing less; spaces around it are ignored).
Provision and receipt records name the persons concerned in free text and are found
as the per-person extracts of the record books are (`books.subject_matcher`): their
disclosure is what Art 33(5) gives the person. A provision the Act exempts from
record-keeping (an exception of Art 27(1), such as a request by the police, or Art
27(5): entrustment, succession, joint use) has no Art 29 record to disclose, and the
existence of some of them must not be revealed at all: the pack leaves them out (the
officer sees them in the per-person extract of the provision book). Complaints are
those linked to the person's requests.

Nothing about anyone else may reach the pack: a record that names other people too
shows only this person's reference as the persons concerned, and no staff name (who
verified identity, who owned a complaint) is printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from privacydesk.domain.entities import entity
from privacydesk.services import present, records
from privacydesk.services.reporting import books
from privacydesk.services.session import Database


@dataclass(frozen=True)
class Pack:
    subject: str
    consents: list[dict[str, str]]
    requests: list[dict[str, str]]
    provisions: list[dict[str, Any]]  # the book's cells (see `books.texts`)
    receipts: list[dict[str, Any]]
    complaints: list[dict[str, str]]

    @property
    def empty(self) -> bool:
        return not (self.consents or self.requests or self.provisions or self.receipts
                    or self.complaints)


CONSENT_FIELDS = ("captured_at", "scope", "purpose", "recipient", "country", "policy_version",
                  "channel", "evidence_ref", "guardian", "status", "withdrawn_at",
                  "withdrawal_channel")
REQUEST_FIELDS = ("received_on", "kind", "law", "channel", "status", "decision",
                  "refusal_ground", "reason_explained", "responded_on", "withdrawn_on",
                  "due_on")
COMPLAINT_FIELDS = ("received_on", "channel", "category", "summary", "actions", "resolved_on",
                    "outcome")


def _texts(db: Database, name: str, rows: list[dict[str, Any]], lang: str,
           fields: tuple[str, ...]) -> list[dict[str, str]]:
    e = entity(name)
    out = present.texts(db, name, rows, lang, [e.field(f) for f in fields], cell=False)
    for row, text in zip(rows, out, strict=True):
        text["_id"] = row["id"]
        if name == "consent":
            text["guardian"] = present.yes_no(bool(row.get("guardian")), lang)
    return out


def pack(db: Database, subject: str, lang: str, *, today: date | None = None) -> Pack:
    ref = subject.strip()
    same = records.Query(equals={"subject_ref": ref})
    consent_rows = list(records.iterate(db, "consent", query=same, sort="captured_at",
                                        today=today))
    request_rows = list(records.iterate(db, "request", query=same, sort="received_on",
                                        today=today))
    complaint_rows: list[dict[str, Any]] = []
    if request_rows:
        ids = [r["id"] for r in request_rows]
        for start in range(0, len(ids), 500):
            complaint_rows += records.iterate(
                db, "complaint", query=records.Query(equals={"request": ids[start:start + 500]}),
                sort="received_on", today=today)
        complaint_rows.sort(key=lambda r: (r["received_on"], r["id"]))
    provisions = [c for c in books.rows(db, books.PROVISIONS, None, lang, subject=ref,
                                        today=today) if c["record_required"]]
    receipts = list(books.rows(db, books.RECEIPTS, None, lang, subject=ref, today=today))
    return Pack(ref, _texts(db, "consent", consent_rows, lang, CONSENT_FIELDS),
                _texts(db, "request", request_rows, lang, REQUEST_FIELDS),
                provisions, receipts,
                _texts(db, "complaint", complaint_rows, lang, COMPLAINT_FIELDS))
