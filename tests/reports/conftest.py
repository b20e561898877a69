"""Report fixtures: one small demo database made once, copied per test that writes."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from privacydesk.services import demo
from privacydesk.services.session import Database
from privacydesk.store.database import open_database

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="session")
def demo_template(template_db: Path, passphrase: str,
                  tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reports") / "demo.db"
    shutil.copy2(template_db, path)
    db = open_database(path, passphrase)
    try:
        demo.fill(db, "small", seed=3, today=TODAY)
    finally:
        db.close()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path, passphrase: str) -> Iterator[Database]:
    path = tmp_path / "demo.db"
    shutil.copy2(demo_template, path)
    db = open_database(path, passphrase)
    yield db
    db.close()


@pytest.fixture
def today() -> date:
    return TODAY
