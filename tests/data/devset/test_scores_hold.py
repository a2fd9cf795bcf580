"""The extractor's figures on the seeds and on the development corpus stay above their floors.

The scorers print these figures; this test fails the suite when a rule or a table change lowers
them (a reporting verb that is also a common descriptive verb, say, taking a sentence's opening
words for a speaker). Floors: seeds quote F1 ≥ 0.98, speaker ≥ 0.95, numeric F1 ≥ 0.98; the
development corpus speaker ≥ 0.90 in each language, quote and numeric F1 ≥ 0.95 overall.
"""
from __future__ import annotations

import importlib.util
import json
import pathlib
import shlex
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]

_spec = importlib.util.spec_from_file_location("devset_score_floor", HERE / "score.py")
scorer = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scorer)

EXTRACT = [sys.executable, "manage.py", "extract", "--format", "jsonl"]


def _run(gold: dict, base: pathlib.Path) -> dict:
    names = [a["file"] for a in gold["articles"]]
    preds = scorer.parse_predictions(scorer.run_extractor(EXTRACT, [base / n for n in names]), names)
    return preds


def _figures(gold, preds, base, language=None):
    quotes, numbers, log, problems = scorer.score(gold, preds, language, base)
    assert not problems, problems
    return scorer.figures(quotes, numbers), log


def test_seed_figures_hold():
    gold = json.loads((ROOT / "tests/data/seedgold/gold.json").read_text(encoding="utf-8"))
    base = ROOT / "seeds"
    figures, log = _figures(gold, _run(gold, base), base)
    wrong = "\n".join(line for line in log if "SPEAKER" in line)
    assert figures["quote_f1"] >= 0.98, figures
    assert figures["number_f1"] >= 0.98, figures
    assert figures["speaker_acc"] >= 0.95, wrong


@pytest.fixture(scope="module")
def devset():
    gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
    return gold, _run(gold, HERE)


def test_devset_figures_hold_overall(devset):
    gold, preds = devset
    figures, _ = _figures(gold, preds, HERE)
    assert figures["quote_f1"] >= 0.95, figures
    assert figures["number_f1"] >= 0.95, figures


@pytest.mark.parametrize("language", ["ar", "he", "en", "fr", "ru"])
def test_devset_speakers_hold_in_each_language(devset, language):
    gold, preds = devset
    figures, log = _figures(gold, preds, HERE, language)
    assert figures["speaker_n"] >= 10, figures
    assert figures["speaker_acc"] >= 0.90, "\n".join(line for line in log if "SPEAKER" in line)
