"""Cross-references between claims, made or decided by editors; every change is in the history."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload

from ..claims.models import Claim
from ..errors import DomainError, NotFound
from ..history.services import record, snapshot
from ..types import utcnow
from .models import RELATIONS, SYMMETRIC_RELATIONS, ClaimLink


def _actor_id(actor) -> int | None:
    return getattr(actor, "id", None)


def oriented(source_id: int, target_id: int, relation: str) -> tuple[int, int]:
    """The stored direction: symmetric relations keep the lower claim id as source."""
    if relation in SYMMETRIC_RELATIONS and source_id > target_id:
        return target_id, source_id
    return source_id, target_id


def get_link(session: Session, link_id: int) -> ClaimLink:
    link = session.get(ClaimLink, link_id)
    if link is None:
        raise NotFound(f"link {link_id} does not exist")
    return link


def _decide(session: Session, link: ClaimLink, status: str, action: str, *, actor, reason=None) -> ClaimLink:
    before = snapshot(link)
    link.status = status
    link.decided_by_id = _actor_id(actor)
    link.decided_at = utcnow()
    session.flush()
    record(session, entity_type="link", entity_id=link.id, action=action, actor_id=_actor_id(actor),
           before=before, after=snapshot(link), reason=reason)
    return link


def add_link(session: Session, source_id: int, target_id: int, relation: str, *, actor,
             note: str | None = None) -> ClaimLink:
    """An editor's link, confirmed at once. A suggested or dismissed one for the same pair is confirmed."""
    if relation not in RELATIONS:
        raise DomainError(f"relation {relation!r} is unknown; use one of {', '.join(RELATIONS)}")
    if source_id == target_id:
        raise DomainError("a claim cannot be linked to itself; choose another claim")
    for claim_id in (source_id, target_id):
        if session.get(Claim, claim_id) is None:
            raise NotFound(f"claim {claim_id} does not exist")
    source_id, target_id = oriented(source_id, target_id, relation)
    link = session.scalar(select(ClaimLink).where(ClaimLink.source_id == source_id,
                                                  ClaimLink.target_id == target_id, ClaimLink.relation == relation))
    if link is not None:
        if link.status == "confirmed":
            raise DomainError(f"claims {source_id} and {target_id} are already linked as {relation}")
        return _decide(session, link, "confirmed", "confirm", actor=actor, reason=note)
    link = ClaimLink(source_id=source_id, target_id=target_id, relation=relation, status="confirmed", note=note,
                     created_by_id=_actor_id(actor), decided_by_id=_actor_id(actor), decided_at=utcnow())
    session.add(link)
    session.flush()
    record(session, entity_type="link", entity_id=link.id, action="link", actor_id=_actor_id(actor),
           after=snapshot(link), reason=note)
    return link


def confirm_link(session: Session, link_id: int, *, actor) -> ClaimLink:
    link = get_link(session, link_id)
    if link.status == "confirmed":
        raise DomainError(f"link {link_id} is already confirmed")
    return _decide(session, link, "confirmed", "confirm", actor=actor)


def dismiss_link(session: Session, link_id: int, *, actor) -> ClaimLink:
    link = get_link(session, link_id)
    if link.status == "dismissed":
        raise DomainError(f"link {link_id} is already dismissed")
    return _decide(session, link, "dismissed", "dismiss", actor=actor)


def remove_link(session: Session, link_id: int, *, actor) -> None:
    link = get_link(session, link_id)
    record(session, entity_type="link", entity_id=link.id, action="unlink", actor_id=_actor_id(actor),
           before=snapshot(link))
    session.delete(link)
    session.flush()


@dataclass(frozen=True)
class LinkView:
    link: ClaimLink
    other: Claim
    outgoing: bool   # True when the claim we look from is the stored source


def links_for_claim(session: Session, claim_id: int, *, include_dismissed: bool = True) -> list[LinkView]:
    stmt = (select(ClaimLink).where(or_(ClaimLink.source_id == claim_id, ClaimLink.target_id == claim_id))
            .options(joinedload(ClaimLink.source).joinedload(Claim.article),
                     joinedload(ClaimLink.target).joinedload(Claim.article))
            .order_by(ClaimLink.status, ClaimLink.id))
    if not include_dismissed:
        stmt = stmt.where(ClaimLink.status != "dismissed")
    return [LinkView(link, link.target if link.source_id == claim_id else link.source, link.source_id == claim_id)
            for link in session.scalars(stmt)]
