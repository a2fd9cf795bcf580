"""Merging two speakers into one, and undoing a merge exactly.

The merged speaker is kept (``merged_into_id`` set) rather than deleted. Everything the merge
moves is recorded in history under one change group: each claim whose ``speaker_id`` or
``attributed_to_id`` changed, each alias that moved (or was dropped because the target already
had that name), and the speaker itself. ``unmerge_speaker`` reads that group back and puts each
row where it was, so claims attributed to the target later, by hand, stay where they are.
"""
from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..claims.models import Claim
from ..errors import DomainError
from ..history.models import HistoryEntry
from ..history.services import new_change_group, record, snapshot
from .models import Speaker, SpeakerAlias
from .services import _actor_id, get_speaker

_CLAIM_KEYS = ("speaker_id", "attributed_to_id")


def check_mergeable(session: Session, source_id: int, target_id: int) -> tuple[Speaker, Speaker]:
    """The two speakers, if ``source_id`` may be merged into ``target_id``; DomainError otherwise."""
    if source_id == target_id:
        raise DomainError("a speaker cannot be merged into itself; pick two different speakers")
    source, target = get_speaker(session, source_id), get_speaker(session, target_id)
    for s in (source, target):
        if s.merged_into_id is not None:
            raise DomainError(f"speaker {s.id} ({s.name!r}) was merged into speaker {s.merged_into_id} already; "
                              "merge into that one instead")
    return source, target


def merge_speakers(session: Session, source_id: int, target_id: int, *, actor=None,
                   reason: str | None = None) -> str:
    """Fold speaker ``source_id`` into ``target_id``; returns the change group of the merge."""
    source, target = check_mergeable(session, source_id, target_id)
    group = new_change_group()
    actor_id = _actor_id(actor)
    claims = session.scalars(select(Claim).where(or_(Claim.speaker_id == source.id,
                                                     Claim.attributed_to_id == source.id))
                             .order_by(Claim.id)).all()
    for claim in claims:
        before = {k: getattr(claim, k) for k in _CLAIM_KEYS}
        after = {k: (target.id if v == source.id else v) for k, v in before.items()}
        claim.speaker_id, claim.attributed_to_id = after["speaker_id"], after["attributed_to_id"]
        record(session, entity_type="claim", entity_id=claim.id, action="merge", actor_id=actor_id,
               before=before, after=after, reason=reason, change_group=group)
    taken = {a.name for a in target.aliases}
    for alias in list(source.aliases):
        before = snapshot(alias)
        if alias.name in taken:
            source.aliases.remove(alias)
            # the target has this name already; the copy is dropped, and restored by an unmerge
            record(session, entity_type="speaker_alias", entity_id=alias.id, action="delete", actor_id=actor_id,
                   before=before, reason=reason, change_group=group)
            continue
        alias.speaker = target
        record(session, entity_type="speaker_alias", entity_id=alias.id, action="merge", actor_id=actor_id,
               before=before, after={**before, "speaker_id": target.id}, reason=reason, change_group=group)
    before = snapshot(source)
    source.merged_into_id = target.id
    session.flush()
    record(session, entity_type="speaker", entity_id=source.id, action="merge", actor_id=actor_id,
           before=before, after=snapshot(source), reason=reason or f"merged into {target.name}",
           change_group=group)
    session.flush()
    _reindex_links(session, claims)
    return group


def _reindex_links(session: Session, claims) -> None:
    """The moved claims are searched and looked up under their new speaker from now on."""
    from ..search.indexing import reindex_claims   # search depends on speakers, not the reverse

    reindex_claims(session, [c for c in claims if c is not None])


def last_merge(session: Session, speaker_id: int) -> HistoryEntry | None:
    """The history entry of the merge that folded ``speaker_id`` away, if it is still in force."""
    return session.scalars(select(HistoryEntry).where(
        HistoryEntry.entity_type == "speaker", HistoryEntry.entity_id == speaker_id,
        HistoryEntry.action == "merge", HistoryEntry.reverted_by_id.is_(None))
        .order_by(HistoryEntry.id.desc()).limit(1)).first()


def merged_here(session: Session, speaker_id: int) -> list[Speaker]:
    """Speakers whose merge into ``speaker_id`` is in force, newest first (each can be undone here)."""
    return list(session.scalars(select(Speaker).where(Speaker.merged_into_id == speaker_id)
                                .order_by(Speaker.id.desc())))


def merge_groups(session: Session, change_groups) -> dict[str, int]:
    """``{change group: merged speaker id}`` for the groups that are speaker merges still in force."""
    groups = [g for g in set(change_groups) if g]
    if not groups:
        return {}
    rows = session.execute(select(HistoryEntry.change_group, HistoryEntry.entity_id).where(
        HistoryEntry.change_group.in_(groups), HistoryEntry.entity_type == "speaker",
        HistoryEntry.action == "merge", HistoryEntry.reverted_by_id.is_(None))).all()
    return dict(rows)


def unmerge_speaker(session: Session, speaker_id: int, *, actor=None, reason: str | None = None) -> str:
    """Undo the merge of ``speaker_id``: its claims and aliases go back; returns the new group."""
    speaker = get_speaker(session, speaker_id)
    merge = last_merge(session, speaker_id)
    if speaker.merged_into_id is None or merge is None:
        raise DomainError(f"speaker {speaker_id} ({speaker.name!r}) is not merged; there is nothing to undo")
    target = get_speaker(session, speaker.merged_into_id)
    if target.merged_into_id is not None:
        # what moved here moved on with the later merge; undo that one first (last in, first out)
        raise DomainError(f"speaker {target.id} ({target.name!r}) was itself merged into speaker "
                          f"{target.merged_into_id} later; undo that merge first")
    group = new_change_group()
    actor_id = _actor_id(actor)
    reason = reason or f"undo of merge {merge.change_group}"
    entries = session.scalars(select(HistoryEntry).where(HistoryEntry.change_group == merge.change_group,
                                                         HistoryEntry.reverted_by_id.is_(None))
                              .order_by(HistoryEntry.id)).all()
    undo_of: dict[int, HistoryEntry] = {}
    for entry in entries:
        if entry.entity_type == "claim":
            undo_of[entry.id] = _restore_claim(session, entry, actor_id, reason, group)
        elif entry.entity_type == "speaker_alias":
            undo_of[entry.id] = _restore_alias(session, entry, speaker, actor_id, reason, group)
    before = snapshot(speaker)
    speaker.merged_into_id = None
    session.flush()
    undo_of[merge.id] = record(session, entity_type="speaker", entity_id=speaker.id, action="unmerge",
                               actor_id=actor_id, before=before, after=snapshot(speaker), reason=reason,
                               change_group=group)
    session.flush()
    for entry_id, undo in undo_of.items():
        if undo is not None:
            session.get(HistoryEntry, entry_id).reverted_by_id = undo.id
    session.flush()
    _reindex_links(session, [session.get(Claim, e.entity_id) for e in entries if e.entity_type == "claim"])
    return group


def _restore_claim(session, entry, actor_id, reason, group):
    claim = session.get(Claim, entry.entity_id)
    if claim is None:
        return None
    now = {k: getattr(claim, k) for k in _CLAIM_KEYS}
    back = dict(now)
    for key in _CLAIM_KEYS:
        # only a field still as the merge left it goes back; a later edit by hand wins
        if entry.before[key] != entry.after[key] and now[key] == entry.after[key]:
            back[key] = entry.before[key]
    if back == now:
        return None
    claim.speaker_id, claim.attributed_to_id = back["speaker_id"], back["attributed_to_id"]
    return record(session, entity_type="claim", entity_id=claim.id, action="unmerge", actor_id=actor_id,
                  before=now, after=back, reason=reason, change_group=group)


def _restore_alias(session, entry, speaker, actor_id, reason, group):
    before = entry.before
    alias = session.get(SpeakerAlias, entry.entity_id)
    if entry.action == "delete":
        if alias is not None:
            return None
        alias = SpeakerAlias(id=before["id"], name=before["name"], script=before["script"],
                             normalized=before["normalized"], skeleton=before["skeleton"])
        speaker.aliases.append(alias)
        session.flush()
        return record(session, entity_type="speaker_alias", entity_id=alias.id, action="unmerge",
                      actor_id=actor_id, after=snapshot(alias), reason=reason, change_group=group)
    if alias is None or alias.speaker_id != entry.after["speaker_id"]:
        return None
    moved_from = snapshot(alias)
    alias.speaker = speaker
    session.flush()
    return record(session, entity_type="speaker_alias", entity_id=alias.id, action="unmerge", actor_id=actor_id,
                  before=moved_from, after=snapshot(alias), reason=reason, change_group=group)
