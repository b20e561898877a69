"""Pure domain knowledge: entities, catalogs and deadline rules (no Qt, no SQL)."""
