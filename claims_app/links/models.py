"""Typed cross-references between claims, suggested by rules or made by editors."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from ..types import UTCDateTime, enum_check, utcnow

RELATIONS = ("same_claim", "same_quote", "translation_of", "contradicts", "updates", "supports")
# Symmetric relations are stored once, with the lower claim id as source.
SYMMETRIC_RELATIONS = ("same_claim", "same_quote", "contradicts")
LINK_STATUSES = ("suggested", "confirmed", "dismissed")


class ClaimLink(Base):
    __tablename__ = "claim_links"
    __table_args__ = (
        CheckConstraint("source_id <> target_id", name="no_self_link"),
        CheckConstraint(enum_check("relation", RELATIONS), name="relation"),
        CheckConstraint(enum_check("status", LINK_STATUSES), name="status"),
        UniqueConstraint("source_id", "target_id", "relation"),
        Index("ix_claim_links_target_id", "target_id"),
        Index("ix_claim_links_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    relation: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12), default="suggested")
    rule: Mapped[str | None] = mapped_column(String(100))   # the rule that suggested it; None when an editor made it
    score: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    source: Mapped["Claim"] = relationship(foreign_keys=[source_id])  # noqa: F821
    target: Mapped["Claim"] = relationship(foreign_keys=[target_id])  # noqa: F821


class ClaimTerm(Base):
    """A normalised look-up key of a claim: metric concept, named entity, metric word, speaker key.

    Link suggestion finds candidates through these keys (indexed by term) instead of comparing
    every pair of claims; ``index_claim_terms`` rewrites a claim's rows when it changes.
    """

    __tablename__ = "claim_terms"
    __table_args__ = (Index("ix_claim_terms_term_claim_id", "term", "claim_id"),)

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    term: Mapped[str] = mapped_column(String(120), primary_key=True)
