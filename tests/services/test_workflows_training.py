"""Recording one course's completions for several people at once: all or none."""

from __future__ import annotations

from datetime import date

import pytest
from _refusal import audit_entries, japanese, refused

from privacydesk.services import records, training
from privacydesk.store.audit import history

DAY = date(2026, 11, 20)
TODAY = date(2026, 11, 26)


@pytest.fixture
def team(make):
    return {
        "course": make("course", title_en="Privacy basics", title_ja="個人情報保護の基礎",
                       refresher_months=12, pass_score=70),
        "a": make("staff", employee_no="E10001", name="山田 太郎"),
        "b": make("staff", employee_no="E10002", name="佐藤 花子"),
        "c": make("staff", employee_no="E10003", name="鈴木 一郎"),
    }


def test_one_completion_each_in_one_transaction(db, team):
    before = audit_entries(db)
    ids = training.record_completions(db, course=team["course"],
                                      staff=[team["b"], team["a"]], completed_on=DAY,
                                      score=85, evidence="LMS export 2026-11")
    assert len(ids) == 2
    rows = [records.get(db, "completion", i, today=TODAY) for i in ids]
    assert [r["staff"] for r in rows] == [team["b"], team["a"]]
    for r in rows:
        assert (r["course"], r["completed_on"], r["score"], r["evidence"]) == \
            (team["course"], DAY, 85, "LMS export 2026-11")
        assert (r["expires_on"], r["training_status"]) == (date(2027, 11, 20), "valid")
    # expiring within 30 days of the expiry, overdue after it
    assert records.get(db, "completion", ids[0], today=date(2027, 10, 21))["training_status"] \
        == "expiring"
    assert records.get(db, "completion", ids[0], today=date(2027, 11, 21))["training_status"] \
        == "overdue"
    assert audit_entries(db) == before + 2
    for i in ids:
        (entry,) = history(db, "completion", i)
        assert entry["action"] == "insert" and entry["after"]["completed_on"] == "2026-11-20"
    # the two entries belong to one transaction: the same instant
    assert history(db, "completion", ids[0])[0]["at"] == history(db, "completion", ids[1])[0]["at"]


def test_a_failed_score_is_recorded_as_failed(db, team):
    (row_id,) = training.record_completions(db, course=team["course"], staff=[team["c"]],
                                            completed_on=DAY, score=60)
    row = records.get(db, "completion", row_id, today=TODAY)
    assert (row["training_status"], row["expires_on"]) == ("failed", None)


def test_empty_list_and_duplicates_are_refused(db, team):
    refused(db, lambda: training.record_completions(db, course=team["course"], staff=[],
                                                    completed_on=DAY),
            "staff", "choose at least one staff member", "completion")
    error = refused(db, lambda: training.record_completions(
        db, course=team["course"], staff=[team["a"], team["b"], team["a"]], completed_on=DAY),
        "staff", "山田 太郎 (E10001) is listed twice")
    assert japanese(error, "staff") == "山田 太郎 (E10001)が2回選択されています"


def test_a_completion_on_the_same_day_is_refused_and_nothing_is_written(db, team, make):
    make("completion", staff=team["b"], course=team["course"], completed_on=DAY)
    error = refused(db, lambda: training.record_completions(
        db, course=team["course"], staff=[team["a"], team["b"], team["c"]], completed_on=DAY),
        "staff", "佐藤 花子 (E10002): already has a completion of this course on 2026-11-20")
    assert len(error.errors) == 1
    assert japanese(error, "staff") == \
        "佐藤 花子 (E10002)：2026-11-20にこのコースを受講した記録が既にあります"
    assert records.count(db, "completion") == 1
    # another day is another completion
    assert len(training.record_completions(db, course=team["course"], staff=[team["b"]],
                                           completed_on=date(2026, 11, 21))) == 1


def test_a_retake_on_the_same_day_is_still_recorded_one_at_a_time(db, team, make):
    make("completion", staff=team["a"], course=team["course"], completed_on=DAY, score=50)
    second = make("completion", staff=team["a"], course=team["course"], completed_on=DAY,
                  score=80)
    assert records.get(db, "completion", second, today=TODAY)["training_status"] == "valid"


def test_errors_common_to_every_row_are_given_once(db, team):
    error = refused(db, lambda: training.record_completions(
        db, course=team["course"], staff=[team["a"], team["b"]], completed_on=DAY, score=101),
        "score", "must be at most 100")
    assert error.for_field("score") == ["must be at most 100"]
    error = refused(db, lambda: training.record_completions(
        db, course=999_999, staff=[team["a"], team["b"]], completed_on=DAY),
        "course", "refers to Training course 999999, which does not exist")
    assert len(error.errors) == 1


def test_an_unknown_person_is_named_by_id(db, team):
    error = refused(db, lambda: training.record_completions(
        db, course=team["course"], staff=[team["a"], 424_242], completed_on=DAY),
        "staff", "refers to Staff member 424242, which does not exist")
    assert len(error.errors) == 1
    assert records.count(db, "completion") == 0
