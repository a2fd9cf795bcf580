"""PostgreSQL: the role the SQL console runs as (``manage.py db create-readonly-role``).

It may log in, use the schema and SELECT from the documented views, nothing else: no table
(PostgreSQL reads a view's tables with the view owner's rights, so the views work while
``users.password_hash`` and ``login_attempts`` stay out of reach), no CREATE, no TEMP, and no
EXECUTE on the catalog functions that signal backends, take advisory locks, notify, assign
transaction ids, write WAL messages or touch large objects. Functions granted to PUBLIC can only be taken away from
PUBLIC: the command does that where it may (a superuser or the functions' owner) and grants them
back to the role running it, so the app keeps what it had; what it could not do is reported.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

from sqlalchemy.engine import make_url

from ..errors import DomainError
from .console_sqlite import RESEARCH_VIEWS

# Granted to PUBLIC by PostgreSQL (or by an extension) and of no use to a researcher.
DANGEROUS_FUNCTIONS = (
    "pg_terminate_backend", "pg_cancel_backend", "pg_notify", "pg_logical_emit_message",
    "pg_advisory_lock", "pg_advisory_lock_shared", "pg_advisory_unlock", "pg_advisory_unlock_shared",
    "pg_advisory_unlock_all", "pg_advisory_xact_lock", "pg_advisory_xact_lock_shared", "pg_try_advisory_lock",
    "pg_try_advisory_lock_shared", "pg_try_advisory_xact_lock", "pg_try_advisory_xact_lock_shared",
    "txid_current", "txid_current_if_assigned", "pg_current_xact_id", "pg_current_xact_id_if_assigned",
    "lo_import", "lo_export", "lo_create", "lo_creat", "lo_unlink", "lo_open", "lo_close", "loread", "lowrite",
    "lo_get", "lo_put", "lo_from_bytea", "lo_truncate", "lo_truncate64", "lo_lseek", "lo_lseek64", "lo_tell",
    "lo_tell64",
    # Superuser-only by default; revoked too in case an old grant gave them away.
    "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file", "pg_reload_conf", "pg_rotate_logfile",
)
NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class RoleError(DomainError):
    """The role could not be made; the message says why and what to do."""


@dataclass
class RoleReport:
    url: str
    done: list[str] = field(default_factory=list)
    not_done: list[str] = field(default_factory=list)


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def create_readonly_role(database_url: str, name: str, *, app_role: str | None = None,
                         password: str | None = None) -> RoleReport:
    """Create (or reset) role ``name`` for the console; returns the URL to set and what was done.

    ``app_role`` (default: DATABASE_URL's role) keeps the functions taken away from PUBLIC.
    """
    import psycopg
    from psycopg import sql

    if make_url(database_url).get_backend_name() != "postgresql":
        raise RoleError("DATABASE_URL is not PostgreSQL; on SQLite the console needs no role of its own")
    if not NAME.match(name):
        raise RoleError(f"--name {name!r} is not a plain role name; use lower-case letters, digits and _")
    password = password or secrets.token_urlsafe(24)
    role = sql.Identifier(name)
    try:
        conn = psycopg.connect(_dsn(database_url), autocommit=True)
    except psycopg.Error as exc:
        raise RoleError(f"could not connect with DATABASE_URL: {str(exc).strip().splitlines()[0]}") from exc
    with conn:
        me, database = conn.execute("SELECT current_user, current_database()").fetchone()
        if name == me:
            raise RoleError(f"--name {name!r} is the app's own role; choose another name")
        views = [v for v in RESEARCH_VIEWS if conn.execute("SELECT to_regclass(%s)", (f"public.{v}",)).fetchone()[0]]
        if not views:
            raise RoleError("the research views are missing; run 'python manage.py db upgrade' first")
        report = RoleReport(url=make_url(database_url).set(username=name, password=password)
                            .render_as_string(hide_password=False))
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
        options = sql.SQL("LOGIN PASSWORD {} NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION "
                          "NOBYPASSRLS CONNECTION LIMIT 32").format(sql.Literal(password))
        try:
            conn.execute(sql.SQL("ALTER ROLE {} WITH " if exists else "CREATE ROLE {} WITH ").format(role) + options)
        except psycopg.errors.InsufficientPrivilege as exc:
            raise RoleError(f"{me!r} may not create roles; run this command with the URL of a role that has "
                            "CREATEROLE (or a superuser), then keep DATABASE_URL as it was") from exc
        report.done.append(f"role {name} {'reset' if exists else 'created'}: login, no other attribute")
        db = sql.Identifier(database)
        for statement in (
            "ALTER ROLE {role} SET default_transaction_read_only = on",
            "REVOKE ALL ON DATABASE {db} FROM {role}",
            "GRANT CONNECT ON DATABASE {db} TO {role}",
            "REVOKE ALL ON SCHEMA public FROM {role}",
            "GRANT USAGE ON SCHEMA public TO {role}",
            "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}",
            "REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {role}",
        ):
            conn.execute(sql.SQL(statement).format(role=role, db=db))
        for view in views:
            conn.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(sql.Identifier("public", view), role))
        report.done.append(f"SELECT on {', '.join(views)} only")
        keeper = app_role or me
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (keeper,)).fetchone():
            raise RoleError(f"--app-role {keeper!r} is not a role of this server; name the role the app runs as")
        # The app cancels a console query whose worker it had to kill: it needs the right to
        # signal the console role's backends, which membership gives (and nothing it lacks).
        conn.execute(sql.SQL("GRANT {} TO {}").format(role, sql.Identifier(keeper)))
        report.done.append(f"{keeper} may cancel the role's queries (member of {name})")
        if conn.info.server_version >= 140000:
            # Should a query outlive its client, the server notices within a second.
            conn.execute(sql.SQL("ALTER ROLE {} SET client_connection_check_interval = 1000").format(role))
        # Backstops behind the console's own cancel. temp_file_limit is a superuser setting the
        # role cannot change back; the others it could, but the client-side deadline still holds.
        conn.execute(sql.SQL("ALTER ROLE {} SET statement_timeout = '10min'").format(role))
        conn.execute(sql.SQL("ALTER ROLE {} SET work_mem = '16MB'").format(role))
        try:
            with conn.transaction():
                conn.execute(sql.SQL("ALTER ROLE {} SET temp_file_limit = '1GB'").format(role))
            report.done.append("temporary files of a query at most 1 GB")
        except psycopg.errors.InsufficientPrivilege:
            report.not_done.append("no temp_file_limit (a superuser can run this command again to set it)")
        _take_from_public(conn, report, name, keeper, database)
    return report


def _take_from_public(conn, report: RoleReport, name: str, me: str, database: str) -> None:
    """Remove what the role would otherwise get through PUBLIC: TEMP, CREATE, dangerous functions."""
    import psycopg
    from psycopg import sql

    me_id, db = sql.Identifier(me), sql.Identifier(database)
    checks = (
        ("TEMP", "SELECT has_database_privilege(%s, current_database(), 'TEMP')",
         [sql.SQL("GRANT TEMPORARY ON DATABASE {} TO {}").format(db, me_id),
          sql.SQL("REVOKE TEMPORARY ON DATABASE {} FROM PUBLIC").format(db)]),
        ("CREATE on schema public", "SELECT has_schema_privilege(%s, 'public', 'CREATE')",
         [sql.SQL("GRANT CREATE ON SCHEMA public TO {}").format(me_id),
          sql.SQL("REVOKE CREATE ON SCHEMA public FROM PUBLIC")]),
    )
    for what, check, statements in checks:
        if not conn.execute(check, (name,)).fetchone()[0]:
            report.done.append(f"no {what}")
            continue
        try:
            with conn.transaction():
                for statement in statements:
                    conn.execute(statement)
            report.done.append(f"no {what} (taken from PUBLIC, granted to {me})")
        except psycopg.Error:
            report.not_done.append(f"the role still has {what} through PUBLIC; a superuser can run "
                                   "this command again to take it away")
    functions = conn.execute(
        "SELECT p.oid::regprocedure::text FROM pg_proc p LEFT JOIN pg_depend d ON d.objid = p.oid "
        "AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e' LEFT JOIN pg_extension e ON e.oid = d.refobjid "
        "WHERE ((p.pronamespace = 'pg_catalog'::regnamespace AND p.proname = ANY(%s)) OR e.extname = 'dblink') "
        "AND has_function_privilege(%s, p.oid, 'EXECUTE') ORDER BY 1",
        (list(DANGEROUS_FUNCTIONS), name)).fetchall()
    refused = []
    for (signature,) in functions:
        try:
            with conn.transaction():
                conn.execute(sql.SQL("GRANT EXECUTE ON FUNCTION {} TO {}").format(sql.SQL(signature), me_id))
                conn.execute(sql.SQL("REVOKE EXECUTE ON FUNCTION {} FROM PUBLIC").format(sql.SQL(signature)))
                conn.execute(sql.SQL("REVOKE EXECUTE ON FUNCTION {} FROM {}").format(sql.SQL(signature),
                                                                                     sql.Identifier(name)))
        except psycopg.Error:
            refused.append(signature)
    if functions and not refused:
        report.done.append(f"no EXECUTE on {len(functions)} catalog functions (signals, advisory locks, notify, "
                           "transaction ids, large objects, files, dblink)")
    elif not functions:
        report.done.append("no EXECUTE on signalling, locking, large-object or file functions")
    if refused:
        report.not_done.append(f"could not take EXECUTE on {len(refused)} functions from PUBLIC "
                               f"(e.g. {refused[0]}); a superuser can run this command again")
