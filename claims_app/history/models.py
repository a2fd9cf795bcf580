"""The record of every editorial change: who, when, before, after, why."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from ..types import UTCDateTime, enum_check, utcnow

ENTITY_TYPES = ("claim", "speaker", "speaker_alias", "link", "tag", "claim_tag", "article", "outlet", "user")
ACTIONS = ("create", "update", "delete", "accept", "reject", "verify", "tag", "untag", "link", "unlink",
           "merge", "unmerge", "revert", "confirm", "dismiss")


class HistoryEntry(Base):
    __tablename__ = "history"
    __table_args__ = (
        CheckConstraint(enum_check("entity_type", ENTITY_TYPES), name="entity_type"),
        CheckConstraint(enum_check("action", ACTIONS), name="action"),
        Index("ix_history_entity", "entity_type", "entity_id", "id"),
        # The entries that removed links, read by the claim page among every suggested link's entry.
        Index("ix_history_entity_type_action", "entity_type", "action"),
        Index("ix_history_change_group", "change_group"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_type: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(Text)
    # One editor action that touches several rows (a merge, a bulk accept) shares a group id,
    # so that it can be reverted as a whole.
    change_group: Mapped[str | None] = mapped_column(String(36))
    reverted_by_id: Mapped[int | None] = mapped_column(ForeignKey("history.id", ondelete="SET NULL"))

    actor: Mapped["User | None"] = relationship()  # noqa: F821
