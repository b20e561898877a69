"""PDF reports built from service read-models."""
