"""A version number on every record

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

Two officers may open the same record; whoever saves second would overwrite the
first one's change unseen. Every row now counts its saves: a new row is version 1 and
each update adds one (`row_version`: a policy
version and a course already have a field named version). A save (or an import) that was prepared from an older version
is refused instead of overwriting. Existing rows start at 1.

The version is not part of the audit entries' row (like updated_at, it only says
when the row was written), so the rows still match their last entry after this
migration and `verify` passes without restating them.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# the entity tables of this revision (the domain may gain more later)
TABLES = (
    "setting", "organization", "policy_version", "purpose", "provision_exception",
    "refusal_ground", "sensitive_category", "staff", "safety_measure", "data_category",
    "subject_category", "counterparty", "data_asset", "consent_record", "provision_record",
    "receipt_record", "entrustee", "entrustee_check", "foreign_transfer", "transfer_check",
    "data_subject_request", "incident", "incident_report", "complaint", "training_course",
    "training_completion", "access_grant", "access_review", "review_decision",
)


def upgrade() -> None:
    # a plain ALTER TABLE ... ADD COLUMN with a constant default: SQLite does not
    # rewrite the table, PostgreSQL fills the default without rewriting either
    for name in TABLES:
        op.add_column(name, sa.Column("row_version", sa.Integer(), nullable=False,
                                      server_default=sa.text("1")))


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35 and later): no table is rebuilt, so
    # tables that others refer to can go back with foreign keys enforced
    for name in TABLES:
        op.drop_column(name, "row_version")
