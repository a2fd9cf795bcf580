#!/usr/bin/env python3
"""Score the extractor on the development corpus, per language and overall.

Usage, from the project's root:
    python tests/data/devset/score.py            # runs `python manage.py extract --format jsonl`
    python tests/data/devset/score.py -v         # also list every miss, extra and wrong speaker
    python tests/data/devset/score.py --pred run.jsonl     # score a saved run (gold's article order)
    python tests/data/devset/score.py --save run.jsonl     # keep the run for later comparison
    python tests/data/devset/score.py --lang ar --json     # one language, figures as JSON
    python tests/data/devset/score.py --set heldout        # score another annotated set (tests/data/heldout)

The matching rules are those of the project's evaluation gold format:
- a numeric claim is found when the predicted span overlaps the gold span and the value is equal
  (for a range: both bounds, or either bound given as the value);
- a quote is found when the overlap covers at least half of the gold span and half of the
  predicted span;
- pairs are made one to one, largest overlap first;
- a gold item marked `optional` neither counts when found nor when missed, and a prediction that
  overlaps one is not an error; a gold item marked `not_claim` is a trap: a prediction overlapping
  it is always an error;
- speaker accuracy is over found quotes whose gold speaker is known: right when the predicted
  speaker equals, contains or is contained in (whole words) any alias after light normalisation;
- kind accuracy compares the predicted kind with the gold kind (stored in `unit`), qualifier
  accuracy the predicted qualifier (missing = exact) with the gold one, over found claims.

Exit status: 0 when every --min-* threshold is met, 1 otherwise, 2 when the run or the input is
broken. The last line is a one-line summary.
"""
import argparse
import json
import pathlib
import re
import shlex
import subprocess
import sys
import unicodedata

HERE = pathlib.Path(__file__).resolve().parent
PROJECT = HERE.parents[2]

KIND_NAMES = {
    "percent": "percent", "percentage": "percent", "%": "percent",
    "currency": "currency", "money": "currency",
    "duration": "duration", "time": "duration",
    "count": "count", "number": "count", "quantity": "count",
}

_MARKS = re.compile("[\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
                       "׳": "'", "’": "'", "`": "'", '"': "'", "״": "'"})


def fold_name(s):
    """Light normalisation for comparing speaker names: width, diacritics, letter variants, case."""
    s = _MARKS.sub("", unicodedata.normalize("NFKC", s or "")).translate(_FOLD).lower()
    return " ".join(re.sub(r"[^\w' ]+", " ", s).split())


def same_speaker(predicted, aliases):
    p = fold_name(predicted)
    if not p:
        return False
    for alias in aliases:
        a = fold_name(alias)
        if not a:
            continue
        if p == a or f" {a} " in f" {p} " or f" {p} " in f" {a} ":
            return True
    return False


def overlap(a, b):
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def _equal(x, y):
    if x is None or y is None:
        return False
    try:
        x, y = float(x), float(y)
    except (TypeError, ValueError):
        return False
    return abs(x - y) <= 1e-6 * max(1.0, abs(y))


def value_hit(pred, gold):
    if gold["qualifier"] == "range":
        return ((_equal(pred.get("low"), gold["low"]) and _equal(pred.get("high"), gold["high"]))
                or _equal(pred.get("value"), gold["low"]) or _equal(pred.get("value"), gold["high"]))
    if _equal(pred.get("value"), gold["value"]):
        return True
    return pred.get("value") is None and _equal(pred.get("low"), gold["value"])


def quote_found(pred, gold):
    ov = overlap(pred, gold)
    return ov >= 0.5 * (gold["end"] - gold["start"]) and ov >= 0.5 * max(1, pred["end"] - pred["start"])


def number_found(pred, gold):
    return overlap(pred, gold) > 0 and value_hit(pred, gold)


def pair_up(preds, golds, found):
    """One-to-one pairs, largest overlap first: (pairs, unpaired predictions, unpaired gold)."""
    candidates = sorted(((overlap(p, g), i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)
                         if found(p, g)), key=lambda c: (-c[0], c[1], c[2]))
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in candidates:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((preds[i], golds[j]))
    return (pairs, [p for i, p in enumerate(preds) if i not in used_p],
            [g for j, g in enumerate(golds) if j not in used_g])


class Counts:
    def __init__(self):
        self.tp = self.fp = self.fn = 0
        self.right = {}
        self.total = {}

    def attribute(self, name, ok):
        self.right[name] = self.right.get(name, 0) + bool(ok)
        self.total[name] = self.total.get(name, 0) + 1

    def prf(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def accuracy(self, name):
        total = self.total.get(name, 0)
        return self.right.get(name, 0) / total if total else None


def _usable(item, text):
    s, e = item.get("start"), item.get("end")
    return (isinstance(s, int) and isinstance(e, int) and not isinstance(s, bool)
            and not isinstance(e, bool) and 0 <= s < e <= len(text))


def score_article(art, text, pred, speakers, quotes, numbers, log, problems):
    name = art["file"]
    for kind, counts, found in (("quotes", quotes, quote_found), ("numeric_claims", numbers, number_found)):
        items = pred.get(kind) or []
        bad = [p for p in items if not _usable(p, text)]
        if bad:
            problems.append(f"{name}: {len(bad)} {kind} with offsets outside the text")
        items = [p for p in items if _usable(p, text)]
        for p in items:
            if p.get("text") is not None and p["text"] != text[p["start"]:p["end"]]:
                problems.append(f"{name}: a {kind} text is not text[start:end] at {p['start']}")
        gold = art[kind]
        traps = [g for g in gold if g.get("not_claim")]
        optional = [g for g in gold if g["optional"]]
        pairs, extra, missed = pair_up(items, [g for g in gold if not g.get("not_claim")], found)
        for p, g in pairs:
            if g["optional"]:
                continue
            counts.tp += 1
            if kind == "quotes":
                if g["speaker"]:
                    aliases = [g["speaker"], *speakers.get(g["speaker"], [])]
                    ok = same_speaker(p.get("speaker") or "", aliases)
                    counts.attribute("speaker", ok)
                    if not ok:
                        log.append(f"  SPEAKER {name}: {p.get('speaker')!r} for {g['speaker']!r}: {g['surface'][:50]!r}")
            else:
                kind_pred = str(p.get("kind", "")).lower()
                counts.attribute("kind", KIND_NAMES.get(kind_pred, kind_pred) == g["unit"])
                counts.attribute("qualifier", str(p.get("qualifier") or "exact") == g["qualifier"])
                if str(p.get("qualifier") or "exact") != g["qualifier"]:
                    log.append(f"  QUALIFIER {name}: {p.get('qualifier')!r} for {g['qualifier']!r}: {g['surface']!r}")
        extra = [p for p in extra
                 if any(overlap(p, t) for t in traps) or not any(overlap(p, g) for g in optional)]
        missed = [g for g in missed if not g["optional"]]
        counts.fp += len(extra)
        counts.fn += len(missed)
        for g in missed:
            log.append(f"  MISS {name} {kind}: {g['surface'][:70]!r}")
        for p in extra:
            log.append(f"  EXTRA {name} {kind}: {text[p['start']:p['end']][:70]!r}")


def score(gold, preds, language=None, base=HERE):
    quotes, numbers, log, problems = Counts(), Counts(), [], []
    for art in gold["articles"]:
        if language and art["language"] != language:
            continue
        text = (base / art["file"]).read_text(encoding="utf-8")
        pred = preds.get(art["file"])
        if pred is None:
            problems.append(f"{art['file']}: no prediction")
            pred = {}
        score_article(art, text, pred, gold["speakers"], quotes, numbers, log, problems)
    return quotes, numbers, log, problems


def figures(quotes, numbers):
    qp, qr, qf = quotes.prf()
    np_, nr, nf = numbers.prf()
    return {
        "quote_p": qp, "quote_r": qr, "quote_f1": qf, "quote_tp": quotes.tp, "quote_fp": quotes.fp,
        "quote_fn": quotes.fn, "speaker_acc": quotes.accuracy("speaker"),
        "speaker_n": quotes.total.get("speaker", 0),
        "number_p": np_, "number_r": nr, "number_f1": nf, "number_tp": numbers.tp, "number_fp": numbers.fp,
        "number_fn": numbers.fn, "kind_acc": numbers.accuracy("kind"),
        "qualifier_acc": numbers.accuracy("qualifier"),
    }


def _fmt(x):
    return "  -  " if x is None else f"{x:.2f}"


def table(rows):
    head = (f"{'lang':<5} {'art':>3} | {'quote P':>7} {'R':>5} {'F1':>5} {'(gold)':>6} | {'speaker':>7} {'(n)':>4} | "
            f"{'number P':>8} {'R':>5} {'F1':>5} {'(gold)':>6} | {'kind':>5} {'qual':>5}")
    lines = [head, "-" * len(head)]
    for lang, n, f in rows:
        lines.append(
            f"{lang:<5} {n:>3} | {_fmt(f['quote_p']):>7} {_fmt(f['quote_r']):>5} {_fmt(f['quote_f1']):>5} "
            f"{f['quote_tp'] + f['quote_fn']:>6} | {_fmt(f['speaker_acc']):>7} {f['speaker_n']:>4} | "
            f"{_fmt(f['number_p']):>8} {_fmt(f['number_r']):>5} {_fmt(f['number_f1']):>5} "
            f"{f['number_tp'] + f['number_fn']:>6} | {_fmt(f['kind_acc']):>5} {_fmt(f['qualifier_acc']):>5}")
    return "\n".join(lines)


def resolve_set(name):
    """The folder of an annotated set given as a path or as the name of a folder beside this one."""
    for candidate in (pathlib.Path(name), HERE.parent / name):
        if (candidate / "gold.json").is_file():
            return candidate.resolve()
    return None


class BrokenRun(Exception):
    """The extractor could not be run, or its output cannot be read."""


def run_extractor(cmd, files):
    try:
        out = subprocess.run(cmd + [str(f) for f in files], cwd=PROJECT, capture_output=True, text=True,
                             timeout=900)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BrokenRun(f"extractor could not run ({exc}); check --cmd")
    if out.returncode != 0:
        sys.stderr.write(out.stderr[-4000:])
        raise BrokenRun(f"extractor exited {out.returncode}; see its error above")
    return out.stdout


def parse_predictions(jsonl, names):
    try:
        lines = [json.loads(line) for line in jsonl.splitlines() if line.strip()]
    except ValueError as exc:
        raise BrokenRun(f"predictions are not JSON lines ({exc})")
    if len(lines) != len(names):
        raise BrokenRun(f"expected {len(names)} JSON lines, one per article, got {len(lines)}")
    return dict(zip(names, lines))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default=str(HERE),
                    help="the annotated set: a folder holding gold.json and the articles, or the name of one "
                         "beside this corpus (devset, heldout); default: this corpus")
    ap.add_argument("--gold", help="the gold file (default: the set's gold.json)")
    ap.add_argument("--pred", help="a saved JSONL run of the whole corpus, one line per article in the gold's order")
    ap.add_argument("--save", help="write the extractor's JSONL output to this file")
    ap.add_argument("--cmd", default=f"{sys.executable} manage.py extract --format jsonl",
                    help="extractor command, run from the project root with the files appended")
    ap.add_argument("--lang", help="score one language only")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--min-quote-f1", type=float, default=0.0)
    ap.add_argument("--min-number-f1", type=float, default=0.0)
    ap.add_argument("--min-speaker-acc", type=float, default=0.0)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)

    base = resolve_set(args.set)
    if base is None:
        print(f"{args.set}: no such annotated set (a folder with gold.json); give a path or one of "
              f"{sorted(p.parent.name for p in HERE.parent.glob('*/gold.json'))}", file=sys.stderr)
        return 2
    args.gold = args.gold or str(base / "gold.json")
    try:
        gold = json.loads(pathlib.Path(args.gold).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"{args.gold}: cannot read the gold ({exc})", file=sys.stderr)
        return 2
    articles = [a for a in gold["articles"] if not args.lang or a["language"] == args.lang]
    if not articles:
        print(f"no article in language {args.lang!r}; languages are "
              f"{sorted({a['language'] for a in gold['articles']})}", file=sys.stderr)
        return 2
    names = [a["file"] for a in articles]
    try:
        if args.pred:
            jsonl = pathlib.Path(args.pred).read_text(encoding="utf-8")
            preds = parse_predictions(jsonl, [a["file"] for a in gold["articles"]])
        else:
            jsonl = run_extractor(shlex.split(args.cmd), [base / n for n in names])
            preds = parse_predictions(jsonl, names)
    except (OSError, UnicodeDecodeError, BrokenRun) as exc:
        print(f"{args.pred or 'extractor run'}: {exc}", file=sys.stderr)
        return 2
    if args.save:
        pathlib.Path(args.save).write_text(jsonl, encoding="utf-8")

    languages = sorted({a["language"] for a in articles}, key=lambda l: ("ar he en fr ru".split() + [l]).index(l))
    rows = []
    for lang in languages:
        q, n, _, _ = score(gold, preds, lang, base)
        rows.append((lang, sum(a["language"] == lang for a in articles), figures(q, n)))
    quotes, numbers, log, problems = score(gold, preds, args.lang, base)
    total = figures(quotes, numbers)
    rows.append(("all", len(articles), total))
    if args.json:
        print(json.dumps({lang: f for lang, _, f in rows}, indent=1))
    else:
        if args.verbose:
            print("\n".join(log))
        print(table(rows))
    for p in problems:
        print("problem:", p)
    speaker = total["speaker_acc"] or 0.0
    ok = (total["quote_f1"] >= args.min_quote_f1 and total["number_f1"] >= args.min_number_f1
          and speaker >= args.min_speaker_acc and not problems)
    print(f"quote_f1={total['quote_f1']:.2f} speaker_acc={speaker:.2f} number_f1={total['number_f1']:.2f} "
          f"kind_acc={_fmt(total['kind_acc'])} qualifier_acc={_fmt(total['qualifier_acc'])} problems={len(problems)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
