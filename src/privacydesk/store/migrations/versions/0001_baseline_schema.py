"""Baseline schema: every entity of the domain, the audit trail and its head

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 06:45:24.362788
"""

import sqlalchemy as sa
from alembic import op

import privacydesk.store.models


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('access_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('scope', sa.Text(), nullable=False),
    sa.Column('reviewer', sa.Text(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('attested_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_access_review'))
    )
    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('hash', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head'))
    )
    op.create_table('audit_log',
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False, nullable=False),
    sa.Column('at', sa.Text(), nullable=False),
    sa.Column('officer', sa.Text(), nullable=False),
    sa.Column('os_user', sa.Text(), nullable=False),
    sa.Column('entity', sa.Text(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.Column('prev_hash', sa.Text(), nullable=False),
    sa.Column('hash', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_entity_row', ['entity', 'entity_id', 'seq'], unique=False)

    op.create_table('counterparty',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('representative', sa.Text(), nullable=True),
    sa.Column('country', sa.Text(), nullable=False),
    sa.Column('role', sa.Text(), nullable=False),
    sa.Column('certifications', sa.Text(), nullable=True),
    sa.Column('equivalence_basis', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_counterparty'))
    )
    with op.batch_alter_table('counterparty', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_counterparty_name'), ['name'], unique=False)

    op.create_table('incident',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('detected_at', privacydesk.store.models.UTCDateTime(), nullable=True),
    sa.Column('known_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('cause', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('assets', sa.JSON(), nullable=True),
    sa.Column('data_categories', sa.JSON(), nullable=True),
    sa.Column('affected_max', sa.BigInteger(), nullable=False),
    sa.Column('high_level_encryption', sa.Boolean(), nullable=True),
    sa.Column('override_sensitive', sa.Text(), nullable=True),
    sa.Column('override_financial', sa.Text(), nullable=True),
    sa.Column('override_wrongful', sa.Text(), nullable=True),
    sa.Column('override_reason', sa.Text(), nullable=True),
    sa.Column('individuals_notified_on', sa.Date(), nullable=True),
    sa.Column('notice_method', sa.Text(), nullable=True),
    sa.Column('alternative_measure', sa.Text(), nullable=True),
    sa.Column('gdpr_applies', sa.Boolean(), nullable=True),
    sa.Column('gdpr_aware_at', privacydesk.store.models.UTCDateTime(), nullable=True),
    sa.Column('authority_notified_at', privacydesk.store.models.UTCDateTime(), nullable=True),
    sa.Column('delay_reason', sa.Text(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident'))
    )
    op.create_table('organization',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('representative', sa.Text(), nullable=True),
    sa.Column('officer', sa.Text(), nullable=True),
    sa.Column('complaints_desk', sa.Text(), nullable=True),
    sa.Column('jurisdictions', sa.JSON(), nullable=True),
    sa.Column('holiday_calendar', sa.Text(), nullable=False),
    sa.Column('small_business', sa.Boolean(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organization'))
    )
    op.create_table('policy_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('version', sa.Text(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('document_hash', sa.Text(), nullable=True),
    sa.Column('change_summary', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_version')),
    sa.UniqueConstraint('version', name=op.f('uq_policy_version_version'))
    )
    op.create_table('provision_exception',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('code', sa.Text(), nullable=False),
    sa.Column('text_ja', sa.Text(), nullable=False),
    sa.Column('text_en', sa.Text(), nullable=False),
    sa.Column('legal_basis', sa.Text(), nullable=True),
    sa.Column('basis', sa.Text(), nullable=True),
    sa.Column('needs_legal_review', sa.Boolean(), nullable=True),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_provision_exception')),
    sa.UniqueConstraint('code', name=op.f('uq_provision_exception_code'))
    )
    op.create_table('refusal_ground',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('code', sa.Text(), nullable=False),
    sa.Column('text_ja', sa.Text(), nullable=False),
    sa.Column('text_en', sa.Text(), nullable=False),
    sa.Column('article', sa.Text(), nullable=True),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refusal_ground')),
    sa.UniqueConstraint('code', name=op.f('uq_refusal_ground_code'))
    )
    op.create_table('sensitive_category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('scheme', sa.Text(), nullable=False),
    sa.Column('code', sa.Text(), nullable=False),
    sa.Column('text_ja', sa.Text(), nullable=False),
    sa.Column('text_en', sa.Text(), nullable=False),
    sa.Column('appi_sensitive', sa.Boolean(), nullable=True),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sensitive_category')),
    sa.UniqueConstraint('code', name=op.f('uq_sensitive_category_code'))
    )
    op.create_table('setting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('value', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_setting')),
    sa.UniqueConstraint('key', name=op.f('uq_setting_key'))
    )
    op.create_table('staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('employee_no', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('name_latin', sa.Text(), nullable=True),
    sa.Column('employment_type', sa.Text(), nullable=False),
    sa.Column('department', sa.Text(), nullable=True),
    sa.Column('role', sa.Text(), nullable=True),
    sa.Column('email', sa.Text(), nullable=True),
    sa.Column('handles_personal_data', sa.Boolean(), nullable=True),
    sa.Column('confidentiality_ack_on', sa.Date(), nullable=True),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff')),
    sa.UniqueConstraint('employee_no', name=op.f('uq_staff_employee_no'))
    )
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_department'), ['department'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_name'), ['name'], unique=False)

    op.create_table('subject_category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subject_category')),
    sa.UniqueConstraint('name', name=op.f('uq_subject_category_name'))
    )
    op.create_table('training_course',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('title_ja', sa.Text(), nullable=False),
    sa.Column('title_en', sa.Text(), nullable=False),
    sa.Column('version', sa.Text(), nullable=False),
    sa.Column('audience', sa.Text(), nullable=True),
    sa.Column('mandatory', sa.Boolean(), nullable=True),
    sa.Column('refresher_months', sa.BigInteger(), nullable=False),
    sa.Column('pass_score', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_course'))
    )
    op.create_table('data_asset',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('owner_department', sa.Text(), nullable=False),
    sa.Column('responsible', sa.Integer(), nullable=True),
    sa.Column('purposes', sa.JSON(), nullable=True),
    sa.Column('data_categories', sa.JSON(), nullable=True),
    sa.Column('subject_categories', sa.JSON(), nullable=True),
    sa.Column('acquisition', sa.Text(), nullable=False),
    sa.Column('estimated_people', sa.BigInteger(), nullable=True),
    sa.Column('storage_country', sa.Text(), nullable=True),
    sa.Column('retention_rule', sa.Text(), nullable=True),
    sa.Column('deletion_method', sa.Text(), nullable=True),
    sa.Column('entrustees', sa.JSON(), nullable=True),
    sa.Column('recipients', sa.JSON(), nullable=True),
    sa.Column('derivation', sa.Text(), nullable=True),
    sa.Column('derived_from', sa.Integer(), nullable=True),
    sa.Column('gdpr_controller', sa.Text(), nullable=True),
    sa.Column('gdpr_basis', sa.Text(), nullable=True),
    sa.Column('gdpr_transfers', sa.Text(), nullable=True),
    sa.Column('gdpr_security', sa.Text(), nullable=True),
    sa.Column('last_reviewed_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['derived_from'], ['data_asset.id'], name=op.f('fk_data_asset_derived_from_data_asset'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['responsible'], ['staff.id'], name=op.f('fk_data_asset_responsible_staff'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_asset')),
    sa.UniqueConstraint('name', name=op.f('uq_data_asset_name'))
    )
    op.create_table('data_category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('examples', sa.Text(), nullable=True),
    sa.Column('appi_sensitive', sa.Integer(), nullable=True),
    sa.Column('jis_sensitive', sa.Integer(), nullable=True),
    sa.Column('gdpr_special', sa.Integer(), nullable=True),
    sa.Column('financial_risk', sa.Boolean(), nullable=True),
    sa.Column('person_related', sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(['appi_sensitive'], ['sensitive_category.id'], name=op.f('fk_data_category_appi_sensitive_sensitive_category'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['gdpr_special'], ['sensitive_category.id'], name=op.f('fk_data_category_gdpr_special_sensitive_category'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['jis_sensitive'], ['sensitive_category.id'], name=op.f('fk_data_category_jis_sensitive_sensitive_category'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_category')),
    sa.UniqueConstraint('name', name=op.f('uq_data_category_name'))
    )
    op.create_table('data_subject_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('law', sa.Text(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('channel', sa.Text(), nullable=False),
    sa.Column('subject_ref', sa.Text(), nullable=False),
    sa.Column('requester', sa.Text(), nullable=False),
    sa.Column('authority_proof', sa.Text(), nullable=True),
    sa.Column('identity_method', sa.Text(), nullable=True),
    sa.Column('identity_verified_on', sa.Date(), nullable=True),
    sa.Column('identity_verified_by', sa.Text(), nullable=True),
    sa.Column('identity_doubt', sa.Boolean(), nullable=True),
    sa.Column('identity_proof_on', sa.Date(), nullable=True),
    sa.Column('response_method', sa.Text(), nullable=True),
    sa.Column('extended', sa.Boolean(), nullable=True),
    sa.Column('extension_notified_on', sa.Date(), nullable=True),
    sa.Column('extension_reason', sa.Text(), nullable=True),
    sa.Column('status', sa.Text(), nullable=False),
    sa.Column('decision', sa.Text(), nullable=True),
    sa.Column('refusal_ground', sa.Integer(), nullable=True),
    sa.Column('reason_explained', sa.Text(), nullable=True),
    sa.Column('identity_override', sa.Text(), nullable=True),
    sa.Column('responded_on', sa.Date(), nullable=True),
    sa.Column('fee', sa.BigInteger(), nullable=True),
    sa.Column('systems_actioned', sa.Text(), nullable=True),
    sa.Column('recipients_notified', sa.Text(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['refusal_ground'], ['refusal_ground.id'], name=op.f('fk_data_subject_request_refusal_ground_refusal_ground'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_subject_request'))
    )
    with op.batch_alter_table('data_subject_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_data_subject_request_law'), ['law'], unique=False)
        batch_op.create_index(batch_op.f('ix_data_subject_request_received_on'), ['received_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_data_subject_request_status'), ['status'], unique=False)

    op.create_table('entrustee',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('counterparty', sa.Integer(), nullable=False),
    sa.Column('services', sa.Text(), nullable=False),
    sa.Column('assets', sa.JSON(), nullable=True),
    sa.Column('selected_on', sa.Date(), nullable=True),
    sa.Column('selection_measures', sa.JSON(), nullable=True),
    sa.Column('clause_security', sa.Boolean(), nullable=True),
    sa.Column('clause_audit', sa.Boolean(), nullable=True),
    sa.Column('clause_subcontract', sa.Boolean(), nullable=True),
    sa.Column('breach_notice_hours', sa.BigInteger(), nullable=True),
    sa.Column('clause_return', sa.Boolean(), nullable=True),
    sa.Column('sub_entrustees', sa.Text(), nullable=True),
    sa.Column('audit_cycle_months', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['counterparty'], ['counterparty.id'], name=op.f('fk_entrustee_counterparty_counterparty'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entrustee'))
    )
    op.create_table('foreign_transfer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('counterparty', sa.Integer(), nullable=False),
    sa.Column('recipient_country', sa.Text(), nullable=False),
    sa.Column('server_country', sa.Text(), nullable=True),
    sa.Column('basis', sa.Text(), nullable=False),
    sa.Column('info_country', sa.Boolean(), nullable=True),
    sa.Column('info_regime', sa.Boolean(), nullable=True),
    sa.Column('info_measures', sa.Boolean(), nullable=True),
    sa.Column('regime_notes', sa.Text(), nullable=True),
    sa.Column('check_cycle_months', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['counterparty'], ['counterparty.id'], name=op.f('fk_foreign_transfer_counterparty_counterparty'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_foreign_transfer'))
    )
    op.create_table('incident_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('incident', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('submitted_on', sa.Date(), nullable=False),
    sa.Column('reference', sa.Text(), nullable=True),
    sa.Column('overview', sa.Text(), nullable=True),
    sa.Column('data_items', sa.Text(), nullable=True),
    sa.Column('people_count', sa.BigInteger(), nullable=True),
    sa.Column('cause', sa.Text(), nullable=True),
    sa.Column('secondary_damage', sa.Text(), nullable=True),
    sa.Column('individuals_response', sa.Text(), nullable=True),
    sa.Column('publication', sa.Text(), nullable=True),
    sa.Column('prevention', sa.Text(), nullable=True),
    sa.Column('other', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['incident'], ['incident.id'], name=op.f('fk_incident_report_incident_incident'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_report'))
    )
    with op.batch_alter_table('incident_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_report_incident'), ['incident'], unique=False)

    op.create_table('provision_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('recipient', sa.Integer(), nullable=False),
    sa.Column('basis', sa.Text(), nullable=False),
    sa.Column('exception', sa.Integer(), nullable=True),
    sa.Column('consent_ref', sa.Text(), nullable=True),
    sa.Column('subjects', sa.Text(), nullable=False),
    sa.Column('data_items', sa.Text(), nullable=False),
    sa.Column('provided_on', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('method', sa.Text(), nullable=False),
    sa.Column('last_provided_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['exception'], ['provision_exception.id'], name=op.f('fk_provision_record_exception_provision_exception'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['recipient'], ['counterparty.id'], name=op.f('fk_provision_record_recipient_counterparty'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_provision_record'))
    )
    with op.batch_alter_table('provision_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_provision_record_recipient'), ['recipient'], unique=False)

    op.create_table('purpose',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('code', sa.Text(), nullable=False),
    sa.Column('text_ja', sa.Text(), nullable=False),
    sa.Column('text_en', sa.Text(), nullable=False),
    sa.Column('third_party_provision', sa.Boolean(), nullable=True),
    sa.Column('consent_required', sa.Boolean(), nullable=True),
    sa.Column('gdpr_basis', sa.Text(), nullable=True),
    sa.Column('introduced_in', sa.Integer(), nullable=True),
    sa.Column('retired_in', sa.Integer(), nullable=True),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['introduced_in'], ['policy_version.id'], name=op.f('fk_purpose_introduced_in_policy_version'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['retired_in'], ['policy_version.id'], name=op.f('fk_purpose_retired_in_policy_version'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purpose')),
    sa.UniqueConstraint('code', name=op.f('uq_purpose_code'))
    )
    op.create_table('receipt_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('provider', sa.Integer(), nullable=False),
    sa.Column('provider_identity_check', sa.Text(), nullable=False),
    sa.Column('provider_acquisition', sa.Text(), nullable=False),
    sa.Column('acquisition_evidence', sa.Text(), nullable=True),
    sa.Column('consent_or_opt_out', sa.Text(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('subjects', sa.Text(), nullable=False),
    sa.Column('data_items', sa.Text(), nullable=False),
    sa.Column('method', sa.Text(), nullable=False),
    sa.Column('last_received_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['provider'], ['counterparty.id'], name=op.f('fk_receipt_record_provider_counterparty'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipt_record'))
    )
    with op.batch_alter_table('receipt_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_receipt_record_provider'), ['provider'], unique=False)

    op.create_table('safety_measure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('category', sa.Text(), nullable=False),
    sa.Column('code', sa.Text(), nullable=False),
    sa.Column('title_ja', sa.Text(), nullable=False),
    sa.Column('title_en', sa.Text(), nullable=False),
    sa.Column('publication_ja', sa.Text(), nullable=True),
    sa.Column('publication_en', sa.Text(), nullable=True),
    sa.Column('status', sa.Text(), nullable=False),
    sa.Column('owner', sa.Integer(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.Column('last_assessed_on', sa.Date(), nullable=True),
    sa.Column('review_cycle_months', sa.BigInteger(), nullable=True),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['owner'], ['staff.id'], name=op.f('fk_safety_measure_owner_staff'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safety_measure')),
    sa.UniqueConstraint('code', name=op.f('uq_safety_measure_code'))
    )
    op.create_table('training_completion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('staff', sa.Integer(), nullable=False),
    sa.Column('course', sa.Integer(), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=False),
    sa.Column('score', sa.BigInteger(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['course'], ['training_course.id'], name=op.f('fk_training_completion_course_training_course'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['staff'], ['staff.id'], name=op.f('fk_training_completion_staff_staff'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_completion'))
    )
    with op.batch_alter_table('training_completion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_completion_course'), ['course'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_completion_staff'), ['staff'], unique=False)

    op.create_table('access_grant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('staff', sa.Integer(), nullable=False),
    sa.Column('asset', sa.Integer(), nullable=False),
    sa.Column('level', sa.Text(), nullable=False),
    sa.Column('justification', sa.Text(), nullable=False),
    sa.Column('granted_by', sa.Text(), nullable=True),
    sa.Column('granted_on', sa.Date(), nullable=False),
    sa.Column('last_reviewed_on', sa.Date(), nullable=True),
    sa.Column('review_cycle_months', sa.BigInteger(), nullable=True),
    sa.Column('revoked_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['asset'], ['data_asset.id'], name=op.f('fk_access_grant_asset_data_asset'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['staff'], ['staff.id'], name=op.f('fk_access_grant_staff_staff'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_access_grant'))
    )
    with op.batch_alter_table('access_grant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_access_grant_asset'), ['asset'], unique=False)
        batch_op.create_index(batch_op.f('ix_access_grant_staff'), ['staff'], unique=False)

    op.create_table('complaint',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('channel', sa.Text(), nullable=False),
    sa.Column('category', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('request', sa.Integer(), nullable=True),
    sa.Column('incident', sa.Integer(), nullable=True),
    sa.Column('owner', sa.Integer(), nullable=True),
    sa.Column('actions', sa.Text(), nullable=True),
    sa.Column('resolved_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['incident'], ['incident.id'], name=op.f('fk_complaint_incident_incident'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['owner'], ['staff.id'], name=op.f('fk_complaint_owner_staff'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['request'], ['data_subject_request.id'], name=op.f('fk_complaint_request_data_subject_request'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint'))
    )
    op.create_table('consent_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('subject_ref', sa.Text(), nullable=False),
    sa.Column('scope', sa.Text(), nullable=False),
    sa.Column('purpose', sa.Integer(), nullable=True),
    sa.Column('recipient', sa.Integer(), nullable=True),
    sa.Column('country', sa.Text(), nullable=True),
    sa.Column('policy_version', sa.Integer(), nullable=False),
    sa.Column('notice_hash', sa.Text(), nullable=True),
    sa.Column('channel', sa.Text(), nullable=False),
    sa.Column('captured_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('evidence_ref', sa.Text(), nullable=True),
    sa.Column('guardian', sa.Text(), nullable=True),
    sa.Column('status', sa.Text(), nullable=False),
    sa.Column('withdrawn_at', privacydesk.store.models.UTCDateTime(), nullable=True),
    sa.Column('withdrawal_channel', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['policy_version'], ['policy_version.id'], name=op.f('fk_consent_record_policy_version_policy_version'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['purpose'], ['purpose.id'], name=op.f('fk_consent_record_purpose_purpose'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['recipient'], ['counterparty.id'], name=op.f('fk_consent_record_recipient_counterparty'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_record'))
    )
    with op.batch_alter_table('consent_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_record_captured_at'), ['captured_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_record_policy_version'), ['policy_version'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_record_purpose'), ['purpose'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_record_scope'), ['scope'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_record_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_record_subject_ref'), ['subject_ref'], unique=False)

    op.create_table('entrustee_check',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('entrustee', sa.Integer(), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=False),
    sa.Column('method', sa.Text(), nullable=False),
    sa.Column('findings', sa.Text(), nullable=True),
    sa.Column('corrective_actions', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['entrustee'], ['entrustee.id'], name=op.f('fk_entrustee_check_entrustee_entrustee'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entrustee_check'))
    )
    with op.batch_alter_table('entrustee_check', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entrustee_check_entrustee'), ['entrustee'], unique=False)

    op.create_table('transfer_check',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('transfer', sa.Integer(), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=False),
    sa.Column('findings', sa.Text(), nullable=True),
    sa.Column('obstacles', sa.Boolean(), nullable=True),
    sa.Column('actions', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['transfer'], ['foreign_transfer.id'], name=op.f('fk_transfer_check_transfer_foreign_transfer'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transfer_check'))
    )
    with op.batch_alter_table('transfer_check', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_transfer_check_transfer'), ['transfer'], unique=False)

    op.create_table('review_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Text(), nullable=False),
    sa.Column('updated_at', privacydesk.store.models.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Text(), nullable=False),
    sa.Column('review', sa.Integer(), nullable=False),
    sa.Column('grant', sa.Integer(), nullable=False),
    sa.Column('decision', sa.Text(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['grant'], ['access_grant.id'], name=op.f('fk_review_decision_grant_access_grant'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['review'], ['access_review.id'], name=op.f('fk_review_decision_review_access_review'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_decision'))
    )
    with op.batch_alter_table('review_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_decision_grant'), ['grant'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_decision_review'), ['review'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('review_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_decision_review'))
        batch_op.drop_index(batch_op.f('ix_review_decision_grant'))

    op.drop_table('review_decision')
    with op.batch_alter_table('transfer_check', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_transfer_check_transfer'))

    op.drop_table('transfer_check')
    with op.batch_alter_table('entrustee_check', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entrustee_check_entrustee'))

    op.drop_table('entrustee_check')
    with op.batch_alter_table('consent_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_record_subject_ref'))
        batch_op.drop_index(batch_op.f('ix_consent_record_status'))
        batch_op.drop_index(batch_op.f('ix_consent_record_scope'))
        batch_op.drop_index(batch_op.f('ix_consent_record_purpose'))
        batch_op.drop_index(batch_op.f('ix_consent_record_policy_version'))
        batch_op.drop_index(batch_op.f('ix_consent_record_captured_at'))

    op.drop_table('consent_record')
    op.drop_table('complaint')
    with op.batch_alter_table('access_grant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_access_grant_staff'))
        batch_op.drop_index(batch_op.f('ix_access_grant_asset'))

    op.drop_table('access_grant')
    with op.batch_alter_table('training_completion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_completion_staff'))
        batch_op.drop_index(batch_op.f('ix_training_completion_course'))

    op.drop_table('training_completion')
    op.drop_table('safety_measure')
    with op.batch_alter_table('receipt_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_receipt_record_provider'))

    op.drop_table('receipt_record')
    op.drop_table('purpose')
    with op.batch_alter_table('provision_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_provision_record_recipient'))

    op.drop_table('provision_record')
    with op.batch_alter_table('incident_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_report_incident'))

    op.drop_table('incident_report')
    op.drop_table('foreign_transfer')
    op.drop_table('entrustee')
    with op.batch_alter_table('data_subject_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_data_subject_request_status'))
        batch_op.drop_index(batch_op.f('ix_data_subject_request_received_on'))
        batch_op.drop_index(batch_op.f('ix_data_subject_request_law'))

    op.drop_table('data_subject_request')
    op.drop_table('data_category')
    op.drop_table('data_asset')
    op.drop_table('training_course')
    op.drop_table('subject_category')
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_name'))
        batch_op.drop_index(batch_op.f('ix_staff_department'))

    op.drop_table('staff')
    op.drop_table('setting')
    op.drop_table('sensitive_category')
    op.drop_table('refusal_ground')
    op.drop_table('provision_exception')
    op.drop_table('policy_version')
    op.drop_table('organization')
    op.drop_table('incident')
    with op.batch_alter_table('counterparty', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_counterparty_name'))

    op.drop_table('counterparty')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_entity_row')

    op.drop_table('audit_log')
    op.drop_table('audit_head')
    op.drop_table('access_review')
