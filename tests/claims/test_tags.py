"""Tags are one tag whatever their case or Unicode form; admins rename and merge them."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from claims_app.claims import services
from claims_app.claims.models import Claim, Tag, tag_key
from claims_app.errors import DomainError
from claims_app.history.models import HistoryEntry
from claims_app.history.services import revert_group


@pytest.mark.parametrize("a, b", [("economy", "Economy"), ("ECONOMY ", " economy"), ("ＥＣＯＮＯＭＹ", "economy"),
                                  ("Straße", "STRASSE"), ("ﻻﻗﺘﺼﺎﺩ", "لاقتصاد"), ("חדשות  חוץ", "חדשות חוץ")])
def test_tag_key_folds_case_width_and_presentation_forms(a, b):
    assert tag_key(a) == tag_key(b)


def test_economy_and_Economy_are_one_tag(db, make_claim, editor):
    a, b = make_claim("50 percent"), make_claim("12 new firms")
    first = services.tag_claim(db, a.id, "economy", actor=editor)
    second = services.tag_claim(db, b.id, "Economy", actor=editor)
    assert first.id == second.id and db.scalars(select(Tag)).all() == [first]
    with pytest.raises(DomainError, match="already has tag"):
        services.tag_claim(db, a.id, "ECONOMY", actor=editor)
    with pytest.raises(DomainError, match="exists already"):
        services.create_tag(db, "eCoNoMy", actor=editor)


def test_rename_refuses_a_name_another_tag_has(db, editor):
    econ = services.create_tag(db, "economy", actor=editor)
    services.create_tag(db, "trade", actor=editor)
    with pytest.raises(DomainError, match="exists already"):
        services.rename_tag(db, econ.id, "Trade", actor=editor)
    assert services.rename_tag(db, econ.id, "Economy", actor=editor).name == "Economy"   # its own key is fine


def test_merge_moves_every_claim_and_reverts_as_one(db, make_claim, editor):
    a, b = make_claim("50 percent"), make_claim("12 new firms")
    services.tag_claim(db, a.id, "econ", actor=editor)
    services.tag_claim(db, b.id, "econ", actor=editor)
    services.tag_claim(db, b.id, "economy", actor=editor)
    econ = services.find_tag(db, "econ")
    economy = services.find_tag(db, "economy")
    econ_id = econ.id
    assert services.merge_tags(db, econ_id, economy.id, actor=editor) == 2
    db.expire_all()
    assert db.get(Tag, econ_id) is None
    assert [t.name for t in db.get(Claim, a.id).tags] == ["economy"]
    assert [t.name for t in db.get(Claim, b.id).tags] == ["economy"]
    group = db.scalar(select(HistoryEntry.change_group).where(HistoryEntry.entity_type == "tag",
                                                              HistoryEntry.action == "delete"))
    revert_group(db, group, actor=editor)
    db.expire_all()
    assert sorted(t.name for t in db.get(Claim, b.id).tags) == ["econ", "economy"]
    assert [t.name for t in db.get(Claim, a.id).tags] == ["econ"]


def test_tags_page_lists_counts_and_only_admins_rename_or_merge(client, login, make_claim, db, editor):
    a = make_claim("50 percent")
    services.tag_claim(db, a.id, "economy", actor=editor)
    other = services.create_tag(db, "trade", actor=editor)
    db.flush()
    login("editor")
    page = client.get("/claims/tags").get_data(as_text=True)
    assert "economy" in page and "Rename a tag" not in page
    assert client.post("/claims/tags/merge", data={"source_id": other.id, "into_id": other.id}).status_code == 403
    client.post("/logout")
    login("admin")
    same = client.post("/claims/tags/merge", data={"source_id": other.id, "into_id": other.id})
    assert same.status_code == 400 and "merged into itself" in same.get_data(as_text=True)
    clash = client.post("/claims/tags/rename", data={"tag_id": other.id, "name": "ECONOMY"})
    assert clash.status_code == 400 and "exists already" in clash.get_data(as_text=True)
    assert client.post("/claims/tags/rename", data={"tag_id": other.id, "name": "Trade policy"}).status_code == 302
    assert client.post("/claims/tags/rename", data={"tag_id": "99999999999999999999", "name": "x"}).status_code == 400


def test_claim_page_offers_existing_tags_to_autocomplete(client, login, make_claim, db, editor):
    services.create_tag(db, "economy", actor=editor)
    claim = make_claim("50 percent")
    db.flush()
    login("editor")
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert 'list="tag-names"' in page and '<option value="economy">' in page
