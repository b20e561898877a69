"""Alembic environment: always run on a connection handed in by the store."""

from alembic import context

from privacydesk.store.models import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("PrivacyDesk migrations run through privacydesk.store.migrations")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
