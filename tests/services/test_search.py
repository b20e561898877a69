"""Searching lists: text, choice labels in both languages, referenced names, ids, dates,
the consent ledger's indexes, and the capped count of a broad search."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from privacydesk.services import records, search
from privacydesk.store.audit import writing


def _ids(db, name: str, text: str, **kw) -> set[int]:
    page = records.page(db, name, query=records.Query(search=text), limit=500, **kw)
    return {r["id"] for r in page.rows}


def test_terms_are_normalised_and_split():
    assert search.terms("  Ｕ０００１ 本人　（佐藤） U0001 ") == ["U0001", "本人", "佐藤"]
    assert search.normalise("ＡＢＣ") == "abc"


def test_text_choice_label_and_id(db, make):
    own = make("request", subject_ref="U11111111", requester="self")
    proxy = make("request", subject_ref="U22222222", requester="proxy",
                 authority_proof="委任状")
    assert _ids(db, "request", "u1111") == {own}  # case and width do not matter
    assert _ids(db, "request", "任意代理人") == {proxy}  # a choice's Japanese label
    assert _ids(db, "request", "proxy") == {proxy}  # and its English one
    assert own in _ids(db, "request", "本人")
    assert _ids(db, "request", str(proxy)) >= {proxy}  # the id
    assert _ids(db, "request", "u1111 任意代理人") == set()  # every term must match


def test_referenced_names_find_the_rows_that_refer_to_them(db, make):
    sato = make("staff", name="佐藤 花子", employee_no="E70001")
    suzuki = make("staff", name="鈴木 一郎", employee_no="E70002")
    asset = make("data_asset", name="会員DB")
    g1 = make("grant", staff=sato, asset=asset)
    g2 = make("grant", staff=suzuki, asset=asset)
    assert _ids(db, "grant", "花子") == {g1}
    assert _ids(db, "grant", "E70002") == {g2}
    assert _ids(db, "grant", "会員DB") == {g1, g2}


def test_multi_references_and_dates(db, make):
    purpose = records.page(db, "purpose", query=records.Query(equals={"code": "A"})).rows[0]
    other = records.page(db, "purpose", query=records.Query(equals={"code": "B"})).rows[0]
    a = make("data_asset", name="台帳X", purposes=[purpose["id"]])
    b = make("data_asset", name="台帳Y", purposes=[other["id"]])
    found = _ids(db, "data_asset", purpose["text_ja"][:8])
    assert a in found and b not in found
    r = make("request", received_on=date(2025, 3, 7))
    assert r in _ids(db, "request", "2025-03")
    assert r in _ids(db, "request", "2025-3-7")


@pytest.fixture
def consents(db, make):
    """A few consents written as the demo writes them (one transaction)."""
    version = records.page(db, "policy_version", limit=1).rows[0]["id"]
    purpose = records.page(db, "purpose", limit=1).rows[0]["id"]
    base = {"scope": "purpose", "purpose": purpose, "policy_version": version,
            "channel": "checkbox", "status": "active",
            "captured_at": datetime(2026, 10, 1, tzinfo=UTC)}
    with writing(db) as w:
        ids = w.insert_many("consent", [
            {**base, "subject_ref": "U00012345", "evidence_ref": "log-2026-10-01-a"},
            {**base, "subject_ref": "U00099999", "guardian": "佐藤 花子"},
            {**base, "subject_ref": "U00012399", "status": "withdrawn",
             "withdrawn_at": datetime(2026, 11, 1, tzinfo=UTC), "withdrawal_channel": "email"},
        ])
    return ids


def test_the_consent_ledger_searches_through_its_indexes(db, consents):
    first, second, third = consents
    assert _ids(db, "consent", "00012345") == {first}  # a substring: trigram index
    assert _ids(db, "consent", "U000123") == {first, third}
    assert _ids(db, "consent", "2026-10-01-a") == {first}  # evidence reference
    assert _ids(db, "consent", "佐藤") == {second}  # two characters: a word's beginning
    assert _ids(db, "consent", "撤回") == {third}  # the status's Japanese label
    assert _ids(db, "consent", "withdrawn") == {third}
    # the indexes follow updates and deletes
    records.update(db, "consent", first, {"subject_ref": "U77777777"})
    assert _ids(db, "consent", "00012345") == set()
    assert _ids(db, "consent", "7777777") == {first}
    records.delete(db, "consent", second)
    assert _ids(db, "consent", "佐藤") == set()


def test_a_broad_search_counts_up_to_the_cap(db, consents, monkeypatch):
    monkeypatch.setattr(records, "SEARCH_COUNT_CAP", 2)
    monkeypatch.setattr(records, "BROAD_SEARCH", 1)
    page = records.page(db, "consent", query=records.Query(search="U000"), limit=1)
    assert (len(page.rows), page.total, page.exact) == (1, 2, False)
    assert page.rows[0]["id"] == max(consents)  # still in the list's order
    narrow = records.page(db, "consent", query=records.Query(search="12345"), limit=1)
    assert (narrow.total, narrow.exact) == (1, True)


def test_named_filters_and_computed_sorts(db, make):
    today = date(2026, 11, 26)
    late = make("request", received_on=date(2026, 10, 1))  # APPI: due 10-15, overdue
    soon = make("request", received_on=date(2026, 11, 17))  # due 12-01: due soon
    fine = make("request", received_on=date(2026, 11, 25))  # due 12-09
    done = make("request", received_on=date(2026, 9, 1), status="closed", decision="full",
                responded_on=date(2026, 9, 3), identity_verified_on=date(2026, 9, 2),
                closed_on=date(2026, 9, 4))

    def ids(**kw) -> list[int]:
        return [r["id"] for r in records.page(db, "request", today=today, **kw).rows]

    assert ids(query=records.Query(filters=("overdue",))) == [late]
    assert set(ids(query=records.Query(filters=("due",)))) == {late, soon}
    assert set(ids(query=records.Query(filters=("open",)))) == {late, soon, fine}
    assert ids(sort="due_on") == [done, late, soon, fine]  # 09-15, 10-15, 12-01, 12-09
    assert ids(sort="-due_on") == [fine, soon, late, done]
    assert ids(sort="deadline_status") == [late, soon, fine, done]
    assert ids(sort="-deadline_status")[:1] == [done]
    assert records.count(db, "request", records.Query(filters=("overdue",)),
                         today=today) == 1
    with pytest.raises(ValueError, match="no filter"):
        records.page(db, "request", query=records.Query(filters=("nonsense",)))


def test_a_computed_sort_with_a_list_filter_and_a_search(db, make):
    today = date(2026, 11, 26)
    a = make("request", subject_ref="UA", received_on=date(2026, 11, 1))
    b = make("request", subject_ref="UB", received_on=date(2026, 10, 1))
    make("request", subject_ref="UC", received_on=date(2026, 9, 1), status="closed",
         decision="full", responded_on=date(2026, 9, 3), identity_verified_on=date(2026, 9, 2),
         closed_on=date(2026, 9, 4))
    query = records.Query(equals={"status": ["received", "in_progress"]}, search="U",
                          filters=("open",))
    page = records.page(db, "request", sort="-due_on", query=query, today=today)
    assert [r["id"] for r in page.rows] == [a, b]
