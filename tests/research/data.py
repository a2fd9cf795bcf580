"""A small, fixed corpus for the research tests: verified and unverified claims in three scripts.

Built directly with the models (no extraction), so that every figure the tests compare against
is known in advance.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from claims_app.accounts.models import User
from claims_app.articles.models import Article, Outlet
from claims_app.articles.services import text_sha256
from claims_app.claims.models import Claim, Tag
from claims_app.links.models import ClaimLink
from claims_app.speakers.models import Speaker, SpeakerAlias

REVIEWED = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.timezone.utc)

ARTICLES = [
    # (title, language, published, text)
    ("Budget row", "en", dt.date(2026, 3, 1),
     'The minister said "unemployment fell to 4.5% last year" while critics cited 6%. '
     'Exports fell by -12.5 percent, the office reported. =HYPERLINK("http://x") is not a claim.'),
    ("الميزانية", "ar", dt.date(2026, 4, 2),
     'قال الوزير "ارتفع التضخم إلى 7% هذا العام" في المؤتمر الصحفي. وذكر التقرير أن البطالة بلغت 5%.'),
    ("התקציב", "he", None,
     'אמר השר "האבטלה ירדה ל-4% בשנה שעברה" במסיבת העיתונאים. לפי הדו"ח, הגירעון הגיע ל-3%.'),
]


def _span(text: str, needle: str) -> tuple[int, int, str, str, str]:
    start = text.index(needle)
    end = start + len(needle)
    return start, end, needle, text[max(0, start - 32):start], text[end:end + 32]


def populate(session: Session) -> dict:
    """Insert the corpus; returns ids by name. The caller commits."""
    reviewer = User(username="reviewer-1", password_hash="x", role="editor")
    outlet = Outlet(name="Daily Record")
    session.add_all([reviewer, outlet])
    session.flush()
    articles = []
    for title, language, published, text in ARTICLES:
        article = Article(sha256=text_sha256(text), text=text, char_count=len(text), title=title,
                          language=language, published=published, outlet=outlet,
                          url=f"https://example.org/{len(articles)}", source="test")
        session.add(article)
        articles.append(article)
    minister = Speaker(name="Minister Dana Levi")
    old_name = Speaker(name="D. Levi")
    wazir = Speaker(name="الوزير")
    session.add_all([minister, old_name, wazir])
    session.flush()
    old_name.merged_into_id = minister.id
    session.add_all([SpeakerAlias(speaker=minister, name="Dana Levi", normalized="dana levi", skeleton="dnlv"),
                     SpeakerAlias(speaker=minister, name="דנה לוי", normalized="דנה לוי", skeleton="דנלו", script="Hebr"),
                     SpeakerAlias(speaker=old_name, name="D. Levi", normalized="d levi", skeleton="dlv")])
    economy, formula = Tag(name="economy"), Tag(name="=cmd|' /C calc'!A0")
    session.add_all([economy, formula])
    session.flush()

    def claim(article, needle, kind, **fields):
        start, end, exact, prefix, suffix = _span(article.text, needle)
        c = Claim(article=article, kind=kind, start=start, end=end, exact=exact, prefix=prefix, suffix=suffix,
                  origin="editor:test", **fields)
        session.add(c)
        session.flush()
        return c

    def verify(c, verdict):
        c.status = verdict
        c.verdict = verdict
        c.reviewed_by_id = reviewer.id
        c.reviewed_at = REVIEWED

    en, ar, he = articles
    q_en = claim(en, "unemployment fell to 4.5% last year", "quote", speaker_id=old_name.id,
                 speaker_as_written="The minister")
    n_en = claim(en, "4.5%", "numeric", value=Decimal("4.5"), numeric_kind="percent", unit="%",
                 metric="unemployment rate", period_start=2025, period_end=2025, quote_id=q_en.id,
                 attributed_to_id=old_name.id)
    n_en2 = claim(en, "6%", "numeric", value=Decimal("6"), numeric_kind="percent", unit="%",
                  metric="unemployment rate", period_start=2025, period_end=2025)
    n_neg = claim(en, "-12.5 percent", "numeric", value=Decimal("-12.5"), numeric_kind="percent", unit="%",
                  metric="exports change")
    n_formula = claim(en, '=HYPERLINK("http://x")', "quote")
    q_ar = claim(ar, "ارتفع التضخم إلى 7% هذا العام", "quote", speaker_id=wazir.id, speaker_as_written="الوزير")
    n_ar = claim(ar, "7%", "numeric", value=Decimal("7"), numeric_kind="percent", unit="%", metric="inflation",
                 quote_id=q_ar.id, attributed_to_id=wazir.id)
    n_ar2 = claim(ar, "5%", "numeric", value=Decimal("5"), numeric_kind="percent", unit="%",
                  metric="unemployment rate", period_start=2025, period_end=2025)
    q_he = claim(he, "האבטלה ירדה ל-4% בשנה שעברה", "quote", speaker_id=minister.id, speaker_as_written="השר")
    n_he = claim(he, "3%", "numeric", value=Decimal("3"), numeric_kind="percent", unit="%", metric="deficit")
    for c, verdict in ((q_en, "verified"), (n_en, "verified"), (n_en2, "false"), (n_neg, "verified"),
                       (q_ar, "misleading"), (n_ar, "verified"), (q_he, "verified")):
        verify(c, verdict)
    q_en.evidence_urls = ["https://example.org/labour-survey-2025", "https://example.org/b?x=1,2&y=\"q\""]
    n_ar.evidence_urls = ["https://example.org/تضخم"]
    n_ar2.status = "accepted"
    n_en.tags = [economy]
    n_en2.tags = [economy, formula]
    q_he.tags = [economy]
    session.add_all([
        ClaimLink(source_id=n_en.id, target_id=n_en2.id, relation="contradicts", status="confirmed"),
        ClaimLink(source_id=q_he.id, target_id=q_en.id, relation="translation_of", status="confirmed"),
        ClaimLink(source_id=n_en.id, target_id=n_ar2.id, relation="same_claim", status="suggested"),
    ])
    session.flush()
    return {"reviewer": reviewer.id, "articles": [a.id for a in articles], "minister": minister.id,
            "old_name": old_name.id, "q_en": q_en.id, "n_en": n_en.id, "n_en2": n_en2.id, "n_neg": n_neg.id,
            "n_formula": n_formula.id, "q_ar": q_ar.id, "n_ar": n_ar.id, "n_ar2": n_ar2.id, "q_he": q_he.id,
            "n_he": n_he.id}


def tricky_corpus(url: str, notes: list, values: list, *, evidence: bool = True) -> dict:
    """The fixed corpus plus one numeric claim per note in ``notes`` (formula characters, quotes,
    line breaks, NULLs...) with values cycling through ``values``; returns the corpus ids."""
    from claims_app.db import make_engine, make_session_factory

    from ..conftest import migrate

    migrate(url)
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        ids = populate(session)
        base = session.get(Claim, ids["n_en"])
        odd = Tag(name="-minus")
        session.add(odd)
        for i, note in enumerate(notes):
            session.add(Claim(article_id=base.article_id, kind="numeric", start=base.start, end=base.end,
                              exact=base.exact, prefix=base.prefix, suffix=base.suffix, origin="editor:test",
                              value=values[i % len(values)], low=values[(i + 3) % len(values)],
                              numeric_kind="count", unit=note, metric=note, verdict_note=note,
                              tags=[odd] if i % 3 == 0 else [],
                              evidence_urls=[f"https://example.org/{i}", note] if evidence and note and i % 2
                              else None))
        session.commit()
    engine.dispose()
    return ids


def engine_and_python_csv(settings, **filters) -> tuple[bytes, bytes]:
    """The CSV export as the engine renders it, and as the Python writer does."""
    from claims_app.research.export import export_chunks, parse_filters

    engine = b"".join(export_chunks(settings, "csv", parse_filters(**filters), bom=True))
    python = b"".join(export_chunks(settings, "csv", parse_filters(**filters), bom=True, engine_lines=False))
    return engine, python
