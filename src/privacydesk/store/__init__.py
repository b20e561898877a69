"""Persistence: the encrypted engine, the schema, migrations and the audit chain."""
