"""Categories and themes, one list per kind of feedback: add, rename, reorder, deactivate and reactivate.

Themes are never deleted, because cases carry them; the public forms list only active ones, in this order.
"""

from flask import abort, render_template
from flask_login import current_user

from portal.admin import bp, services
from portal.admin.forms import ThemeForm
from portal.admin.views import administrators_only, found, refused, saved, show_error, stored
from portal.data.queries import admin as queries
from portal.domain.types import ThemeScope


def _scope(value: str) -> ThemeScope:
    try:
        return ThemeScope(value)
    except ValueError:
        abort(404)


@bp.get("/themes")
@administrators_only
def themes():
    return render_template(
        "admin/themes.html", scopes=list(ThemeScope), counts=queries.theme_counts(), title="Categories and themes"
    )


@bp.get("/themes/<scope>")
@administrators_only
def theme_list(scope: str):
    kind = _scope(scope)
    return render_template("admin/theme_list.html", scope=kind, themes=queries.themes(kind), title=kind.label)


@bp.route("/themes/<scope>/add", methods=["GET", "POST"])
@administrators_only
def add_theme(scope: str):
    kind = _scope(scope)
    form = ThemeForm()
    if form.validate_on_submit():
        try:
            theme = services.add_theme(current_user, kind, form.name.data)
        except services.SettingsError as error:
            show_error(form, error, "name")
        else:
            return saved(f"{theme.name} added", "admin.theme_list", scope=kind.value)
    return render_template(
        "admin/theme_form.html",
        form=form,
        scope=kind,
        theme=None,
        title=f"Add a {kind.item_name}",
        page_has_errors=bool(form.errors),
    )


@bp.route("/themes/<scope>/<int:theme_id>", methods=["GET", "POST"])
@administrators_only
def edit_theme(scope: str, theme_id: int):
    kind = _scope(scope)
    theme = found(queries.theme(kind, theme_id))
    form = ThemeForm(data=stored({"name": theme.name}))
    if form.validate_on_submit():
        try:
            changes = services.rename_theme(current_user, theme, form.name.data)
        except services.SettingsError as error:
            show_error(form, error, "name")
        else:
            return saved(
                f"{theme.name} saved" if changes else "Nothing was changed", "admin.theme_list", scope=kind.value
            )
    return render_template(
        "admin/theme_form.html",
        form=form,
        scope=kind,
        theme=theme,
        title=f"Rename {theme.name}",
        page_has_errors=bool(form.errors),
    )


def _move(scope: str, theme_id: int, step: int):
    kind = _scope(scope)
    theme = found(queries.theme(kind, theme_id))
    services.move_theme(current_user, theme, step)
    return saved(f"{theme.name} moved {'up' if step < 0 else 'down'}", "admin.theme_list", scope=kind.value)


@bp.post("/themes/<scope>/<int:theme_id>/move-up")
@administrators_only
def move_theme_up(scope: str, theme_id: int):
    return _move(scope, theme_id, -1)


@bp.post("/themes/<scope>/<int:theme_id>/move-down")
@administrators_only
def move_theme_down(scope: str, theme_id: int):
    return _move(scope, theme_id, 1)


def _set_active(scope: str, theme_id: int, active: bool):
    kind = _scope(scope)
    theme = found(queries.theme(kind, theme_id))
    try:
        services.set_theme_active(current_user, theme, active)
    except services.SettingsError as error:
        return refused(error, "admin.theme_list", scope=kind.value)
    return saved(f"{theme.name} {'reactivated' if active else 'deactivated'}", "admin.theme_list", scope=kind.value)


@bp.post("/themes/<scope>/<int:theme_id>/deactivate")
@administrators_only
def deactivate_theme(scope: str, theme_id: int):
    return _set_active(scope, theme_id, False)


@bp.post("/themes/<scope>/<int:theme_id>/reactivate")
@administrators_only
def reactivate_theme(scope: str, theme_id: int):
    return _set_active(scope, theme_id, True)
