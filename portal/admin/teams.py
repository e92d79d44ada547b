"""Teams and service areas: add, rename, move a team between areas, deactivate and reactivate.

Teams and areas are never deleted, because cases and staff accounts refer to them; the public forms list only
active teams.
"""

from flask import render_template
from flask_login import current_user

from portal.admin import bp, services
from portal.admin.forms import ServiceAreaForm, TeamForm, set_choices
from portal.admin.views import administrators_only, found, refused, saved, show_error, stored
from portal.data.queries import admin as queries

NO_AREA = ""


@bp.get("/teams")
@administrators_only
def teams():
    return render_template(
        "admin/teams.html",
        areas=queries.service_areas(),
        teams_without_area=queries.teams_without_area(),
        title="Teams and service areas",
    )


def _area_choices(form: TeamForm, current=None) -> None:
    areas = [area for area in queries.service_areas() if area.active or area is current]
    set_choices(form.service_area, [(NO_AREA, "No service area")] + [(str(area.id), area.name) for area in areas])


def _chosen_area(form: TeamForm):
    return queries.service_area(int(form.service_area.data)) if form.service_area.data else None


@bp.route("/teams/add", methods=["GET", "POST"])
@administrators_only
def add_team():
    form = TeamForm()
    _area_choices(form)
    if form.validate_on_submit():
        try:
            team = services.add_team(current_user, form.name.data, _chosen_area(form), form.email.data)
        except services.SettingsError as error:
            show_error(form, error, "name")
        else:
            return saved(f"{team.name} added", "admin.teams")
    return render_template(
        "admin/team_form.html", form=form, team=None, title="Add a team", page_has_errors=bool(form.errors)
    )


@bp.route("/teams/<int:team_id>", methods=["GET", "POST"])
@administrators_only
def edit_team(team_id: int):
    team = found(queries.team(team_id))
    form = TeamForm(
        data=stored(
            {"name": team.name, "service_area": str(team.service_area_id or NO_AREA), "email": team.email or ""}
        )
    )
    _area_choices(form, team.service_area)
    if form.validate_on_submit():
        try:
            changes = services.update_team(current_user, team, form.name.data, _chosen_area(form), form.email.data)
        except services.SettingsError as error:
            show_error(form, error, "name")
        else:
            return saved(f"{team.name} saved" if changes else "Nothing was changed", "admin.teams")
    return render_template(
        "admin/team_form.html", form=form, team=team, title=f"Change {team.name}", page_has_errors=bool(form.errors)
    )


def _set_team_active(team_id: int, active: bool):
    team = found(queries.team(team_id))
    try:
        services.set_team_active(current_user, team, active)
    except services.SettingsError as error:
        return refused(error, "admin.teams")
    return saved(f"{team.name} {'reactivated' if active else 'deactivated'}", "admin.teams")


@bp.post("/teams/<int:team_id>/deactivate")
@administrators_only
def deactivate_team(team_id: int):
    return _set_team_active(team_id, False)


@bp.post("/teams/<int:team_id>/reactivate")
@administrators_only
def reactivate_team(team_id: int):
    return _set_team_active(team_id, True)


# Service areas --------------------------------------------------------------------------------------------------------


@bp.route("/service-areas/add", methods=["GET", "POST"])
@administrators_only
def add_service_area():
    form = ServiceAreaForm()
    if form.validate_on_submit():
        try:
            area = services.add_service_area(current_user, form.name.data)
        except services.SettingsError as error:
            show_error(form, error, "name")
        else:
            return saved(f"{area.name} added", "admin.teams")
    return render_template(
        "admin/service_area_form.html",
        form=form,
        area=None,
        title="Add a service area",
        page_has_errors=bool(form.errors),
    )


@bp.route("/service-areas/<int:area_id>", methods=["GET", "POST"])
@administrators_only
def edit_service_area(area_id: int):
    area = found(queries.service_area(area_id))
    form = ServiceAreaForm(data=stored({"name": area.name}))
    if form.validate_on_submit():
        try:
            changes = services.rename_service_area(current_user, area, form.name.data)
        except services.SettingsError as error:
            show_error(form, error, "name")
        else:
            return saved(f"{area.name} saved" if changes else "Nothing was changed", "admin.teams")
    return render_template(
        "admin/service_area_form.html",
        form=form,
        area=area,
        title=f"Rename {area.name}",
        page_has_errors=bool(form.errors),
    )


def _set_area_active(area_id: int, active: bool):
    area = found(queries.service_area(area_id))
    try:
        services.set_service_area_active(current_user, area, active)
    except services.SettingsError as error:
        return refused(error, "admin.teams")
    return saved(f"{area.name} {'reactivated' if active else 'deactivated'}", "admin.teams")


@bp.post("/service-areas/<int:area_id>/deactivate")
@administrators_only
def deactivate_service_area(area_id: int):
    return _set_area_active(area_id, False)


@bp.post("/service-areas/<int:area_id>/reactivate")
@administrators_only
def reactivate_service_area(area_id: int):
    return _set_area_active(area_id, True)
