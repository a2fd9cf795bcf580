"""Saved example queries, shipped with the app: in the console's list and in ``manage.py sql --examples``."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    query_id: str
    title: str
    sql: str


EXAMPLES = (
    Example("verified-figures-by-speaker", "Verified numeric claims by speaker", """\
SELECT speaker, metric, value, unit, period_start, period_end, exact, outlet, published, claim_id
FROM v_numeric_claims
WHERE status = 'verified' AND speaker IS NOT NULL
ORDER BY speaker, metric, published, claim_id"""),
    Example("disagreeing-figures", "Figures on the same metric that disagree", """\
SELECT a.metric, a.unit, a.period_start,
       a.claim_id AS claim_a, a.value AS value_a, a.speaker AS speaker_a, a.outlet AS outlet_a,
       b.claim_id AS claim_b, b.value AS value_b, b.speaker AS speaker_b, b.outlet AS outlet_b
FROM v_numeric_claims a
JOIN v_numeric_claims b
  ON b.metric = a.metric AND b.claim_id > a.claim_id
 AND COALESCE(b.unit, '') = COALESCE(a.unit, '')
 AND COALESCE(b.period_start, -1) = COALESCE(a.period_start, -1)
 AND b.value <> a.value
WHERE a.status <> 'rejected' AND b.status <> 'rejected'
ORDER BY a.metric, a.claim_id, b.claim_id"""),
    Example("speaker-quotes-over-time", "A speaker's quotes over time", """\
-- Every speaker's quotes in date order; add  AND speaker = 'Name'  to follow one speaker.
SELECT speaker, published, outlet, quote_text, speaker_as_written, status, verdict, claim_id
FROM v_quotes
WHERE speaker IS NOT NULL AND status <> 'rejected'
ORDER BY speaker, published, claim_id"""),
    Example("claims-per-outlet", "Claims per outlet and status", """\
SELECT outlet, status, count(*) AS claims
FROM v_claims
GROUP BY outlet, status
ORDER BY outlet, status"""),
)

BY_ID = {example.query_id: example for example in EXAMPLES}


def get_example(query_id: str) -> Example | None:
    return BY_ID.get(query_id)
