#!/usr/bin/env python3
"""List every wrong speaker of an annotated set with the text before and after its quote.

Usage, from the project's root:
    python tests/data/devset/speaker_errors.py --set heldout2 [--set devset ...] [--pred run.jsonl]

Each line gives the article, the gold speaker, the predicted one and the rule that chose it,
then the lead-in and the words after the quote: enough to put each error in a category
(wrong word next to the cue, a role not resolved, a continuation inheriting the wrong person...).
Speaker accuracy is judged as by score.py (found quotes whose gold speaker is known).
"""
import argparse
import json
import sys

import score


def errors(set_name, pred_path=None):
    path = score.pathlib.Path(set_name)
    if path.is_dir():
        base = path     # a set kept elsewhere: its folder
    else:
        base = score.HERE.parent / set_name if set_name != "devset" else score.HERE
    gold = json.loads((base / "gold.json").read_text(encoding="utf-8"))
    if pred_path:
        runs = [json.loads(line) for line in open(pred_path, encoding="utf-8") if line.strip()]
        preds = {a["file"]: r for a, r in zip(gold["articles"], runs)}
    else:
        sys.path.insert(0, str(score.PROJECT))
        from claims_app.extraction.extract import extract
        preds = {a["file"]: extract((base / a["file"]).read_text(encoding="utf-8")).to_json()
                 for a in gold["articles"]}
    for art in gold["articles"]:
        text = (base / art["file"]).read_text(encoding="utf-8")
        pred = preds.get(art["file"]) or {}
        pairs, _, _ = score.pair_up(pred.get("quotes") or [], [g for g in art["quotes"] if not g.get("not_claim")],
                                    score.quote_found)
        for p, g in pairs:
            if g["optional"] or not g["speaker"]:
                continue
            aliases = [g["speaker"], *gold["speakers"].get(g["speaker"], [])]
            if score.same_speaker(p.get("speaker") or "", aliases):
                continue
            before = " ".join(text[max(0, p["start"] - 160):p["start"]].split())
            after = " ".join(text[p["end"]:p["end"] + 80].split())
            yield (f"{set_name}/{art['file']}: gold {g['speaker']!r} predicted {p.get('speaker')!r} "
                   f"rule {p.get('speaker_rule')!r} conf {p.get('confidence')}\n"
                   f"    ...{before} [[{p['text'][:60]}]] {after}...")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", action="append", default=None,
                    help="annotated set name beside the devset, or its folder (repeatable)")
    ap.add_argument("--pred", help="a saved JSONL run (only with one --set)")
    args = ap.parse_args(argv)
    sets = args.set or ["devset"]
    if args.pred and len(sets) != 1:
        print("speaker_errors.py: --pred needs exactly one --set; pass one set name", file=sys.stderr)
        return 2
    n = 0
    for s in sets:
        for line in errors(s, args.pred):
            print(line)
            n += 1
    print(f"{n} wrong speakers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
