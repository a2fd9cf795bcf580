#!/usr/bin/env python3
"""Check the development corpus gold (gold.json) against its articles and sources.tsv.

Usage, from the project's root:
    python tests/data/devset/check_gold.py          # report every problem, exit 1 if any
    python tests/data/devset/check_gold.py --fix    # (re)compute start/end from surface + occurrence
    python tests/data/devset/check_gold.py --set heldout   # check another annotated set beside this one

Every quote and numeric claim names its span by `surface` (the exact text) and `occurrence`
(0 for the first place that text appears in the article, 1 for the second...). `start`/`end` are
code-point offsets into the file's text exactly as decoded; `--fix` derives them from surface and
occurrence so that a hand edit of the surface never leaves stale offsets behind.
"""
import argparse
import csv
import json
import math
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
GOLD = HERE / "gold.json"
SOURCES = HERE / "sources.tsv"

LANGUAGES = ("ar", "he", "en", "fr", "ru")
KINDS = ("percent", "currency", "duration", "count")
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range")
SOURCE_COLUMNS = ("file", "language", "outlet", "url", "title", "date", "note")
QUOTE_KEYS = {"surface", "speaker", "optional", "occurrence", "start", "end"}
QUOTE_OPTIONAL_KEYS = {"not_claim", "note"}
NUMBER_KEYS = {"surface", "value", "low", "high", "unit", "qualifier", "optional", "occurrence",
               "note", "start", "end"}
NUMBER_OPTIONAL_KEYS = {"not_claim", "measure"}

# the size the corpus must keep (issue 12, item 5)
MIN_ARTICLES, MIN_OUTLETS, MIN_PER_LANGUAGE = 40, 15, 7


def nth_index(text, surface, occurrence):
    """Start of the occurrence-th (0-based) appearance of surface in text, or -1."""
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.find(surface, pos + 1)
        if pos < 0:
            return -1
    return pos


def read_text(name, base=HERE):
    return (base / name).read_text(encoding="utf-8")


def read_sources(path=SOURCES):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    if not rows or tuple(rows[0]) != SOURCE_COLUMNS:
        raise ValueError(f"{path.name}: header must be {' '.join(SOURCE_COLUMNS)}")
    return [dict(zip(SOURCE_COLUMNS, r)) for r in rows[1:]], [len(r) for r in rows[1:]]


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def check_item(where, item, kind, text, speakers):
    problems = []
    keys = set(item)
    required, allowed = (QUOTE_KEYS, QUOTE_OPTIONAL_KEYS) if kind == "quotes" else (NUMBER_KEYS, NUMBER_OPTIONAL_KEYS)
    if required - keys:
        problems.append(f"{where}: missing {sorted(required - keys)}")
        return problems
    if keys - required - allowed:
        problems.append(f"{where}: unknown keys {sorted(keys - required - allowed)}")
    surface, occ, start, end = item["surface"], item["occurrence"], item["start"], item["end"]
    if not isinstance(surface, str) or not surface or surface != surface.strip():
        problems.append(f"{where}: surface must be a non-empty string without outer spaces")
        return problems
    if not isinstance(occ, int) or isinstance(occ, bool) or occ < 0:
        problems.append(f"{where}: occurrence must be an integer >= 0")
        return problems
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)) or not 0 <= start < end <= len(text):
        problems.append(f"{where}: start/end {start}/{end} outside the text ({len(text)} code points)")
    elif text[start:end] != surface:
        problems.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not the surface {surface!r}")
    elif nth_index(text, surface, occ) != start:
        problems.append(f"{where}: start {start} is not occurrence {occ} of the surface")
    for flag in ("optional", "not_claim"):
        if flag in item and not isinstance(item[flag], bool):
            problems.append(f"{where}: {flag} must be true or false")
    if item.get("not_claim") and item.get("optional"):
        problems.append(f"{where}: a not_claim trap cannot also be optional")
    if kind == "quotes":
        sp = item["speaker"]
        if sp is not None:
            if sp not in speakers:
                problems.append(f"{where}: speaker {sp!r} is not in the speakers map")
            elif not any(alias in text for alias in speakers[sp]):
                problems.append(f"{where}: no alias of speaker {sp!r} appears in the article")
        return problems
    if item["unit"] not in KINDS:
        problems.append(f"{where}: unit (the kind) {item['unit']!r} is not one of {KINDS}")
    q = item["qualifier"]
    if q not in QUALIFIERS:
        problems.append(f"{where}: qualifier {q!r} is not one of {QUALIFIERS}")
    value, low, high = item["value"], item["low"], item["high"]
    if q == "range":
        if not (_is_number(low) and _is_number(high)) or low > high:
            problems.append(f"{where}: a range needs numeric low <= high")
        if value is not None and not _is_number(value):
            problems.append(f"{where}: value must be a number or null")
    else:
        if not _is_number(value):
            problems.append(f"{where}: value must be a number")
        if low is not None or high is not None:
            problems.append(f"{where}: low/high are only for qualifier range")
    if not isinstance(item["note"], str):
        problems.append(f"{where}: note must be a string")
    if "measure" in item and not (isinstance(item["measure"], str) and item["measure"]):
        problems.append(f"{where}: measure must be a non-empty string")
    return problems


def check(gold, sources=None, counts=True, base=HERE):
    """Every problem with the gold, as one line each; an empty list when all is well.

    `counts` checks the size this corpus must keep; another set (base) may be smaller."""
    problems = []
    if set(gold) != {"speakers", "articles"}:
        return [f"gold: top-level keys must be speakers and articles, not {sorted(gold)}"]
    speakers = gold["speakers"]
    if not isinstance(speakers, dict):
        return ["gold: speakers must be an object"]
    for name, aliases in speakers.items():
        if not isinstance(aliases, list) or not aliases or not all(isinstance(a, str) and a.strip() for a in aliases):
            problems.append(f"speakers: {name!r} needs a non-empty list of aliases")
    used_speakers = set()
    seen_files = set()
    for art in gold["articles"]:
        name = art.get("file", "?")
        if set(art) != {"file", "language", "quotes", "numeric_claims"}:
            problems.append(f"{name}: article keys must be file, language, quotes, numeric_claims")
            continue
        if name in seen_files:
            problems.append(f"{name}: listed twice")
        seen_files.add(name)
        lang = art["language"]
        if lang not in LANGUAGES:
            problems.append(f"{name}: language {lang!r} is not one of {LANGUAGES}")
        if pathlib.PurePosixPath(name).parts[0] != lang:
            problems.append(f"{name}: the file must sit in the folder of its language {lang!r}")
        path = base / name
        if not path.is_file():
            problems.append(f"{name}: no such file beside gold.json")
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(f"{name}: not valid UTF-8")
            continue
        for kind in ("quotes", "numeric_claims"):
            spans = set()
            for i, item in enumerate(art[kind]):
                where = f"{name} {kind}[{i}]"
                problems += check_item(where, item, kind, text, speakers)
                key = (item.get("start"), item.get("end"))
                if key in spans:
                    problems.append(f"{where}: the same span is annotated twice")
                spans.add(key)
                if kind == "quotes" and item.get("speaker"):
                    used_speakers.add(item["speaker"])
    for name in sorted(set(speakers) - used_speakers):
        problems.append(f"speakers: {name!r} is no quote's speaker")
    on_disk = {str(p.relative_to(base)) for lang in LANGUAGES for p in (base / lang).glob("*.txt")}
    for name in sorted(on_disk - seen_files):
        problems.append(f"{name}: article file has no gold entry")
    if sources is not None:
        rows, widths = sources
        by_file = {}
        for row, width in zip(rows, widths):
            if width != len(SOURCE_COLUMNS):
                problems.append(f"sources.tsv: {row.get('file')}: {width} columns, not {len(SOURCE_COLUMNS)}")
            by_file[row["file"]] = row
        for art in gold["articles"]:
            row = by_file.get(art["file"])
            if row is None:
                problems.append(f"sources.tsv: no row for {art['file']}")
            elif row["language"] != art["language"] or not row["outlet"] or not row["url"].startswith(("http://", "https://")):
                problems.append(f"sources.tsv: {art['file']}: language, outlet or url missing or wrong")
        for name in sorted(set(by_file) - seen_files):
            problems.append(f"sources.tsv: {name} is not in the gold")
        if counts:
            arts = gold["articles"]
            outlets = {by_file[a["file"]]["outlet"] for a in arts if a["file"] in by_file}
            if len(arts) < MIN_ARTICLES:
                problems.append(f"corpus: {len(arts)} articles, fewer than {MIN_ARTICLES}")
            if len(outlets) < MIN_OUTLETS:
                problems.append(f"corpus: {len(outlets)} outlets, fewer than {MIN_OUTLETS}")
            for lang in LANGUAGES:
                n = sum(a["language"] == lang for a in arts)
                if n < MIN_PER_LANGUAGE:
                    problems.append(f"corpus: {n} {lang} articles, fewer than {MIN_PER_LANGUAGE}")
    return problems


def fix_offsets(gold, base=HERE):
    """Set start/end of every item from its surface and occurrence. Returns the items not found."""
    missing = []
    for art in gold["articles"]:
        text = read_text(art["file"], base)
        for kind in ("quotes", "numeric_claims"):
            for item in art[kind]:
                start = nth_index(text, item["surface"], item.get("occurrence", 0))
                if start < 0:
                    missing.append(f"{art['file']}: {item['surface'][:60]!r} (occurrence {item.get('occurrence', 0)}) not found")
                    continue
                item["start"], item["end"] = start, start + len(item["surface"])
    return missing


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default=str(HERE),
                    help="the annotated set: a folder with gold.json, sources.tsv and the articles, or the name of "
                         "one beside this corpus (heldout); default: this corpus")
    ap.add_argument("--gold", help="the gold file (default: the set's gold.json)")
    ap.add_argument("--fix", action="store_true", help="recompute start/end from surface and occurrence")
    args = ap.parse_args(argv)
    base = next((c.resolve() for c in (pathlib.Path(args.set), HERE.parent / args.set) if (c / "gold.json").is_file()), None)
    if base is None:
        print(f"{args.set}: no such annotated set (a folder with gold.json); give a path or a folder name "
              f"beside {HERE.name}", file=sys.stderr)
        return 2
    path = pathlib.Path(args.gold) if args.gold else base / "gold.json"
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"{path}: cannot read the gold ({exc}); fix the file and run again", file=sys.stderr)
        return 2
    if args.fix:
        missing = fix_offsets(gold, base)
        if missing:
            for m in missing:
                print("not found:", m, file=sys.stderr)
            print(f"{path}: left unchanged, {len(missing)} surfaces not found", file=sys.stderr)
            return 1
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        tmp.replace(path)
    try:
        sources = read_sources(base / "sources.tsv")
    except (OSError, ValueError) as exc:
        print(f"{base / 'sources.tsv'}: {exc}; fix the file and run again", file=sys.stderr)
        return 2
    problems = check(gold, sources, counts=base == HERE, base=base)
    for p in problems:
        print(p)
    arts = gold["articles"]
    print(f"{len(arts)} articles, {sum(len(a['quotes']) for a in arts)} quotes, "
          f"{sum(len(a['numeric_claims']) for a in arts)} numeric claims, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
