"""row_url: the URL of each row of a long page is url_for's, built once per route and request."""
from __future__ import annotations

from flask import g, url_for

from claims_app.row_urls import row_url


def test_row_urls_equal_url_for_for_every_id_and_argument(app):
    cases = [("claims.show", {"claim_id": i}) for i in (1, 7, 10, 2**31 - 1)]
    cases += [("claims.edit", {"claim_id": i, "next": "/claims/review?after=1234567890&q=50 %"}) for i in (3, 42)]
    cases += [("claims.index", {"speaker_id": i}) for i in (5, 99)]
    cases += [("claims.remove_tag", {"claim_id": 12, "tag_id": 3}), ("claims.remove_tag", {"claim_id": 3, "tag_id": 12})]
    with app.test_request_context("/claims/review"):
        for endpoint, values in cases * 2:   # the second round reads what the first built
            assert row_url(endpoint, **values) == url_for(endpoint, **values)
        # one URL built per route and set of other arguments
        assert len(g._row_urls) == 4


def test_a_next_path_with_the_same_digits_as_an_id_is_kept(app):
    with app.test_request_context("/"):
        for claim_id in (1, 2, 11):
            got = row_url("claims.edit", claim_id=claim_id, next="/claims/1/edit?x=11")
            assert got == url_for("claims.edit", claim_id=claim_id, next="/claims/1/edit?x=11")
