"""Editorial changes to claims: accept, reject, edit, create from a span, verify, tag.

Every function records what it changed in the history, so that it can be shown and reverted.
A caller that shows a form passes the ``version`` the editor saw; a save on a stale version
raises ``ClaimConflict`` and changes nothing.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..articles.models import Article
from ..errors import ClaimConflict, DomainError, NotFound
from ..history.services import new_change_group, record, snapshot
from ..search.indexing import reindex_claims
from ..types import utcnow
from ..values import NumberError, check_quantity
from .models import CLAIM_KINDS, NUMERIC_KINDS, QUALIFIERS, VERDICTS, Claim, Tag, tag_key
from .spans import make_span, snap_to_words

# What an editor may change with the edit form (verdicts, tags and links have their own services).
EDITABLE_FIELDS = ("value", "low", "high", "qualifier", "numeric_kind", "unit", "period_start", "period_end",
                   "metric", "speaker_id", "attributed_to_id")
# Review decisions; a claim with a verdict is taken back to one of these only by revert or edit.
REVIEW_STATUSES = ("suggested", "accepted", "rejected")


def get_claim(session: Session, claim_id: int) -> Claim:
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"claim {claim_id} does not exist")
    return claim


def _actor_id(actor) -> int | None:
    return getattr(actor, "id", None)


def check_version(claim: Claim, version: int | None, attempted: dict | None = None) -> None:
    if version is not None and int(version) != claim.version:
        raise ClaimConflict(
            f"claim {claim.id} was changed by someone else (you saw version {version}, it is now at "
            f"version {claim.version}); compare both versions and save again",
            current=snapshot(claim), attempted=attempted or {})


def _set_review(session: Session, claim: Claim, status: str, *, actor, version, reason, change_group,
                action: str) -> Claim:
    check_version(claim, version, {"status": status})
    before = snapshot(claim)
    claim.status = status
    claim.reviewed_by_id = _actor_id(actor)
    claim.reviewed_at = utcnow()
    session.flush()
    record(session, entity_type="claim", entity_id=claim.id, action=action, actor_id=_actor_id(actor),
           before=before, after=snapshot(claim), reason=reason, change_group=change_group)
    return claim


def accept_claim(session: Session, claim_id: int, *, actor, version: int | None = None, reason: str | None = None,
                 change_group: str | None = None) -> Claim:
    return _set_review(session, get_claim(session, claim_id), "accepted", actor=actor, version=version,
                       reason=reason, change_group=change_group, action="accept")


def reject_claim(session: Session, claim_id: int, *, actor, version: int | None = None, reason: str | None = None,
                 change_group: str | None = None) -> Claim:
    return _set_review(session, get_claim(session, claim_id), "rejected", actor=actor, version=version,
                       reason=reason, change_group=change_group, action="reject")


def _check_numeric(values: dict) -> None:
    for name in ("value", "low", "high"):
        try:
            check_quantity(values.get(name), name)
        except NumberError as exc:
            raise DomainError(str(exc)) from exc
    qualifier = values.get("qualifier") or "exact"
    if qualifier not in QUALIFIERS:
        raise DomainError(f"qualifier {qualifier!r} is unknown; use one of {', '.join(QUALIFIERS)}")
    kind = values.get("numeric_kind")
    if kind is not None and kind not in NUMERIC_KINDS:
        raise DomainError(f"numeric kind {kind!r} is unknown; use one of {', '.join(NUMERIC_KINDS)}")
    low, high = values.get("low"), values.get("high")
    if low is not None and high is not None and Decimal(low) > Decimal(high):
        raise DomainError(f"low {low} is above high {high}; swap them")
    if qualifier == "range" and (low is None or high is None):
        raise DomainError("a range needs both low and high; fill them in or choose another qualifier")
    p0, p1 = values.get("period_start"), values.get("period_end")
    if p0 is not None and p1 is not None and p0 > p1:
        raise DomainError(f"period {p0}–{p1} ends before it starts; swap the years")


def edit_claim(session: Session, claim_id: int, changes: dict, *, actor, version: int,
               reason: str | None = None, change_group: str | None = None) -> Claim:
    """Change the editable fields of a claim, if nobody else changed it since ``version``."""
    claim = get_claim(session, claim_id)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(f"these fields cannot be edited here: {', '.join(sorted(unknown))}")
    check_version(claim, version, {k: (str(v) if isinstance(v, Decimal) else v) for k, v in changes.items()})
    current = {f: getattr(claim, f) for f in EDITABLE_FIELDS}
    changes = {k: v for k, v in changes.items() if current[k] != v}
    if not changes:
        return claim   # saved as it was: no new version, no history row, the review status stays
    _check_numeric(current | changes)
    before = snapshot(claim)
    for key, value in changes.items():
        setattr(claim, key, value)
    if claim.kind == "quote" and "speaker_id" in changes:
        claim.attribution_rule = "editor" if claim.speaker_id is not None else None
    if claim.status == "suggested":
        # An editor who corrected a candidate has looked at it: it is no longer a mere suggestion.
        claim.status = "accepted"
        claim.reviewed_by_id = _actor_id(actor)
        claim.reviewed_at = utcnow()
    session.flush()
    after = snapshot(claim)
    if after != before:
        record(session, entity_type="claim", entity_id=claim.id, action="update", actor_id=_actor_id(actor),
               before=before, after=after, reason=reason, change_group=change_group)
        reindex_claims(session, [claim])   # search and link look-ups find it by what it says now
    return claim


def create_claim_from_span(session: Session, article_id: int, kind: str, start: int, end: int, exact: str, *,
                           actor, fields: dict | None = None) -> Claim:
    """A claim an editor marked in the reader; offsets are code points, ``exact`` must match the text."""
    if kind not in CLAIM_KINDS:
        raise DomainError(f"kind {kind!r} is unknown; use one of {', '.join(CLAIM_KINDS)}")
    article = session.get(Article, article_id)
    if article is None:
        raise NotFound(f"article {article_id} does not exist")
    make_span(article.text, start, end, exact)
    span = make_span(article.text, *snap_to_words(article.text, start, end))
    fields = dict(fields or {})
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(f"these fields cannot be set here: {', '.join(sorted(unknown))}")
    if kind == "numeric":
        _check_numeric(fields)
    username = getattr(actor, "username", None) or "unknown"
    claim = Claim(article_id=article.id, kind=kind, start=span.start, end=span.end, exact=span.exact,
                  prefix=span.prefix, suffix=span.suffix, status="accepted", origin=f"editor:{username}"[:64],
                  created_by_id=_actor_id(actor), reviewed_by_id=_actor_id(actor), reviewed_at=utcnow(),
                  **{k: v for k, v in fields.items() if v is not None})
    if kind == "quote" and claim.speaker_id is None and fields.get("attributed_to_id"):
        claim.speaker_id = fields["attributed_to_id"]
    session.add(claim)
    session.flush()
    record(session, entity_type="claim", entity_id=claim.id, action="create", actor_id=_actor_id(actor),
           after=snapshot(claim))
    reindex_claims(session, [claim])
    return claim


def verify_claim(session: Session, claim_id: int, verdict: str, *, actor, version: int | None,
                 note: str | None = None, evidence_urls: Iterable[str] = ()) -> Claim:
    """Give a claim a verdict; its status becomes the verdict. A changed verdict needs a note."""
    if verdict not in VERDICTS:
        raise DomainError(f"verdict {verdict!r} is unknown; use one of {', '.join(VERDICTS)}")
    claim = get_claim(session, claim_id)
    check_version(claim, version, {"verdict": verdict, "verdict_note": note})
    note = (note or "").strip() or None
    if verdict != claim.verdict and note is None:
        raise DomainError("a note is required when the verdict changes; say why in the note")
    urls = [u.strip() for u in evidence_urls if u and u.strip()]
    for url in urls:
        parts = urlsplit(url)
        # Rendered as links: anything but http(s) (javascript:, data:) could run in a reader's browser.
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise DomainError(f"evidence {url[:80]!r} is not an http(s) address; give one URL per line")
    before = snapshot(claim)
    claim.verdict = verdict
    claim.status = verdict
    claim.verdict_note = note if note is not None else claim.verdict_note
    claim.evidence_urls = urls or None
    claim.reviewed_by_id = _actor_id(actor)
    claim.reviewed_at = utcnow()
    session.flush()
    record(session, entity_type="claim", entity_id=claim.id, action="verify", actor_id=_actor_id(actor),
           before=before, after=snapshot(claim), reason=note)
    return claim


def normalize_tag_name(name: str) -> str:
    return " ".join((name or "").split())


def find_tag(session: Session, name: str) -> Tag | None:
    """The tag that ``name`` names, whatever its case or Unicode form."""
    return session.scalar(select(Tag).where(Tag.key == tag_key(name)))


def _check_tag_name(session: Session, name: str, *, tag_id: int | None = None) -> str:
    name = normalize_tag_name(name)
    if not name:
        raise DomainError("a tag needs a name; type one")
    if len(name) > 100:
        raise DomainError(f"tag name is {len(name)} characters long; keep it to 100")
    same = find_tag(session, name)
    if same is not None and same.id != tag_id:
        raise DomainError(f"tag {same.name!r} exists already (tags ignore case); use it, or merge the two")
    return name


def create_tag(session: Session, name: str, *, actor, description: str | None = None) -> Tag:
    name = _check_tag_name(session, name)
    tag = Tag(name=name, description=description)
    session.add(tag)
    session.flush()
    record(session, entity_type="tag", entity_id=tag.id, action="create", actor_id=_actor_id(actor),
           after=snapshot(tag))
    return tag


def rename_tag(session: Session, tag_id: int, name: str, *, actor) -> Tag:
    tag = session.get(Tag, tag_id)
    if tag is None:
        raise NotFound(f"tag {tag_id} does not exist")
    name = _check_tag_name(session, name, tag_id=tag.id)
    before = snapshot(tag)
    tag.name = name
    session.flush()
    if snapshot(tag) != before:
        record(session, entity_type="tag", entity_id=tag.id, action="update", actor_id=_actor_id(actor),
               before=before, after=snapshot(tag))
    return tag


def merge_tags(session: Session, source_id: int, into_id: int, *, actor) -> int:
    """Move every claim of tag ``source_id`` to tag ``into_id`` and delete the source tag.

    One change group: each claim's untag/tag and the tag's deletion, so "revert the whole
    change" on any of them undoes the merge. Returns how many claims changed tag.
    """
    if source_id == into_id:
        raise DomainError("a tag cannot be merged into itself; choose another tag")
    source, into = session.get(Tag, source_id), session.get(Tag, into_id)
    if source is None or into is None:
        raise NotFound(f"tag {source_id if source is None else into_id} does not exist")
    group = new_change_group()
    moved = 0
    for claim in list(source.claims):
        claim.tags.remove(source)
        record(session, entity_type="claim", entity_id=claim.id, action="untag", actor_id=_actor_id(actor),
               before={"tag_id": source.id, "tag": source.name}, change_group=group,
               reason=f"tag {source.name!r} merged into {into.name!r}")
        if into not in claim.tags:
            claim.tags.append(into)
            record(session, entity_type="claim", entity_id=claim.id, action="tag", actor_id=_actor_id(actor),
                   after={"tag_id": into.id, "tag": into.name}, change_group=group,
                   reason=f"tag {source.name!r} merged into {into.name!r}")
        moved += 1
    session.flush()
    record(session, entity_type="tag", entity_id=source.id, action="delete", actor_id=_actor_id(actor),
           before=snapshot(source), change_group=group, reason=f"merged into {into.name!r}")
    session.delete(source)
    session.flush()
    return moved


def tag_claim(session: Session, claim_id: int, name: str, *, actor) -> Tag:
    """Add the tag called ``name`` to a claim, creating the tag when it does not exist yet."""
    claim = get_claim(session, claim_id)
    tag = find_tag(session, name) if normalize_tag_name(name) else None
    if tag is None:
        tag = create_tag(session, name, actor=actor)
    if tag in claim.tags:
        raise DomainError(f"claim {claim.id} already has tag {tag.name!r}")
    claim.tags.append(tag)
    session.flush()
    record(session, entity_type="claim", entity_id=claim.id, action="tag", actor_id=_actor_id(actor),
           after={"tag_id": tag.id, "tag": tag.name})
    return tag


def untag_claim(session: Session, claim_id: int, tag_id: int, *, actor) -> Tag:
    claim = get_claim(session, claim_id)
    tag = next((t for t in claim.tags if t.id == tag_id), None)
    if tag is None:
        raise NotFound(f"claim {claim.id} has no tag {tag_id}")
    claim.tags.remove(tag)
    session.flush()
    record(session, entity_type="claim", entity_id=claim.id, action="untag", actor_id=_actor_id(actor),
           before={"tag_id": tag.id, "tag": tag.name})
    return tag


def bulk_review(session: Session, claim_ids: Iterable[int], decision: str, *, actor) -> int:
    """Accept or reject many claims as one change group; claims with a verdict are left alone."""
    if decision not in ("accept", "reject"):
        raise DomainError(f"bulk action {decision!r} is unknown; use accept or reject")
    action = accept_claim if decision == "accept" else reject_claim
    group = new_change_group()
    done = 0
    ids = list(claim_ids)
    for chunk in range(0, len(ids), 500):
        for claim in session.scalars(select(Claim).where(Claim.id.in_(ids[chunk:chunk + 500]))):
            if claim.status in REVIEW_STATUSES:
                action(session, claim.id, actor=actor, change_group=group, reason=f"bulk {decision}")
                done += 1
    return done
