"""Composite index for the consent ledger (by policy version, purpose and status)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

The consent ledger report and the consent tab group a million records by policy
version and purpose; without this index each grouping scans the whole table.
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_consent_record_policy_version_purpose_status",
        "consent_record",
        ["policy_version", "purpose", "status"],
    )


def downgrade() -> None:
    op.drop_index("ix_consent_record_policy_version_purpose_status", table_name="consent_record")
