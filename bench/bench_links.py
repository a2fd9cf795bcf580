"""Link suggestion against a million stored claims: how long one new article takes.

Builds a SQLite database (migrations, then a synthetic corpus written with executemany:
English, Arabic and Hebrew sentences made from the shipped lexicons, with their look-up terms),
then times ``suggest_links_for_article`` for a few new articles, and the story of a few stored
articles (``story_article_ids``: links and shared anchors, the 'also reported by' panel), and
prints the figures.

    .venv/bin/python bench/bench_links.py [--claims 1000000] [--db /tmp/bench_links.sqlite3]

Not run by pytest. The target is under 200 ms per article.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claims_app import models  # noqa: E402,F401  (every mapper)
from claims_app.articles.models import Article  # noqa: E402
from claims_app.claims.models import Claim  # noqa: E402
from claims_app.cli.core import upgrade_database  # noqa: E402
from claims_app.db import make_engine, make_session_factory  # noqa: E402
from claims_app.links.features import concept_shingles, numeric_features, quote_features, quote_shingles  # noqa: E402,E501
from claims_app.links.lexicon import LEXICON_DIR  # noqa: E402
from claims_app.links.stories import story_article_ids  # noqa: E402
from claims_app.links.suggest import suggest_links_for_article  # noqa: E402
from claims_app.links.terms import value_buckets  # noqa: E402

CLAIMS_PER_ARTICLE = 10
QUOTE_SHARE = 0.1
SCRIPTS = {"ar": ("\u0600", "\u06ff"), "he": ("\u0590", "\u05ff")}

TEMPLATES = {
    "en": ["{e1} supplied {v} of {e2}'s {t} last year.", "The {t} between {e1} and {e2} reached {v} in {y}.",
           "Officials say {v} of the {t} of {e1} comes from {e2}."],
    "ar": ["وقالت مصادر إن {e1} وفرت {v} من {t} {e2} في {y}.", "وبلغ حجم {t} بين {e1} و{e2} {v}."],
    "he": ["{e1} סיפקה {v} מה{t} של {e2} בשנת {y}.", "היקף ה{t} בין {e1} ל{e2} הגיע ל-{v}."],
}
FIGURES = {
    "percent": {"en": "{n}%", "ar": "{n}٪", "he": "{n}%"},
    "currency": {"en": "{n} million dollars", "ar": "{n} مليون دولار", "he": "{n} מיליון דולר"},
    "count": {"en": "{n}", "ar": "{n}", "he": "{n}"},
}
FILLER = {"en": "we will continue to work together on the future of our people and the region".split(),
          "ar": "سنواصل العمل معا من أجل مستقبل شعبينا والمنطقة بأسرها في كل المجالات".split(),
          "he": "נמשיך לעבוד יחד למען העתיד של העמים שלנו והאזור כולו בכל התחומים".split()}


def language_of(form: str) -> str:
    for lang, (lo, hi) in SCRIPTS.items():
        if any(lo <= ch <= hi for ch in form):
            return lang
    return "en"


def surface_forms(name: str, roles: set[str]) -> dict[str, list[tuple[str, str]]]:
    """{language: [(concept id, first form in that language)]} from a shipped lexicon."""
    out: dict[str, list[tuple[str, str]]] = {"en": [], "ar": [], "he": []}
    for line in (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        concept, role, forms = line.split("\t")
        if role not in roles:
            continue
        seen = set()
        for form in (f.strip() for f in forms.split(",")):
            lang = language_of(form)
            if lang not in seen:
                seen.add(lang)
                out[lang].append((concept, form))
    return out


TOPICS = surface_forms("metrics.tsv", {"topic"})
# a dozen countries keep the number of distinct sentence shapes (whose terms are computed once) small
ENTITIES = {lang: forms[:12] for lang, forms in surface_forms("entities.tsv", {"country"}).items()}
PEOPLE = surface_forms("entities.tsv", {"person"})


class Corpus:
    """Synthetic sentences with their claims and terms; terms are cached per sentence shape."""

    def __init__(self, seed: int = 7):
        self.rng = random.Random(seed)
        self.cache: dict[tuple, set[str]] = {}
        self.quotes = {lang: [self._said(lang) for _ in range(3000)] for lang in FILLER}

    def _said(self, lang: str) -> str:
        """A sentence of common words, invented words and a place: quotes repeat some words, not all."""
        letters = {"en": "abcdefghiklmnoprstuvwy", "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
                   "he": "אבגדהוזחטיכלמנסעפצקרשת"}[lang]
        words = [w for w in FILLER[lang] if self.rng.random() < 0.4]
        words += ["".join(self.rng.choice(letters) for _ in range(self.rng.randint(3, 8))) for _ in range(9)]
        self.rng.shuffle(words)
        return " ".join(words) + " " + self.rng.choice([f for _, f in ENTITIES[lang]])

    def numeric_sentence(self, lang: str):
        rng = self.rng
        kind = rng.choice(("percent", "percent", "currency", "count"))
        template = rng.randrange(len(TEMPLATES[lang]))
        (t_id, t), (e1_id, e1), (e2_id, e2) = (rng.choice(TOPICS[lang]), *rng.sample(ENTITIES[lang], 2))
        n = rng.randint(1, 99) if kind == "percent" else rng.randint(1, 999)
        year = rng.randint(2000, 2025)
        figure = FIGURES[kind][lang].format(n=n)
        text = TEMPLATES[lang][template].format(v=figure, t=t, e1=e1, e2=e2, y=year)
        start = text.index(figure)
        key = (lang, template, t_id, e1_id, e2_id)
        if key not in self.cache:
            self.cache[key] = numeric_features(text, start, start + len(figure), None)
        value = n * 1_000_000 if kind == "currency" else n
        terms = self.cache[key].terms(kind, value_buckets(value, None, None))
        claim = dict(kind="numeric", start=start, end=start + len(figure), exact=figure, value=value,
                     numeric_kind=kind, unit="USD" if kind == "currency" else None,
                     period=year if "{y}" in TEMPLATES[lang][template] else None)
        return text, claim, terms

    def quote_sentence(self, lang: str, speakers: list[tuple[int, str]]):
        index = self.rng.randrange(len(self.quotes[lang]))
        speaker_id, name = self.rng.choice(speakers)
        said = self.quotes[lang][index]
        text = f'{name}: "{said}".'
        key = ("q", lang, index, speaker_id)
        if key not in self.cache:
            self.cache[key] = (quote_features(said, speaker_id, name).terms() | quote_shingles(said)
                                  | concept_shingles(said))
        start = text.index(said)
        claim = dict(kind="quote", start=start, end=start + len(said), exact=said, speaker_id=speaker_id,
                     speaker=name)
        return text, claim, self.cache[key]

    def article(self, speakers):
        lang = self.rng.choice(("en", "en", "ar", "ar", "he"))
        parts, claims, offset = [], [], 0
        for _ in range(CLAIMS_PER_ARTICLE):
            if self.rng.random() < QUOTE_SHARE:
                sentence, claim, terms = self.quote_sentence(lang, speakers[lang])
            else:
                sentence, claim, terms = self.numeric_sentence(lang)
            claim["start"] += offset
            claim["end"] += offset
            claims.append((claim, terms))
            parts.append(sentence)
            offset += len(sentence) + 1
        return lang, " ".join(parts), claims


def load(db_path: Path, total_claims: int, corpus: Corpus) -> dict:
    """Write the synthetic corpus with executemany; returns the speakers per language."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=DELETE")   # a write-ahead log of a million rows only slows the load
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA foreign_keys=OFF")
    now = dt.datetime(2026, 11, 1).isoformat(sep=" ")
    speakers = {}
    rows = []
    sid = 0
    for lang in ("en", "ar", "he"):
        speakers[lang] = []
        for _, name in PEOPLE[lang]:
            sid += 1
            rows.append((sid, name, "person", 1, now))
            speakers[lang].append((sid, name))
    conn.executemany("INSERT INTO speakers (id, name, kind, version, created_at) VALUES (?, ?, ?, ?, ?)", rows)
    conn.execute("DROP INDEX ix_claim_terms_term_claim_id")   # built once at the end: much faster
    articles, claims, terms = [], [], []
    claim_id = 0
    n_articles = total_claims // CLAIMS_PER_ARTICLE

    def flush():
        conn.executemany("INSERT INTO articles (id, sha256, text, char_count, title, language, published, source, "
                         "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", articles)
        conn.executemany('INSERT INTO claims (id, article_id, kind, start, "end", exact, prefix, suffix, speaker_id, '
                         "speaker_as_written, value, qualifier, numeric_kind, unit, period_start, period_end, status, "
                         "origin, created_at, updated_at, version) VALUES "
                         "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", claims)
        conn.executemany("INSERT INTO claim_terms (claim_id, term) VALUES (?, ?)", terms)
        articles.clear(), claims.clear(), terms.clear()

    for aid in range(1, n_articles + 1):
        lang, text, found = corpus.article(speakers)
        published = (dt.date(2015, 1, 1) + dt.timedelta(days=aid % 4000)).isoformat()
        articles.append((aid, hashlib.sha256(f"{aid}:{text}".encode()).hexdigest(), text, len(text),
                         text[:60], lang, published, f"synthetic/{aid}.txt", now))
        for claim, claim_terms in found:
            claim_id += 1
            s, e = claim["start"], claim["end"]
            claims.append((claim_id, aid, claim["kind"], s, e, claim["exact"], text[max(0, s - 32):s], text[e:e + 32],
                           claim.get("speaker_id"), claim.get("speaker"), claim.get("value"), "exact",
                           claim.get("numeric_kind"), claim.get("unit"), claim.get("period"), claim.get("period"),
                           "suggested", "extractor:bench", now, now, 1))
            terms.extend((claim_id, t) for t in claim_terms)
            terms.append((claim_id, "u:1"))   # indexed from the claim's first version
        if len(claims) >= 50_000:
            flush()
    flush()
    conn.execute("CREATE INDEX ix_claim_terms_term_claim_id ON claim_terms (term, claim_id)")
    conn.execute("ANALYZE")
    conn.commit()
    count = conn.execute("SELECT count(*) FROM claim_terms").fetchone()[0]
    conn.close()
    print(f"stored {n_articles} articles, {claim_id} claims, {count} terms")
    return speakers


def _add_article(session, text: str, lang: str, source: str, claims: list[dict]) -> Article:
    """A new article with the generated claims, flushed (not committed)."""
    article = Article(sha256=hashlib.sha256(text.encode()).hexdigest(), text=text, char_count=len(text),
                      title=text[:60], language=lang, source=source)
    session.add(article)
    for claim in claims:
        session.add(Claim(article=article, kind=claim["kind"], start=claim["start"], end=claim["end"],
                          exact=claim["exact"], prefix="", suffix="", speaker_id=claim.get("speaker_id"),
                          speaker_as_written=claim.get("speaker"), value=claim.get("value"),
                          numeric_kind=claim.get("numeric_kind"), unit=claim.get("unit"),
                          period_start=claim.get("period"), period_end=claim.get("period"),
                          origin="extractor:bench"))
    session.flush()
    return article


def time_new_articles(url: str, corpus: Corpus, speakers: dict, runs: int) -> list[float]:
    engine = make_engine(url)
    factory = make_session_factory(engine)
    timings, cpu = [], []
    for i in range(runs):
        lang, text, found = corpus.article(speakers)
        text = f"{text} (new {i})"
        with factory() as session:
            article = _add_article(session, text, lang, f"new/{i}.txt", [claim for claim, _ in found])
            began, began_cpu = time.perf_counter(), time.process_time()
            result = suggest_links_for_article(session, article)
            timings.append(time.perf_counter() - began)
            cpu.append(time.process_time() - began_cpu)
            rules = ", ".join(f"{rule} {n}" for rule, n in sorted(result.by_rule.items()))
            print(f"  article {i + 1} ({lang}): {timings[-1] * 1000:.1f} ms ({cpu[-1] * 1000:.1f} ms CPU), "
                  f"{result.claims} claims, {result.candidates} candidates, {result.suggested} suggestions ({rules})")
            session.rollback()
    engine.dispose()
    return timings, cpu


def time_stories(url: str, articles: int, runs: int) -> list[float]:
    """The story of ``runs`` stored articles spread over the corpus, as the reader's panel asks for it."""
    engine = make_engine(url)
    factory = make_session_factory(engine)
    timings = []
    with factory() as session:
        for i in range(runs):
            article = session.get(Article, 1 + (i * 7919) % articles)
            began = time.perf_counter()
            ids = story_article_ids(session, article)
            timings.append(time.perf_counter() - began)
            print(f"  story of article {article.id}: {timings[-1] * 1000:.1f} ms, {len(ids)} articles")
    engine.dispose()
    return timings


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def time_big_article(url: str, corpus: Corpus, speakers: dict, quotes: int, figures: int) -> float:
    """One long article with ``quotes`` quotes and ``figures`` figures (the shape that used to grow
    faster than its size: every claim was checked against every other claim of the article)."""
    engine = make_engine(url)
    factory = make_session_factory(engine)
    parts, claims, offset = [], [], 0
    lang = "en"
    for i in range(quotes + figures):
        if i % 2 == 0 and quotes:
            sentence, claim, _ = corpus.quote_sentence(lang, speakers[lang])
            quotes -= 1
        else:
            sentence, claim, _ = corpus.numeric_sentence(lang)
        claim["start"] += offset
        claim["end"] += offset
        claims.append(claim)
        parts.append(sentence)
        offset += len(sentence) + 1
    text = " ".join(parts)
    with factory() as session:
        article = _add_article(session, text, lang, "new/big.txt", claims)
        began = time.perf_counter()
        result = suggest_links_for_article(session, article)
        took = time.perf_counter() - began
        print(f"  big article ({len(text) // 1000} KB, {result.claims} claims): {took:.2f} s, "
              f"{result.candidates} candidates, {result.suggested} suggestions")
        session.rollback()
    engine.dispose()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/bench_links.sqlite3"))
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--reuse", action="store_true", help="Keep an existing database from an earlier run.")
    parser.add_argument("--big", type=int, nargs=2, metavar=("QUOTES", "FIGURES"), default=(2000, 2000),
                        help="Also time one long article with this many quotes and figures (0 0: skip).")
    args = parser.parse_args()
    url = f"sqlite:///{args.db}"
    corpus = Corpus()
    began = time.perf_counter()
    if args.reuse and args.db.exists():
        speakers = _speakers_from(args.db)
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        upgrade_database(url)
        speakers = load(args.db, args.claims, corpus)
        print(f"corpus built in {time.perf_counter() - began:.0f} s")
    timings, cpu = time_new_articles(url, corpus, speakers, args.runs)
    ms, cpu_ms = sorted(t * 1000 for t in timings), sorted(t * 1000 for t in cpu)
    print(f"suggestions for one new article against {args.claims} claims: median {statistics.median(ms):.1f} ms, "
          f"p95 {_p95(ms):.1f} ms, max {ms[-1]:.1f} ms wall; median {statistics.median(cpu_ms):.1f} ms CPU "
          "(target < 200 ms)")
    story_ms = sorted(t * 1000 for t in time_stories(url, args.claims // CLAIMS_PER_ARTICLE, args.runs))
    print(f"story of one stored article: median {statistics.median(story_ms):.1f} ms, p95 {_p95(story_ms):.1f} ms")
    if any(args.big):
        took = time_big_article(url, corpus, speakers, *args.big)
        print(f"one article with {args.big[0]} quotes and {args.big[1]} figures: {took:.2f} s")
    if os.getloadavg()[0] > (os.cpu_count() or 1):
        print(f"note: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; wall times include waiting")


def _speakers_from(db_path: Path) -> dict:
    conn = sqlite3.connect(db_path)
    by_name = {name: sid for sid, name in conn.execute("SELECT id, name FROM speakers")}
    conn.close()
    return {lang: [(by_name[name], name) for _, name in PEOPLE[lang] if name in by_name] for lang in PEOPLE}


if __name__ == "__main__":
    main()
