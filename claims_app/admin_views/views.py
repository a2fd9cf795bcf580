"""The admin shell's model views: users (admin), outlets, tags and speakers with aliases (editor)."""
from __future__ import annotations

from flask import flash
from flask_admin.actions import action
from flask_admin.contrib.sqla.filters import BooleanEqualFilter, FilterEqual
from flask_admin.model.form import InlineFormAdmin
from sqlalchemy import inspect
from wtforms import HiddenField, PasswordField, SelectChoice, SelectField
from wtforms.validators import Length, Optional, Regexp, ValidationError

from ..accounts.models import ROLES, User
from ..accounts.services import MIN_PASSWORD_LENGTH, end_sessions, hash_password
from ..articles.models import Outlet
from ..claims.models import Tag
from ..extraction.names import script_of
from ..extraction.speakers import name_skeleton, normalize_name
from ..history.services import record, snapshot
from ..search.indexing import reindex_speaker_claims
from ..speakers.models import SPEAKER_KINDS, Speaker, SpeakerAlias
from ..values import parse_id
from ..web import db_session
from .base import SecureModelView, snapshot_before_change


class UserView(SecureModelView):
    least_role = "admin"
    entity_type = "user"
    column_list = ("username", "role", "active", "created_at", "last_login_at")
    column_searchable_list = ("username",)
    column_filters = (FilterEqual(User.role, "Role", options=[(r, r) for r in ROLES]),
                      BooleanEqualFilter(User.active, "Active"))
    column_sortable_list = ("username", "role", "active", "created_at", "last_login_at")
    column_default_sort = "username"
    column_details_exclude_list = ("password_hash", "session_token")
    form_columns = ("username", "role", "active", "new_password")
    form_overrides = {"role": SelectField}
    form_args = {"role": {"choices": [SelectChoice(r, r) for r in ROLES]}}
    form_extra_fields = {"new_password": PasswordField(
        "New password", validators=[Optional(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
        description="Leave empty to keep the current password. Stored only as an argon2id hash.")}
    can_delete = False   # history and claims point at users; deactivate them instead

    def before_record(self, form, model, is_created):
        # populate_obj copied the extra field onto the row as a plain attribute; never keep it
        model.__dict__.pop("new_password", None)
        password = form.new_password.data
        if password:
            model.password_hash = hash_password(password)
            end_sessions(model)       # a new password signs the user out everywhere
        elif is_created:
            raise ValidationError(f"a new user needs a password of at least {MIN_PASSWORD_LENGTH} characters")

    @action("deactivate", "Deactivate", "Deactivate the selected users? They can no longer sign in.")
    def action_deactivate(self, ids):
        self._set_active(ids, False)

    @action("activate", "Activate")
    def action_activate(self, ids):
        self._set_active(ids, True)

    def _set_active(self, ids, active: bool) -> None:
        count = self.set_column(User, ids, "active", active)
        flash(f"{count} users {'activated' if active else 'deactivated'}.", "success")


class OutletView(SecureModelView):
    entity_type = "outlet"
    column_list = ("name", "domain", "country", "default_language", "created_at")
    column_searchable_list = ("name", "domain")
    column_filters = ("country", "default_language")
    column_sortable_list = ("name", "domain", "country", "default_language", "created_at")
    column_default_sort = "name"
    form_columns = ("name", "domain", "country", "default_language")
    form_args = {"country": {"validators": [Optional(), Regexp(r"^[A-Z]{2}$", message="two capital letters, e.g. IL")]}}


def _tag_name_free(form, field):
    # Tags are one tag whatever their case or Unicode form (claims.models.tag_key).
    from ..claims.services import find_tag

    same = find_tag(db_session(), field.data or "")
    if same is not None and same is not getattr(form, "_obj", None):
        raise ValidationError(f"tag {same.name!r} exists already (tags ignore case); merge on the Tags page instead")


class TagView(SecureModelView):
    entity_type = "tag"
    form_args = {"name": {"validators": [_tag_name_free]}}
    column_list = ("name", "description", "created_at")
    column_searchable_list = ("name", "description")
    column_filters = ("name", "description")
    column_sortable_list = ("name", "created_at")
    column_default_sort = "name"
    form_columns = ("name", "description")


class AliasInline(InlineFormAdmin):
    form_columns = ("id", "name")
    form_label = "Alias"

    def on_model_change(self, form, model, is_created):
        # the matching keys are derived from the name, never typed in
        model.name = " ".join((model.name or "").split())
        model.script = script_of(model.name)
        model.normalized = normalize_name(model.name)
        model.skeleton = name_skeleton(model.name)


class SpeakerView(SecureModelView):
    entity_type = "speaker"
    column_list = ("id", "name", "kind", "wikidata_qid", "merged_into_id", "aliases")
    column_searchable_list = ("name", "wikidata_qid", SpeakerAlias.name)
    column_filters = (FilterEqual(Speaker.kind, "Kind", options=[(k, k) for k in SPEAKER_KINDS]),
                      "wikidata_qid", "merged_into_id")
    column_sortable_list = ("id", "name", "kind", "wikidata_qid")
    column_default_sort = "name"
    form_columns = ("name", "kind", "wikidata_qid", "seen_version")
    form_overrides = {"kind": SelectField}
    form_args = {"kind": {"choices": [SelectChoice(k, k) for k in SPEAKER_KINDS]},
                 "wikidata_qid": {"validators": [Optional(), Regexp(r"^Q[1-9]\d{0,11}$",
                                                                    message="Q followed by digits, e.g. Q42")]}}
    form_extra_fields = {"seen_version": HiddenField()}
    inline_models = (AliasInline(SpeakerAlias),)
    can_delete = False   # merge speakers on their own page instead: a merge can be undone

    def edit_form(self, obj=None):
        form = super().edit_form(obj)
        if obj is not None and not form.seen_version.data:
            form.seen_version.data = str(obj.version)
        return form

    def before_record(self, form, model, is_created):
        model.__dict__.pop("seen_version", None)
        seen = form.seen_version.data
        if not is_created and seen and parse_id(seen) != model.version:
            raise ValidationError("someone else changed this speaker meanwhile; reload it and edit again")

    def on_model_change(self, form, model, is_created):
        session = db_session()
        model.name = " ".join((model.name or "").split())
        if model.name and not any(a.name == model.name for a in model.aliases):
            # the name itself is always an alias, so that ingest finds this speaker by it
            alias = SpeakerAlias(name=model.name)
            AliasInline(SpeakerAlias).on_model_change(None, alias, True)
            model.aliases.append(alias)
        changes = [(a, "create", None) for a in session.new if isinstance(a, SpeakerAlias)]
        changes += [(a, "update", snapshot_before_change(a)) for a in session.dirty
                    if isinstance(a, SpeakerAlias) and session.is_modified(a)]
        removed = [snapshot(a) for a in session.deleted if isinstance(a, SpeakerAlias)]
        renamed = not is_created and inspect(model).attrs.name.history.has_changes()
        super().on_model_change(form, model, is_created)   # flushes: new aliases get their ids
        if renamed:   # the name is part of the search text of the speaker's claims
            reindex_speaker_claims(session, {model.id})
        for alias, action_name, before in changes:
            if alias in session:
                record(session, entity_type="speaker_alias", entity_id=alias.id, action=action_name,
                       actor_id=self._actor_id(), before=before, after=snapshot(alias), reason="admin shell",
                       change_group=self._group())
        for before in removed:
            record(session, entity_type="speaker_alias", entity_id=before["id"], action="delete",
                   actor_id=self._actor_id(), before=before, reason="admin shell", change_group=self._group())

    @action("mark_organisation", "Mark as organisation")
    def action_mark_organisation(self, ids):
        self._set_kind(ids, "organisation")

    @action("mark_person", "Mark as person")
    def action_mark_person(self, ids):
        self._set_kind(ids, "person")

    def _set_kind(self, ids, kind: str) -> None:
        count = self.set_column(Speaker, ids, "kind", kind)
        flash(f"{count} speakers marked as {kind}.", "success")
