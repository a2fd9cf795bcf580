"""Link services: symmetric relations stored once, no self or duplicate links, all recorded."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from claims_app.errors import DomainError, NotFound
from claims_app.history.models import HistoryEntry
from claims_app.links import services as links
from claims_app.links.models import ClaimLink
from tests.claims.conftest import article, editor, make_claim  # noqa: F401  (fixtures)


def test_symmetric_relations_keep_the_lower_id_as_source(db, make_claim, editor):
    a, b = make_claim("50 percent"), make_claim("12 new firms")
    same = links.add_link(db, b.id, a.id, "same_claim", actor=editor)
    assert (same.source_id, same.target_id, same.status, same.rule) == (a.id, b.id, "confirmed", None)
    updates = links.add_link(db, b.id, a.id, "updates", actor=editor)
    assert (updates.source_id, updates.target_id) == (b.id, a.id)
    with pytest.raises(DomainError, match="already linked"):
        links.add_link(db, a.id, b.id, "same_claim", actor=editor)
    with pytest.raises(DomainError, match="itself"):
        links.add_link(db, a.id, a.id, "supports", actor=editor)
    with pytest.raises(DomainError, match="unknown"):
        links.add_link(db, a.id, b.id, "agrees", actor=editor)
    with pytest.raises(NotFound):
        links.add_link(db, a.id, 10**9, "supports", actor=editor)


def test_suggested_links_are_confirmed_or_dismissed(db, make_claim, editor):
    a, b, c = make_claim("50 percent"), make_claim("12 new firms"), make_claim("40 million")
    suggested = ClaimLink(source_id=a.id, target_id=b.id, relation="same_claim", status="suggested",
                          rule="same_value", score=0.91)
    other = ClaimLink(source_id=a.id, target_id=c.id, relation="supports", status="suggested", rule="x", score=0.5)
    db.add_all([suggested, other])
    db.flush()
    links.confirm_link(db, suggested.id, actor=editor)
    assert (suggested.status, suggested.decided_by_id) == ("confirmed", editor.id)
    with pytest.raises(DomainError, match="already confirmed"):
        links.confirm_link(db, suggested.id, actor=editor)
    links.dismiss_link(db, other.id, actor=editor)
    assert other.status == "dismissed"
    # an editor adding the dismissed pair again confirms the existing row instead of a duplicate
    again = links.add_link(db, c.id, a.id, "supports", actor=editor)
    assert again.id is not None and again.source_id == c.id
    views = links.links_for_claim(db, a.id)
    assert {(v.other.id, v.outgoing) for v in views} == {(b.id, True), (c.id, True), (c.id, False)}
    actions = db.scalars(select(HistoryEntry.action).where(HistoryEntry.entity_type == "link")
                         .order_by(HistoryEntry.id)).all()
    assert actions == ["confirm", "dismiss", "link"]


def test_remove_link_deletes_and_records_it(db, make_claim, editor):
    a, b = make_claim("50 percent"), make_claim("12 new firms")
    link = links.add_link(db, a.id, b.id, "supports", actor=editor, note="same customs table")
    link_id = link.id
    links.remove_link(db, link_id, actor=editor)
    assert db.get(ClaimLink, link_id) is None
    entry = db.scalars(select(HistoryEntry).order_by(HistoryEntry.id.desc()).limit(1)).one()
    assert (entry.action, entry.before["note"], entry.before["relation"]) == ("unlink", "same customs table",
                                                                               "supports")
