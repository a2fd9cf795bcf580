"""Outlets and articles. An article's text is stored exactly as decoded and never rewritten."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from ..types import UTCDateTime, utcnow
from .limits import limit


class Outlet(Base):
    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(limit("outlet")), unique=True)
    domain: Mapped[str | None] = mapped_column(String(255))
    country: Mapped[str | None] = mapped_column(String(2))
    default_language: Mapped[str | None] = mapped_column(String(limit("language")))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    articles: Mapped[list["Article"]] = relationship(back_populates="outlet")

    def __str__(self) -> str:
        return self.name


class Article(Base):
    __tablename__ = "articles"
    __table_args__ = (CheckConstraint("char_count >= 0", name="char_count"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    # Folded copy of the text for search; offsets never refer to it.
    search_text: Mapped[str | None] = mapped_column(Text)
    char_count: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(limit("title")))
    language: Mapped[str] = mapped_column(String(limit("language")), index=True)
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id", ondelete="SET NULL"), index=True)
    url: Mapped[str | None] = mapped_column(String(limit("url")))
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    source: Mapped[str | None] = mapped_column(String(limit("source")))
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    ingested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    outlet: Mapped[Outlet | None] = relationship(back_populates="articles")
    claims: Mapped[list["Claim"]] = relationship(back_populates="article")  # noqa: F821

    def __repr__(self) -> str:
        return f"<Article {self.id} {self.language} {self.title[:30]!r}>"
