"""Claims (quotes and numeric claims in one table: every claim is a span) and tags."""
from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

from sqlalchemy import (JSON, CheckConstraint, Column, Float, ForeignKey, Index, Integer, String, Table,
                        Text)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..db import Base
from ..types import Quantity, UTCDateTime, enum_check, utcnow

CLAIM_KINDS = ("quote", "numeric")
STATUSES = ("suggested", "accepted", "rejected", "verified", "disputed", "false", "misleading", "unverifiable")
VERDICTS = ("verified", "disputed", "false", "misleading", "unverifiable")
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range")
NUMERIC_KINDS = ("percent", "currency", "duration", "count")
CONTEXT_CHARS = 32

claim_tags = Table(
    "claim_tags",
    Base.metadata,
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
    Column("created_at", UTCDateTime, default=utcnow, nullable=False),
)


def tag_key(name: str) -> str:
    """What makes two tag names the same tag: NFKC, case folded, white space collapsed.

    "Economy", "economy" and "ＥＣＯＮＯＭＹ" are one tag; so are the presentation forms of an
    Arabic word and its ordinary letters.
    """
    return " ".join(unicodedata.normalize("NFKC", name or "").casefold().split())


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)   # tag_key(name), set with the name
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    claims: Mapped[list["Claim"]] = relationship(secondary=claim_tags, back_populates="tags")

    def __str__(self) -> str:
        return self.name

    @validates("name")
    def _keep_key(self, _attr, name: str) -> str:
        self.key = tag_key(name)
        return name


class Claim(Base):
    __tablename__ = "claims"
    __table_args__ = (
        CheckConstraint('"start" >= 0 AND "start" < "end"', name="span"),
        CheckConstraint(enum_check("kind", CLAIM_KINDS), name="kind"),
        CheckConstraint(enum_check("status", STATUSES), name="status"),
        CheckConstraint(f"verdict IS NULL OR {enum_check('verdict', VERDICTS)}", name="verdict"),
        CheckConstraint(enum_check("qualifier", QUALIFIERS), name="qualifier"),
        CheckConstraint(f"numeric_kind IS NULL OR {enum_check('numeric_kind', NUMERIC_KINDS)}",
                        name="numeric_kind"),
        CheckConstraint("period_start IS NULL OR period_end IS NULL OR period_start <= period_end",
                        name="period"),
        CheckConstraint("speaker_start IS NULL OR (speaker_start >= 0 AND speaker_start < speaker_end)",
                        name="speaker_span"),
        CheckConstraint("quote_id IS NULL OR quote_id <> id", name="not_own_quote"),
        Index("ix_claims_article_id_start", "article_id", "start"),
        Index("ix_claims_status_id", "status", "id"),
        Index("ix_claims_kind_value", "kind", "value"),
        Index("ix_claims_attributed_to_id", "attributed_to_id"),
        Index("ix_claims_verdict_id", "verdict", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    exact: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(String(CONTEXT_CHARS * 2), default="")
    suffix: Mapped[str] = mapped_column(String(CONTEXT_CHARS * 2), default="")
    # Folded exact + speaker + metric for full-text search (kept current by claims_app.search.indexing).
    search_text: Mapped[str | None] = mapped_column(Text)

    # quotes: who said it, where the name stands in the text, how sure the attribution is
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"), index=True)
    speaker_as_written: Mapped[str | None] = mapped_column(String(300))
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)
    attribution_confidence: Mapped[float | None] = mapped_column(Float)
    # the extractor's rule that chose the speaker (extraction.attribution.attributor.RULES), or
    # "editor" once an editor picked the speaker; None when nobody was proposed
    attribution_rule: Mapped[str | None] = mapped_column(String(32))

    # numeric claims
    value: Mapped[Decimal | None] = mapped_column(Quantity)
    low: Mapped[Decimal | None] = mapped_column(Quantity)
    high: Mapped[Decimal | None] = mapped_column(Quantity)
    qualifier: Mapped[str] = mapped_column(String(16), default="exact")
    numeric_kind: Mapped[str | None] = mapped_column(String(16))
    unit: Mapped[str | None] = mapped_column(String(100))
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    metric: Mapped[str | None] = mapped_column(String(500))
    attributed_to_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"))
    quote_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="SET NULL"))

    # review
    status: Mapped[str] = mapped_column(String(16), default="suggested")
    verdict: Mapped[str | None] = mapped_column(String(16))
    verdict_note: Mapped[str | None] = mapped_column(Text)
    evidence_urls: Mapped[list[str] | None] = mapped_column(JSON)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    origin: Mapped[str] = mapped_column(String(64))   # "extractor:<version>" or "editor:<username>"
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    article: Mapped["Article"] = relationship(back_populates="claims")  # noqa: F821
    speaker: Mapped["Speaker | None"] = relationship(foreign_keys=[speaker_id])  # noqa: F821
    attributed_to: Mapped["Speaker | None"] = relationship(foreign_keys=[attributed_to_id])  # noqa: F821
    quote: Mapped["Claim | None"] = relationship(remote_side=[id], foreign_keys=[quote_id])
    tags: Mapped[list[Tag]] = relationship(secondary=claim_tags, back_populates="claims", order_by=Tag.name)

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Claim {self.id} {self.kind} {self.status} [{self.start}:{self.end}]>"

