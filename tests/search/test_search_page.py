"""The search page: links to reader and claim page, paging links, nothing rendered as markup."""
from __future__ import annotations

import re

from sqlalchemy import text


def test_results_link_to_reader_and_claim_page(client, login, db, add_article, add_claim):
    login("researcher")
    article = add_article("قال الوزير إن الاتفاقية مع أذربيجان مهمة.", "ar", "treaty")
    claim = add_claim(article, "الاتفاقية مع أذربيجان")
    db.commit()
    page = client.get("/search/", query_string={"q": "اذربيجان", "scope": "claims"}).get_data(as_text=True)
    assert f"/articles/{article.id}?claim={claim.id}" in page
    if "claims.show" in client.application.view_functions:
        assert f"/claims/{claim.id}" in page
    assert "<mark>أذربيجان</mark>" in page
    page = client.get("/search/", query_string={"q": "اذربيجان", "scope": "articles"}).get_data(as_text=True)
    assert f'href="/articles/{article.id}"' in page and "Claims (1)" in page and "Articles (1)" in page


def test_next_page_link_carries_the_key(client, login, db, add_article):
    login("researcher")
    ids = [add_article(f"خبر {n} عن الاقتصاد", "ar", f"n{n}").id for n in range(23)]
    db.commit()
    page = client.get("/search/", query_string={"q": "الاقتصاد", "scope": "articles"}).get_data(as_text=True)
    shown = [int(i) for i in re.findall(r'href="/articles/(\d+)"', page)]
    assert shown == sorted(ids, reverse=True)[:20]
    (before,) = re.findall(r'before=(\d+)', page)
    assert int(before) == shown[-1]
    rest = client.get("/search/", query_string={"q": "الاقتصاد", "scope": "articles", "before": before})
    assert [int(i) for i in re.findall(r'href="/articles/(\d+)"', rest.get_data(as_text=True))] == \
        sorted(ids, reverse=True)[20:]


def test_markup_in_query_and_text_is_shown_as_text(client, login, db, add_article):
    login("researcher")
    add_article('<script>alert(1)</script> كلمة <img src=x onerror=alert(2)>', "ar", "<b>bold</b>")
    db.commit()
    page = client.get("/search/", query_string={"q": "كلمة", "scope": "articles"}).get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>bold" not in page
    assert "&lt;script&gt;" in page and "&lt;b&gt;bold" in page and "<mark>كلمة</mark>" in page
    page = client.get("/search/", query_string={"q": '"><script>alert(9)</script>'}).get_data(as_text=True)
    assert "<script>alert(9)" not in page and "&lt;script&gt;alert(9)" in page


def test_search_needs_a_login_and_a_known_scope(client, login):
    assert client.get("/search/?q=x").status_code == 302
    login("researcher")
    assert client.get("/search/").status_code == 200
    assert client.get("/search/?q=x&scope=users").status_code == 400


def test_index_objects_exist_at_head(db, backend):
    """Batch migrations on SQLite rebuild tables and drop their triggers; this catches that."""
    if backend == "sqlite":
        names = set(db.scalars(text("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")))
        for table in ("articles", "claims"):
            assert {f"{table}_fts", f"{table}_fts_ai", f"{table}_fts_ad", f"{table}_fts_au"} <= names
    else:
        names = set(db.scalars(text("SELECT indexname FROM pg_indexes WHERE tablename IN ('articles', 'claims')")))
        assert {"ix_articles_search_tsv", "ix_claims_search_tsv"} <= names


def test_postgresql_uses_the_gin_index(db, backend, add_article):
    if backend != "postgresql":
        return
    from claims_app.articles.models import Article
    from claims_app.search.services import _restrict, query_terms
    from sqlalchemy import select

    add_article("نص قصير", "ar", "x")
    db.flush()
    stmt = _restrict(select(Article.id), Article, query_terms("نص"), "postgresql")
    db.execute(text("SET LOCAL enable_seqscan = off"))
    compiled = stmt.compile(db.get_bind(), compile_kwargs={"literal_binds": True})
    plan = "\n".join(db.scalars(text(f"EXPLAIN {compiled}")))
    assert "ix_articles_search_tsv" in plan, plan


def test_postgresql_keeps_the_stored_vector_current(db, backend, add_article):
    if backend != "postgresql":
        return
    article = add_article("كلمة أولى", "ar", "v")
    db.flush()
    db.execute(text("UPDATE articles SET search_text = 'ثانية' WHERE id = :id"), {"id": article.id})
    vector = db.scalar(text("SELECT search_tsv::text FROM articles WHERE id = :id"), {"id": article.id})
    assert vector == "'ثانية':1"


def test_counts_stop_at_the_cap(db, add_article):
    from claims_app.search.services import count_matches

    for n in range(5):
        add_article(f"تقرير {n}", "ar", f"c{n}")
    db.flush()
    assert count_matches(db, "تقرير", "articles") == 5
    assert count_matches(db, "تقرير", "articles", cap=3) == 3
