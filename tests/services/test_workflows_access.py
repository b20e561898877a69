"""Access reviews with a structured scope, decisions and attestation; who holds a grant.

Review started Sun 2026-11-01; today Thu 2026-11-26. Review cycle: 6 months.
"""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from _refusal import japanese, refused
from sqlalchemy import event

from privacydesk.services import access, demo, duties, records
from privacydesk.store.audit import history
from privacydesk.store.database import create_database

TODAY = date(2026, 11, 26)
START = date(2026, 11, 1)


@pytest.fixture
def w(db, make):
    """Staff, one mandatory course, two assets and the grants the scopes pick from."""
    out: dict[str, int] = {}
    course = make("course", mandatory=True, refresher_months=12)
    for key, dept in (("A", "営業部"), ("B", "営業部"), ("C", "人事部"), ("D", "営業部"),
                      ("E", "総務部"), ("F", "総務部")):
        out[key] = make("staff", employee_no=f"E2000{key}", name=f"社員{key}", department=dept)
    records.update(db, "staff", out["D"], {"ended_on": date(2026, 10, 31)})
    records.update(db, "staff", out["E"], {"handles_personal_data": False})
    for key in ("A", "C", "D"):
        make("completion", staff=out[key], course=course, completed_on=date(2026, 4, 1))
    out["X"], out["Y"] = make("data_asset", name="会員DB"), make("data_asset", name="人事DB")
    grant = {"level": "read", "justification": "業務上必要"}
    for key, staff, asset, granted, revoked in (
            ("G1", "A", "X", date(2026, 5, 1), None),
            ("G2", "B", "X", date(2026, 5, 1), None),
            ("G3", "C", "Y", date(2026, 5, 1), None),
            ("G4", "A", "Y", date(2026, 5, 1), None),
            ("G5", "D", "X", date(2026, 1, 1), None),
            ("G6", "B", "X", date(2026, 1, 1), date(2026, 6, 1)),  # revoked before the start
            ("G7", "C", "X", date(2026, 11, 20), None)):  # granted after the start
        out[key] = make("grant", staff=out[staff], asset=out[asset], granted_on=granted,
                        revoked_on=revoked, **grant)
    return out


def _ids(rows):
    return [r["id"] for r in rows]


def _grant(db, grant_id):
    return records.get(db, "grant", grant_id, today=TODAY)


# --- who holds a grant ----------------------------------------------------------------------


def test_holder_status_of_each_grant(db, w):
    rows = {r["id"]: r for r in records.page(db, "grant", today=TODAY).rows}
    assert {k: rows[w[k]]["holder_status"] for k in ("G1", "G2", "G3", "G4", "G5", "G6", "G7")} \
        == {"G1": "ok", "G2": "untrained", "G3": "ok", "G4": "ok", "G5": "departed",
            "G6": None, "G7": "ok"}
    # the training lapses a year after 1 Apr 2026: A's grants turn untrained
    assert records.get(db, "grant", w["G1"], today=date(2027, 4, 2))["holder_status"] \
        == "untrained"


def test_holding_access_counts_as_handling_personal_data(db, w, make):
    make("grant", staff=w["E"], asset=w["X"], level="read", justification="j",
         granted_on=date(2026, 5, 1))
    assert access.flagged_staff(db, today=TODAY) == {w["B"], w["D"], w["E"], w["F"]}
    assert {r["holder_status"] for r in records.page(db, "grant", today=TODAY).rows
            if r["staff"] == w["E"]} == {"untrained"}


def test_flagged_staff(db, w):
    # B untrained, D departed, F handles personal data without training (no grant);
    # E handles none and holds no grant
    assert access.flagged_staff(db, today=TODAY) == {w["B"], w["D"], w["F"]}
    assert access.flagged_staff(db, today=date(2026, 10, 30)) == {w["B"], w["F"]}


@contextlib.contextmanager
def _statements(db):
    seen: list[str] = []

    def before(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


def test_a_page_reads_only_its_own_staff_and_their_mandatory_completions(db, w):
    with _statements(db) as seen:
        page = records.page(db, "grant", limit=2, sort="id", today=TODAY)
    assert [r["holder_status"] for r in page.rows] == ["ok", "untrained"]
    staff_reads = [s for s in seen if "FROM staff" in s]
    completion_reads = [s for s in seen if "FROM training_completion" in s]
    assert staff_reads and all("staff.id IN" in s for s in staff_reads)
    assert completion_reads and all("training_completion.staff IN" in s
                                    and "training_completion.course IN" in s
                                    for s in completion_reads)


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory):
    db = create_database(tmp_path_factory.mktemp("demo") / "demo.db", "correct horse battery")
    demo.fill(db, "small", seed=7, today=TODAY)
    yield db
    db.close()


def test_holder_status_agrees_with_the_dashboard_count(small_demo):
    grants = list(records.iterate(small_demo, "grant", today=TODAY))
    flagged = [g for g in grants if g["holder_status"] in ("untrained", "departed")]
    count = duties.summary(small_demo, today=TODAY)["grants_untrained_or_departed"]
    assert count > 0
    assert len(flagged) == count
    staff = access.flagged_staff(small_demo, today=TODAY)
    assert {g["id"] for g in flagged} == {g["id"] for g in grants
                                          if g["revoked_on"] is None and g["staff"] in staff}
    assert all(g["holder_status"] is None for g in grants if g["revoked_on"] is not None)


# --- reviews ------------------------------------------------------------------------------


def test_start_review_and_its_scope(db, w):
    by_asset = access.start_review(db, scope="会員DBの棚卸", reviewer="佐藤", started_on=START,
                                   asset=w["X"])
    row = records.get(db, "access_review", by_asset)
    assert (row["scope_asset"], row["scope_department"], row["attested_on"]) == \
        (w["X"], None, None)
    assert history(db, "access_review", by_asset)[0]["after"]["scope_asset"] == w["X"]
    by_dept = access.start_review(db, scope="営業部", reviewer="佐藤", started_on=START,
                                  department=" 営業部 ")
    assert records.get(db, "access_review", by_dept)["scope_department"] == "営業部"
    both = access.start_review(db, scope="営業部の会員DB", reviewer="佐藤", started_on=START,
                               asset=w["X"], department="営業部")
    everything = access.start_review(db, scope="全権限", reviewer="佐藤", started_on=START)
    assert _ids(access.grants_in_scope(db, by_asset)) == [w["G1"], w["G2"], w["G5"]]
    assert _ids(access.grants_in_scope(db, by_dept)) == [w["G1"], w["G2"], w["G4"], w["G5"]]
    assert _ids(access.grants_in_scope(db, both)) == [w["G1"], w["G2"], w["G5"]]
    assert _ids(access.grants_in_scope(db, everything)) == \
        [w["G1"], w["G2"], w["G3"], w["G4"], w["G5"]]
    rows = access.grants_in_scope(db, by_asset, today=TODAY)
    assert [r["review_decision"] for r in rows] == [None, None, None]
    assert [r["holder_status"] for r in rows] == ["ok", "untrained", "departed"]
    assert (rows[0]["review_due"], rows[0]["deadline_status"]) == (date(2026, 11, 1), "overdue")


def test_start_review_refusals(db, w):
    error = refused(db, lambda: access.start_review(db, scope="経理部", reviewer="佐藤",
                                                    started_on=START, department="経理部"),
                    "scope_department", "no staff member belongs to '経理部'", "access_review")
    assert japanese(error, "scope_department") == "「経理部」に所属する従業者はいません"
    refused(db, lambda: access.start_review(db, scope="x", reviewer="佐藤", started_on=START,
                                            asset=999_999),
            "scope_asset", "refers to Data asset 999999, which does not exist")
    refused(db, lambda: access.start_review(db, scope=" ", reviewer="佐藤", started_on=START),
            "scope", "is required")


def test_decisions_and_attestation(db, w):
    review = access.start_review(db, scope="会員DB", reviewer="佐藤", started_on=START,
                                 asset=w["X"])
    assert _grant(db, w["G1"])["review_due"] == date(2026, 11, 1)  # granted 1 May + 6 months

    keep = access.decide(db, review, w["G1"], "keep", decided_on=date(2026, 11, 10))
    decision = records.get(db, "review_decision", keep)
    assert (decision["review"], decision["grant"], decision["decision"],
            decision["decided_on"]) == (review, w["G1"], "keep", date(2026, 11, 10))
    g1 = _grant(db, w["G1"])
    assert g1["last_reviewed_on"] == date(2026, 11, 10)
    assert (g1["review_due"], g1["deadline_status"]) == (date(2027, 5, 10), "ok")
    # the decision and the grant were written in one transaction
    assert history(db, "review_decision", keep)[0]["at"] == \
        history(db, "grant", w["G1"])[-1]["at"]

    error = refused(db, lambda: access.attest(db, review, on=date(2026, 11, 20)),
                    "attested_on", "2 grant(s) in scope have no decision yet", "access_review")
    assert japanese(error, "attested_on") == "対象範囲の権限のうち2件が未判定です"

    modify = access.decide(db, review, w["G2"], "modify", decided_on=date(2026, 11, 11),
                           note="更新権限を参照に変更")
    assert _grant(db, w["G2"])["last_reviewed_on"] == date(2026, 11, 11)
    revoke = access.decide(db, review, w["G5"], "revoke", decided_on=date(2026, 11, 12),
                           note="退職済み")
    g5 = _grant(db, w["G5"])
    assert (g5["revoked_on"], g5["deadline_status"], g5["review_due"], g5["holder_status"]) == \
        (date(2026, 11, 12), "done", None, None)
    assert history(db, "grant", w["G5"])[-1]["after"]["revoked_on"] == "2026-11-12"
    # a revoked grant stays in the scope, with its decision
    rows = access.grants_in_scope(db, review)
    assert [(r["id"], r["review_decision"]["id"]) for r in rows] == \
        [(w["G1"], keep), (w["G2"], modify), (w["G5"], revoke)]

    # a second decision on the same grant replaces the first
    assert access.decide(db, review, w["G2"], "keep", decided_on=date(2026, 11, 13)) == modify
    assert records.get(db, "review_decision", modify)["decision"] == "keep"
    assert records.count(db, "review_decision") == 3
    assert _grant(db, w["G2"])["last_reviewed_on"] == date(2026, 11, 13)

    refused(db, lambda: access.attest(db, review, on=date(2026, 11, 12)), "attested_on",
            "cannot precede the last decision (2026-11-13)")
    row = access.attest(db, review, on=date(2026, 11, 20))
    assert row["attested_on"] == date(2026, 11, 20)
    assert history(db, "access_review", review)[-1]["after"]["attested_on"] == "2026-11-20"

    error = refused(db, lambda: access.decide(db, review, w["G1"], "revoke",
                                              decided_on=date(2026, 11, 21)),
                    "review", "the review was attested on 2026-11-20; its decisions can no "
                              "longer change", "review_decision")
    assert "承認済み" in japanese(error, "review")
    refused(db, lambda: access.attest(db, review, on=date(2026, 11, 21)), "attested_on",
            "the review was already attested on 2026-11-20")


def test_decide_refusals(db, w):
    review = access.start_review(db, scope="会員DB", reviewer="佐藤", started_on=START,
                                 asset=w["X"])
    for grant in ("G3", "G6", "G7"):  # other asset; revoked before the start; granted after
        error = refused(db, lambda g=grant: access.decide(
            db, review, w[g], "keep", decided_on=date(2026, 11, 10)),
            "grant", "is not in the scope of this review", "review_decision")
    assert japanese(error, "grant") == "この棚卸の対象範囲に含まれない権限です"
    refused(db, lambda: access.decide(db, review, w["G1"], "keep", decided_on=date(2026, 10, 31)),
            "decided_on", "cannot precede the start of the review (2026-11-01)")
    refused(db, lambda: access.decide(db, review, w["G1"], "modify",
                                      decided_on=date(2026, 11, 10)),
            "note", "is required for a modification: say what changes")
    refused(db, lambda: access.decide(db, review, w["G1"], "drop",
                                      decided_on=date(2026, 11, 10)),
            "decision", "'drop' is not one of: keep, modify, revoke")
    refused(db, lambda: access.decide(db, review, 999_999, "keep",
                                      decided_on=date(2026, 11, 10)),
            "grant", "refers to Access grant 999999, which does not exist")
    access.decide(db, review, w["G5"], "revoke", decided_on=date(2026, 11, 10))
    refused(db, lambda: access.decide(db, review, w["G5"], "keep", decided_on=date(2026, 11, 11)),
            "decision", "this review revoked the grant on 2026-11-10; grant the access again "
                        "instead of changing the decision")
    # revoked meanwhile outside the review: only a revocation can be recorded
    records.update(db, "grant", w["G2"], {"revoked_on": date(2026, 11, 5)})
    refused(db, lambda: access.decide(db, review, w["G2"], "keep", decided_on=date(2026, 11, 11)),
            "decision", "the grant was revoked on 2026-11-05; only “revoke” can be recorded")
    access.decide(db, review, w["G2"], "revoke", decided_on=date(2026, 11, 11))
    assert _grant(db, w["G2"])["revoked_on"] == date(2026, 11, 5)  # the earlier end stays
    with pytest.raises(records.NotFound):
        access.decide(db, 999_999, w["G1"], "keep", decided_on=date(2026, 11, 10))


def test_an_attestation_before_the_start_is_refused_however_written(db, w):
    review = access.start_review(db, scope="全権限", reviewer="佐藤", started_on=START)
    refused(db, lambda: records.update(db, "access_review", review,
                                       {"attested_on": date(2026, 10, 31)}),
            "attested_on", "cannot precede the start of the review (2026-11-01)")
    assert records.get(db, "access_review", review)["attested_on"] is None


def test_a_review_with_nothing_in_scope_can_be_attested(db, w):
    review = access.start_review(db, scope="人事DB（人事部）", reviewer="佐藤",
                                 started_on=START, asset=w["Y"], department="総務部")
    assert access.grants_in_scope(db, review) == []
    assert access.attest(db, review, on=START)["attested_on"] == START
