"""The day the person withdrew a data-subject request

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27

A withdrawn request needs no decision nor response; the date of the withdrawal is
what shows that nothing was owed after it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("data_subject_request", schema=None) as batch_op:
        batch_op.add_column(sa.Column("withdrawn_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("data_subject_request", schema=None) as batch_op:
        batch_op.drop_column("withdrawn_on")
