"""Shared fixtures: a fresh encrypted database per test, and row factories.

Creating a database derives a key and seeds the catalog (~0.4 s), so one template is
made per session and each test gets a byte copy of it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from privacydesk.store.database import Database, create_database, open_database

PASSPHRASE = "correct horse battery"


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = create_database(path, PASSPHRASE, officer="Test Officer")
    db.close()
    return path


@pytest.fixture(scope="session")
def passphrase() -> str:
    return PASSPHRASE


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "privacy.db"
    shutil.copy2(template_db, path)
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path, PASSPHRASE)
    yield database
    database.close()


# --- factories --------------------------------------------------------------------------

_counter = iter(range(1, 10**9))


def _n() -> int:
    return next(_counter)


def _default_values(db: Database, entity_name: str) -> dict[str, Any]:
    """Minimal valid values for each entity; referenced rows are made on demand."""
    from privacydesk.services import records

    def one(name: str) -> int:
        page = records.page(db, name, limit=1, sort="id")
        return page.rows[0]["id"] if page.rows else make_row(db, name)

    n = _n()
    d = date(2026, 10, 1)
    match entity_name:
        case "setting":
            return {"key": f"custom_{n}", "value": "x"}
        case "policy_version":
            return {"version": f"2026-{n}", "effective_from": d}
        case "purpose":
            return {"code": f"Z{n}", "text_ja": "テスト目的", "text_en": "Test purpose"}
        case "provision_exception":
            return {"code": f"X{n}", "text_ja": "例外", "text_en": "Exception"}
        case "refusal_ground":
            return {"code": f"R{n}", "text_ja": "事由", "text_en": "Ground"}
        case "sensitive_category":
            return {"scheme": "appi", "code": f"T-{n}", "text_ja": "区分", "text_en": "Category"}
        case "staff":
            return {"employee_no": f"E{n:05d}", "name": "山田 太郎", "department": "開発部",
                    "started_on": date(2020, 4, 1)}
        case "safety_measure":
            return {"category": "C", "code": f"C{n + 10}", "title_ja": "措置",
                    "title_en": "Measure"}
        case "data_category":
            return {"name_ja": f"項目{n}"}
        case "subject_category":
            return {"name_ja": f"区分{n}"}
        case "counterparty":
            return {"name": f"株式会社テスト{n}", "country": "JP", "role": "entrustee"}
        case "data_asset":
            return {"name": f"台帳{n}", "kind": "database", "owner_department": "開発部",
                    "acquisition": "direct_web_form", "purposes": [one("purpose")]}
        case "consent":
            return {"subject_ref": f"U{n:08d}", "scope": "purpose", "purpose": one("purpose"),
                    "policy_version": one("policy_version"), "channel": "checkbox",
                    "captured_at": datetime(2026, 10, 1, 3, 0, tzinfo=UTC)}
        case "provision_record":
            return {"recipient": one("counterparty"), "basis": "consent", "subjects": "U1",
                    "data_items": "氏名", "provided_on": d, "method": "each"}
        case "receipt_record":
            return {"provider": one("counterparty"), "provider_identity_check": "登記事項証明書",
                    "provider_acquisition": "本人の同意", "received_on": d, "subjects": "U1",
                    "data_items": "氏名", "method": "each"}
        case "entrustee":
            return {"counterparty": one("counterparty"), "services": "コールセンター業務"}
        case "entrustee_check":
            return {"entrustee": one("entrustee"), "checked_on": d, "method": "documents"}
        case "foreign_transfer":
            return {"counterparty": one("counterparty"), "recipient_country": "US",
                    "basis": "equivalent_measures"}
        case "transfer_check":
            return {"transfer": one("foreign_transfer"), "checked_on": d}
        case "request":
            return {"kind": "appi_disclosure", "law": "APPI", "received_on": d,
                    "channel": "web_form", "subject_ref": f"U{n:08d}"}
        case "incident":
            return {"title": f"事案{n}", "known_at": datetime(2026, 10, 1, 1, 0, tzinfo=UTC),
                    "kind": "leak", "cause": "misdelivery", "affected_max": 3}
        case "incident_report":
            return {"incident": one("incident"), "kind": "ppc_preliminary", "submitted_on": d}
        case "complaint":
            return {"received_on": d, "channel": "email", "category": "handling",
                    "summary": "メールが届く"}
        case "course":
            return {"title_ja": "基礎研修", "title_en": "Basics", "version": f"{n}",
                    "refresher_months": 12}
        case "completion":
            return {"staff": one("staff"), "course": one("course"), "completed_on": d}
        case "grant":
            return {"staff": one("staff"), "asset": one("data_asset"), "level": "read",
                    "justification": "業務上必要", "granted_on": d}
        case "access_review":
            return {"scope": "会員DB", "reviewer": "佐藤", "started_on": d}
        case "review_decision":
            return {"review": one("access_review"), "grant": one("grant"), "decision": "keep",
                    "decided_on": d}
        case "organization":
            raise ValueError("the organization is seeded; update it instead")
    raise KeyError(entity_name)


def make_row(db: Database, entity_name: str, **overrides: Any) -> int:
    """Create a valid row through the services and return its id."""
    from privacydesk.services import records

    values = {**_default_values(db, entity_name), **overrides}
    return records.create(db, entity_name, values, today=date(2026, 11, 26))


@pytest.fixture
def make(db: Database):
    """make("request", received_on=date(...)) -> id of a new valid row."""

    def factory(entity_name: str, **overrides: Any) -> int:
        return make_row(db, entity_name, **overrides)

    return factory
