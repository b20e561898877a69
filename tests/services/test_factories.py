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
