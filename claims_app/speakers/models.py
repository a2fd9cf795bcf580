"""People and organisations who are quoted or to whom a figure is attributed."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from ..types import UTCDateTime, enum_check, utcnow

SPEAKER_KINDS = ("person", "organisation")


class Speaker(Base):
    __tablename__ = "speakers"
    __table_args__ = (
        CheckConstraint(enum_check("kind", SPEAKER_KINDS), name="kind"),
        CheckConstraint("merged_into_id IS NULL OR merged_into_id <> id", name="not_merged_into_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(16), default="person")
    wikidata_qid: Mapped[str | None] = mapped_column(String(20))
    # A merged speaker is kept (not deleted) so that the merge can be undone.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id", ondelete="SET NULL"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    aliases: Mapped[list["SpeakerAlias"]] = relationship(back_populates="speaker", cascade="all, delete-orphan",
                                                          order_by="SpeakerAlias.id")

    __mapper_args__ = {"version_id_col": version}

    def __str__(self) -> str:
        return self.name


class SpeakerAlias(Base):
    __tablename__ = "speaker_aliases"
    __table_args__ = (UniqueConstraint("speaker_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    script: Mapped[str | None] = mapped_column(String(16))
    normalized: Mapped[str] = mapped_column(String(300), index=True)
    skeleton: Mapped[str] = mapped_column(String(300), index=True)

    speaker: Mapped[Speaker] = relationship(back_populates="aliases")

    def __str__(self) -> str:
        return self.name
