"""Service validation of every entity: each error names the field and what is wrong."""

from __future__ import annotations

import pytest

from privacydesk.domain.entities import ENTITIES
from privacydesk.domain.fields import FieldType
from privacydesk.services import records
from privacydesk.store.verify import verify

CREATABLE = [e for e in ENTITIES if not e.single]

BAD_VALUE = {
    FieldType.INT: ("many", "whole number"),
    FieldType.REF: ("seven", "whole number"),
    FieldType.BOOL: ("perhaps", "true or false"),
    FieldType.DATE: ("2026/11/26", "YYYY-MM-DD"),
    FieldType.DATETIME: ("2026-11-26T10:00", "time zone"),
    FieldType.CHOICE: ("no-such-choice", "is not one of"),
    FieldType.MULTICHOICE: (["no-such-choice"], "is not one of"),
    FieldType.MULTIREF: ([999_999], "does not exist"),
    FieldType.TEXT: ("two\nlines", "single line"),
}


@pytest.mark.parametrize("e", CREATABLE, ids=lambda e: e.name)
def test_every_required_field_is_named_when_missing(db, e):
    before = verify(db).entries
    with pytest.raises(records.ValidationError) as caught:
        records.create(db, e.name, {f.name: None for f in e.stored})
    named = {err.field for err in caught.value.errors}
    assert named == {f.name for f in e.stored if f.required}
    for f in e.stored:
        if f.required:
            assert f"field {f.name} ({f.label_en}): is required" in str(caught.value)
    assert verify(db).entries == before  # nothing written


@pytest.mark.parametrize("e", CREATABLE, ids=lambda e: e.name)
def test_every_field_rejects_a_value_of_the_wrong_kind(db, make, e):
    row_id = make(e.name)
    for f in e.stored:
        bad = BAD_VALUE.get(f.type)
        if bad is None or (f.type is FieldType.TEXT and f.choices):
            continue
        value, message = bad
        if f.type is FieldType.CHOICE and not f.choices:
            continue
        with pytest.raises(records.ValidationError) as caught:
            records.update(db, e.name, row_id, {f.name: value})
        assert [err.field for err in caught.value.errors] == [f.name], f.name
        assert message in caught.value.errors[0].message, (f.name, caught.value.errors)


@pytest.mark.parametrize("e", CREATABLE, ids=lambda e: e.name)
def test_unknown_and_computed_fields_are_refused(db, e):
    values = {"no_such_field": 1}
    if e.computed:
        values[e.computed[0].name] = None
    with pytest.raises(records.ValidationError) as caught:
        records.create(db, e.name, values)
    named = {err.field for err in caught.value.errors}
    assert "no_such_field" in named
    if e.computed:
        assert e.computed[0].name in named


def test_ranges_lengths_uniqueness_and_references(db, make):
    staff = make("staff", employee_no="E-1")
    with pytest.raises(records.ValidationError, match="'E-1' is already used"):
        make("staff", employee_no="E-1")
    with pytest.raises(records.ValidationError, match="must be at most 100"):
        make("completion", staff=staff, score=101)
    with pytest.raises(records.ValidationError, match="at most 2 characters"):
        make("counterparty", country="JPN")
    with pytest.raises(records.ValidationError, match="Staff member 4242, which does not exist"):
        make("grant", staff=4242)
    with pytest.raises(records.ValidationError, match="not a calendar date"):
        make("request", received_on="2026-02-30")
