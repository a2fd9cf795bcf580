"""Researcher SQL views (v_claims and friends).

The views are the stable, documented surface for researchers (docs/schema.md); the tables
behind them may change. The SQL is frozen here on purpose: a later migration that changes a
view drops and re-creates it with its own copy of the SQL.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# Dropped in this order (dependants first).
VIEWS = ("v_quotes", "v_numeric_claims", "v_verified_claims", "v_claim_links", "v_claims", "v_speakers")

# A merged speaker points at the one it was merged into, possibly through several merges:
# walk down from every surviving speaker so each row learns its surviving (canonical) speaker.
CANON_CTE = """canon(speaker_id, canonical_id, depth) AS (
    SELECT id, id, 0 FROM speakers WHERE merged_into_id IS NULL
    UNION ALL
    SELECT s.id, canon.canonical_id, canon.depth + 1
    FROM speakers s JOIN canon ON s.merged_into_id = canon.speaker_id
    WHERE canon.depth < 50
)"""

# Directed relations read from the other end get their inverse name.
INVERSE_RELATION = """CASE l.relation WHEN 'translation_of' THEN 'translated_as'
                                WHEN 'updates' THEN 'updated_by'
                                WHEN 'supports' THEN 'supported_by'
                                ELSE l.relation END"""


def _aggregate(dialect: str, item: str, order: str, source: str) -> str:
    """A correlated subquery joining ``item`` values with '; ', ordered; NULL when there are none."""
    if dialect == "postgresql":
        return f"(SELECT string_agg({item}, '; ' ORDER BY {order}) FROM {source})"
    # SQLite keeps the order of an ordered subquery when it aggregates over it.
    return f"(SELECT group_concat(item, '; ') FROM (SELECT {item} AS item FROM {source} ORDER BY {order}))"


def _links_source(alias: str = "c") -> str:
    return f"""(SELECT l.relation || ':' || CAST(l.target_id AS TEXT) AS item, l.target_id AS other
                 FROM claim_links l WHERE l.source_id = {alias}.id AND l.status = 'confirmed'
                 UNION ALL
                 SELECT {INVERSE_RELATION} || ':' || CAST(l.source_id AS TEXT), l.source_id
                 FROM claim_links l WHERE l.target_id = {alias}.id AND l.status = 'confirmed') AS linked"""


def view_sql(dialect: str) -> dict[str, str]:
    # Most claims have no tags and no links: a cheap EXISTS probe skips the aggregation for them.
    tags = ("CASE WHEN EXISTS (SELECT 1 FROM claim_tags x WHERE x.claim_id = c.id) THEN "
            + _aggregate(dialect, "t.name", "t.name",
                         "claim_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.claim_id = c.id") + " END")
    if dialect == "postgresql":
        links = f"(SELECT string_agg(linked.item, '; ' ORDER BY linked.other, linked.item) FROM {_links_source()})"
        aliases = ("(SELECT string_agg(sa.name, '; ' ORDER BY sa.id) FROM speaker_aliases sa "
                   "WHERE sa.speaker_id = s.id)")
    else:
        links = (f"(SELECT group_concat(item, '; ') FROM (SELECT linked.item AS item FROM {_links_source()} "
                 "ORDER BY linked.other, linked.item))")
        aliases = ("(SELECT group_concat(item, '; ') FROM (SELECT sa.name AS item FROM speaker_aliases sa "
                   "WHERE sa.speaker_id = s.id ORDER BY sa.id))")
    links = ("CASE WHEN EXISTS (SELECT 1 FROM claim_links x WHERE x.source_id = c.id AND x.status = 'confirmed') "
             "OR EXISTS (SELECT 1 FROM claim_links x WHERE x.target_id = c.id AND x.status = 'confirmed') "
             f"THEN {links} END")
    return {
        "v_speakers": f"""
WITH RECURSIVE {CANON_CTE}
SELECT s.id AS speaker_id, s.name, s.kind, s.wikidata_qid, s.merged_into_id,
       canon.canonical_id AS canonical_speaker_id, cs.name AS canonical_name,
       {aliases} AS aliases,
       s.created_at
FROM speakers s
LEFT JOIN canon ON canon.speaker_id = s.id
LEFT JOIN speakers cs ON cs.id = canon.canonical_id""",
        "v_claims": f"""
WITH RECURSIVE {CANON_CTE}
SELECT c.id AS claim_id, c.kind, c.status, c.verdict, c.verdict_note,
       u.username AS reviewer, c.reviewed_at, c.origin,
       canon.canonical_id AS speaker_id, s.name AS speaker, s.kind AS speaker_kind,
       COALESCE(c.speaker_as_written, q.speaker_as_written) AS speaker_as_written,
       c.attribution_confidence,
       c.quote_id, CASE WHEN c.kind = 'quote' THEN c.exact ELSE q.exact END AS quote_text,
       c.value, c.low, c.high, c.qualifier, c.numeric_kind, c.unit,
       c.period_start, c.period_end, c.metric,
       c.article_id, a.title AS article_title, o.name AS outlet, a.url, a.published, a.language,
       c.start AS span_start, c."end" AS span_end, c.exact, c.prefix, c.suffix,
       {tags} AS tags,
       {links} AS links,
       c.created_at, c.updated_at
FROM claims c
JOIN articles a ON a.id = c.article_id
LEFT JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN claims q ON q.id = c.quote_id
LEFT JOIN canon ON canon.speaker_id = COALESCE(c.speaker_id, c.attributed_to_id)
LEFT JOIN speakers s ON s.id = canon.canonical_id
LEFT JOIN users u ON u.id = c.reviewed_by_id""",
        "v_verified_claims": "SELECT * FROM v_claims WHERE verdict IS NOT NULL",
        "v_quotes": """
SELECT claim_id, status, verdict, reviewer, reviewed_at, speaker_id, speaker, speaker_as_written,
       attribution_confidence, exact AS quote_text, article_id, article_title, outlet, url, published,
       language, span_start, span_end, tags, links
FROM v_claims WHERE kind = 'quote'""",
        "v_numeric_claims": """
SELECT claim_id, status, verdict, reviewer, reviewed_at, exact, value, low, high, qualifier, numeric_kind,
       unit, period_start, period_end, metric, speaker_id, speaker, quote_id, quote_text,
       article_id, article_title, outlet, url, published, language, span_start, span_end, tags, links
FROM v_claims WHERE kind = 'numeric'""",
        "v_claim_links": """
SELECT l.id AS link_id, l.source_id, l.target_id, l.relation, l.status, l.rule, l.score, l.note,
       cu.username AS created_by, l.created_at, du.username AS decided_by, l.decided_at,
       sc.kind AS source_kind, sc.exact AS source_exact, sc.article_id AS source_article_id,
       tc.kind AS target_kind, tc.exact AS target_exact, tc.article_id AS target_article_id
FROM claim_links l
JOIN claims sc ON sc.id = l.source_id
JOIN claims tc ON tc.id = l.target_id
LEFT JOIN users cu ON cu.id = l.created_by_id
LEFT JOIN users du ON du.id = l.decided_by_id""",
    }


def upgrade() -> None:
    definitions = view_sql(op.get_bind().dialect.name)
    for name in ("v_speakers", "v_claims", "v_verified_claims", "v_quotes", "v_numeric_claims", "v_claim_links"):
        op.execute(f"CREATE VIEW {name} AS {definitions[name].strip()}")


def downgrade() -> None:
    for name in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {name}")
