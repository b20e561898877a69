"""Team mode: setting up a PostgreSQL server and saying who is what on it.

Each use case takes a server database opened with `connection.connect` (which finds
the password and explains a refused login). `init` creates the schema (the same
Alembic chain as a desktop file), seeds the catalog into an empty database, and
creates or refreshes the roles, grants and row-level security policies
(store.server); it is run again after every upgrade.
`grant` and `revoke` change the membership of existing server logins only: logins
and their passwords are the server's business (`createuser`).

A refusal of the server reaches the caller as `NotPermitted` (a StoreError), whose
message names the login and its role: "the server refused the change: kato may only
read (auditor)".
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from privacydesk.domain.fields import Text
from privacydesk.store import seed
from privacydesk.store import server as store_server
from privacydesk.store.database import Database
from privacydesk.store.models import TABLES, audit_head
from privacydesk.store.server import ROLES, Member, NotAServer, NotPermitted

__all__ = ["ROLES", "InitResult", "Member", "NotAServer", "NotPermitted", "departments",
           "grant", "init", "may", "members", "my_departments", "read_only", "require",
           "revoke", "role", "whoami"]


@dataclass(frozen=True)
class InitResult:
    database: str
    seeded: bool  # the catalog was written (the database was empty)
    members: tuple[Member, ...]


@dataclass(frozen=True)
class Identity:
    login: str
    roles: tuple[str, ...]
    departments: tuple[str, ...]


def may(db: Database, entity_name: str, action: str = "read") -> bool:
    """Whether this login may `action` ("read", "create", "update", "delete") records of
    an entity: always on a file; on a server as its role's grants say (the server
    refuses the rest all the same — this only spares the user a refused attempt)."""
    return store_server.may(db.roles, entity_name, action)


READ_ONLY = Text("Read only: ", "参照のみ: ")


def read_only(db: Database, entity_name: str, action: str) -> Text | None:
    """Why this login may not `action` records of an entity (a form's note), or None
    when it may."""
    if may(db, entity_name, action):
        return None
    return READ_ONLY + store_server.role_text(db.os_user, db.roles, db.departments)


def require(db: Database, entity_name: str, action: str = "read") -> None:
    """Refuse up front, as the server would, what this login may not do: NotPermitted
    (before a file or a stream gets a header of what cannot follow)."""
    if not may(db, entity_name, action):
        verb = "SELECT" if action == "read" else "INSERT"
        raise NotPermitted(store_server.refusal(db.os_user, list(db.roles),
                                                list(db.departments), verb))


def my_departments(db: Database) -> tuple[str, ...]:
    """A manager's departments (the data assets' owner departments it sees)."""
    return db.departments


def role(db: Database) -> str:
    """"officer", "auditor" or "manager" for a server login with a PrivacyDesk role;
    "" for a file and for the server database's owner."""
    return next((r for r in ROLES if r in db.roles), "")


def _server(db: Database) -> None:
    if db.dialect != "postgresql":
        raise NotAServer("Roles and grants are for a PostgreSQL server; a database file is "
                         "protected by its passphrase.")


def init(db: Database, *, seed_catalog: bool = True, officer: str = "") -> InitResult:
    """Schema (migrated when `db` was opened without requiring one), catalog (into an
    empty database, unless `seed_catalog` is False: the target of `server push`),
    roles, grants and policies. Idempotent."""
    _server(db)
    with db.read() as conn:
        seq = conn.execute(sa.select(audit_head.c.seq)).scalar()
    seeded = False
    if seed_catalog and not seq:
        seed.seed_catalog(db, officer=officer)
        seeded = True
    with db.engine.begin() as conn:
        store_server.setup(conn)
    with db.read() as conn:
        listed = tuple(store_server.members(conn))
    return InitResult(str(db.engine.url.database), seeded, listed)


def grant(db: Database, login: str, role: str, department: str | None = None) -> list[str]:
    """Make an existing server login an officer, auditor or manager (of `department`);
    returns the roles it held before."""
    _server(db)
    with db.engine.begin() as conn:
        return store_server.grant(conn, login, role, department)


def revoke(db: Database, login: str, role: str | None = None) -> list[str]:
    _server(db)
    with db.engine.begin() as conn:
        return store_server.revoke(conn, login, role)


def departments(db: Database) -> list[str]:
    """The owner departments of the data assets, as written there: the names a
    manager's `--department` must match."""
    asset = TABLES["data_asset"]
    with db.read() as conn:
        return sorted(conn.execute(sa.select(asset.c.owner_department).distinct())
                      .scalars().all())


def members(db: Database) -> list[Member]:
    _server(db)
    with db.read() as conn:
        return store_server.members(conn)


def whoami(db: Database) -> Identity:
    """The login of this connection, its PrivacyDesk roles and a manager's departments."""
    _server(db)
    with db.read() as conn:
        login = store_server.login_of(conn)
        roles = store_server.roles_of(conn)
        depts = store_server.departments_of(conn, login) if "manager" in roles else []
    return Identity(login, tuple(roles), tuple(depts))
