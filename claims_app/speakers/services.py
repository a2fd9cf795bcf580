"""Speakers and their aliases: finding the speaker a name refers to, or creating one."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..extraction.names import guess_speaker_kind, script_of
from ..extraction.speakers import best_match, name_skeleton, normalize_name, strip_title
from .models import Speaker, SpeakerAlias

# How many fuzzy candidates one lookup may consider; they come from an indexed prefix.
_CANDIDATE_LIMIT = 200


def _live(session: Session, speaker_id: int) -> Speaker:
    speaker = session.get(Speaker, speaker_id)
    hops = 0
    while speaker is not None and speaker.merged_into_id is not None and hops < 20:
        speaker = session.get(Speaker, speaker.merged_into_id)
        hops += 1
    return speaker


def find_speaker(session: Session, name: str) -> Speaker | None:
    """The speaker ``name`` refers to: an alias with the same key, else a close fuzzy alias."""
    plain = strip_title(name).strip() or name.strip()
    key = normalize_name(plain)
    if not key:
        return None
    alias = session.scalars(select(SpeakerAlias).where(SpeakerAlias.normalized == key).limit(1)).first()
    if alias is not None:
        return _live(session, alias.speaker_id)
    skeleton = name_skeleton(plain)
    if len(skeleton) < 2:
        return None
    candidates = session.scalars(
        select(SpeakerAlias).where(SpeakerAlias.skeleton.startswith(skeleton[:2], autoescape=True))
        .limit(_CANDIDATE_LIMIT)).all()
    if not candidates:
        return None
    index = best_match(plain, [c.name for c in candidates])
    return None if index is None else _live(session, candidates[index].speaker_id)


def add_alias(session: Session, speaker: Speaker, name: str) -> SpeakerAlias | None:
    """Record ``name`` as an alias of ``speaker`` unless it already is one."""
    name = name.strip()
    if not name or any(a.name == name for a in speaker.aliases):
        return None
    alias = SpeakerAlias(name=name, script=script_of(name), normalized=normalize_name(name),
                         skeleton=name_skeleton(name))
    speaker.aliases.append(alias)
    return alias


def resolve_speaker(session: Session, name: str) -> Speaker:
    """The speaker for a name as written, creating it (with the name as alias) when unknown."""
    plain = strip_title(name).strip() or name.strip()
    speaker = find_speaker(session, plain)
    if speaker is None:
        speaker = Speaker(name=plain, kind=guess_speaker_kind(plain))
        session.add(speaker)
    add_alias(session, speaker, plain)
    session.flush()
    return speaker
