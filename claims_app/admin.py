"""The admin shell for reference data, built on Flask-Admin.

Users need the admin role; outlets, tags and speakers the editor role; anyone else gets 403
(a visitor who is not signed in is sent to the login page). Every change is recorded in
history, and Flask-Admin works in the request's own session, committed once by the app.
"""
from __future__ import annotations

from flask import Blueprint, Flask


def init_app(app: Flask) -> None:
    from flask_admin import Admin
    from flask_admin.theme import Bootstrap4Theme

    from .accounts.models import User
    from .admin_views.base import ShellIndexView
    from .admin_views.session import RequestSession
    from .admin_views.views import OutletView, SpeakerView, TagView, UserView
    from .articles.models import Outlet
    from .claims.models import Tag
    from .speakers.models import Speaker

    # Everything Flask-Admin serves comes from its own static folder; keep the optional
    # map widgets (the only parts that would load scripts from the internet) switched off.
    app.config["FLASK_ADMIN_MAPS"] = False
    app.config.setdefault("FLASK_ADMIN_SWATCH", "default")
    # The shell's templates (layout, index page) live beside its views.
    app.register_blueprint(Blueprint("admin_shell", __name__, template_folder="admin_views/templates"))
    session = RequestSession()
    admin = Admin(app, name="Claims admin", url="/admin", endpoint="admin",
                  index_view=ShellIndexView(name="Home", url="/admin", endpoint="admin"),
                  theme=Bootstrap4Theme(base_template="admin_shell/master.html", fluid=True))
    admin.add_view(SpeakerView(Speaker, session, name="Speakers", endpoint="admin_speakers", url="speakers"))
    admin.add_view(TagView(Tag, session, name="Tags", endpoint="admin_tags", url="tags"))
    admin.add_view(OutletView(Outlet, session, name="Outlets", endpoint="admin_outlets", url="outlets"))
    admin.add_view(UserView(User, session, name="Users", endpoint="admin_users", url="users"))
    _mark_least_roles(app, admin)


def _mark_least_roles(app: Flask, admin) -> None:
    """Give Flask-Admin's endpoints the ``least_role`` mark that role_required gives ours."""
    from functools import update_wrapper

    for view in [admin.index_view, *admin._views]:
        prefix = f"{view.endpoint}."
        for endpoint, func in list(app.view_functions.items()):
            if not endpoint.startswith(prefix) or endpoint.endswith(".static"):
                continue

            def marked(*args, _func=func, **kwargs):
                return _func(*args, **kwargs)

            update_wrapper(marked, func)
            marked.least_role = view.least_role
            app.view_functions[endpoint] = marked
