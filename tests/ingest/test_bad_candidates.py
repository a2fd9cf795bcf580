"""One candidate the database cannot hold is dropped with a warning; the article and its other
candidates are stored (a reversed year range, a value of 1e28 and more, NaN)."""
from __future__ import annotations

from decimal import Decimal

from click.testing import CliRunner
from sqlalchemy import func, select

from claims_app.articles.models import Article
from claims_app.articles.readers import ArticleInput
from claims_app.claims.models import Claim
from claims_app.cli import main
from claims_app.extraction import NumericCandidate, QuoteCandidate
from claims_app.ingest import store
from claims_app.ingest.prepare import prepare_article
from claims_app.ingest.speakers import SpeakerCache
from claims_app.ingest.store import Outlets, store_prepared

TEXT = ("قال الوزير: «ارتفعت الصادرات بنسبة 5% في عام 2020». "
        "وتراجعت الواردات بين عامي 2032 و2031. بلغ العجز 2016-20207445744882541195129851155 دولار. "
        "وبلغ عدد العمال 700 عامل.")


def _span(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


def _prepared():
    prepared = prepare_article(ArticleInput(text=TEXT, source="bad.txt", title="Bad figures", language="ar"),
                               run_extraction=True)
    quote = _span("«ارتفعت الصادرات بنسبة 5% في عام 2020»")
    reversed_range = _span("بين عامي 2032 و2031")
    runaway = _span("2016-20207445744882541195129851155 دولار")
    good = _span("700 عامل")
    prepared.quotes = [QuoteCandidate(*quote, TEXT[slice(*quote)], speaker="الوزير", speaker_start=4,
                                      speaker_end=10, confidence=0.9)]
    prepared.numbers = [
        NumericCandidate(*reversed_range, TEXT[slice(*reversed_range)], value=None, kind="count", qualifier="range",
                         period_start=2032, period_end=2031),
        NumericCandidate(*runaway, TEXT[slice(*runaway)], value=Decimal("2016-20207445744882541195129851155".split("-")[1]),
                         kind="currency", unit="USD"),
        NumericCandidate(*_span("5%"), "5%", value=Decimal("NaN"), kind="percent"),
        NumericCandidate(*good, TEXT[slice(*good)], value=Decimal(700), kind="count", unit="worker"),
    ]
    return prepared


def _store(db):
    outcome = store_prepared(db, _prepared(), speakers=SpeakerCache(), outlets=Outlets())
    db.flush()
    return outcome


def _check(db, outcome):
    assert outcome.created
    claims = list(db.scalars(select(Claim).where(Claim.article_id == outcome.article_id).order_by(Claim.start)))
    assert [(c.kind, c.exact) for c in claims] == [("quote", "«ارتفعت الصادرات بنسبة 5% في عام 2020»"),
                                                   ("numeric", "700 عامل")]
    assert claims[0].speaker is not None and claims[0].search_text
    assert len(outcome.warnings) == 3
    assert all(w.startswith("bad.txt: candidate ") and " dropped: " in w for w in outcome.warnings)


def test_checked_candidates_are_dropped_before_writing(db):
    outcome = _store(db)
    _check(db, outcome)
    assert any("runs backwards" in w for w in outcome.warnings)
    assert any("digits before the point" in w for w in outcome.warnings)
    assert any("not a finite number" in w for w in outcome.warnings)


def test_a_candidate_the_database_refuses_is_dropped_row_by_row(db, monkeypatch):
    # Without the checks, the database's own constraints refuse the rows; the batch falls back
    # to one row at a time and only the refused ones go.
    checked = store.numeric_problem
    monkeypatch.setattr(store, "numeric_problem", lambda c, n: None if c.period_start else checked(c, n))
    outcome = _store(db)
    _check(db, outcome)
    refused = [w for w in outcome.warnings if "the database refused it" in w]
    assert len(refused) == 1 and "بين عامي 2032 و2031" in refused[0]


def test_ingest_keeps_an_article_whose_extraction_runs_away(cli_database, tmp_path):
    text = "The deficit grew by 2016-20207445744882541195129851155 percent while exports rose by 12% in 2021."
    (tmp_path / "runaway.txt").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", "--jobs", "1", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "ingested 1" in result.output and "failed 0" in result.output
    with cli_database() as s:
        assert s.scalar(select(func.count()).select_from(Article)) == 1
        values = set(s.scalars(select(Claim.value).where(Claim.kind == "numeric")))
    assert Decimal(12) in values
    assert all(v is None or abs(v) < Decimal("1e28") for v in values)


def test_a_value_more_precise_than_the_columns_is_rounded_not_dropped(db):
    from claims_app.ingest.checks import fit_candidate

    third = NumericCandidate(0, 3, "ثلث", value=Decimal(1) / Decimal(3), kind="count")
    assert fit_candidate(third).value == Decimal("0.3333333333")
    huge = NumericCandidate(0, 3, "x", value=Decimal("123456789012345678"), kind="count")
    assert fit_candidate(huge).value == Decimal("123456789012346000")
    assert fit_candidate(NumericCandidate(0, 3, "x", value=Decimal("1e-12"), kind="count")).value == 0
    runaway = NumericCandidate(0, 3, "x", value=Decimal("2.02e28"), kind="count")
    assert fit_candidate(runaway) is runaway   # left for the check, which refuses it
    prepared = _prepared()
    prepared.numbers = [fit_candidate(NumericCandidate(*_span("700 عامل"), "700 عامل",
                                                       value=Decimal(2) / Decimal(3), kind="count"))]
    outcome = store_prepared(db, prepared, speakers=SpeakerCache(), outlets=Outlets())
    db.flush()
    (stored,) = db.scalars(select(Claim.value).where(Claim.article_id == outcome.article_id,
                                                     Claim.kind == "numeric"))
    assert stored == Decimal("0.6666666667") and not outcome.warnings
