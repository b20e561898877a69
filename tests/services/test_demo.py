"""Demo data: deterministic, complete, valid, with a realistic mix of deadlines."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

import privacydesk.services  # noqa: F401  (registers every area's rules and computations)
from privacydesk.domain import rules
from privacydesk.domain.entities import ENTITIES, entity
from privacydesk.services import demo, records
from privacydesk.store.database import Database, open_database
from privacydesk.store.verify import verify

TODAY = date(2026, 11, 26)
PASSPHRASE = "correct horse battery"
COMPARED = ("staff", "completion", "data_asset", "consent", "request", "incident", "grant",
            "review_decision", "safety_measure", "organization")


@pytest.fixture
def fresh(template_db: Path, tmp_path: Path):
    """fresh("name") -> a new open database copied from the session template."""
    opened: list[Database] = []

    def make(name: str) -> Database:
        path = tmp_path / f"{name}.db"
        shutil.copy2(template_db, path)
        db = open_database(path, PASSPHRASE)
        opened.append(db)
        return db

    yield make
    for db in opened:
        db.close()


def snapshot(db: Database) -> dict[str, list[dict]]:
    out = {}
    for name in COMPARED:
        out[name] = [{k: v for k, v in row.items() if k not in ("created_at", "updated_at")}
                     for row in records.iterate(db, name, today=TODAY)]
    return out


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory):
    """One small demo database shared by the read-only tests of this module."""
    from privacydesk.store.database import create_database

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = create_database(path, PASSPHRASE, officer="Demo Officer")
    counts = demo.fill(db, "small", seed=7, today=TODAY)
    yield db, counts
    db.close()


def test_same_seed_and_day_give_identical_rows(fresh):
    a, b = fresh("a"), fresh("b")
    counts_a = demo.fill(a, "small", seed=5, today=TODAY)
    counts_b = demo.fill(b, "small", seed=5, today=TODAY)
    assert counts_a == counts_b
    assert snapshot(a) == snapshot(b)


def test_another_seed_gives_other_rows(fresh):
    a, b = fresh("a"), fresh("b")
    demo.fill(a, "small", seed=1, today=TODAY)
    demo.fill(b, "small", seed=2, today=TODAY)
    snap_a, snap_b = snapshot(a), snapshot(b)
    assert snap_a["staff"] != snap_b["staff"]
    assert snap_a["consent"] != snap_b["consent"]
    assert snap_a["request"] != snap_b["request"]


def test_verify_passes(filled):
    db, _ = filled
    report = verify(db)
    assert report.ok, report.problems


def test_every_entity_has_rows(filled):
    db, counts = filled
    for e in ENTITIES:
        if e.name == "setting":
            continue
        assert records.count(db, e.name) > 0, e.name
    for name in demo.DEMO_ENTITIES:
        assert counts[name] == records.count(db, name), name
    assert counts["consent"] == 2_000
    assert counts["staff"] == 40
    assert counts["grant"] == 150
    assert counts["request"] == 60
    assert counts["data_asset"] == 12


def test_small_sizes_and_the_catalog_is_reused(filled):
    db, counts = filled
    assert records.count(db, "purpose") == 9  # the seeded A–I, not duplicated
    assert records.count(db, "policy_version") == 1
    assert counts["safety_measure"] == records.count(db, "safety_measure")
    org = records.page(db, "organization").rows[0]
    assert org["jurisdictions"] == ["APPI", "GDPR"]


def test_requests_mix_overdue_and_on_time(filled):
    db, _ = filled
    overdue = on_time = 0
    statuses = set()
    for row in records.iterate(db, "request", today=TODAY):
        statuses.add(row["status"])
        if row["status"] in ("responded", "closed"):
            continue
        if row["identity_doubt"]:
            if row["identity_proof_on"] is None:
                continue
            start = row["identity_proof_on"]
        else:
            start = row["received_on"]
        due = rules.dsr_due(row["law"], start, extended=row["extended"])
        if due < TODAY:
            overdue += 1
        else:
            on_time += 1
    assert overdue > 0 and on_time > 0
    assert statuses == {"received", "verifying", "in_progress", "decided", "responded", "closed"}


def test_realistic_mix(filled):
    db, _ = filled
    requests = list(records.iterate(db, "request", today=TODAY))
    assert {r["law"] for r in requests} == {"APPI", "GDPR"}
    assert any(r["decision"] == "refused" and r["refusal_ground"] for r in requests)
    assert any(r["extended"] and r["extension_notified_on"] for r in requests)
    consents = list(records.iterate(db, "consent", today=TODAY))
    statuses = {r["status"] for r in consents}
    assert statuses == {"active", "withdrawn", "superseded"}
    withdrawn = sum(r["status"] == "withdrawn" for r in consents) / len(consents)
    assert 0.04 < withdrawn < 0.12
    assert all(r["captured_at"].tzinfo is not None for r in consents)
    assert all(r["withdrawn_at"] >= r["captured_at"] for r in consents if r["withdrawn_at"])
    staff = {s["id"]: s for s in records.iterate(db, "staff", today=TODAY)}
    assert {s["employment_type"] for s in staff.values()} >= {"regular", "director"}
    departed = {i for i, s in staff.items() if s["ended_on"] is not None}
    grants = list(records.iterate(db, "grant", today=TODAY))
    assert any(g["staff"] in departed and g["revoked_on"] is None for g in grants)
    assert {g["deadline_status"] for g in grants} >= {"ok", "overdue", "done"}
    completions = {c["training_status"] for c in records.iterate(db, "completion", today=TODAY)}
    assert completions >= {"valid", "expiring", "overdue"}
    incidents = list(records.iterate(db, "incident", today=TODAY))
    assert any(i["reportable"] for i in incidents)
    assert any(not i["reportable"] for i in incidents)
    entrustees = {e["deadline_status"] for e in records.iterate(db, "entrustee", today=TODAY)}
    assert "overdue" in entrustees


@pytest.mark.parametrize("name", [e.name for e in ENTITIES if e.name != "setting"])
def test_rows_pass_the_record_validation(filled, name):
    """Every stored value goes back through services.records validation (an update that
    sets each field to its own value validates the whole row and writes nothing)."""
    db, _ = filled
    e = entity(name)
    rows = list(records.iterate(db, name, today=TODAY))
    sample = rows if len(rows) <= 80 else rows[:40] + rows[-40:]
    for row in sample:
        values = {f.name: row[f.name] for f in e.stored}
        assert records.update(db, name, row["id"], values, today=TODAY) is False


def test_refuses_a_database_with_data(filled):
    db, _ = filled
    with pytest.raises(ValueError, match="already holds data"):
        demo.fill(db, "small", today=TODAY)


def test_refuses_an_unknown_size(db):
    with pytest.raises(ValueError, match="unknown demo size"):
        demo.fill(db, "huge", today=TODAY)


def test_progress_is_reported(db):
    seen: list[tuple[str, int, int]] = []
    demo.fill(db, "small", seed=3, today=TODAY, progress=lambda *a: seen.append(a))
    phases = {p for p, _, _ in seen}
    assert {"staff", "consent records", "access grants"} <= phases
    assert ("consent records", 2_000, 2_000) in seen
