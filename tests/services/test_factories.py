"""Every entity can be created through the services from the factory defaults."""

from __future__ import annotations

import pytest

from privacydesk.domain.entities import ENTITIES
from privacydesk.services import records


@pytest.mark.parametrize("name", [e.name for e in ENTITIES if not e.single])
def test_factory_creates_valid_row(db, make, name):
    row_id = make(name)
    row = records.get(db, name, row_id)
    assert row["id"] == row_id


def test_settings_are_typed_and_checked(db):
    from privacydesk.services import settings

    assert settings.get(db, "appi_request_days") == 14
    settings.put(db, "appi_request_days", "10")
    assert settings.get(db, "appi_request_days") == 10
    with pytest.raises(records.ValidationError, match="at most 60"):
        settings.put(db, "appi_request_days", 61)
    with pytest.raises(records.ValidationError, match="whole number"):
        records.create(db, "setting", {"key": "due_soon_days", "value": "soon"})
    assert settings.get(db, "due_soon_days") == 7
