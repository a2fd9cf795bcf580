"""Full-text search over articles and claims, on the folded search columns.

The query is folded with the same ``normalize_for_search`` as the stored text, so alef forms,
harakat, niqqud and Latin accents never keep a word from matching. Every word must occur, bare
or with Arabic or Hebrew proclitics attached (و, ال, ب…; ו, ה, ב…).
Results come newest first and are paged by key (the last id seen), never by offset.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex
from sqlalchemy import Select, func, literal_column, select, table, column
from sqlalchemy.orm import Session, joinedload

from ..articles.models import Article
from ..claims.models import Claim
from ..extraction.normalize import normalize_for_search

PAGE_SIZE = 20
COUNT_CAP = 1000
MAX_TERMS = 12
SCOPES = ("articles", "claims")

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['\"׳״][\p{L}\p{M}]+)*")
_TERM = regex.compile(r"[\p{L}\p{N}]+")


@dataclass
class Snippet:
    """Text around the first match, split so the template can mark the match without |safe."""

    before: str
    match: str
    after: str


@dataclass
class SearchPage:
    scope: str
    items: list = field(default_factory=list)
    next_before: int | None = None   # the key of the next page, None on the last one


def query_terms(query: str) -> list[str]:
    """The folded words of a query; punctuation and FTS syntax characters are dropped."""
    folded = normalize_for_search(query or "").replace("'", "").replace('"', "")
    terms: list[str] = []
    for term in _TERM.findall(folded):
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


# Arabic and Hebrew glue conjunctions, prepositions and the article to the next word
# (وأعلن, بالاتفاقية, והשר, בבית); a search for the bare word should find those too.
_ARABIC_CLITICS = ("و", "ف", "ب", "ل", "ك", "س", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل",
                   "وب", "ول", "فب", "فل", "وس", "وك")
_HEBREW_CLITICS = ("ו", "ה", "ב", "כ", "ל", "מ", "ש", "וה", "וב", "ול", "ומ", "וש", "וכ", "שה", "שב", "של",
                   "שמ", "מה", "כש", "מש", "לכש", "ושה", "וכש")
_ARABIC_LETTER = regex.compile(r"\p{Arabic}")
_HEBREW_LETTER = regex.compile(r"\p{Hebrew}")


def term_variants(term: str) -> list[str]:
    """The term and its forms with proclitics attached, for Arabic and Hebrew words."""
    if len(term) < 2:
        return [term]
    if _ARABIC_LETTER.match(term):
        variants = [term, *(p + term for p in _ARABIC_CLITICS)]
        if term.startswith("ال") and len(term) > 3:
            # after ل the article loses its alef: الاتفاقية -> للاتفاقية
            variants += [p + term[1:] for p in ("ل", "ول", "فل")]
    elif _HEBREW_LETTER.match(term):
        variants = [term, *(p + term for p in _HEBREW_CLITICS)]
        if term.startswith("ה") and len(term) > 2:
            # ב, כ and ל swallow the article: הבית -> בבית
            variants += [p + term[1:] for p in ("ב", "כ", "ל", "וב", "וכ", "ול", "שב", "של")]
    else:
        return [term]
    return list(dict.fromkeys(variants))


def _fts_match(terms: list[str]) -> str:
    # Each variant quoted: FTS5 reads it as a plain string, never as an operator.
    return " AND ".join("(" + " OR ".join(f'"{v}"' for v in term_variants(t)) + ")" for t in terms)


def _tsquery_text(terms: list[str]) -> str:
    # Terms hold only letters and digits (see query_terms), so they cannot carry tsquery operators.
    return " & ".join("(" + " | ".join(term_variants(t)) + ")" for t in terms)


def _tsvector(model):
    # The stored generated column of migration 0003 (PostgreSQL only, so not on the model).
    return literal_column(f"{model.__tablename__}.search_tsv")


def _restrict(stmt: Select, model, terms: list[str], dialect: str) -> Select:
    if dialect == "sqlite":
        fts = table(f"{model.__tablename__}_fts", column("rowid"))
        matching = select(fts.c.rowid).where(literal_column(fts.name).op("MATCH")(_fts_match(terms)))
        return stmt.where(model.id.in_(matching))
    tsquery = func.to_tsquery(literal_column("'simple'"), _tsquery_text(terms))
    return stmt.where(_tsvector(model).op("@@")(tsquery))


def search(session: Session, query: str, *, scope: str = "claims", before: int | None = None,
           limit: int = PAGE_SIZE) -> SearchPage:
    """One page of articles or claims matching every word of ``query``."""
    if scope not in SCOPES:
        raise ValueError(f"scope {scope!r} is unknown; use one of {', '.join(SCOPES)}")
    page = SearchPage(scope=scope)
    terms = query_terms(query)
    if not terms:
        return page
    model = Article if scope == "articles" else Claim
    stmt = select(model)
    if model is Claim:
        stmt = stmt.where(Claim.status != "rejected").options(joinedload(Claim.article), joinedload(Claim.speaker))
    else:
        stmt = stmt.options(joinedload(Article.outlet))
    stmt = _restrict(stmt, model, terms, session.get_bind().dialect.name)
    if before is not None:
        stmt = stmt.where(model.id < before)
    rows = list(session.scalars(stmt.order_by(model.id.desc()).limit(limit + 1)).unique())
    if len(rows) > limit:
        rows = rows[:limit]
        page.next_before = rows[-1].id
    page.items = [(row, snippet(row.text if model is Article else row.exact, terms)) for row in rows]
    return page


def count_matches(session: Session, query: str, scope: str, *, cap: int = COUNT_CAP) -> int:
    """How many rows match, counted up to ``cap`` (a common word need not be counted exactly)."""
    terms = query_terms(query)
    if not terms:
        return 0
    model = Article if scope == "articles" else Claim
    stmt = select(model.id)
    if model is Claim:
        stmt = stmt.where(Claim.status != "rejected")
    matching = _restrict(stmt, model, terms, session.get_bind().dialect.name).limit(cap).subquery()
    return session.scalar(select(func.count()).select_from(matching))


def snippet(text: str, terms: list[str], *, width: int = 90) -> Snippet:
    """The stretch of the original ``text`` around the first word that folds to a query term."""
    wanted = {v for t in terms for v in term_variants(t)}
    for m in _WORD.finditer(text or ""):
        folded = set(_TERM.findall(normalize_for_search(m.group()).replace("'", "").replace('"', "")))
        if folded & wanted:
            start = max(0, m.start() - width)
            end = min(len(text), m.end() + width)
            return Snippet(("…" if start else "") + text[start:m.start()], m.group(),
                           text[m.end():end] + ("…" if end < len(text) else ""))
    cut = (text or "")[: width * 2]
    return Snippet(cut, "", "…" if len(text or "") > len(cut) else "")
