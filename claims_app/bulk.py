"""Many rows in one statement: the bulk writes of ingest and link suggestion.

An ``INSERT … RETURNING id`` whose ids must come back in the order of the rows is sent one row
at a time on SQLite (SQLAlchemy cannot rely on the order of a multi-row RETURNING there): a
round of the driver and of SQLAlchemy per row, most of the writer's time in a bulk ingest.
``insert_many`` sends the rows in one ``executemany`` instead and knows their ids all the same;
``copy_rows`` writes plain rows (link terms, a hundred an article) without SQLAlchemy's per-row
work, through PostgreSQL's COPY.
"""
from __future__ import annotations

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError


def insert_many(conn: Connection, table: Table, rows: list[dict]) -> list[int]:
    """Insert ``rows`` (all with the same keys, no ``id``, a value for every column that has a
    default) in this order; their new ids, in the same order (``table`` has an integer primary
    key ``id``).

    SQLite gives a row without an id the largest id stored plus one, and from its first row on
    the statement holds the database's one write lock until the transaction ends: the rows got
    the ids up to the largest one stored after the insert. PostgreSQL: the ids are taken from the
    column's sequence first (concurrent writers never meet) and the rows go in through COPY.
    """
    if not rows:
        return []
    _check_defaults(table, ("id", *rows[0]))
    if conn.dialect.name == "sqlite":
        conn.execute(insert(table), rows)
        last = conn.execute(select(func.max(table.c.id))).scalar_one()
        return list(range(last - len(rows) + 1, last + 1))
    ids = sorted(conn.execute(text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
                                   "FROM generate_series(1, :n)"), {"table": table.name, "n": len(rows)}).scalars())
    columns = tuple(rows[0])
    copy_rows(conn, table, ("id", *columns), [(i, *(row[c] for c in columns)) for row, i in zip(rows, ids)])
    return ids


def copy_rows(conn: Connection, table: Table, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert rows (values in the order of ``columns``) the fastest way the driver has:
    PostgreSQL's ``COPY … FROM STDIN``, SQLite's ``executemany`` straight on the driver, each
    value converted by its column's type as an INSERT would. Inside the connection's
    transaction, like any statement."""
    if not rows:
        return
    _check_defaults(table, columns)
    # each column's own conversion (a JSON document, a UTC timestamp), as an INSERT would bind it
    processors = [table.c[c].type._cached_bind_processor(conn.dialect) for c in columns]
    if any(processors):
        rows = [tuple(v if p is None else p(v) for p, v in zip(processors, row)) for row in rows]
    names = ", ".join(f'"{c}"' for c in columns)
    dbapi_error = conn.dialect.loaded_dbapi.Error
    cursor = conn.connection.cursor()
    try:
        if conn.dialect.name == "postgresql":
            statement = f"COPY {table.name} ({names}) FROM STDIN"
            with cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in columns)
            statement = f"INSERT INTO {table.name} ({names}) VALUES ({marks})"
            cursor.executemany(statement, rows)
    except dbapi_error as exc:   # raised as SQLAlchemy raises a refused statement, for the callers' handlers
        raise DBAPIError.instance(statement, None, exc, dbapi_error, dialect=conn.dialect) from exc
    finally:
        cursor.close()


def _check_defaults(table: Table, columns) -> None:
    skipped = [c.name for c in table.c if c.default is not None and c.name not in columns]
    if skipped:   # COPY and the driver know nothing of SQLAlchemy's column defaults
        raise ValueError(f"bulk insert into {table.name} needs a value for {', '.join(skipped)}")
