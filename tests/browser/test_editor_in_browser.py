"""The editor's path through a real browser: select text in the reader, create a claim, verify it;
highlights after an emoji; hostile names render as text; the review queue's keys."""
from __future__ import annotations

import re

from sqlalchemy import select

from claims_app.articles.models import Article
from claims_app.claims.models import Claim

ARABIC_PHRASE = "أكثر من 360 مليون دولار"

# Selects ``phrase`` inside the reader the way a mouse selection ends: a Range over the text nodes,
# then a mouseup on the paragraph. Returns what the browser reports as selected.
SELECT_JS = """
(phrase) => {
  const p = [...document.querySelectorAll('.reader-text p')].find(el => el.textContent.includes(phrase));
  const at = p.textContent.indexOf(phrase);
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let pos = 0, start = null, end = null, node;
  while ((node = walker.nextNode())) {
    const len = node.data.length;
    if (!start && at < pos + len) start = [node, at - pos];
    if (!end && at + phrase.length <= pos + len) { end = [node, at + phrase.length - pos]; break; }
    pos += len;
  }
  const range = document.createRange();
  range.setStart(start[0], start[1]);
  range.setEnd(end[0], end[1]);
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  p.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
  return sel.toString();
}
"""

# Every highlight segment of one claim: [start, end, text, code point offset computed in the page].
MARKS_JS = """
(id) => [...document.querySelectorAll('.reader-text mark.hl[data-claims]')]
  .filter(m => m.dataset.claims.split(' ').includes(String(id)))
  .map(m => {
    const p = m.closest('p');
    const range = document.createRange();
    range.setStart(p, 0);
    range.setEndBefore(m);
    const before = Array.from(range.toString()).length;
    return [Number(m.dataset.start), Number(m.dataset.end), m.textContent, Number(p.dataset.start) + before];
  })
"""


def article_by_seed(factory, prefix: str) -> Article:
    with factory() as session:
        return session.scalars(select(Article).where(Article.source.contains(prefix))).one()


def create_from_selection(page, article_id: int, phrase: str, kind: str) -> int:
    page.goto(f"/articles/{article_id}")
    assert page.evaluate(SELECT_JS, phrase) == phrase
    page.click(f".selection-toolbar button[data-kind={kind}]")
    page.wait_for_url(re.compile(r"/claims/new\?"))
    assert page.text_content("#selected-span") == phrase
    page.click("#new-claim button[type=submit]")
    page.wait_for_url(re.compile(r"/claims/\d+$"))
    return int(page.url.rsplit("/", 1)[1])


def test_arabic_selection_becomes_a_numeric_claim_then_verified(page, live_db, screenshot):
    _, factory = live_db
    article = article_by_seed(factory, "003_de42ba883e84bb9c")
    page.goto(f"/articles/{article.id}")
    assert page.get_attribute("article.reader", "dir") == "rtl"
    screenshot(page, "reader-arabic")
    claim_id = create_from_selection(page, article.id, ARABIC_PHRASE, "numeric")
    with factory() as session:
        claim = session.get(Claim, claim_id)
        start = article.text.index(ARABIC_PHRASE)
        assert (claim.kind, claim.start, claim.end) == ("numeric", start, start + len(ARABIC_PHRASE))
        assert claim.exact == ARABIC_PHRASE == article.text[claim.start:claim.end]
    page.select_option("select[name=verdict]", "verified")
    page.fill("textarea[name=note]", "Matches the trade ministry's figures for 2025.")
    page.fill("textarea[name=evidence_urls]", "https://example.org/trade-2025")
    page.click("#verify button[type=submit]")
    page.wait_for_url(re.compile(rf"/claims/{claim_id}$"))
    screenshot(page, "claim-page")
    with factory() as session:
        claim = session.get(Claim, claim_id)
        assert (claim.status, claim.verdict, claim.reviewed_by_id is not None) == ("verified", "verified", True)
    page.goto("/claims/?status=verdict")
    row = page.locator(f'tr[data-claim-id="{claim_id}"]')
    assert row.count() == 1 and ARABIC_PHRASE in row.text_content()
    # the reader shows the new claim as a verified highlight
    page.goto(f"/articles/{article.id}?claim={claim_id}")
    assert "st-verified" in page.get_attribute("mark.focus", "class")


def test_hebrew_highlights_after_the_emoji_cover_exactly_their_span(page, live_db, screenshot):
    _, factory = live_db
    article = article_by_seed(factory, "000_5c9a7cae5ac697e4")
    emoji = article.text.index("🌟")
    word = "אורבייג'ן"
    created = create_from_selection(page, article.id, word, "quote")
    with factory() as session:
        claim = session.get(Claim, created)
        assert claim.exact == word and claim.start == article.text.index(word, emoji)
        after = session.scalars(select(Claim).where(Claim.article_id == article.id, Claim.start > emoji,
                                                    Claim.status != "rejected")).all()
        spans = {c.id: (c.start, c.end, c.exact) for c in after}
    assert created in spans
    page.goto(f"/articles/{article.id}")
    screenshot(page, "reader-hebrew")
    for claim_id, (start, end, exact) in spans.items():
        marks = page.evaluate(MARKS_JS, claim_id)
        assert marks, f"claim {claim_id} has no highlight"
        assert marks[0][0] == start and marks[-1][1] == end
        assert "".join(m[2] for m in marks) == exact
        for (s, _e, _t, in_page), nxt in zip(marks, marks[1:] + [None]):
            assert s == in_page  # the page's own code point count agrees with the server's offsets
            if nxt:
                assert nxt[0] == _e
    # a click on the highlight opens the claim
    page.click(f'mark[data-claims="{created}"]')
    page.wait_for_url(re.compile(rf"/claims/{created}$"))
    # and a link into the reader at a claim marks exactly that claim's highlight
    page.goto(f"/articles/{article.id}#claim-{created}")
    focused = page.eval_on_selector_all("mark.focus", "ms => ms.map(m => m.textContent).join('')")
    assert focused == word


def test_review_queue_keys_accept_the_current_row_without_a_page_load(page, live_db, screenshot):
    _, factory = live_db
    page.goto("/claims/review?kind=numeric")
    rows = page.locator("tr.queue-row")
    assert rows.count() >= 2
    screenshot(page, "review-queue")
    second = int(rows.nth(1).get_attribute("data-claim-id"))
    page.evaluate("window.__sameDocument = true")
    page.keyboard.press("j")
    assert "current" in rows.nth(1).get_attribute("class")
    page.keyboard.press("a")
    page.wait_for_selector(f'tr[data-claim-id="{second}"][data-saved]')
    with factory() as session:
        assert session.get(Claim, second).status == "accepted"
    # no page load: the row is still there, shows its new status, and the cursor stayed on it
    assert page.evaluate("window.__sameDocument") is True
    row = page.locator(f'tr[data-claim-id="{second}"]')
    assert "accepted" in row.locator(".badge").inner_text()
    assert "current" in row.get_attribute("class")


XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


def assert_inert(page, url: str):
    page.goto(url)
    assert page.evaluate("window.__xss") is None, url
    assert page.locator('img[src="x"]').count() == 0, url
    assert XSS in page.evaluate("document.body.textContent"), url


def test_hostile_title_tag_and_speaker_name_render_as_text(page, live_db):
    from claims_app.claims.services import tag_claim

    _, factory = live_db
    with factory() as session:
        article = session.scalars(select(Article).where(Article.source.contains("001_"))).one()
        article.title = XSS
        claim = session.scalars(select(Claim).where(Claim.article_id == article.id).order_by(Claim.id)).first()
        tag_claim(session, claim.id, XSS, actor=None)
        if claim.speaker is None:
            from claims_app.speakers.models import Speaker
            claim.speaker = Speaker(name="x")
        claim.speaker.name = XSS
        if claim.attributed_to is not None:
            claim.attributed_to.name = XSS
        session.commit()
        claim_id, article_id, speaker_id = claim.id, article.id, claim.speaker_id
    for url in (f"/articles/{article_id}", f"/claims/{claim_id}", "/", f"/claims/?speaker_id={speaker_id}",
                f"/claims/review?speaker_id={speaker_id}&status={'suggested'}"):
        if "review" in url:
            page.goto(url)
            if page.locator(f'tr[data-claim-id="{claim_id}"]').count() == 0:
                continue
        assert_inert(page, url)
