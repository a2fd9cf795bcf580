"""Every claim the seed articles produce can be opened in the edit form and saved as it is.

The form is read from the page and posted back exactly as a browser would submit it untouched:
the save succeeds and the stored claim is the same as before, field by field.
"""
from __future__ import annotations

from sqlalchemy import select

from claims_app.claims.models import Claim
from claims_app.history.models import HistoryEntry
from claims_app.history.services import snapshot
from tests.webforms import form_posting_to


def test_every_seed_claim_opens_and_saves_unchanged(client, login, seed_articles, db):
    login("editor")
    claims = db.scalars(select(Claim).order_by(Claim.id)).all()
    assert sum(c.kind == "quote" and c.speaker_id is not None for c in claims) >= 20
    assert sum(c.kind == "numeric" for c in claims) >= 10
    history_before = db.scalar(select(HistoryEntry.id).order_by(HistoryEntry.id.desc()).limit(1))
    for claim in claims:
        before = snapshot(claim)
        page = client.get(f"/claims/{claim.id}/edit")
        assert page.status_code == 200, (claim.id, page.status_code)
        html = page.get_data(as_text=True)
        form = form_posting_to(html, f"/claims/{claim.id}/edit")
        speaker = claim.speaker if claim.kind == "quote" else claim.attributed_to
        assert form.value("speaker") == (speaker.name if speaker else ""), claim.id
        if claim.kind == "numeric" and claim.value is not None:
            assert form.value("value") is not None and form.value("value") != "", claim.id
        saved = client.post(f"/claims/{claim.id}/edit", data=form.data())
        assert saved.status_code == 302, (claim.id, saved.get_data(as_text=True)[-2000:])
        db.expire_all()
        assert snapshot(db.get(Claim, claim.id)) == before, claim.id
    # an unchanged save is no change: nothing new in the history either
    assert db.scalar(select(HistoryEntry.id).order_by(HistoryEntry.id.desc()).limit(1)) == history_before


def test_the_edit_form_shows_the_speaker_by_name(client, login, seed_articles, db):
    login("editor")
    quote = db.scalars(select(Claim).where(Claim.kind == "quote", Claim.speaker_id.is_not(None))
                       .order_by(Claim.id)).first()
    html = client.get(f"/claims/{quote.id}/edit").get_data(as_text=True)
    assert form_posting_to(html, f"/claims/{quote.id}/edit").value("speaker") == quote.speaker.name
