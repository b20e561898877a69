"""What each team-server role may do with each entity, as the window offers it (the
server enforces the same grants, made from the same declarations)."""

from __future__ import annotations

from privacydesk.domain.entities import ENTITIES, entity
from privacydesk.store.server import ACCESS_TABLES, MANAGER_READS, may

ALL = [e.name for e in ENTITIES]
ACTIONS = ("read", "create", "update", "delete")


def test_a_file_the_owner_and_an_officer_may_do_everything():
    for roles in ((), ("officer",), ("officer", "auditor")):
        assert all(may(roles, name, a) for name in ALL for a in ACTIONS)


def test_an_auditor_reads_everything_and_writes_nothing():
    assert all(may(("auditor",), name, "read") for name in ALL)
    assert not any(may(("auditor",), name, a) for name in ALL for a in ACTIONS[1:])


def test_a_manager_decides_access_and_reads_what_it_needs_to_show_it():
    m = ("manager",)
    assert may(m, "grant", "update") and not may(m, "grant", "create")
    assert not may(m, "grant", "delete")
    assert may(m, "access_review", "create") and may(m, "review_decision", "update")
    for name in ("request", "complaint", "consent", "incident", "provision_record",
                 "safety_measure", "entrustee", "foreign_transfer"):
        assert not may(m, name, "read"), name
    assert not any(may(m, name, a) for name in MANAGER_READS for a in ACTIONS[1:])


def test_everything_a_manager_reads_names_only_records_it_may_read_too():
    readable = set(MANAGER_READS) | set(ACCESS_TABLES)
    for name in readable:
        for f in entity(name).fields:
            if f.ref:
                assert f.ref in readable, f"{name}.{f.name} names {f.ref}"
