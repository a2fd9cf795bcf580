"""Speakers and their aliases: finding the speaker a name refers to, creating and editing one."""
from __future__ import annotations

import regex
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload

from ..errors import ClaimConflict, DomainError, NotFound
from ..extraction.names import guess_speaker_kind, script_of
from ..extraction.speakers import best_match, name_skeleton, normalize_name, strip_title
from ..history.services import new_change_group, record, snapshot
from .models import SPEAKER_KINDS, Speaker, SpeakerAlias

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


# --- editing ------------------------------------------------------------------------------------

QID_PATTERN = regex.compile(r"Q[1-9]\d{0,11}")


def _actor_id(actor) -> int | None:
    return getattr(actor, "id", None)


def get_speaker(session: Session, speaker_id: int) -> Speaker:
    speaker = session.get(Speaker, speaker_id)
    if speaker is None:
        raise NotFound(f"speaker {speaker_id} does not exist")
    return speaker


def clean_qid(value: str | None) -> str | None:
    """A Wikidata item id such as 'Q42', or None when empty; anything else is an error."""
    value = (value or "").strip().upper()
    if not value:
        return None
    if not QID_PATTERN.fullmatch(value):
        raise DomainError(f"Wikidata id {value!r} is not an item id; write it as Q followed by digits, e.g. Q42")
    return value


def list_speakers(session: Session, *, name: str | None = None, limit: int = 500):
    """Live (not merged) speakers with their alias and claim counts, most quoted first."""
    from ..claims.models import Claim

    aliases = (select(SpeakerAlias.speaker_id.label("sid"), func.count().label("n"))
               .group_by(SpeakerAlias.speaker_id).subquery())
    said = (select(Claim.speaker_id.label("sid"), func.count().label("n")).where(Claim.status != "rejected")
            .group_by(Claim.speaker_id).subquery())
    attributed = (select(Claim.attributed_to_id.label("sid"), func.count().label("n"))
                  .where(Claim.status != "rejected", or_(Claim.speaker_id.is_(None),
                                                         Claim.speaker_id != Claim.attributed_to_id))
                  .group_by(Claim.attributed_to_id).subquery())
    claims = func.coalesce(said.c.n, 0) + func.coalesce(attributed.c.n, 0)
    stmt = (select(Speaker, func.coalesce(aliases.c.n, 0), claims)
            .outerjoin(aliases, aliases.c.sid == Speaker.id)
            .outerjoin(said, said.c.sid == Speaker.id)
            .outerjoin(attributed, attributed.c.sid == Speaker.id)
            .where(Speaker.merged_into_id.is_(None)))
    key = normalize_name(name or "")
    if key:
        matching = select(SpeakerAlias.speaker_id).where(SpeakerAlias.normalized.contains(key, autoescape=True))
        stmt = stmt.where(Speaker.id.in_(matching))
    return session.execute(stmt.order_by(claims.desc(), Speaker.name, Speaker.id).limit(limit)).all()


def speaker_claims(session: Session, speaker_id: int):
    """Every claim the speaker said or that is attributed to them, grouped by article."""
    from ..claims.models import Claim

    stmt = (select(Claim).where(or_(Claim.speaker_id == speaker_id, Claim.attributed_to_id == speaker_id))
            .where(Claim.status != "rejected").options(joinedload(Claim.article))
            .order_by(Claim.article_id.desc(), Claim.start))
    return list(session.scalars(stmt).unique())


def update_speaker(session: Session, speaker_id: int, *, name: str, kind: str, wikidata_qid: str | None,
                   version: int, actor=None, reason: str | None = None) -> Speaker:
    """Save an edit of a speaker's name, kind or Wikidata id, made on version ``version``."""
    speaker = get_speaker(session, speaker_id)
    if speaker.version != version:
        raise ClaimConflict(f"speaker {speaker_id} was changed by someone else (now version {speaker.version}, "
                            f"you edited version {version}); reload the page and edit again",
                            current=snapshot(speaker))
    name = " ".join((name or "").split())
    if not name:
        raise DomainError("the speaker's name is empty; give the name as it is usually written")
    if kind not in SPEAKER_KINDS:
        raise DomainError(f"kind {kind!r} is unknown; use one of {', '.join(SPEAKER_KINDS)}")
    qid = clean_qid(wikidata_qid)
    before = snapshot(speaker)
    speaker.name, speaker.kind, speaker.wikidata_qid = name, kind, qid
    after = {**before, "name": name, "kind": kind, "wikidata_qid": qid}
    if after == before:
        return speaker
    alias = add_alias(session, speaker, name)   # the new name must keep matching in ingest
    session.flush()
    group = new_change_group()
    record(session, entity_type="speaker", entity_id=speaker.id, action="update", actor_id=_actor_id(actor),
           before=before, after=snapshot(speaker), reason=reason, change_group=group)
    if alias is not None:
        record(session, entity_type="speaker_alias", entity_id=alias.id, action="create",
               actor_id=_actor_id(actor), after=snapshot(alias), reason=reason, change_group=group)
    if after["name"] != before["name"]:
        from ..search.indexing import reindex_speaker_claims   # search depends on speakers, not the reverse

        reindex_speaker_claims(session, {speaker.id})   # the name is part of their search text
    return speaker


def add_speaker_alias(session: Session, speaker_id: int, name: str, *, actor=None) -> SpeakerAlias:
    speaker = get_speaker(session, speaker_id)
    name = " ".join((name or "").split())
    if not name:
        raise DomainError("the alias is empty; type the name as it is written in an article")
    alias = add_alias(session, speaker, name)
    if alias is None:
        raise DomainError(f"{name!r} is already an alias of {speaker.name!r}")
    session.flush()
    record(session, entity_type="speaker_alias", entity_id=alias.id, action="create", actor_id=_actor_id(actor),
           after=snapshot(alias))
    return alias


def remove_speaker_alias(session: Session, speaker_id: int, alias_id: int, *, actor=None) -> None:
    alias = session.get(SpeakerAlias, alias_id)
    if alias is None or alias.speaker_id != speaker_id:
        raise NotFound(f"speaker {speaker_id} has no alias {alias_id}")
    record(session, entity_type="speaker_alias", entity_id=alias.id, action="delete", actor_id=_actor_id(actor),
           before=snapshot(alias))
    alias.speaker.aliases.remove(alias)
    session.flush()
