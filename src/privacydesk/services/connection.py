"""Connecting to a team server (PostgreSQL), saved connections, moving data.

A server database is named by a URL, `postgresql+psycopg://USER@HOST:PORT/DB`, with
TLS settings as query parameters (`?sslmode=verify-full&sslrootcert=…`). The password
is never part of a saved connection: libpq finds it in `PGPASSWORD` or `~/.pgpass`;
otherwise the server's refusal comes back as `PasswordNeeded`, and the caller asks
for one (a prompt, a dialog) and calls `connect` again with it. The window may keep it
in the system keyring (`keyring_*`), when a keyring backend is usable; without one it
simply asks each time.

`push` copies a desktop database into an empty server database, and `backup_to_file`
writes a server database into a new encrypted file that `restore` accepts; both keep
every row and the audit trail as they are, so the chain verifies on the other side.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from privacydesk.store import database as store
from privacydesk.store import transfer
from privacydesk.store.database import Database, NoSchema, StoreError
from privacydesk.store.transfer import TargetNotEmpty
from privacydesk.store.verify import VerifyReport

__all__ = [
    "ENV_URL",
    "BadUrl",
    "NoSchema",
    "PasswordNeeded",
    "Profile",
    "ServerUnreachable",
    "TargetNotEmpty",
    "WrongPassword",
    "backup_to_file",
    "connect",
    "is_server",
    "keyring_available",
    "keyring_forget",
    "keyring_get",
    "keyring_put",
    "login",
    "profile_from_url",
    "profile_of",
    "push",
    "safe_url",
]

ENV_URL = "PRIVACYDESK_URL"
KEYRING_SERVICE = "PrivacyDesk"

Progress = Callable[[str, int, int], None]


class BadUrl(StoreError):
    """A URL that does not name a PostgreSQL database."""


class PasswordNeeded(StoreError):
    """The server asks for a password and none was found (PGPASSWORD, ~/.pgpass)."""


class WrongPassword(StoreError):
    """The server refused the login with the password given."""


class ServerUnreachable(StoreError):
    """No server answers at the address, or the database does not exist there."""


def safe_url(url: str | sa.URL) -> str:
    """The URL as it may be shown: the password, if any, replaced by ***."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return "(a URL that cannot be read)"


def parse(url: str | sa.URL) -> sa.URL:
    try:
        u = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        raise BadUrl("The URL cannot be read; write it as "
                     "postgresql+psycopg://USER@HOST:PORT/DATABASE.") from None
    if u.get_backend_name() != "postgresql":
        raise BadUrl(f"{safe_url(u)} is not a PostgreSQL URL; write it as "
                     "postgresql+psycopg://USER@HOST:PORT/DATABASE.")
    if u.drivername != "postgresql+psycopg":  # the one driver installed with PrivacyDesk
        u = u.set(drivername="postgresql+psycopg")
    if not u.database:
        raise BadUrl(f"{safe_url(u)} names no database: add /DATABASE after the host.")
    return u


def login(db: Database) -> str:
    """The server login of a server handle ('' for a file)."""
    return (db.engine.url.username or "") if db.path is None else ""


def is_server(db: Database) -> bool:
    return db.path is None


def _explain(u: sa.URL, exc: Exception) -> StoreError:
    text = str(getattr(exc, "orig", exc) or exc)
    where = safe_url(u.set(password=None))
    low = text.lower()
    if "no password supplied" in low or "fe_sendauth" in low:
        return PasswordNeeded(f"The server {where} asks for a password.")
    if "password authentication failed" in low:
        return WrongPassword(f"The server {where} refused the password of "
                             f"{u.username or 'this login'}.")
    m = re.search(r'database "([^"]+)" does not exist', text)
    if m:
        return ServerUnreachable(f"There is no database {m.group(1)} on the server "
                                 f"{u.host or 'local'}; create it with `createdb` "
                                 f"and run `privacydesk server init --url {where}`.")
    if "role" in low and "does not exist" in low:
        return WrongPassword(f"The server {where} knows no login {u.username!r}.")
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return ServerUnreachable(f"Cannot reach the server {where}: {first}")


def connect(url: str | sa.URL, password: str | None = None, *,
            require_schema: bool = True, officer: str = "") -> Database:
    """Open a server database. `password` overrides libpq's own sources.

    Raises BadUrl, PasswordNeeded (ask and call again), WrongPassword,
    ServerUnreachable, NoSchema (run `server init` first) or SchemaTooNew.
    """
    u = parse(url)
    if password is not None:
        u = u.set(password=password)
    try:
        db = store.connect_url(u, require_schema=require_schema)
    except ModuleNotFoundError as exc:  # an installation without the PostgreSQL driver
        raise StoreError(f"Team mode needs the PostgreSQL driver ({exc.name}); install "
                         "PrivacyDesk with its dependencies (psycopg).") from None
    except NoSchema:
        raise NoSchema(
            f"The database {safe_url(u)} has no PrivacyDesk schema yet; run "
            f"`privacydesk server init --url {safe_url(u)}` first.") from None
    except sa.exc.OperationalError as exc:
        raise _explain(u, exc) from None
    if officer:
        db.officer = officer
    from privacydesk.services import notices

    notices.announce(db)  # other windows on this server read their lists again
    return db


def default_url() -> str | None:
    return os.environ.get(ENV_URL) or None


@dataclasses.dataclass(frozen=True)
class Profile:
    """A saved connection: everything but the password."""

    name: str
    host: str
    port: int = 5432
    database: str = "privacydesk"
    user: str = ""
    sslmode: str = "prefer"
    options: str = ""  # the URL's other libpq parameters, as a query: sslrootcert=…

    def url(self) -> str:
        query = dict(urllib.parse.parse_qsl(self.options))
        if self.sslmode:
            query["sslmode"] = self.sslmode
        u = sa.URL.create("postgresql+psycopg", username=self.user or None,
                          host=self.host or None, port=self.port or None,
                          database=self.database, query=query)
        return u.render_as_string(hide_password=False)

    def option(self, name: str) -> str:
        """One of the other libpq parameters (`sslrootcert`, …); '' when not set."""
        return dict(urllib.parse.parse_qsl(self.options)).get(name, "")

    def with_option(self, name: str, value: str) -> Profile:
        """The profile with one other parameter set, or removed when `value` is empty;
        the rest of `options` stays as it is."""
        query = [(k, v) for k, v in urllib.parse.parse_qsl(self.options) if k != name]
        if value:
            query.append((name, value))
        return dataclasses.replace(self, options=urllib.parse.urlencode(query))

    def key(self) -> str:
        """Who and where, the keyring's user name for this connection's password."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"


def profile_from_url(url: str | sa.URL) -> Profile:
    """A URL as a profile (its password, if any, left out); BadUrl as `parse`."""
    u = parse(url)
    others = {k: v for k, v in u.query.items() if k != "sslmode"}
    return Profile(name=f"{u.username}@{u.host}/{u.database}", host=u.host or "",
                   port=u.port or 5432, database=u.database or "", user=u.username or "",
                   sslmode=str(u.query.get("sslmode") or ""),
                   options=urllib.parse.urlencode(others, doseq=True))


def profile_of(db: Database) -> Profile:
    """The connection of an open server database, as a profile (to connect again)."""
    return profile_from_url(db.engine.url)


# --- the system keyring: optional ---------------------------------------------------


def _keyring():
    try:
        import keyring
        from keyring.backends import fail
    except Exception:  # not installed, or broken: ask for the password each time
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    return keyring


def keyring_available() -> bool:
    return _keyring() is not None


def keyring_get(profile: Profile) -> str | None:
    kr = _keyring()
    if kr is None:
        return None
    try:
        return kr.get_password(KEYRING_SERVICE, profile.key())
    except Exception:
        return None


def keyring_put(profile: Profile, password: str) -> bool:
    kr = _keyring()
    if kr is None:
        return False
    try:
        kr.set_password(KEYRING_SERVICE, profile.key(), password)
    except Exception:
        return False
    return True


def keyring_forget(profile: Profile) -> None:
    kr = _keyring()
    if kr is None:
        return
    with contextlib.suppress(Exception):
        kr.delete_password(KEYRING_SERVICE, profile.key())


# --- moving data -------------------------------------------------------------------


def push(source: Database, target: Database, *,
         progress: Progress | None = None) -> tuple[dict[str, int], VerifyReport]:
    """Every row and the audit trail of a desktop database into an empty server
    database, in one transaction; then the server is verified."""
    if not is_server(target):
        raise StoreError("The target of a push is a server database (--url).")
    return transfer.push(source, target, progress=progress)


def backup_to_file(db: Database, out: str | os.PathLike, passphrase: str, *,
                   progress: Progress | None = None) -> VerifyReport:
    """A server database into a new encrypted file (restorable with `restore`)."""
    store.check_passphrase_strength(passphrase)
    return transfer.backup_to_file(db, Path(out), passphrase, progress=progress)
