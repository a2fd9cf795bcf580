"""The SELECT behind every export: the ``v_claims`` columns, read from the tables in one pass.

``v_claims`` (migration 0002) builds ``tags`` and ``links`` with correlated subqueries, several
index probes per claim whatever it carries; over a million claims they cost more than all the
joins together. Here they are aggregated once into two CTEs and joined, which gives the same
text: names ordered by name, links ordered by the other claim's id then by the item, joined
with '; ', NULL when there are none (tests/research/test_export_sql.py compares the two).
Window aggregates fix that order on both engines.
"""
from __future__ import annotations

# The source of each exported column, as in v_claims.
SOURCES = {
    "claim_id": "c.id", "reviewer": "u.username", "speaker_id": "canon.canonical_id", "speaker": "s.name",
    "speaker_kind": "s.kind", "speaker_as_written": "COALESCE(c.speaker_as_written, q.speaker_as_written)",
    "quote_text": "CASE WHEN c.kind = 'quote' THEN c.exact ELSE q.exact END", "article_title": "a.title",
    "outlet": "o.name", "url": "a.url", "published": "a.published", "language": "a.language",
    "span_start": "c.start", "span_end": 'c."end"', "tags": "tl.tags", "links": "ll.links",
}
# Evidence URLs (a JSON list on the claim) as one '; '-separated text in list order, NULL when none.
EVIDENCE = {
    # json_each is a virtual table, which the read-only connection's authorizer refuses; a
    # recursive walk over the indexes with json_extract reads the same list.
    "sqlite": ("(WITH RECURSIVE ev(n, url) AS (SELECT 0, json_extract(c.evidence_urls, '$[0]') "
               "WHERE json_array_length(c.evidence_urls) > 0 UNION ALL SELECT n + 1, "
               "json_extract(c.evidence_urls, '$[' || (n + 1) || ']') FROM ev "
               "WHERE n + 1 < json_array_length(c.evidence_urls)) "
               "SELECT group_concat(url, '; ') FROM (SELECT url FROM ev ORDER BY n))"),
    "postgresql": ("CASE WHEN json_typeof(c.evidence_urls) = 'array' THEN (SELECT string_agg(e.url, '; ' "
                   "ORDER BY e.n) FROM json_array_elements_text(c.evidence_urls) WITH ORDINALITY AS e(url, n)) END"),
}
# Filters name v_claims columns; these are their sources.
FILTER_SOURCES = {"status": "c.status", "language": "a.language", "published": "a.published",
                  "verdict": "c.verdict"}

_CANON = """canon(speaker_id, canonical_id, depth) AS (
    SELECT id, id, 0 FROM speakers WHERE merged_into_id IS NULL
    UNION ALL
    SELECT s.id, canon.canonical_id, canon.depth + 1
    FROM speakers s JOIN canon ON s.merged_into_id = canon.speaker_id
    WHERE canon.depth < 50
)"""
_INVERSE = ("CASE l.relation WHEN 'translation_of' THEN 'translated_as' WHEN 'updates' THEN 'updated_by' "
            "WHEN 'supports' THEN 'supported_by' ELSE l.relation END")
_WHOLE = "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING"


def _lists(dialect: str, only: str | None = None) -> str:
    """The tag and link list CTEs; ``only`` is a condition on ``{}``, a claim id column, or None."""
    agg = "string_agg" if dialect == "postgresql" else "group_concat"
    tag_filter = " WHERE " + only.format("ct.claim_id") if only else ""

    def among(column: str) -> str:
        return " AND " + only.format(column) if only else ""

    return f"""tag_lists(claim_id, tags) AS (
    SELECT claim_id, tags FROM (
        SELECT ct.claim_id AS claim_id,
               {agg}(t.name, '; ') OVER (PARTITION BY ct.claim_id ORDER BY t.name {_WHOLE}) AS tags,
               row_number() OVER (PARTITION BY ct.claim_id ORDER BY t.name) AS n
        FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id{tag_filter}) AS named
    WHERE n = 1
),
linked(claim_id, item, other) AS (
    SELECT l.source_id, l.relation || ':' || CAST(l.target_id AS TEXT), l.target_id
    FROM claim_links l WHERE l.status = 'confirmed'{among("l.source_id")}
    UNION ALL
    SELECT l.target_id, {_INVERSE} || ':' || CAST(l.source_id AS TEXT), l.source_id
    FROM claim_links l WHERE l.status = 'confirmed'{among("l.target_id")}
),
link_lists(claim_id, links) AS (
    SELECT claim_id, links FROM (
        SELECT claim_id,
               {agg}(item, '; ') OVER (PARTITION BY claim_id ORDER BY other, item {_WHOLE}) AS links,
               row_number() OVER (PARTITION BY claim_id ORDER BY other, item) AS n
        FROM linked) AS listed
    WHERE n = 1
)"""


def select_list(columns, dialect: str) -> list[str]:
    items = []
    for name, kind in columns:
        expr = EVIDENCE[dialect] if name == "evidence_urls" else SOURCES.get(name, f"c.{name}")
        if kind == "timestamp":   # ISO 8601 UTC text made by the engine: the same on both, and cheap
            expr = (f"to_char({expr}, 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')" if dialect == "postgresql"
                    else f"strftime('%Y-%m-%dT%H:%M:%SZ', {expr})")
        items.append(f"{expr} AS {name}")
    return items


def claims_query(columns, where: list[str], dialect: str, *, only_ids: list[int] | None = None,
                 id_range: tuple[int, int] | None = None) -> str:
    """One SELECT of ``columns`` over every claim matching ``where`` (conditions on the sources), by id.

    ``only_ids`` (a few claims) or ``id_range`` (low, high: a block of ids) limit it, tag and link
    lists included, so that the lists are built for those claims only, read by index.
    """
    only = None
    if only_ids:
        only = "{} IN (" + ", ".join(str(int(i)) for i in only_ids) + ")"
    elif id_range is not None:
        only = "{} BETWEEN " + f"{int(id_range[0])} AND {int(id_range[1])}"
    if only:
        where = [*where, only.format("c.id")]
    sql = f"""WITH RECURSIVE {_CANON},
{_lists(dialect, only)}
SELECT {', '.join(select_list(columns, dialect))}
FROM claims c
JOIN articles a ON a.id = c.article_id
LEFT JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN claims q ON q.id = c.quote_id
LEFT JOIN canon ON canon.speaker_id = COALESCE(c.speaker_id, c.attributed_to_id)
LEFT JOIN speakers s ON s.id = canon.canonical_id
LEFT JOIN users u ON u.id = c.reviewed_by_id
LEFT JOIN tag_lists tl ON tl.claim_id = c.id
LEFT JOIN link_lists ll ON ll.claim_id = c.id"""
    if where:
        sql += "\nWHERE " + " AND ".join(where)
    return sql + "\nORDER BY c.id"
