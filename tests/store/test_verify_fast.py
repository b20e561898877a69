"""The fast paths of verify write exactly what the exact paths compute.

On SQLite verify lets SQLite write each row's canonical JSON and each entry's hashed
content (`json_object`), and compares digests; a difference sends the row to the exact
comparison. These tests hold the two paths to the same text, so the fast path never
hides a difference nor invents one.
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa

from privacydesk.domain.entities import ENTITIES
from privacydesk.store import verify as v
from privacydesk.store.audit import canonical_row, dumps, entry_hash
from privacydesk.store.models import TABLES, audit_log


def _one_of_each(db, make) -> None:
    for e in ENTITIES:
        if e.name not in ("setting", "organization"):
            make(e.name)


def test_sqlite_writes_the_canonical_json_of_every_kind_of_row(db, make):
    _one_of_each(db, make)
    with db.read() as conn:
        for e in ENTITIES:
            t = TABLES[e.name]
            decoders = v._decoders(conn, t)
            raw_cols = [sa.type_coerce(c, sa.types.NullType()).label(c.name)
                        for c in t.columns]
            fast = dict(conn.exec_driver_sql(v._sqlite_canonical(e, t)).all())
            assert fast, e.name
            for stored in conn.execute(sa.select(*raw_cols)):
                row, bad = v._decode(decoders, stored)
                assert not bad
                assert fast[row["id"]] == dumps(canonical_row(e, row)), e.name


def test_sqlite_writes_the_hashed_content_of_every_entry(db, make):
    _one_of_each(db, make)
    with db.read() as conn:
        conn.execute(sa.select(1)).first()
        entries = {r["seq"]: r for r in conn.execute(sa.select(audit_log)).mappings()}
        for batch in v._chain_batches(conn):
            for seq, *_rest, prev, h, content in batch:
                mine = hashlib.sha256((prev + "\n" + content).encode()).hexdigest()
                assert mine == h == entry_hash(prev, entries[seq])


def test_a_value_of_the_wrong_shape_takes_the_exact_path_and_is_named(db, db_path, make,
                                                                       passphrase):
    import sqlcipher3

    cid = make("consent")
    db.close()
    conn = sqlcipher3.connect(str(db_path))
    conn.execute("PRAGMA key = '" + passphrase + "'")
    table = TABLES["consent"].name
    conn.execute(f"UPDATE {table} SET captured_at = '2026-13-45 99:99:99.000000' "
                 f"WHERE id = {cid}")
    conn.commit()
    conn.close()
    from privacydesk.store.database import open_database

    with open_database(db_path, passphrase) as again:
        report = v.verify(again)
    assert any(f"consent {cid}, column captured_at" in p for p in report.damage), \
        report.problems


def test_ids_far_apart_are_checked_without_an_array_of_their_size(db, passphrase, tmp_path):
    """An import may set ids up to 2**63 - 1; the trail's last entries of such rows are
    kept aside, not in an array that large."""
    from privacydesk.services import interchange

    far = 10**15
    cols = interchange.columns("subject_category")
    lines = [",".join(cols)]
    for rid, name in ((far, "far"), (far + 7, "farther"), (3 * far, "farthest")):
        lines.append(",".join(str(rid) if c == "id" else name if c == "name_ja" else ""
                              for c in cols))
    file = tmp_path / "far.csv"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    interchange.import_file(db, "subject_category", file)
    assert v.verify(db).ok
    with db.engine.begin() as conn:
        conn.exec_driver_sql(f"DELETE FROM {TABLES['subject_category'].name} WHERE id = {far}")
        conn.exec_driver_sql(f"UPDATE {TABLES['subject_category'].name} SET name_ja = 'x' "
                             f"WHERE id = {3 * far}")
    problems = v.verify(db).problems
    assert f"subject_category {far} is missing (removed behind the app's back)" in problems
    assert any(f"subject_category {3 * far} differs" in p for p in problems)
    assert len(problems) == 2, problems
