"""Structured scope of an access review: one data asset and/or one department

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27

The free-text scope said what a review covered to a person only; the grants it covers
(and so whether every one has a decision before attestation) follow from these two.
Both are empty on the reviews made before: they cover every grant.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("access_review", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scope_asset", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("scope_department", sa.Text(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_access_review_scope_asset_data_asset"), "data_asset",
            ["scope_asset"], ["id"], ondelete="RESTRICT")


def downgrade() -> None:
    with op.batch_alter_table("access_review", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_access_review_scope_asset_data_asset"),
                                 type_="foreignkey")
        batch_op.drop_column("scope_department")
        batch_op.drop_column("scope_asset")
