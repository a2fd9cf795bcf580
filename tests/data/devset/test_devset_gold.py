"""The development corpus gold: schema, offsets, kinds, qualifiers, sources; and the scorer's rules.

These tests check the annotation, never the extractor's scores.
"""
import copy
import importlib.util
import json
import pathlib

import pytest

HERE = pathlib.Path(__file__).resolve().parent


def _load(name):
    spec = importlib.util.spec_from_file_location(f"devset_{name}", HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_gold = _load("check_gold")
scorer = _load("score")


@pytest.fixture(scope="module")
def gold():
    return json.loads((HERE / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sources():
    return check_gold.read_sources()


def _items(gold, kind):
    for art in gold["articles"]:
        text = (HERE / art["file"]).read_text(encoding="utf-8")
        for item in art[kind]:
            yield art, text, item


def test_gold_has_no_problem(gold, sources):
    assert check_gold.check(gold, sources) == []


def test_every_span_is_its_surface(gold):
    n = 0
    for kind in ("quotes", "numeric_claims"):
        for art, text, item in _items(gold, kind):
            assert text[item["start"]:item["end"]] == item["surface"], (art["file"], item["surface"])
            assert check_gold.nth_index(text, item["surface"], item["occurrence"]) == item["start"]
            n += 1
    assert n > 0


def test_kinds_and_qualifiers_are_from_the_contract(gold):
    for art, _, item in _items(gold, "numeric_claims"):
        assert item["unit"] in ("percent", "currency", "duration", "count"), (art["file"], item)
        assert item["qualifier"] in ("exact", "approx", "at_least", "at_most", "range"), (art["file"], item)
        if item["qualifier"] == "range":
            assert item["low"] <= item["high"], (art["file"], item)
        else:
            assert item["value"] is not None and item["low"] is None and item["high"] is None, (art["file"], item)


def test_corpus_size_languages_and_outlets(gold, sources):
    rows, _ = sources
    outlets = {r["outlet"] for r in rows}
    langs = [a["language"] for a in gold["articles"]]
    assert len(gold["articles"]) >= 40
    assert len(outlets) >= 15
    for lang in ("ar", "he", "en", "fr", "ru"):
        assert langs.count(lang) >= 7, lang
    assert sorted(r["file"] for r in rows) == sorted(a["file"] for a in gold["articles"])


def test_quoted_speakers_are_named_in_their_article(gold):
    for art, text, item in _items(gold, "quotes"):
        if item["speaker"]:
            assert any(alias in text for alias in gold["speakers"][item["speaker"]]), (art["file"], item["speaker"])


# --- the checker must catch each kind of bad annotation -------------------------------------------

def _first(gold, kind):
    for art in gold["articles"]:
        if art[kind]:
            return art, art[kind][0]
    raise AssertionError(f"no {kind} in the gold")


@pytest.mark.parametrize("kind,change,expected", [
    ("quotes", lambda it: it.update(start=it["start"] + 1), "not the surface"),
    ("numeric_claims", lambda it: it.update(end=10 ** 7), "outside the text"),
    ("numeric_claims", lambda it: it.update(unit="money"), "unit (the kind)"),
    ("numeric_claims", lambda it: it.update(qualifier="about"), "qualifier"),
    ("numeric_claims", lambda it: it.update(qualifier="range", low=5, high=2), "low <= high"),
    ("numeric_claims", lambda it: it.update(value=None), "value must be a number"),
    ("quotes", lambda it: it.update(speaker="Nobody Known"), "not in the speakers map"),
    ("quotes", lambda it: it.pop("occurrence"), "missing"),
    ("quotes", lambda it: it.update(optional="yes"), "optional must be true or false"),
    ("numeric_claims", lambda it: it.update(not_claim=True, optional=True), "cannot also be optional"),
])
def test_checker_reports_a_broken_item(gold, sources, kind, change, expected):
    broken = copy.deepcopy(gold)
    _, item = _first(broken, kind)
    change(item)
    problems = check_gold.check(broken, sources, counts=False)
    assert any(expected in p for p in problems), problems


def test_checker_reports_an_unlisted_article_and_a_missing_source(gold, sources):
    broken = copy.deepcopy(gold)
    dropped = broken["articles"].pop()
    problems = check_gold.check(broken, sources, counts=False)
    assert any(dropped["file"] in p and "no gold entry" in p for p in problems), problems
    rows, widths = sources
    problems = check_gold.check(gold, (rows[1:], widths[1:]), counts=False)
    assert any("no row for" in p for p in problems), problems


def test_fix_recomputes_offsets_from_surface_and_occurrence(gold):
    moved = copy.deepcopy(gold)
    _, item = _first(moved, "numeric_claims")
    want = (item["start"], item["end"])
    item["start"], item["end"] = 0, 1
    assert check_gold.fix_offsets(moved) == []
    assert (item["start"], item["end"]) == want


# --- the scorer's matching rules ------------------------------------------------------------------

def _gold_number(**kw):
    g = {"start": 10, "end": 20, "value": 5, "low": None, "high": None, "qualifier": "exact",
         "unit": "count", "optional": False, "surface": "x" * 10}
    g.update(kw)
    return g


def test_number_needs_overlap_and_equal_value():
    g = _gold_number()
    assert scorer.number_found({"start": 19, "end": 25, "value": 5.0}, g)
    assert not scorer.number_found({"start": 20, "end": 25, "value": 5}, g)
    assert not scorer.number_found({"start": 12, "end": 15, "value": 6}, g)
    r = _gold_number(qualifier="range", value=None, low=10, high=15)
    assert scorer.number_found({"start": 10, "end": 12, "value": None, "low": 10, "high": 15}, r)
    assert scorer.number_found({"start": 10, "end": 12, "value": 15}, r)
    assert not scorer.number_found({"start": 10, "end": 12, "value": 12}, r)


def test_quote_needs_half_of_both_spans():
    g = {"start": 0, "end": 100}
    assert scorer.quote_found({"start": 0, "end": 60}, g)
    assert not scorer.quote_found({"start": 0, "end": 40}, g)
    assert not scorer.quote_found({"start": 50, "end": 250}, g)


def test_speaker_match_is_whole_words_after_folding():
    aliases = ["Firas Abiad", "فراس الأبيض", "الأبيض"]
    assert scorer.same_speaker("فراس الابيض", aliases)
    assert scorer.same_speaker("وزير الصحة فراس الأبيض", aliases)
    assert scorer.same_speaker("ABIAD", aliases + ["Abiad"])
    assert not scorer.same_speaker("الأبيضي", aliases)
    assert not scorer.same_speaker("", aliases)


def test_optional_and_trap_items_in_the_counts():
    text = "a" * 200
    art = {"file": "x.txt", "quotes": [], "numeric_claims": [
        _gold_number(start=0, end=5, value=1),
        _gold_number(start=10, end=15, value=2, optional=True),
        _gold_number(start=20, end=25, value=3, not_claim=True),
    ]}
    pred = {"numeric_claims": [
        {"start": 0, "end": 5, "value": 1, "kind": "count", "qualifier": "exact"},
        {"start": 10, "end": 15, "value": 2},
        {"start": 20, "end": 25, "value": 3},
    ]}
    quotes, numbers, log, problems = scorer.Counts(), scorer.Counts(), [], []
    scorer.score_article(art, text, pred, {}, quotes, numbers, log, problems)
    assert (numbers.tp, numbers.fp, numbers.fn) == (1, 1, 0)
    assert numbers.accuracy("kind") == 1.0 and numbers.accuracy("qualifier") == 1.0
    assert problems == []


def test_scorer_refuses_a_run_of_the_wrong_length(tmp_path, capsys):
    bad = tmp_path / "run.jsonl"
    bad.write_text('{"quotes": [], "numeric_claims": []}\n', encoding="utf-8")
    assert scorer.main(["--pred", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "JSON lines" in err and str(bad) in err


def test_scorer_counts_a_perfect_run_as_perfect(tmp_path, gold, capsys):
    lines = []
    for art in gold["articles"]:
        def as_pred(items):
            return [dict(g, kind=g.get("unit"), text=g["surface"]) for g in items
                    if not g.get("optional") and not g.get("not_claim")]
        lines.append(json.dumps({"quotes": as_pred(art["quotes"]), "numeric_claims": as_pred(art["numeric_claims"])}))
    run = tmp_path / "run.jsonl"
    run.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert scorer.main(["--pred", str(run), "--json", "--min-quote-f1", "1", "--min-number-f1", "1",
                        "--min-speaker-acc", "1"]) == 0
    figures = json.loads(capsys.readouterr().out.split("\nquote_f1=")[0])
    assert figures["all"]["quote_f1"] == 1.0 and figures["all"]["number_f1"] == 1.0
    assert figures["all"]["speaker_acc"] == 1.0 and figures["all"]["qualifier_acc"] == 1.0


HELDOUT = HERE.parent / "heldout"


HELDOUT_SETS = [HELDOUT, HERE.parent / "heldout2", HERE.parent / "heldout3", HERE.parent / "heldout4",
                HERE.parent / "heldout5"]


@pytest.mark.parametrize("base", HELDOUT_SETS, ids=lambda p: p.name)
def test_heldout_gold_has_no_problem(base):
    gold = json.loads((base / "gold.json").read_text(encoding="utf-8"))
    sources = check_gold.read_sources(base / "sources.tsv")
    assert check_gold.check(gold, sources, counts=False, base=base) == []


@pytest.mark.parametrize("base", HELDOUT_SETS, ids=lambda p: p.name)
def test_heldout_shares_no_article_or_outlet_with_the_devset(base, sources):
    held = check_gold.read_sources(base / "sources.tsv")[0]
    assert {r["url"] for r in held}.isdisjoint({r["url"] for r in sources[0]})
    assert {r["outlet"].lower() for r in held}.isdisjoint({r["outlet"].lower() for r in sources[0]})


def test_the_heldout_sets_share_no_article():
    urls = [{r["url"] for r in check_gold.read_sources(b / "sources.tsv")[0]} for b in HELDOUT_SETS]
    for i, a in enumerate(urls):
        for b in urls[i + 1:]:
            assert a.isdisjoint(b)


def test_scorer_finds_a_set_by_name_or_path(tmp_path):
    assert scorer.resolve_set("heldout") == HELDOUT.resolve()
    assert scorer.resolve_set(str(HELDOUT)) == HELDOUT.resolve()
    assert scorer.resolve_set(str(tmp_path)) is None
    assert scorer.main(["--set", str(tmp_path)]) == 2
