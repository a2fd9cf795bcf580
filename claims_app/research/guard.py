"""The first line of defence for researcher SQL: one read-only statement, no dangerous functions.

This check gives clear messages; it is not what keeps the database safe. The console runs the
statement in a worker process (console_worker.py) where the engine enforces the rest: on SQLite
an authorizer that allows reading only the documented views, on PostgreSQL a role that may only
select from them, with limits on time and memory enforced from outside the query.
"""
from __future__ import annotations

import re
import sqlite3

from ..errors import DomainError


class SqlError(DomainError):
    """A query that could not run; the message says why in one line."""

    http_status = 400


class SqlDenied(SqlError):
    """A statement the console refuses to run: it could write or escape the read-only sandbox."""

    http_status = 400


# Words that make a statement write or change the session, wherever they stand outside strings.
WRITE_WORDS = frozenset("""
insert update delete merge replace upsert into create drop alter truncate grant revoke comment
copy vacuum analyze reindex cluster attach detach begin commit rollback savepoint release
set reset discard lock call do execute prepare deallocate declare listen notify unlisten
checkpoint refresh import security load
""".split())

FIRST_WORDS = frozenset({"select", "with", "values", "table", "explain"})

# Read-only SQLite pragmas a researcher may use to look at the schema.
SQLITE_READ_PRAGMAS = frozenset({"table_info", "table_xinfo", "index_list", "index_info", "index_xinfo",
                                 "foreign_key_list"})

# Functions that read or write server files, change settings, signal other sessions or run a
# query hidden in a string. Prefixes end with "_" or are whole names.
DENIED_FUNCTION_PREFIXES = (
    "pg_read_", "pg_ls_", "pg_stat_file", "pg_file_", "lo_", "dblink", "pg_terminate_", "pg_cancel_",
    "pg_reload_", "pg_rotate_", "pg_switch_", "pg_create_", "pg_drop_", "pg_promote", "pg_logical_",
    "pg_replication_", "pg_advisory_", "pg_try_advisory_", "pg_notify", "pg_backup_", "pg_start_backup",
    "pg_stop_backup", "pg_wal_", "pg_export_snapshot", "pg_import_", "pg_log_", "pg_copy_",
    "query_to_xml", "cursor_to_xml", "table_to_xml", "schema_to_xml", "database_to_xml", "set_config", "current_setting", "txid_current", "pg_current_xact_id",
    "nextval", "setval", "load_extension", "fts3_tokenizer", "readfile", "writefile", "edit",
)

# Both engines take any character from U+0080 up as a letter of a name, and PostgreSQL's
# dollar-quote tags follow the same rule ($é$ is a tag), so the lexer must too.
_PG_DOLLAR = re.compile(r"\$([A-Za-z_\u0080-\U0010ffff][A-Za-z_0-9\u0080-\U0010ffff]*)?\$")
_WORD = re.compile(r"[A-Za-z_\u0080-\U0010ffff][A-Za-z_0-9$\u0080-\U0010ffff]*")


def _tokens(sql: str, dialect: str):
    """Yield (kind, text) for words, quoted identifiers, and punctuation; strings and comments are skipped."""
    i, n = 0, len(sql)
    pg = dialect == "postgresql"
    while i < n:
        ch = sql[i]
        if ch.isspace():
            i += 1
        elif sql.startswith("--", i):
            # SQLite ends a line comment at a newline; PostgreSQL at a newline or a carriage return.
            ends = [j for j in (sql.find("\n", i), sql.find("\r", i) if pg else -1) if j >= 0]
            i = min(ends) + 1 if ends else n
        elif sql.startswith("/*", i):
            i = _skip_block_comment(sql, i, nested=pg)
        elif ch == "'" or (ch in "eE" and sql.startswith("'", i + 1) and pg):
            backslash = ch != "'"
            i = _skip_string(sql, i + (1 if backslash else 0), "'", backslash=backslash)
            yield "string", ""
        elif ch == '"' or (not pg and ch in "`["):
            close = {"`": "`", "[": "]"}.get(ch, '"')
            j = _skip_string(sql, i, close, open_=ch)
            yield "ident", sql[i + 1:j - 1].replace(close * 2, close)
            i = j
        elif ch == "$" and pg and (m := _PG_DOLLAR.match(sql, i)):
            end = sql.find(m.group(0), m.end())
            if end < 0:
                raise SqlDenied("an unterminated $-quoted string: close it with the same tag")
            i = end + len(m.group(0))
            yield "string", ""
        elif m := _WORD.match(sql, i):
            word = m.group(0)
            if pg and word.lower() == "u" and sql.startswith("&", m.end()):
                raise SqlDenied("U&-escaped names and strings are not allowed in the console")
            yield "word", word
            i = m.end()
        else:
            yield "punct", ch
            i += 1


def _skip_block_comment(sql: str, i: int, *, nested: bool) -> int:
    depth, i = 0, i
    while i < len(sql):
        if sql.startswith("/*", i):
            depth = depth + 1 if nested or depth == 0 else depth
            i += 2
        elif sql.startswith("*/", i):
            depth -= 1
            i += 2
            if depth == 0:
                return i
        else:
            i += 1
    raise SqlDenied("an unterminated /* comment: close it with */")


def _skip_string(sql: str, i: int, close: str, *, open_: str | None = None, backslash: bool = False) -> int:
    """Index just past the quoted token starting at ``i`` (doubled quotes stay inside)."""
    j = i + 1
    while j < len(sql):
        ch = sql[j]
        if backslash and ch == "\\":
            j += 2
            continue
        if ch == close:
            if close != "]" and sql.startswith(close * 2, j):
                j += 2
                continue
            return j + 1
        j += 1
    raise SqlDenied(f"an unterminated quote {open_ or close}: close it")


def _denied_function(name: str) -> bool:
    name = name.lower()
    return any(name.startswith(prefix) for prefix in DENIED_FUNCTION_PREFIXES)


def check_statement(sql: str, dialect: str) -> str:
    """Return ``sql`` without a trailing semicolon if it is one read-only statement; else SqlDenied."""
    tokens = list(_tokens(sql, dialect))
    while tokens and tokens[-1] == ("punct", ";"):
        tokens.pop()
    if not tokens:
        raise SqlDenied("the query is empty: write a SELECT statement")
    if ("punct", ";") in tokens:
        raise SqlDenied("only one statement at a time: remove everything after the first ';'")
    kind, first = tokens[0]
    first = first.lower()
    if kind != "word" or (first not in FIRST_WORDS and first != "pragma"):
        raise SqlDenied(f"only read-only queries may run here (SELECT, WITH, VALUES, EXPLAIN), not {first.upper()!r}")
    if first == "pragma":
        _check_pragma(tokens, dialect)
        return sql.rstrip().rstrip(";")
    for index, (kind, text) in enumerate(tokens):
        if kind == "word" and text.lower() in WRITE_WORDS:
            raise SqlDenied(f"{text.upper()} is not allowed: the console only reads")
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if kind in ("word", "ident") and following == ("punct", "(") and _denied_function(text):
            raise SqlDenied(f"the function {text}() is not allowed in the console")
    if dialect == "postgresql" and any(k == "word" and t.lower() == "analyze" for k, t in tokens):
        raise SqlDenied("EXPLAIN ANALYZE runs the statement; use EXPLAIN alone")
    return sql.rstrip().rstrip(";")


def _check_pragma(tokens, dialect: str) -> None:
    name = tokens[1][1].lower() if len(tokens) > 1 else ""
    if dialect != "sqlite" or name not in SQLITE_READ_PRAGMAS or ("punct", "=") in tokens:
        allowed = ", ".join(sorted(SQLITE_READ_PRAGMAS))
        raise SqlDenied(f"PRAGMA {name} is not allowed; only these read-only pragmas are: {allowed}")


_SQLITE_ALLOWED_ACTIONS = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_RECURSIVE}


def sqlite_authorizer(action, arg1, arg2, _db, _trigger):
    """Deny everything that is not reading: writes, ATTACH (and so VACUUM INTO), pragmas that set."""
    if action in _SQLITE_ALLOWED_ACTIONS:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_FUNCTION:
        return sqlite3.SQLITE_DENY if _denied_function(arg2 or "") else sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and (arg1 or "").lower() in SQLITE_READ_PRAGMAS:
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY
