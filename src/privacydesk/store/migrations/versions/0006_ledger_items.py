"""Every item of a personal information ledger; data categories named in both languages

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

A personal information ledger (個人情報管理台帳, JIS Q 15001 A.3.3.1) records for each
kind of personal information where it is kept, on what medium, how long it is used and
kept, and who may access it; an HR staff list gives each name's reading (フリガナ). The
data inventory gains the storage location, the storage
medium, the period of use and free remarks (who may access follows from the access
grants). A data category and a data subject category had one name that often held
both languages ("Full name / 氏名", "Users / ユーザー"); each now has a Japanese and an
English name, split at " / " where a name holds both (English first, as such names were
written).
"""

import sqlalchemy as sa
from alembic import op

from privacydesk.store.audit import Actor, Writer
from privacydesk.store.database import _os_user

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SEPARATOR = " / "
NAMED = ("data_category", "subject_category")  # tables whose name is split


def _has_japanese(text: str) -> bool:
    return any(ord(ch) >= 0x3000 for ch in text)


def split_name(name: str) -> tuple[str, str | None]:
    """(Japanese name, English name) of a name that may hold both."""
    if SEPARATOR in name:
        left, right = (part.strip() for part in name.split(SEPARATOR, 1))
        if left and right:
            if _has_japanese(left) and not _has_japanese(right):
                return left, right
            return right, left
    return name, None


def upgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_kana", sa.Text(), nullable=True))
    with op.batch_alter_table("data_asset", schema=None) as batch_op:
        batch_op.add_column(sa.Column("remarks", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("storage_location", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("storage_medium", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("period_of_use", sa.Text(), nullable=True))

    for table in NAMED:
        _split_names(table)
    # the trail records each renamed row in its new shape, so `verify` still finds every
    # row equal to its last audit entry (names as they were -> as they are now)
    writer = Writer(op.get_bind(), Actor(officer="schema migration 0006", os_user=_os_user()))
    for table in NAMED:
        writer.restate(table)
    writer.close()


def _split_names(name: str) -> None:
    with op.batch_alter_table(name, schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f(f"uq_{name}_name"), type_="unique")
        batch_op.alter_column("name", new_column_name="name_ja", existing_type=sa.Text(),
                              existing_nullable=False)
        batch_op.add_column(sa.Column("name_en", sa.Text(), nullable=True))
    with op.batch_alter_table(name, schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f(f"uq_{name}_name_ja"), ["name_ja"])
        batch_op.create_index(batch_op.f(f"ix_{name}_name_en"), ["name_en"], unique=False)

    conn = op.get_bind()
    table = sa.table(name, sa.column("id", sa.Integer), sa.column("name_ja", sa.Text),
                     sa.column("name_en", sa.Text))
    for row_id, text in conn.execute(sa.select(table.c.id, table.c.name_ja)).all():
        ja, en = split_name(text)
        if en is not None:
            conn.execute(table.update().where(table.c.id == row_id)
                         .values(name_ja=ja, name_en=en))


def _join_names(name: str) -> None:
    conn = op.get_bind()
    table = sa.table(name, sa.column("id", sa.Integer), sa.column("name_ja", sa.Text),
                     sa.column("name_en", sa.Text))
    for row_id, ja, en in conn.execute(
            sa.select(table.c.id, table.c.name_ja, table.c.name_en)).all():
        if en:
            conn.execute(table.update().where(table.c.id == row_id)
                         .values(name_ja=f"{en}{SEPARATOR}{ja}"))
    with op.batch_alter_table(name, schema=None) as batch_op:
        batch_op.drop_index(batch_op.f(f"ix_{name}_name_en"))
        batch_op.drop_constraint(batch_op.f(f"uq_{name}_name_ja"), type_="unique")
        batch_op.drop_column("name_en")
        batch_op.alter_column("name_ja", new_column_name="name", existing_type=sa.Text(),
                              existing_nullable=False)
    with op.batch_alter_table(name, schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f(f"uq_{name}_name"), ["name"])


def downgrade() -> None:
    for table in NAMED:
        _join_names(table)

    with op.batch_alter_table("data_asset", schema=None) as batch_op:
        batch_op.drop_column("period_of_use")
        batch_op.drop_column("storage_medium")
        batch_op.drop_column("storage_location")
        batch_op.drop_column("remarks")
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_column("name_kana")
