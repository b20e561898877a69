"""Alembic environment: always run on a connection handed in by the store."""

from alembic import context

from privacydesk.store.models import include_name, metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("PrivacyDesk migrations run through privacydesk.store.migrations")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                  include_name=include_name)
with context.begin_transaction():
    context.run_migrations()
