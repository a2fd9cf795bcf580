"""Values an editor types: digits of other scripts are read, what cannot be stored is a form error,
and a row already holding such a value does not take down the pages that show it."""
from __future__ import annotations

from decimal import Decimal
from html import unescape

import pytest
from sqlalchemy import text

from claims_app.claims.models import Claim
from claims_app.history.services import snapshot
from tests.webforms import form_posting_to


def page_text(response) -> str:
    return unescape(response.get_data(as_text=True))


def post_edit(client, claim, **fields):
    data = {"version": claim.version, "qualifier": "exact"} | fields
    return client.post(f"/claims/{claim.id}/edit", data=data)


@pytest.mark.parametrize("typed, stored", [
    ("٦٠٠٠", Decimal("6000")),            # Arabic-Indic digits
    ("۶۰۰۰", Decimal("6000")),            # Persian digits
    ("٦٬٠٠٠", Decimal("6000")),           # Arabic thousands separator
    ("۱٬۲۵۰٬۰۰۰", Decimal("1250000")),
    ("٣٫٥", Decimal("3.5")),              # Arabic decimal separator
    ("1,250,000", Decimal("1250000")),
    ("6 000", Decimal("6000")),
    ("\u200f٦٠٠٠\u200f", Decimal("6000")),  # direction marks copied with right-to-left text
    ("−12.5", Decimal("-12.5")),           # minus sign
])
def test_numbers_in_any_accepted_script_are_stored(client, login, make_claim, db, typed, stored):
    login("editor")
    claim = make_claim("40 million dollars")
    response = post_edit(client, claim, value=typed, low=typed, period_start="٢٠٢٥")
    assert response.status_code == 302, page_text(response)[-1500:]
    db.expire_all()
    saved = db.get(Claim, claim.id)
    assert (saved.value, saved.low, saved.period_start) == (stored, stored, 2025)


def test_number_fields_are_text_inputs_so_the_browser_keeps_what_was_typed(client, login, make_claim):
    # A type=number input drops ٦٠٠٠ in the browser; the server would then store nothing.
    login("editor")
    claim = make_claim("40 million dollars")
    html = client.get(f"/claims/{claim.id}/edit").get_data(as_text=True)
    for name in ("value", "low", "high", "period_start", "period_end"):
        tag = html[html.index(f'name="{name}"') - 200:html.index(f'name="{name}"') + 200]
        assert 'type="text"' in tag and 'type="number"' not in tag, name


@pytest.mark.parametrize("typed, message", [
    ("NaN", "is not a number"), ("Infinity", "is not a number"), ("-Infinity", "is not a number"),
    ("inf", "is not a number"), ("1e400", "is not a number"), ("1E5", "is not a number"),
    ("9" * 40, "digits before the point"), ("1" * 29, "digits before the point"),
    ("0.00000000001", "decimal places"), ("1234567890123456", "significant digits"),
    ("²", "is not a number"), ("٦٠٠0", "two scripts"), ("1,5", "groups of three"), ("1,50,000", "groups of three"),
    ("1.2.3", "more than one decimal point"), ("12,", "ends with a separator"), ("fifty", "is not a number"),
    ("-", "is not a number"), ("x" * 5000, "is not a number"),
])
def test_values_no_column_can_hold_are_form_errors(client, login, make_claim, db, typed, message):
    login("editor")
    claim = make_claim("40 million dollars", value=Decimal("40000000"))
    before = snapshot(claim)
    for name in ("value", "low", "high"):
        response = post_edit(client, claim, **{"value": "40000000", name: typed})
        assert response.status_code == 400, (name, response.status_code)
        assert message in page_text(response), name
        db.expire_all()
        assert snapshot(db.get(Claim, claim.id)) == before


@pytest.mark.parametrize("typed", ["²", "0", "10000", "2025.5", "NaN", "9" * 40, "-2025"])
def test_years_out_of_range_are_form_errors(client, login, make_claim, db, typed):
    login("editor")
    claim = make_claim("40 million dollars")
    response = post_edit(client, claim, value="1", period_start=typed)
    assert response.status_code == 400
    db.expire_all()
    assert db.get(Claim, claim.id).period_start is None


def test_the_largest_storable_values_round_trip_on_both_engines(client, login, make_claim, db):
    login("editor")
    claim = make_claim("40 million dollars")
    for typed in ("123456789012345", "0.0000000001", "-999999999999999000000000000", "12345.6789012345"):
        db.expire_all()
        current = db.get(Claim, claim.id)
        response = post_edit(client, current, value=typed)
        assert response.status_code == 302, (typed, page_text(response)[-800:])
        db.expire_all()
        assert db.get(Claim, claim.id).value == Decimal(typed)
        # and the edit form shows it so that saving it again changes nothing
        form = form_posting_to(client.get(f"/claims/{claim.id}/edit").get_data(as_text=True),
                               f"/claims/{claim.id}/edit")
        assert Decimal(form.value("value")) == Decimal(typed)


def _store_raw(db, claim_id: int, backend: str, sql_value: str) -> None:
    # Written past the application, as an older version or another client may have written it.
    db.execute(text(f"UPDATE claims SET value = {sql_value}, low = {sql_value} WHERE id = :id"), {"id": claim_id})
    db.commit()


RAW_VALUES = {
    "sqlite": ["9e999", "-9e999", "1e40", "-123456789012345678901234567890123456789", "1e-20"],
    "postgresql": ["'NaN'::numeric", "9999999999999999999999999999.9999999999", "0.0000000001"],
}


def test_a_stored_value_out_of_range_does_not_break_any_page(client, login, make_claim, article, db, backend):
    login("editor")
    claim = make_claim("40 million dollars", status="accepted")
    other = make_claim("12 new firms", kind="quote")
    db.commit()
    for raw in RAW_VALUES[backend]:
        _store_raw(db, claim.id, backend, raw)
        db.expire_all()
        stored = db.get(Claim, claim.id)   # reading the row must not raise
        assert stored.value is None or stored.value.is_finite()
        for url in ("/claims/", "/claims/?kind=numeric", "/claims/review?status=accepted", "/claims/review",
                    f"/claims/{claim.id}", f"/claims/{claim.id}/edit", f"/articles/{article.id}",
                    f"/claims/{other.id}?link_q=million", "/links/metrics", "/search/?q=million"):
            response = client.get(url)
            assert response.status_code == 200, (raw, url, response.status_code)


@pytest.mark.backend("sqlite")
def test_a_value_is_never_silently_changed_by_sqlites_floats(client, login, make_claim, db, backend):
    # 17 significant digits would come back from SQLite's REAL as another number: refused instead.
    login("editor")
    claim = make_claim("40 million dollars")
    response = post_edit(client, claim, value="12345678901234567")
    assert response.status_code == 400 and "significant digits" in page_text(response)


def test_the_verdict_menu_has_no_default_on_an_unchecked_claim(client, login, make_claim, db):
    login("editor")
    claim = make_claim("40 million dollars")
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    form = form_posting_to(html, f"/claims/{claim.id}/verify")
    assert form.value("verdict") == ""
    assert "verified" in form.options["verdict"]
    # submitting the form as shown (with a note) is a form error, not a verdict
    response = client.post(f"/claims/{claim.id}/verify", data=form.data(note="looked at it"))
    assert response.status_code == 400 and "Choose a verdict" in page_text(response)
    db.expire_all()
    assert (db.get(Claim, claim.id).verdict, db.get(Claim, claim.id).status) == (None, "suggested")


def test_the_verdict_menu_shows_the_current_verdict(client, login, make_claim, db):
    login("editor")
    claim = make_claim("40 million dollars")
    ok = client.post(f"/claims/{claim.id}/verify", data={"version": claim.version, "verdict": "disputed",
                                                         "note": "two sources differ"})
    assert ok.status_code == 302
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert form_posting_to(html, f"/claims/{claim.id}/verify").value("verdict") == "disputed"


def test_link_suggestions_survive_a_stored_value_out_of_range(cli_database, backend):
    from click.testing import CliRunner

    from claims_app.cli import main
    from tests.conftest import SEEDS

    def invoke(*args: str) -> str:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    invoke("ingest", str(SEEDS))
    with cli_database() as session:
        ids = session.scalars(text("SELECT id FROM claims WHERE kind = 'numeric' ORDER BY id LIMIT 2")).all()
        for claim_id, raw in zip(ids, RAW_VALUES[backend]):
            session.execute(text(f"UPDATE claims SET value = {raw} WHERE id = :id"), {"id": claim_id})
        session.commit()
    invoke("links", "suggest", "--all")
