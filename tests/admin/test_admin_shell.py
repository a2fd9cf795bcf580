"""The admin shell: roles, lists with search/filter/sort, history of every change, local assets."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from claims_app.accounts.models import User
from claims_app.claims.models import Tag
from claims_app.history.models import HistoryEntry
from claims_app.speakers.models import Speaker, SpeakerAlias
from claims_app.speakers.services import add_alias


def _speaker(db, name, kind="person", *aliases):
    speaker = Speaker(name=name, kind=kind)
    db.add(speaker)
    for alias in (name, *aliases):
        add_alias(db, speaker, alias)
    db.flush()
    return speaker


def _view(app, endpoint):
    (admin,) = app.extensions["admin"]
    return next(v for v in admin._views if v.endpoint == endpoint)


EDITOR_PAGES = {"/admin/", "/admin/speakers/", "/admin/speakers/new/", "/admin/tags/", "/admin/outlets/"}
ADMIN_PAGES = EDITOR_PAGES | {"/admin/users/", "/admin/users/new/"}


@pytest.mark.parametrize("role,allowed", [("researcher", set()), ("editor", EDITOR_PAGES), ("admin", ADMIN_PAGES)])
def test_roles(client, login, role, allowed):
    login(role)
    for url in sorted(ADMIN_PAGES):
        assert client.get(url).status_code == (200 if url in allowed else 403), (role, url)


def test_admin_endpoints_carry_their_least_role(app):
    marks = {e: getattr(f, "least_role", None) for e, f in app.view_functions.items()
             if e.split(".")[0] in ("admin", "admin_users", "admin_speakers", "admin_tags", "admin_outlets")
             and not e.endswith(".static")}
    assert marks["admin.index"] == "editor" and marks["admin_users.index_view"] == "admin"
    assert all(role in ("editor", "admin") for role in marks.values()), marks


def test_lower_roles_cannot_post_either(client, login, db):
    login("editor")
    before = db.scalar(select(func.count()).select_from(User))
    response = client.post("/admin/users/new/", data={"username": "mallory", "role": "admin", "active": "y",
                                                      "new_password": "long enough password"})
    assert response.status_code == 403
    assert db.scalar(select(func.count()).select_from(User)) == before


def test_anonymous_is_sent_to_login(client):
    response = client.get("/admin/speakers/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_speaker_list_search_filter_and_sort(client, login, db, app):
    login("editor")
    _speaker(db, "Gideon Sa'ar", "person", "جدعون ساعر")
    _speaker(db, "SIPRI", "organisation")
    _speaker(db, "Ilham Aliyev", "person")
    db.commit()
    page = client.get("/admin/speakers/").get_data(as_text=True)
    assert "Gideon Sa&#39;ar" in page and "SIPRI" in page and "Ilham Aliyev" in page
    page = client.get("/admin/speakers/", query_string={"search": "ساعر"}).get_data(as_text=True)
    assert "Gideon Sa&#39;ar" in page and "SIPRI" not in page
    view = _view(app, "admin_speakers")
    (idx, flt) = next((i, f) for i, f in enumerate(view._filters) if f.name == "Kind")
    arg = view.get_filter_arg(idx, flt)
    page = client.get(f"/admin/speakers/?flt0_{arg}=organisation").get_data(as_text=True)
    assert "SIPRI" in page and "Ilham Aliyev" not in page
    sort = [c for c, _ in view._list_columns].index("name")
    page = client.get(f"/admin/speakers/?sort={sort}&desc=1").get_data(as_text=True)
    assert page.index("SIPRI") < page.index("Ilham Aliyev") < page.index("Gideon")


def test_user_list_filter_by_role(client, login, db, app, make_user):
    login("admin", username="root")
    make_user("rita", "researcher")
    make_user("eddie", "editor")
    view = _view(app, "admin_users")
    (idx, flt) = next((i, f) for i, f in enumerate(view._filters) if f.name == "Role")
    page = client.get(f"/admin/users/?flt0_{view.get_filter_arg(idx, flt)}=researcher").get_data(as_text=True)
    assert "rita" in page and "eddie" not in page
    page = client.get("/admin/users/?search=edd").get_data(as_text=True)
    assert "eddie" in page and "rita" not in page


def test_admin_creates_user_with_argon2id_hash_never_shown(client, login, db):
    admin = login("admin")
    response = client.post("/admin/users/new/", data={"username": "newbie", "role": "editor", "active": "y",
                                                      "new_password": "a long passphrase"})
    assert response.status_code == 302, response.get_data(as_text=True)
    user = db.scalar(select(User).where(User.username == "newbie"))
    assert user.role == "editor" and user.password_hash.startswith("$argon2id$")
    for url in ("/admin/users/", f"/admin/users/details/?id={user.id}", f"/admin/users/edit/?id={user.id}"):
        page = client.get(url).get_data(as_text=True)
        assert "$argon2" not in page and "password_hash" not in page, url
    entry = db.scalar(select(HistoryEntry).where(HistoryEntry.entity_type == "user",
                                                 HistoryEntry.entity_id == user.id))
    assert entry.action == "create" and entry.actor_id == admin.id
    assert "password_hash" not in entry.after and "new_password" not in entry.after
    # the new user can sign in with that password
    client.post("/logout")
    assert client.post("/login", data={"username": "newbie", "password": "a long passphrase"}).status_code == 302


def test_short_or_missing_password_is_refused(client, login, db):
    login("admin")
    for data in ({"new_password": "short"}, {}):
        client.post("/admin/users/new/", data={"username": "weak", "role": "editor", **data})
        assert db.scalar(select(User).where(User.username == "weak")) is None


def test_editing_a_user_keeps_the_password_unless_given(client, login, db, make_user):
    login("admin")
    user = make_user("keeper", "researcher")
    old_hash = user.password_hash
    response = client.post(f"/admin/users/edit/?id={user.id}", data={"username": "keeper", "role": "editor",
                                                                      "active": "y", "new_password": ""})
    assert response.status_code == 302
    db.expire_all()
    user = db.get(User, user.id)
    assert user.role == "editor" and user.password_hash == old_hash


def test_speaker_edit_with_inline_aliases_goes_into_history(client, login, db):
    editor = login("editor")
    speaker = _speaker(db, "Gidon Saar", "person", "גדעון סער")
    db.commit()
    hebrew = speaker.aliases[1]
    hebrew_id = hebrew.id
    data = {"name": "Gideon Sa'ar", "kind": "person", "wikidata_qid": "Q2584640", "seen_version": speaker.version,
            "aliases-0-id": speaker.aliases[0].id, "aliases-0-name": speaker.aliases[0].name,
            "aliases-1-id": hebrew.id, "aliases-1-name": hebrew.name, "del-aliases-1": "y",
            "aliases-2-name": "جدعون  ساعر"}
    response = client.post(f"/admin/speakers/edit/?id={speaker.id}", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    db.expire_all()
    speaker = db.get(Speaker, speaker.id)
    assert speaker.name == "Gideon Sa'ar" and speaker.wikidata_qid == "Q2584640"
    assert {a.name for a in speaker.aliases} == {"Gidon Saar", "Gideon Sa'ar", "جدعون ساعر"}
    new = db.scalar(select(SpeakerAlias).where(SpeakerAlias.name == "جدعون ساعر"))
    assert new.speaker_id == speaker.id and new.script == "Arab" and new.normalized and new.skeleton
    assert db.get(SpeakerAlias, hebrew_id) is None
    entries = db.scalars(select(HistoryEntry).where(HistoryEntry.actor_id == editor.id)).all()
    assert sorted((e.entity_type, e.action) for e in entries) == [
        ("speaker", "update"), ("speaker_alias", "create"), ("speaker_alias", "create"), ("speaker_alias", "delete")]
    assert len({e.change_group for e in entries}) == 1
    speaker_entry = next(e for e in entries if e.entity_type == "speaker")
    assert speaker_entry.before["name"] == "Gidon Saar" and speaker_entry.after["name"] == "Gideon Sa'ar"


def test_speaker_edit_on_a_stale_version_is_refused(client, login, db):
    login("editor")
    speaker = _speaker(db, "Gidon Saar")
    db.commit()
    seen = speaker.version
    speaker.name = "Someone else's edit"
    db.commit()
    client.post(f"/admin/speakers/edit/?id={speaker.id}",
                data={"name": "Mine", "kind": "person", "seen_version": seen})
    db.expire_all()
    assert db.get(Speaker, speaker.id).name == "Someone else's edit"


def test_bad_qid_is_refused_in_the_admin_too(client, login, db):
    login("editor")
    speaker = _speaker(db, "Gidon Saar")
    db.commit()
    page = client.post(f"/admin/speakers/edit/?id={speaker.id}",
                       data={"name": "X", "kind": "person", "wikidata_qid": "2584640",
                             "seen_version": speaker.version}).get_data(as_text=True)
    assert "Q followed by digits" in page
    db.expire_all()
    assert db.get(Speaker, speaker.id).name == "Gidon Saar"


def test_bulk_action_changes_kind_and_records_each(client, login, db):
    login("editor")
    a, b = _speaker(db, "Foreign Ministry"), _speaker(db, "SIPRI")
    db.commit()
    response = client.post("/admin/speakers/action/", data={"action": "mark_organisation", "rowid": [a.id, b.id]})
    assert response.status_code == 302
    db.expire_all()
    assert {db.get(Speaker, a.id).kind, db.get(Speaker, b.id).kind} == {"organisation"}
    entries = db.scalars(select(HistoryEntry).where(HistoryEntry.entity_type == "speaker")).all()
    assert {e.entity_id for e in entries} == {a.id, b.id}
    assert all(e.before["kind"] == "person" and e.after["kind"] == "organisation" for e in entries)


def test_tag_create_and_bulk_delete_are_recorded(client, login, db):
    login("editor")
    assert client.post("/admin/tags/new/", data={"name": "economy", "description": "trade"}).status_code == 302
    tag = db.scalar(select(Tag).where(Tag.name == "economy"))
    response = client.post("/admin/tags/action/", data={"action": "delete", "rowid": [tag.id]})
    assert response.status_code == 302
    assert db.scalar(select(Tag).where(Tag.name == "economy")) is None
    actions = db.execute(select(HistoryEntry.action, HistoryEntry.before, HistoryEntry.after)
                         .where(HistoryEntry.entity_type == "tag", HistoryEntry.entity_id == tag.id)
                         .order_by(HistoryEntry.id)).all()
    assert [a[0] for a in actions] == ["create", "delete"]
    assert actions[0][2]["name"] == "economy" and actions[1][1]["name"] == "economy"


def test_duplicate_name_fails_cleanly_without_committing(client, login, db):
    login("editor")
    client.post("/admin/tags/new/", data={"name": "dup"})
    response = client.post("/admin/tags/new/", data={"name": "dup"})
    assert response.status_code == 200 and "Failed to create record" in response.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(Tag).where(Tag.name == "dup")) == 1
    assert db.scalar(select(func.count()).select_from(HistoryEntry).where(HistoryEntry.entity_type == "tag")) == 1


def test_assets_are_local_and_layout_is_the_apps(client, login, db):
    login("admin")
    _speaker(db, "Somebody")
    db.commit()
    for url in ("/admin/", "/admin/speakers/", "/admin/speakers/new/", "/admin/users/", "/admin/tags/new/"):
        page = client.get(url).get_data(as_text=True)
        refs = re.findall(r'(?:src|href)="([^"]+)"', page)
        assert refs, url
        assert not [r for r in refs if re.match(r"(https?:)?//", r)], url
        assert "/static/app.css" in page and 'class="topbar"' in page, url
        for ref in refs:
            if "/static/" in ref:
                assert client.get(ref).status_code == 200, ref


def test_markup_in_names_and_tags_renders_as_text(client, login, db):
    login("editor")
    _speaker(db, '<script>alert("s")</script>', "person", '<img src=x onerror=alert(1)>')
    db.add(Tag(name='<b onmouseover="x">tag</b>'))
    db.commit()
    for url in ("/admin/speakers/", "/admin/tags/"):
        page = client.get(url).get_data(as_text=True)
        assert '<script>alert("s")' not in page and "<img src=x" not in page and "<b onmouseover" not in page
        assert "&lt;" in page
