"""Score link suggestions on the multilingual link set: pair recall and precision per relation.

Ingests every article of ``sources.tsv`` (oldest first, with its language, outlet, url and date)
into a fresh SQLite database with extraction and link suggestion on, exactly as ``ingest`` does,
then compares the suggested links with the gold pairs of ``gold.json`` (its ``format`` field says
how items, groups and pairs are defined).

    .venv/bin/python tests/data/linkset/score.py [--show-errors] [--db PATH]

A suggested link is *judged* when both of its claims stand for annotated items (not ignored) and
the pair is not between two groups marked compatible; it is right when the items form a gold pair
of the link's relation. Recall counts the gold pairs found by at least one link of the relation.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

RELATIONS = ("same_claim", "contradicts", "same_quote", "translation_of")


def read_sources() -> list[dict]:
    with open(HERE / "sources.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for row in rows:
        row["date"] = dt.date.fromisoformat(row["date"])
    return sorted(rows, key=lambda r: (r["date"], r["file"]))


def occurrences(text: str, anchor: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(anchor)
    while start != -1:
        spans.append((start, start + len(anchor)))
        start = text.find(anchor, start + 1)
    return spans


class Gold:
    """Items (file, anchor) with their spans, and the gold pairs of each relation."""

    def __init__(self, data: dict, texts: dict[str, str], languages: dict[str, str], dates: dict | None = None):
        self.spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
        self.pairs: dict[str, set[frozenset]] = defaultdict(set)
        self.ignored = {tuple(i) for i in data.get("ignore", [])}
        self.group_of: dict[tuple[str, str], set[str]] = defaultdict(set)
        groups = {g["id"]: [tuple(i) for i in g["items"]] for g in data["figures"]}
        for gid, items in groups.items():
            for item in items:
                self.group_of[item].add(gid)
            self._pair_up("same_claim", items)
        days = data.get("conflict_days")
        for a, b in data["conflicts"]:
            for x, y in itertools.product(groups[a], groups[b]):
                if x[0] == y[0]:
                    continue
                if days is not None and dates and abs((dates[x[0]] - dates[y[0]]).days) > days:
                    continue
                self.pairs["contradicts"].add(frozenset((x, y)))
        self.compatible = {frozenset(p) for p in data.get("compatible", [])}
        for g in data["quotes"]:
            items = [tuple(i) for i in g["items"]]
            for x, y in itertools.combinations(items, 2):
                if x[0] != y[0]:
                    rel = "same_quote" if languages[x[0]] == languages[y[0]] else "translation_of"
                    self.pairs[rel].add(frozenset((x, y)))
        for item in [*itertools.chain.from_iterable(groups.values()),
                     *(tuple(i) for g in data["quotes"] for i in g["items"]), *self.ignored]:
            spans = occurrences(texts[item[0]], item[1])
            if not spans:
                raise SystemExit(f"gold.json: {item[1]!r} is not in {item[0]}; fix the anchor")
            self.spans[item] = spans

    def _pair_up(self, relation: str, items: list) -> None:
        for x, y in itertools.combinations(items, 2):
            if x[0] != y[0]:
                self.pairs[relation].add(frozenset((x, y)))

    def items_for(self, file: str, start: int, end: int) -> set[tuple[str, str]]:
        return {item for item, spans in self.spans.items()
                if item[0] == file and any(s < end and start < e for s, e in spans)}

    def compatible_pair(self, xs: set, ys: set) -> bool:
        return any(frozenset((g, h)) in self.compatible
                   for x in xs for y in ys for g in self.group_of.get(x, ()) for h in self.group_of.get(y, ()))


def build(db_path: Path) -> tuple[list, dict[int, str], dict[str, str], dict[str, str], list]:
    """Ingest the set; returns (links, article id -> file, texts, languages, spans of usable claims)."""
    from sqlalchemy import select

    from claims_app import models  # noqa: F401  (every mapper)
    from claims_app.articles.readers import ArticleInput
    from claims_app.articles.services import ingest_article
    from claims_app.claims.models import Claim
    from claims_app.cli.core import upgrade_database
    from claims_app.db import make_engine, make_session_factory
    from claims_app.links.models import ClaimLink
    try:
        from claims_app.links.terms import is_fragment
    except ImportError:   # an older version of the rules, measured for comparison
        def is_fragment(text, start, end):
            return False

    url = f"sqlite:///{db_path}"
    upgrade_database(url)
    engine = make_engine(url)
    session = make_session_factory(engine)()
    files, texts, languages = {}, {}, {}
    made = 0
    for row in read_sources():
        text = (HERE / row["file"]).read_text(encoding="utf-8")
        texts[row["file"]], languages[row["file"]] = text, row["language"]
        result = ingest_article(session, ArticleInput(text=text, source=f"linkset/{row['file']}", url=row["url"],
                                                      outlet=row["outlet"], published=row["date"],
                                                      language=row["language"]))
        files[result.article.id] = row["file"]
        made += result.claims_added
    session.commit()
    claims = {c.id: c for c in session.scalars(select(Claim))}
    covered = [(c.article_id, c.start, c.end) for c in claims.values()
               if c.status != "rejected" and not (c.kind == "numeric" and is_fragment(c.article.text, c.start, c.end))]
    links = []
    for link in session.scalars(select(ClaimLink)):
        a, b = claims[link.source_id], claims[link.target_id]
        links.append((link.relation, link.rule, (a.article_id, a.start, a.end, a.exact),
                      (b.article_id, b.start, b.end, b.exact)))
    print(f"{len(files)} articles, {made} claims, {len(links)} links")
    stories = build_stories(session, files)
    session.close()
    engine.dispose()
    return links, files, texts, languages, covered, stories


STORY_VARIANTS = {   # name -> keyword arguments of story_article_ids
    "links only": dict(anchors=False),
    "links + anchors": dict(),
    "anchors only": dict(links=False),
    "anchors only, no window": dict(links=False, days=100_000),   # what the anchor threshold alone does
}


def build_stories(session, files: dict[int, str]) -> dict[str, dict[str, set[str]]]:
    """Each article's story (as files), for each variant of the grouping."""
    try:
        from claims_app.links.stories import story_article_ids
    except ImportError:
        return {}
    from claims_app.articles.models import Article

    out = {}
    for name, kwargs in STORY_VARIANTS.items():
        try:
            out[name] = {files[aid]: {files[i] for i in story_article_ids(session, session.get(Article, aid), **kwargs)
                                      if i in files} for aid in files}
        except TypeError:   # an older version without these arguments
            continue
    return out


def score_stories(stories: dict[str, set[str]]) -> dict:
    """Pairs of articles of one event (the set's folder) that end in one story, and pairs of two
    events that do: the story seen from either article counts."""
    names = sorted(stories)
    event = {f: f.split("/")[0] for f in names}
    same = grouped = wrong = 0
    for a, b in itertools.combinations(names, 2):
        together = b in stories[a] or a in stories[b]
        if event[a] == event[b]:
            same += 1
            grouped += together
        elif together:
            wrong += 1
    right = grouped
    return dict(pairs=same, grouped=grouped, wrong=wrong, recall=grouped / same if same else 1.0,
                precision=right / (right + wrong) if right + wrong else 1.0)


def score(links, files, gold: Gold, show_errors: bool = False, covered=()) -> dict[str, dict]:
    """Per relation; ``extractable`` counts the gold pairs whose two items the extractor read as
    claims (a figure cut at a decimal comma is not read), the ceiling the link rules can reach."""
    read = set()
    for aid, start, end in covered:
        read |= gold.items_for(files[aid], start, end)
    out = {}
    for relation in RELATIONS:
        found: set[frozenset] = set()
        right = wrong = unjudged = 0
        errors = []
        for rel, rule, a, b in links:
            if rel != relation:
                continue
            xs = gold.items_for(files[a[0]], a[1], a[2]) - gold.ignored
            ys = gold.items_for(files[b[0]], b[1], b[2]) - gold.ignored
            if not xs or not ys or gold.compatible_pair(xs, ys):
                unjudged += 1
                continue
            hits = {frozenset((x, y)) for x in xs for y in ys} & gold.pairs[relation]
            if hits:
                right += 1
                found |= hits
            else:
                wrong += 1
                errors.append(f"  {rule}: {files[a[0]]} {a[3]!r} ~ {files[b[0]]} {b[3]!r}")
        total = len(gold.pairs[relation])
        recall = len(found) / total if total else 1.0
        precision = right / (right + wrong) if right + wrong else 1.0
        extractable = {p for p in gold.pairs[relation] if p <= read}
        out[relation] = dict(gold=total, found=len(found), right=right, wrong=wrong, unjudged=unjudged,
                             recall=recall, precision=precision, extractable=len(extractable),
                             recall_read=len(found & extractable) / len(extractable) if extractable else 1.0)
        if show_errors:
            missed = sorted(gold.pairs[relation] - found, key=lambda p: sorted(p))
            for e in errors:
                print(f"[{relation}] wrong{e}")
            for p in missed:
                x, y = sorted(p)
                print(f"[{relation}] missed  {x[0]} {x[1]!r} ~ {y[0]} {y[1]!r}")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true", help="list wrong and missed pairs")
    parser.add_argument("--db", type=Path, help="SQLite file to build (default: a temporary one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db or Path(tmp) / "linkset.sqlite3"
        if db_path.exists():
            db_path.unlink()
        links, files, texts, languages, covered, stories = build(db_path)
    dates = {row["file"]: row["date"] for row in read_sources()}
    gold = Gold(json.loads((HERE / "gold.json").read_text(encoding="utf-8")), texts, languages, dates)
    results = score(links, files, gold, show_errors=args.show_errors, covered=covered)
    print(f"{'relation':<15} {'gold':>5} {'found':>6} {'recall':>7} {'right':>6} {'wrong':>6} {'prec':>6} {'unjudged':>9}"
          f" {'read':>5} {'recall(read)':>13}")
    for relation, r in results.items():
        print(f"{relation:<15} {r['gold']:>5} {r['found']:>6} {r['recall']:>7.2f} {r['right']:>6} {r['wrong']:>6} "
              f"{r['precision']:>6.2f} {r['unjudged']:>9} {r['extractable']:>5} {r['recall_read']:>13.2f}")
    print("read: gold pairs whose two items the extractor read as claims; recall(read): recall among them")
    if stories:
        print(f"\n{'stories':<25} {'event pairs':>12} {'grouped':>8} {'recall':>7} {'wrong pairs':>12} {'prec':>6}")
        for name, by_file in stories.items():
            r = score_stories(by_file)
            print(f"{name:<25} {r['pairs']:>12} {r['grouped']:>8} {r['recall']:>7.2f} {r['wrong']:>12} {r['precision']:>6.2f}")
        print("event pairs: pairs of articles on one event; grouped: those in one story (seen from either);"
              " wrong pairs: articles of two events in one story")
    return 0


if __name__ == "__main__":
    sys.exit(main())
