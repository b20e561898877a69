"""Use cases: validate input, apply the rules, write through the audited store."""
