"""Speakers that are probably one person written several ways, for an editor to merge.

Comparing every pair of names is quadratic, so names are first put in blocks keyed by the
start of their consonant skeleton (the indexed ``speaker_aliases.skeleton``), of their last
word's skeleton (a surname alone must meet the full name) and by their cross-script identity key
(``identity.identity_key``: هرتسوغ, הרצוג, Herzog and Герцог share one); only names within a
block are compared, with ``names_match`` in one script and ``same_person`` across scripts.
Matches are joined into groups (one group per person), each with the evidence that joined it.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..extraction.speakers import names_match
from .identity import block_key, identity_key, same_person
from .models import Speaker, SpeakerAlias

PREFIX = 2
# A block this large is a common prefix, not a name; comparing inside it would go quadratic.
MAX_BLOCK = 400


@dataclass
class DuplicateGroup:
    speakers: list[Speaker]
    evidence: list[tuple[str, str]] = field(default_factory=list)   # the alias pairs that matched
    reasons: list[str] = field(default_factory=list)                # why, one per evidence pair


def _block_keys(skeleton: str, name: str = "") -> set[str]:
    words = skeleton.split()
    keys = {"s:" + skeleton[:PREFIX], "l:" + words[-1][:PREFIX]} if words else set()
    keys = {k for k in keys if len(k) >= 2 + PREFIX}
    identity = block_key(name) if name else None
    if identity:
        keys.add("x:" + identity)
    return keys


def match_reason(a: str, b: str) -> str | None:
    """Why two aliases are probably one person, or None."""
    if names_match(a, b):
        return "same spelling up to vowels and variants"
    if same_person(a, b):
        return f"same consonant skeleton across scripts ({identity_key(a)})"
    return None


def candidate_pairs(rows) -> set[tuple[int, int]]:
    """Index pairs (i < j) of rows (speaker_id, name, skeleton) that share a block, other speakers only."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, (_sid, name, skeleton) in enumerate(rows):
        for key in _block_keys(skeleton or "", name or ""):
            blocks[key].append(i)
    pairs = set()
    for members in blocks.values():
        if len(members) > MAX_BLOCK:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if rows[i][0] != rows[j][0]:
                    pairs.add((min(i, j), max(i, j)))
    return pairs


def likely_duplicates(session: Session, *, limit: int = 200) -> list[DuplicateGroup]:
    """Groups of two or more live speakers whose aliases match, largest groups first."""
    rows = session.execute(
        select(SpeakerAlias.speaker_id, SpeakerAlias.name, SpeakerAlias.skeleton)
        .join(Speaker, Speaker.id == SpeakerAlias.speaker_id)
        .where(Speaker.merged_into_id.is_(None))
        .order_by(SpeakerAlias.skeleton)).all()
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    evidence: list[tuple[int, str, str, str]] = []
    for i, j in sorted(candidate_pairs(rows)):
        (a_id, a_name, _), (b_id, b_name, _) = rows[i], rows[j]
        if find(a_id) == find(b_id):
            continue
        reason = match_reason(a_name, b_name)
        if reason:
            parent[find(a_id)] = find(b_id)
            evidence.append((a_id, a_name, b_name, reason))
    members: dict[int, set[int]] = defaultdict(set)
    for sid in {i for (i, _, _) in rows}:
        members[find(sid)].add(sid)
    groups_ids = [ids for ids in members.values() if len(ids) > 1]
    speakers = {s.id: s for s in session.scalars(select(Speaker).where(
        Speaker.id.in_({i for ids in groups_ids for i in ids})))}
    groups = []
    for ids in groups_ids:
        group = DuplicateGroup(sorted((speakers[i] for i in ids), key=lambda s: s.id))
        mine = [(a, b, why) for sid, a, b, why in evidence if find(sid) == find(next(iter(ids)))]
        group.evidence = [(a, b) for a, b, _ in mine]
        group.reasons = [why for _, _, why in mine]
        groups.append(group)
    groups.sort(key=lambda g: (-len(g.speakers), g.speakers[0].name))
    return groups[:limit]
