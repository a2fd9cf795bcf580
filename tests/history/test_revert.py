"""Reverting recorded changes to claims, tags and links; a revert never overwrites later work."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from claims_app.claims import services
from claims_app.claims.models import Claim, Tag
from claims_app.errors import ClaimConflict, DomainError
from claims_app.history.models import HistoryEntry
from claims_app.history.services import history_for_claim, revert_entry
from claims_app.links import services as links
from claims_app.links.models import ClaimLink


def last_entry(db) -> HistoryEntry:
    return db.scalars(select(HistoryEntry).order_by(HistoryEntry.id.desc()).limit(1)).one()


def test_revert_an_edit_restores_the_values_and_is_recorded(db, make_claim, editor):
    claim = make_claim("50 percent", value=Decimal("50"))
    services.edit_claim(db, claim.id, {"value": Decimal("0.5"), "unit": "ratio"}, actor=editor,
                        version=claim.version)
    edit = last_entry(db)
    undo = revert_entry(db, edit.id, actor=editor)
    assert (claim.value, claim.unit, claim.status) == (Decimal("50"), None, "suggested")
    assert edit.reverted_by_id == undo.id and undo.action == "revert"
    with pytest.raises(DomainError, match="reverted already"):
        revert_entry(db, edit.id, actor=editor)
    with pytest.raises(DomainError, match="cannot itself be reverted"):
        revert_entry(db, undo.id, actor=editor)


def test_revert_refuses_when_the_claim_changed_afterwards(db, make_claim, editor):
    claim = make_claim("50 percent")
    services.accept_claim(db, claim.id, actor=editor)
    accept = last_entry(db)
    services.verify_claim(db, claim.id, "disputed", actor=editor, version=claim.version, note="source says 40")
    with pytest.raises(ClaimConflict, match="revert the later changes first"):
        revert_entry(db, accept.id, actor=editor)
    assert claim.status == "disputed"
    revert_entry(db, last_entry(db).id, actor=editor)
    assert (claim.status, claim.verdict) == ("accepted", None)
    revert_entry(db, accept.id, actor=editor)
    assert claim.status == "suggested"


def test_revert_a_created_claim_deletes_it_and_a_delete_restores_it(db, article, editor):
    start = article.text.index("12 new firms")
    claim = services.create_claim_from_span(db, article.id, "quote", start, start + 12, "12 new firms", actor=editor)
    claim_id = claim.id
    create = last_entry(db)
    revert_entry(db, create.id, actor=editor)
    assert db.get(Claim, claim_id) is None
    # the extractor's replacements are recorded as deletes; those come back with their values
    record_delete = HistoryEntry(entity_type="claim", entity_id=claim_id, action="delete", actor_id=None,
                                 before=create.after)
    db.add(record_delete)
    db.flush()
    revert_entry(db, record_delete.id, actor=editor)
    back = db.get(Claim, claim_id)
    assert (back.exact, back.start, back.status) == ("12 new firms", start, "accepted")


def test_revert_tagging_and_tag_creation(db, make_claim, editor):
    claim = make_claim("50 percent")
    tag = services.tag_claim(db, claim.id, "economy", actor=editor)
    create_tag, tagging = db.scalars(select(HistoryEntry).order_by(HistoryEntry.id.desc()).limit(2)).all()[::-1]
    assert (create_tag.entity_type, tagging.action) == ("tag", "tag")
    with pytest.raises(DomainError, match="is on 1 claims"):
        revert_entry(db, create_tag.id, actor=editor)
    revert_entry(db, tagging.id, actor=editor)
    assert claim.tags == []
    services.tag_claim(db, claim.id, "economy", actor=editor)
    services.untag_claim(db, claim.id, tag.id, actor=editor)
    revert_entry(db, last_entry(db).id, actor=editor)
    assert claim.tags == [tag]
    services.untag_claim(db, claim.id, tag.id, actor=editor)
    revert_entry(db, create_tag.id, actor=editor)
    assert db.scalar(select(Tag).where(Tag.name == "economy")) is None


def test_revert_link_changes_and_claim_history_lists_them(db, make_claim, editor):
    a, b = make_claim("50 percent"), make_claim("12 new firms")
    link = links.add_link(db, b.id, a.id, "contradicts", actor=editor)
    made = last_entry(db)
    links.dismiss_link(db, link.id, actor=editor)
    dismissed = last_entry(db)
    revert_entry(db, dismissed.id, actor=editor)
    assert link.status == "confirmed"
    link_id = link.id
    links.remove_link(db, link_id, actor=editor)
    assert db.get(ClaimLink, link_id) is None
    revert_entry(db, last_entry(db).id, actor=editor)
    restored = db.get(ClaimLink, link_id)
    assert (restored.source_id, restored.target_id, restored.status) == (a.id, b.id, "confirmed")
    revert_entry(db, made.id, actor=editor)
    assert db.get(ClaimLink, link_id) is None
    shown = [(e.entity_type, e.action) for e in history_for_claim(db, b.id)]
    assert shown[:3] == [("link", "link"), ("link", "dismiss"), ("link", "revert")]
    assert shown[3:] == [("link", "unlink"), ("link", "revert"), ("link", "revert")]


def test_speaker_entries_are_not_reverted_here(db, editor):
    entry = HistoryEntry(entity_type="speaker", entity_id=1, action="merge", actor_id=None, before={}, after={})
    db.add(entry)
    db.flush()
    with pytest.raises(DomainError, match="own page"):
        revert_entry(db, entry.id, actor=editor)


def test_revert_group_undoes_a_bulk_action_all_or_nothing(db, make_claim, editor):
    from claims_app.history.services import revert_group

    a, b, c = make_claim("50 percent"), make_claim("12 new firms"), make_claim("40 million")
    services.bulk_review(db, [a.id, b.id, c.id], "accept", actor=editor)
    group = last_entry(db).change_group
    services.verify_claim(db, b.id, "false", actor=editor, version=b.version, note="wrong")
    with pytest.raises(ClaimConflict):
        revert_group(db, group, actor=editor)
    assert (a.status, b.status, c.status) == ("accepted", "false", "accepted")
    revert_entry(db, last_entry(db).id, actor=editor)
    undone = revert_group(db, group, actor=editor)
    assert len(undone) == 3 and (a.status, b.status, c.status) == ("suggested",) * 3
    with pytest.raises(DomainError, match="nothing left"):
        revert_group(db, group, actor=editor)


def test_claim_history_lists_its_links_present_and_removed_and_no_other_claims_links(db, make_claim, editor):
    a, b, c = make_claim("50 percent"), make_claim("12 new firms"), make_claim("40 million dollars")
    kept = links.add_link(db, a.id, b.id, "contradicts", actor=editor)
    removed = links.add_link(db, c.id, a.id, "supports", actor=editor)
    links.remove_link(db, removed.id, actor=editor)
    other = links.add_link(db, b.id, c.id, "supports", actor=editor)
    links.dismiss_link(db, other.id, actor=editor)
    services.accept_claim(db, a.id, actor=editor)

    shown = [(e.entity_type, e.entity_id, e.action) for e in history_for_claim(db, a.id)]
    assert shown == [("link", kept.id, "link"), ("link", removed.id, "link"), ("link", removed.id, "unlink"),
                     ("claim", a.id, "accept")]
    assert [(e.entity_id, e.action) for e in history_for_claim(db, c.id)] == [
        (removed.id, "link"), (removed.id, "unlink"), (other.id, "link"), (other.id, "dismiss")]
