"""The bulk writes of ingest and link suggestion, on both engines: ids that match the rows they
were given for, plain rows through COPY / the driver, and key look-ups newest first."""
from __future__ import annotations

import pytest
from sqlalchemy import delete, select

from claims_app.articles.models import Outlet
from claims_app.bulk import copy_rows, insert_many
from claims_app.links.models import ClaimTerm
from claims_app.links.suggest import _per_key
from claims_app.types import utcnow

from ..links.helpers import article, numeric

OUTLETS = Outlet.__table__
TERMS = ClaimTerm.__table__


def test_insert_many_returns_the_id_each_row_got_in_order(db):
    conn = db.connection()
    now = utcnow()
    first = insert_many(conn, OUTLETS, [{"name": f"first {i}", "created_at": now} for i in range(3)])
    # the newest row deleted: the next rows still get ids that match what is stored
    conn.execute(delete(OUTLETS).where(OUTLETS.c.id == first[-1]))
    names = [f"outlet {i}" for i in range(5)]
    ids = insert_many(conn, OUTLETS, [{"name": n, "created_at": now} for n in names])
    assert ids == sorted(ids) and len(set(ids)) == 5
    stored = dict(conn.execute(select(OUTLETS.c.id, OUTLETS.c.name).where(OUTLETS.c.id.in_(ids))).all())
    assert [stored[i] for i in ids] == names
    assert insert_many(conn, OUTLETS, []) == []


def test_bulk_inserts_refuse_rows_that_leave_out_a_defaulted_column(db):
    # neither COPY nor the driver applies SQLAlchemy's Python-side defaults: no silent NULL
    with pytest.raises(ValueError, match="created_at"):
        insert_many(db.connection(), OUTLETS, [{"name": "no timestamp"}])


def test_copy_rows_stores_every_row_inside_the_transaction(db):
    art = article(db, "Inflation reached 5% in May and 6% in June.")
    a = numeric(db, art, "5%", "5")
    b = numeric(db, art, "6%", "6")
    conn = db.connection()
    copy_rows(conn, TERMS, ("claim_id", "term"), [(a.id, "x:one"), (a.id, "x:two"), (b.id, "x:one")])
    rows = set(conn.execute(select(TERMS.c.claim_id, TERMS.c.term).where(TERMS.c.term.startswith("x:"))).all())
    assert rows == {(a.id, "x:one"), (a.id, "x:two"), (b.id, "x:one")}


def test_key_look_up_gives_the_newest_claims_of_each_key_up_to_its_limit(db):
    art = article(db, "Exports grew 1%, 2%, 3% and 4% in four years.")
    claims = [numeric(db, art, f"{n}%", str(n)) for n in (1, 2, 3, 4)]
    conn = db.connection()
    copy_rows(conn, TERMS, ("claim_id", "term"),
              [(c.id, "x:all") for c in claims] + [(claims[0].id, "x:first"), (claims[1].id, "x:first")])
    found = _per_key(db, {"x:all": 3, "x:first": 5, "x:none": 2})
    newest_first = [c.id for c in reversed(claims)]
    assert found == {"x:all": newest_first[:3], "x:first": [claims[1].id, claims[0].id]}
