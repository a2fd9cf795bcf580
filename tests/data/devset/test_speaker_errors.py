"""speaker_errors.py: each wrong speaker of a set with its context and rule; bad input refused."""
import json
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
SCRIPT = HERE / "speaker_errors.py"


def _run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120)


def _perfect_run(gold, base, wrong_at=None):
    """Predictions equal to the gold quotes (one line per article in gold order); the quote at
    ``wrong_at`` (article, quote) gets another speaker and a rule."""
    lines = []
    for a, art in enumerate(gold["articles"]):
        text = (base / art["file"]).read_text(encoding="utf-8")
        quotes = []
        for q, item in enumerate(art["quotes"]):
            if item.get("not_claim"):
                continue
            speaker = item["speaker"]
            rule = "cue_before" if speaker else None
            if (a, q) == wrong_at:
                speaker, rule = "Nobody Atall", "continuation"
            quotes.append({"start": item["start"], "end": item["end"], "text": text[item["start"]:item["end"]],
                           "speaker": speaker, "speaker_rule": rule})
        lines.append(json.dumps({"quotes": quotes, "numeric_claims": []}, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def test_lists_only_the_wrong_speaker_with_its_gold_rule_and_context(tmp_path):
    base = HERE.parent / "heldout"
    gold = json.loads((base / "gold.json").read_text(encoding="utf-8"))
    a, q = next((a, q) for a, art in enumerate(gold["articles"]) for q, item in enumerate(art["quotes"])
                if item["speaker"] and not item["optional"] and not item.get("not_claim"))
    pred = tmp_path / "run.jsonl"
    pred.write_text(_perfect_run(gold, base, (a, q)), encoding="utf-8")
    out = _run("--set", "heldout", "--pred", str(pred))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[-1] == "1 wrong speakers"
    item = gold["articles"][a]["quotes"][q]
    assert f"gold {item['speaker']!r} predicted 'Nobody Atall' rule 'continuation'" in lines[0]
    assert gold["articles"][a]["file"] in lines[0]
    assert "[[" in lines[1] and "]]" in lines[1]


def test_a_perfect_run_lists_nothing(tmp_path):
    base = HERE.parent / "heldout"
    gold = json.loads((base / "gold.json").read_text(encoding="utf-8"))
    pred = tmp_path / "run.jsonl"
    pred.write_text(_perfect_run(gold, base), encoding="utf-8")
    out = _run("--set", "heldout", "--pred", str(pred))
    assert out.returncode == 0 and out.stdout.strip() == "0 wrong speakers"


def test_a_saved_run_needs_exactly_one_set(tmp_path):
    out = _run("--set", "heldout", "--set", "heldout2", "--pred", str(tmp_path / "x.jsonl"))
    assert out.returncode == 2
    assert out.stdout == "" and len(out.stderr.strip().splitlines()) == 1 and "--pred" in out.stderr
