"""A claim with a verdict as a schema.org ClaimReview (JSON-LD), as fact-check readers expect it."""
from __future__ import annotations

from .csvout import format_timestamp

# Verdict -> (label shown to readers, rating on a 1 (false) .. 5 (true) scale, None when unrated)
RATINGS = {
    "verified": ("Verified", 5),
    "disputed": ("Disputed", 3),
    "misleading": ("Misleading", 2),
    "false": ("False", 1),
    "unverifiable": ("Unverifiable", None),
}


def _date(value) -> str | None:
    if value is None:
        return None
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return text[:10]


def _drop_empty(data: dict) -> dict:
    return {k: v for k, v in data.items() if v not in (None, "", {}, [])}


def claim_text(row: dict) -> str:
    """What was claimed: the quote it sits in, else the figure in its surrounding words."""
    if row.get("quote_text"):
        return row["quote_text"]
    return f"{row.get('prefix') or ''}{row['exact']}{row.get('suffix') or ''}".strip()


def claim_review(row: dict, *, publisher: str) -> dict:
    """One ``v_claims`` row (with a verdict) as a ClaimReview object."""
    label, value = RATINGS.get(row["verdict"], (str(row["verdict"]).title(), None))
    rating = _drop_empty({"@type": "Rating", "alternateName": label, "ratingValue": value,
                          "bestRating": 5 if value else None, "worstRating": 1 if value else None})
    author = None
    if row.get("speaker") or row.get("speaker_as_written"):
        kind = "Organization" if row.get("speaker_kind") == "organisation" else "Person"
        author = _drop_empty({"@type": kind, "name": row.get("speaker") or row.get("speaker_as_written"),
                              "alternateName": row.get("speaker_as_written")
                              if row.get("speaker") and row.get("speaker_as_written") != row.get("speaker") else None})
    appearance = _drop_empty({
        "@type": "NewsArticle", "url": row.get("url"), "headline": row.get("article_title"),
        "datePublished": _date(row.get("published")), "inLanguage": row.get("language"),
        "publisher": _drop_empty({"@type": "Organization", "name": row.get("outlet")}) if row.get("outlet") else None,
    })
    item = _drop_empty({"@type": "Claim", "author": author, "datePublished": _date(row.get("published")),
                        "appearance": appearance, "inLanguage": row.get("language")})
    reviewed = format_timestamp(row["reviewed_at"]) if row.get("reviewed_at") else None
    return _drop_empty({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": f"claim-{row['claim_id']}",
        "claimReviewed": claim_text(row),
        "datePublished": reviewed[:10] if reviewed else None,
        "author": {"@type": "Organization", "name": publisher},
        "reviewRating": rating,
        "reviewBody": row.get("verdict_note"),
        "citation": [url for url in (row.get("evidence_urls") or "").split("; ") if url],
        "itemReviewed": item,
    })
