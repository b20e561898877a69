"""Qt item models over the services (no SQL here: they call services and format)."""
