"""Seeds plus small articles that restate their figures and quotes: ingest proposes the links,
`links suggest` adds nothing twice, a dismissed link stays dismissed, `export links` lists them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import aliased

from claims_app import models  # noqa: F401  (every mapper, for the sessions below)
from claims_app.articles.models import Article
from claims_app.claims.models import Claim
from claims_app.cli import main
from claims_app.links.models import ClaimLink
from claims_app.links.services import dismiss_link

from ..conftest import SEEDS

ARTICLES = {
    "en_sipri.txt": "Israel and Azerbaijan: an energy and arms partnership\n\n"
                    "According to SIPRI, Israel supplied 69% of Azerbaijan's arms imports in 2016-2020. "
                    "Trade between the two countries reached more than 360 million dollars last year. "
                    "Azerbaijan supplies a third of Israel's oil.\n",
    "ar_sipri.txt": "شراكة الطاقة والسلاح بين إسرائيل وأذربيجان\n\n"
                    "وبحسب معهد ستوكهولم الدولي لأبحاث السلام، شكلت إسرائيل 69٪ من واردات باكو الرئيسية من "
                    "الأسلحة في 2016-2020. وتوفر أذربيجان 40% من النفط الذي تستهلكه إسرائيل.\n",
    "en_saar.txt": "Saar in Baku\n\nForeign Minister Gideon Saar said: \"Trade volume rose by about 50 percent "
                   "between 2024 and 2025, and reached more than 360 million dollars last year.\"\n",
    "ar_saar.txt": "ساعر في باكو\n\nوقال وزير الخارجية جدعون ساعر: \"توجد 20 رحلة جوية اسبوعيا في 2025، "
                   "زار 60 الف سائح اسرائيلي هذا البلد\".\n",
}


@pytest.fixture
def cli(cli_database):
    def invoke(*args: str, command=main):
        result = CliRunner().invoke(command, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    return invoke, cli_database


def link_table(session) -> dict[tuple, ClaimLink]:
    """{(relation, (file, text) of source, (file, text) of target): link}."""
    ca, cb, aa, ab = aliased(Claim), aliased(Claim), aliased(Article), aliased(Article)
    rows = session.execute(select(ClaimLink, aa.source, ca.exact, ab.source, cb.exact)
                           .join(ca, ca.id == ClaimLink.source_id).join(aa, aa.id == ca.article_id)
                           .join(cb, cb.id == ClaimLink.target_id).join(ab, ab.id == cb.article_id))
    return {(link.relation, (Path(sa).name, ta), (Path(sb).name, tb)): link for link, sa, ta, sb, tb in rows}


def has(table, relation, a, b, rule=None) -> bool:
    """A link between a and b ((file prefix, text start)) in either direction."""
    def match(side, want):
        return side[0].startswith(want[0]) and side[1].startswith(want[1])
    return any(key[0] == relation and (rule is None or link.rule == rule)
               and (match(key[1], a) and match(key[2], b) or match(key[1], b) and match(key[2], a))
               for key, link in table.items())


def test_ingest_suggests_links_that_stay_decided(cli, tmp_path):
    invoke, factory = cli
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    ingested = invoke("ingest", str(SEEDS), str(tmp_path))
    with factory() as s:
        table = link_table(s)
    # the counts are honest: ingest says how many suggestions it made
    assert f"{len(table)} link suggestions" in ingested and len(table) > 0
    # SIPRI's 69% in an Arabic seed, an English and an Arabic restatement: one figure
    assert has(table, "same_claim", ("001_", "69٪"), ("en_sipri", "69%"), "same_claim.value")
    assert has(table, "same_claim", ("001_", "69٪"), ("ar_sipri", "69٪"), "same_claim.value")
    assert has(table, "same_claim", ("ar_sipri", "69٪"), ("en_sipri", "69%"), "same_claim.value")
    # trade of more than 360 million dollars: the seed (Arabic) and the English report
    assert has(table, "same_claim", ("003_", "أكثر من 360"), ("en_sipri", "more than 360"))
    # "a third" of Israel's oil against "40%": conflicting values; "over 30 percent" needs a look
    assert has(table, "contradicts", ("ar_sipri", "40%"), ("en_sipri", "a third"), "conflict.values")
    assert has(table, "contradicts", ("001_", "أكثر من 30"), ("ar_sipri", "40%"), "conflict.bound")
    # Saar's words: translated into English, repeated in Arabic with other spellings
    assert has(table, "translation_of", ("en_saar", "Trade volume"), ("003_", "ارتفع حجم التبادل"))
    assert has(table, "same_quote", ("ar_saar", "توجد 20"), ("003_", "توجد 20"))
    # the same figure is never linked to a different one ("69%" and "17%" of arms)
    assert not has(table, "same_claim", ("001_", "17٪"), ("en_sipri", "69%"))
    (translation,) = [key for key in table if key[0] == "translation_of"]
    assert translation[1][0] == "en_saar.txt"   # the later article is the translation

    with factory() as s:
        link = next(link for key, link in link_table(s).items() if key[0] == "contradicts"
                    and link.rule == "conflict.values")
        dismissed_id = link.id
        dismiss_link(s, link.id, actor=None)
        s.commit()
    out = invoke("links", "suggest", "--all")
    assert "0 new suggestions" in out
    # ...and `links suggest` what was there before and what is there now
    assert f"{len(table)} links stored before" in out and f"{len(table)} links now" in out
    with factory() as s:
        again = link_table(s)
        assert len(again) == len(table)
        assert s.get(ClaimLink, dismissed_id).status == "dismissed"

    export_file = tmp_path / "links.jsonl"
    invoke("export", "links", "--format", "jsonl", "-o", str(export_file))
    lines = [json.loads(line) for line in export_file.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(table)
    dismissed = [x for x in lines if x["status"] == "dismissed"]
    assert len(dismissed) == 1 and dismissed[0]["relation"] == "contradicts"
    assert set(dismissed[0]) == {"relation", "status", "score", "rule", "a", "b"}
    assert set(dismissed[0]["a"]) == {"article_source", "start", "end", "text"}
    refused = CliRunner().invoke(main, ["links", "suggest"])
    assert refused.exit_code == 1 and "give either --all or --article ID" in refused.output
    with factory() as s:
        for item in lines:
            for side in (item["a"], item["b"]):
                text = s.scalar(select(Article.text).where(Article.source == side["article_source"]))
                assert text[side["start"]:side["end"]] == side["text"]
