"""Search indexes of the consent ledger (SQLite)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

A search of the consent ledger for a subject reference, an evidence reference or a
guardian's name read every one of a million rows (about 20 s on a cold cache). Two
FTS5 tables over the searched text columns answer from an index instead:

- `consent_record_fts` (trigram tokenizer): any substring of three characters or more;
- `consent_record_words` (unicode61 tokenizer with one- and two-character prefix
  indexes): the beginning of a word, for shorter terms ("佐藤", "U0").

Triggers keep both in step with every insert, update and delete, whoever writes; the
migration fills them from the rows present. PostgreSQL has no FTS5: there the
services search with ILIKE and no index is made.
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLE = "consent_record"
COLUMNS = ("subject_ref", "evidence_ref", "guardian")
INDEXES = {
    "consent_record_fts": "tokenize='trigram'",
    "consent_record_words": "tokenize='unicode61 remove_diacritics 2', prefix='1 2'",
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    cols = ", ".join(COLUMNS)
    new = ", ".join(f"new.{c}" for c in COLUMNS)
    old = ", ".join(f"old.{c}" for c in COLUMNS)
    for index, options in INDEXES.items():
        op.execute(f"CREATE VIRTUAL TABLE {index} USING fts5({cols}, content='{TABLE}', "
                   f"content_rowid='id', {options})")
        op.execute(f"CREATE TRIGGER {index}_ai AFTER INSERT ON {TABLE} BEGIN "
                   f"INSERT INTO {index}(rowid, {cols}) VALUES (new.id, {new}); END")
        op.execute(f"CREATE TRIGGER {index}_ad AFTER DELETE ON {TABLE} BEGIN "
                   f"INSERT INTO {index}({index}, rowid, {cols}) "
                   f"VALUES ('delete', old.id, {old}); END")
        op.execute(f"CREATE TRIGGER {index}_au AFTER UPDATE OF {cols} ON {TABLE} BEGIN "
                   f"INSERT INTO {index}({index}, rowid, {cols}) "
                   f"VALUES ('delete', old.id, {old}); "
                   f"INSERT INTO {index}(rowid, {cols}) VALUES (new.id, {new}); END")
        op.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for index in INDEXES:
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {index}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {index}")
