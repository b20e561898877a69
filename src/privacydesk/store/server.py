"""A PostgreSQL server shared by a team: roles, grants and row-level security.

The server's own logins and permissions do the guarding, not a user table of ours.
Three group roles (NOLOGIN) carry the permissions; a login gets one of them by
membership (`grant`):

- `privacydesk_officer`: every privilege on every table and sequence;
- `privacydesk_auditor`: SELECT on every table, nothing else (a write is refused by
  the server, SQLSTATE 42501);
- `privacydesk_manager`: SELECT on what the access tab needs to show titles (the
  catalog, staff, data assets, courses and completions), and on `access_grant`,
  `access_review` and `review_decision` only the rows of the data assets whose
  `owner_department` is one of the manager's departments (`manager_department`),
  enforced by row-level security policies. A manager may decide those (UPDATE the
  grant, INSERT/UPDATE the decision, start and attest a review of such an asset), and
  appends to the audit trail: INSERT on `audit_log` (only entries signed with the
  manager's own login, for those three tables — a policy checks it) and UPDATE on
  `audit_head`.

None of this is part of the Alembic chain: roles are objects of the cluster, not of a
database, and the policies and grants have to be applied again to the tables a later
migration adds. `init` is idempotent and is run again after every upgrade.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Text
from privacydesk.store.database import StoreError
from privacydesk.store.models import TABLES

ROLES = {
    "officer": "privacydesk_officer",
    "auditor": "privacydesk_auditor",
    "manager": "privacydesk_manager",
}
MEMBERS = "manager_department"  # login -> department, for the managers' policies

ACCESS_TABLES = ("grant", "access_review", "review_decision")  # entity names


def _with_references(names: tuple[str, ...]) -> tuple[str, ...]:
    """`names` and every entity their records refer to, and so on: a record is shown
    with the titles of what it names."""
    found = list(names)
    for name in found:
        for f in entity(name).fields:
            if f.ref and f.ref not in found:
                found.append(f.ref)
    return tuple(found)


# What a manager reads besides the three access tables: the settings of the deadline
# rules, the whole catalog, the training behind a holder's status, the inventory, and
# whatever these and the access records name (the recipients of a data asset).
MANAGER_READS = tuple(n for n in _with_references((
    "setting", "organization", "policy_version", "provision_exception", "refusal_ground",
    "staff", "data_asset", "course", "completion", *ACCESS_TABLES)) if n not in ACCESS_TABLES)
# What a manager may write of those (row-level security narrows it to its departments):
# decide a grant (its review dates, a revocation), start, decide and attest a review.
MANAGER_WRITES = {
    "grant": ("update",),
    "access_review": ("create", "update"),
    "review_decision": ("create", "update"),
}
_SQL_VERB = {"create": "INSERT", "update": "UPDATE", "delete": "DELETE"}


def may(roles: tuple[str, ...] | list[str], entity_name: str, action: str) -> bool:
    """Whether a login with these PrivacyDesk roles may `action` ("read", "create",
    "update", "delete") records of an entity, as `setup` grants it. No role at all is a
    database file or the server database's owner: everything. For a manager the answer
    is about the entity; the rows are those of its departments."""
    if not roles or "officer" in roles:
        return True
    if action == "read":
        return "auditor" in roles or entity_name in MANAGER_READS \
            or entity_name in ACCESS_TABLES
    return "manager" in roles and action in MANAGER_WRITES.get(entity_name, ())


class NotPermitted(StoreError):
    """The server refused a read or a write to this login."""


class NotAServer(StoreError):
    pass


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Member:
    login: str
    role: str  # officer | auditor | manager
    departments: tuple[str, ...] = ()


# --- who is connected -----------------------------------------------------------------


def login_of(conn: Connection) -> str:
    return conn.exec_driver_sql("SELECT current_user").scalar()


def roles_of(conn: Connection, login: str | None = None) -> list[str]:
    """The PrivacyDesk roles (officer, auditor, manager) `login` (default: the current
    user) holds, directly or through other roles."""
    who = login if login is not None else login_of(conn)
    found = []
    for name, role in ROLES.items():
        if conn.execute(sa.text(
                "SELECT pg_has_role(:who, oid, 'MEMBER') FROM pg_roles WHERE rolname = :r"),
                {"who": who, "r": role}).scalar():
            found.append(name)
    return found


def departments_of(conn: Connection, login: str) -> list[str]:
    try:
        with conn.begin_nested():
            return list(conn.execute(sa.text(
                f"SELECT department FROM {MEMBERS} WHERE login = :l ORDER BY department"),
                {"l": login}).scalars())
    except sa.exc.DBAPIError:  # not initialised, or not readable
        return []


def role_text(login: str, roles: list[str] | tuple[str, ...],
              departments: list[str] | tuple[str, ...]) -> Text:
    """What the login's role lets it do, in English and Japanese: the reason of a
    refusal, and the note of a form the login may only read."""
    if "officer" in roles:
        why = Text("{login} is an officer, yet the server denies it; run `privacydesk "
                   "server init` again (the grants of a newer schema are missing)",
                   "{login} は担当者ですがサーバーに拒否されました。`privacydesk server init` "
                   "をもう一度実行してください（新しいスキーマの権限が未設定です）")
    elif "manager" in roles:
        why = Text("{login} may see and decide only the access grants and reviews of the "
                   "data assets of their department ({depts}) (manager)",
                   "{login} は自部署（{depts}）の個人データのアクセス権限と棚卸だけを参照・"
                   "判定できます（部門管理者）")
    elif "auditor" in roles:
        why = Text("{login} may only read (auditor)", "{login} は参照のみできます（監査担当）")
    else:
        why = Text("{login} holds no PrivacyDesk role on this server; the owner gives one "
                   "with `privacydesk server grant {login} officer|auditor|manager`",
                   "{login} にはこのサーバーでの PrivacyDesk の役割がありません。所有者が "
                   "`privacydesk server grant {login} officer|auditor|manager` で付与します")
    return why.format(login=login, depts=", ".join(departments) or "-")


def refusal(login: str, roles: list[str], departments: list[str], statement: str) -> Text:
    """The message for a statement the server refused (SQLSTATE 42501), in English and
    Japanese (a `Text` is the English string)."""
    verb = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
    writing = verb in ("INSERT", "UPDATE", "DELETE", "TRUNCATE", "CREATE", "ALTER", "DROP",
                       "GRANT", "REVOKE", "DO")
    head = (Text("the server refused the change: ", "サーバーが変更を拒否しました: ")
            if writing else
            Text("the server refused the read: ", "サーバーが読み取りを拒否しました: "))
    return head + role_text(login, roles, departments)


def watch(engine: Engine, login: str, roles: list[str], departments: list[str]) -> None:
    """Turn the server's refusals (insufficient privilege, a row-level security policy)
    into NotPermitted with a message naming the login and its role."""

    @event.listens_for(engine, "handle_error")
    def _refused(ctx) -> None:
        orig = ctx.original_exception
        if getattr(orig, "sqlstate", None) == "42501":
            raise NotPermitted(refusal(login, roles, departments, ctx.statement or "")) \
                from orig


# --- setting a server up --------------------------------------------------------------


def _require_server(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        raise NotAServer("Roles and grants are for a PostgreSQL server; a database file is "
                         "protected by its passphrase.")


def _create_role(conn: Connection, role: str) -> None:
    # roles belong to the cluster: another database of the server may have made it
    conn.exec_driver_sql(
        f"DO $$ BEGIN CREATE ROLE {_q(role)} NOLOGIN; "
        f"EXCEPTION WHEN duplicate_object THEN NULL; END $$")


def _policy(conn: Connection, table: str, name: str, body: str) -> None:
    conn.exec_driver_sql(f"DROP POLICY IF EXISTS {_q(name)} ON {_q(table)}")
    conn.exec_driver_sql(f"CREATE POLICY {_q(name)} ON {_q(table)} {body}")


def setup(conn: Connection) -> None:
    """Create (or bring up to date) the roles, the managers' departments, the grants and
    the row-level security policies of this database. Needs the database owner with
    CREATEROLE (or a superuser); the schema must be current."""
    _require_server(conn)
    officer, auditor, manager = ROLES["officer"], ROLES["auditor"], ROLES["manager"]
    for role in ROLES.values():
        _create_role(conn, role)
    db_name = conn.exec_driver_sql("SELECT current_database()").scalar()
    conn.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {MEMBERS} (login text NOT NULL, department text NOT "
        f"NULL, PRIMARY KEY (login, department))")
    # only the team (and the owner) may connect to this database
    conn.exec_driver_sql(f"REVOKE CONNECT ON DATABASE {_q(db_name)} FROM PUBLIC")
    conn.exec_driver_sql(
        f"GRANT CONNECT ON DATABASE {_q(db_name)} TO {officer}, {auditor}, {manager}")
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {officer}, {auditor}, {manager}")
    # start from nothing, so that a run after a change of these rules takes away too
    conn.exec_driver_sql(
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {officer}, {auditor}, {manager}")
    conn.exec_driver_sql(
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {officer}, {auditor}, {manager}")
    conn.exec_driver_sql(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {officer}")
    conn.exec_driver_sql(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {officer}")
    conn.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {auditor}")

    grant_t, review_t, decision_t = (TABLES[n].name for n in ACCESS_TABLES)
    reads = ["alembic_version", MEMBERS, "audit_head", *(TABLES[n].name for n in MANAGER_READS)]
    conn.exec_driver_sql(f"GRANT SELECT ON {', '.join(map(_q, reads))} TO {manager}")
    for name, actions in MANAGER_WRITES.items():
        verbs = ", ".join(["SELECT", *(_SQL_VERB[a] for a in actions)])
        conn.exec_driver_sql(f"GRANT {verbs} ON {_q(TABLES[name].name)} TO {manager}")
        if "create" in actions:
            conn.exec_driver_sql(
                f"GRANT USAGE ON SEQUENCE {_q(TABLES[name].name + '_id_seq')} TO {manager}")
    conn.exec_driver_sql(f"GRANT INSERT ON audit_log TO {manager}")
    conn.exec_driver_sql(f"GRANT UPDATE ON audit_head TO {manager}")

    # row-level security: managers see their departments' assets' rows; officers and
    # auditors everything (the owner bypasses it, not being forced)
    mine = (f"(SELECT a.id FROM {_q(TABLES['data_asset'].name)} a WHERE a.owner_department "
            f"IN (SELECT m.department FROM {MEMBERS} m WHERE m.login = current_user))")
    my_grants = f"(SELECT g.id FROM {_q(grant_t)} g WHERE g.asset IN {mine})"
    rules = {
        grant_t: f"asset IN {mine}",
        review_t: f"scope_asset IN {mine}",
        decision_t: f'"grant" IN {my_grants}',
    }
    for t, cond in rules.items():
        conn.exec_driver_sql(f"ALTER TABLE {_q(t)} ENABLE ROW LEVEL SECURITY")
        _policy(conn, t, "privacydesk_officer_all", f"FOR ALL TO {officer} USING (true) "
                "WITH CHECK (true)")
        _policy(conn, t, "privacydesk_auditor_read", f"FOR SELECT TO {auditor} USING (true)")
        _policy(conn, t, "privacydesk_manager_department",
                f"FOR ALL TO {manager} USING ({cond}) WITH CHECK ({cond})")
    # the trail: a manager appends entries signed with its own login, of its own tables
    conn.exec_driver_sql("ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY")
    _policy(conn, "audit_log", "privacydesk_officer_all",
            f"FOR ALL TO {officer} USING (true) WITH CHECK (true)")
    _policy(conn, "audit_log", "privacydesk_auditor_read",
            f"FOR SELECT TO {auditor} USING (true)")
    entities = ", ".join(_lit(n) for n in ACCESS_TABLES)
    _policy(conn, "audit_log", "privacydesk_manager_append",
            f"FOR INSERT TO {manager} WITH CHECK (os_user = current_user "
            f"AND entity IN ({entities}))")


def _login_exists(conn: Connection, login: str) -> bool:
    return bool(conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :l"),
                             {"l": login}).scalar())


def _check_ready(conn: Connection) -> None:
    for role in ROLES.values():
        if not _login_exists(conn, role):
            raise StoreError(f"The role {role} does not exist on this server; run "
                             "`privacydesk server init` first.")


def _direct(conn: Connection, login: str) -> list[str]:
    """The PrivacyDesk roles `login` is a direct member of."""
    by_group = {v: k for k, v in ROLES.items()}
    return [by_group[g] for g in conn.execute(sa.text(
        "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
        "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :l ORDER BY r.rolname"),
        {"l": login}).scalars() if g in by_group]


def grant(conn: Connection, login: str, role: str, department: str | None = None) -> list[str]:
    """Make `login` (an existing login role) a member of `role` only, recording a
    manager's department (a manager may hold several). Returns the roles it had before."""
    _require_server(conn)
    if role not in ROLES:
        raise StoreError(f"There is no role {role!r}: choose officer, auditor or manager.")
    if role == "manager" and not (department or "").strip():
        raise StoreError("A manager needs --department NAME: the data assets whose owner "
                         "department it is are the ones the manager sees.")
    if role != "manager" and department:
        raise StoreError("--department is for managers only.")
    _check_ready(conn)
    if not _login_exists(conn, login):
        raise StoreError(
            f"There is no login {login!r} on this server. Create it first, e.g. "
            f"`createuser --pwprompt {login}` (or CREATE ROLE {_q(login)} LOGIN PASSWORD …), "
            "then grant it a role.")
    if login in ROLES.values():
        raise StoreError(f"{login} is one of PrivacyDesk's group roles, not a login.")
    before = _direct(conn, login)
    for other in before:
        if other != role:
            conn.exec_driver_sql(f"REVOKE {ROLES[other]} FROM {_q(login)}")
    if role != "manager":
        conn.execute(sa.text(f"DELETE FROM {MEMBERS} WHERE login = :l"), {"l": login})
    if role not in before:
        conn.exec_driver_sql(f"GRANT {ROLES[role]} TO {_q(login)}")
    if role == "manager":
        conn.execute(sa.text(
            f"INSERT INTO {MEMBERS} (login, department) VALUES (:l, :d) "
            "ON CONFLICT DO NOTHING"), {"l": login, "d": department.strip()})
    return before


def revoke(conn: Connection, login: str, role: str | None = None) -> list[str]:
    """Take `role` (default: every PrivacyDesk role) from `login`; returns the roles
    taken. The login itself is left as it is."""
    _require_server(conn)
    if role is not None and role not in ROLES:
        raise StoreError(f"There is no role {role!r}: choose officer, auditor or manager.")
    _check_ready(conn)
    if not _login_exists(conn, login):
        raise StoreError(f"There is no login {login!r} on this server.")
    taken = []
    held = _direct(conn, login)
    for name, group in ROLES.items():
        if role is not None and name != role:
            continue
        if name in held:
            conn.exec_driver_sql(f"REVOKE {group} FROM {_q(login)}")
            taken.append(name)
    if role in (None, "manager"):
        conn.execute(sa.text(f"DELETE FROM {MEMBERS} WHERE login = :l"), {"l": login})
    return taken


def members(conn: Connection) -> list[Member]:
    """Every login holding a PrivacyDesk role directly, with a manager's departments."""
    _require_server(conn)
    out = []
    rows = conn.execute(sa.text(
        "SELECT u.rolname, r.rolname FROM pg_auth_members m "
        "JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
        "WHERE r.rolname IN :roles ORDER BY u.rolname, r.rolname").bindparams(
            sa.bindparam("roles", expanding=True)), {"roles": list(ROLES.values())})
    by_group = {v: k for k, v in ROLES.items()}
    for login, group in rows:
        role = by_group[group]
        depts = tuple(departments_of(conn, login)) if role == "manager" else ()
        out.append(Member(login, role, depts))
    return out
