"""Staff accounts: create (as `flask staff create` does), change role and team, deactivate, reset two-factor."""

from flask import render_template
from flask_login import current_user

from portal.admin import bp, services
from portal.admin.forms import NewStaffForm, StaffChangeForm, set_choices
from portal.admin.views import administrators_only, found, refused, saved, show_error, stored
from portal.data.queries import admin as queries
from portal.domain.types import StaffRole

NO_TEAM = ""


def _team_choices(field, current=None) -> None:
    teams = [team for team in queries.all_teams() if team.active or team is current]
    set_choices(field, [(NO_TEAM, "No team")] + [(str(team.id), team.name) for team in teams])


def _chosen_team(field):
    return queries.team(int(field.data)) if field.data else None


@bp.get("/staff")
@administrators_only
def staff_accounts():
    return render_template("admin/staff_accounts.html", users=queries.staff_users(), title="Staff accounts")


@bp.route("/staff/add", methods=["GET", "POST"])
@administrators_only
def add_staff_account():
    form = NewStaffForm()
    _team_choices(form.team)
    if form.validate_on_submit():
        try:
            user = services.create_staff_account(
                current_user, form.email.data, form.name.data, StaffRole(form.role.data), _chosen_team(form.team)
            )
        except services.SettingsError as error:
            show_error(form, error, "email")
        else:
            return saved(
                f"Account created for {user.name}. We have emailed them a link to set it up, which works for 7 days",
                "admin.staff_accounts",
            )
    return render_template(
        "admin/staff_account_new.html", form=form, title="Add a staff account", page_has_errors=bool(form.errors)
    )


@bp.route("/staff/<int:user_id>", methods=["GET", "POST"])
@administrators_only
def edit_staff_account(user_id: int):
    user = found(queries.staff_user(user_id))
    form = StaffChangeForm(data=stored({"role": user.role.value, "team": str(user.team_id or NO_TEAM)}))
    _team_choices(form.team, user.team)
    if form.validate_on_submit():
        try:
            changes = services.change_staff_account(
                current_user, user, StaffRole(form.role.data), _chosen_team(form.team)
            )
        except services.SettingsError as error:
            show_error(form, error, "role")
        else:
            return saved(f"{user.name}'s account saved" if changes else "Nothing was changed", "admin.staff_accounts")
    return render_template(
        "admin/staff_account_form.html",
        form=form,
        user=user,
        is_self=user.id == current_user.id,
        title=f"Change {user.name}'s account",
        page_has_errors=bool(form.errors),
    )


def _set_active(user_id: int, active: bool):
    user = found(queries.staff_user(user_id))
    try:
        services.set_staff_active(current_user, user, active)
    except services.SettingsError as error:
        return refused(error, "admin.edit_staff_account", user_id=user.id)
    return saved(f"{user.name}'s account {'reactivated' if active else 'deactivated'}", "admin.staff_accounts")


@bp.post("/staff/<int:user_id>/deactivate")
@administrators_only
def deactivate_staff_account(user_id: int):
    return _set_active(user_id, False)


@bp.post("/staff/<int:user_id>/reactivate")
@administrators_only
def reactivate_staff_account(user_id: int):
    return _set_active(user_id, True)


@bp.post("/staff/<int:user_id>/sign-out-everywhere")
@administrators_only
def sign_out_staff_everywhere(user_id: int):
    user = found(queries.staff_user(user_id))
    ended = services.sign_out_everywhere(current_user, user)
    return saved(
        f"{user.name} has been signed out of {ended} device{'' if ended == 1 else 's'}",
        "admin.edit_staff_account",
        user_id=user.id,
    )


@bp.post("/staff/<int:user_id>/reset-two-factor")
@administrators_only
def reset_staff_two_factor(user_id: int):
    user = found(queries.staff_user(user_id))
    services.reset_two_factor(current_user, user)
    return saved(
        f"{user.name} will set up a new authenticator app when they next sign in",
        "admin.edit_staff_account",
        user_id=user.id,
    )
