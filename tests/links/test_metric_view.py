"""The metric index and a metric's timeline, with conflicting values marked."""
from __future__ import annotations

import datetime as dt

from claims_app.links.suggest import suggest_links

from .helpers import article, numeric


def _oil_figures(db):
    a = article(db, "Azerbaijan supplies a third of Israel's oil.", published=dt.date(2023, 5, 1))
    b = article(db, "وتوفر أذربيجان 40% <b> من النفط الذي تستهلكه إسرائيل", language="ar",
                published=dt.date(2024, 1, 2))
    c1 = numeric(db, a, "a third", "33.33", qualifier="approx")
    c2 = numeric(db, b, "40%", "40")
    suggest_links(db)
    db.commit()
    return c1, c2


def test_index_lists_metrics_with_counts(db, client, login):
    _oil_figures(db)
    login("researcher")
    page = client.get("/links/metrics")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "/links/metrics?kind=percent&amp;topic=oil&amp;entity=azerbaijan%2Bisrael" in html


def test_timeline_orders_figures_and_marks_conflicts(db, client, login):
    c1, c2 = _oil_figures(db)
    login("researcher")
    page = client.get("/links/metrics?kind=percent&topic=oil&entity=azerbaijan%2Bisrael")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert html.index(f"#{c1.id}</a>") < html.index(f"#{c2.id}</a>")   # published earlier, listed first
    assert f"conflicts with #{c2.id}" in html and f"conflicts with #{c1.id}" in html
    assert 'lang="ar" dir="auto"' in html
    assert "<b>" not in html and "&lt;b&gt;" in html   # article text is escaped


def test_unknown_metric_is_404_and_anonymous_users_must_log_in(db, client, login):
    assert client.get("/links/metrics").status_code == 302
    login("researcher")
    assert client.get("/links/metrics?kind=percent&topic=nonsense").status_code == 404
