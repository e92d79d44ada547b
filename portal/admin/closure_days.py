"""Closure days: days the council is closed besides weekends and bank holidays, such as 24 December.

The working-day calendar reads them on every request (and every `flask working-days` command), so a new closure
day counts at once.
"""

from flask import render_template
from flask_login import current_user

from portal.admin import bp, services
from portal.admin.forms import ClosureDayForm
from portal.admin.views import administrators_only, found, saved, show_error
from portal.data.queries import admin as queries
from portal.data.queries.settings import closure_days as all_closure_days


@bp.route("/closure-days", methods=["GET", "POST"])
@administrators_only
def closure_days():
    form = ClosureDayForm()
    if form.validate_on_submit():
        try:
            closure = services.add_closure_day(current_user, form.day.data, form.description.data)
        except services.SettingsError as error:
            show_error(form, error, "day")
        else:
            return saved(f"Closure day added: {closure.day.day} {closure.day:%B %Y}", "admin.closure_days")
    errors = [
        {"text": field.errors[0], "href": f"#{field.id}-day" if field.name == "day" else f"#{field.id}"}
        for field in form
        if field.errors
    ]
    return render_template(
        "admin/closure_days.html",
        form=form,
        days=all_closure_days(),
        errors=errors,
        title="Closure days",
        page_has_errors=bool(errors),
    )


@bp.post("/closure-days/<int:day_id>/remove")
@administrators_only
def remove_closure_day(day_id: int):
    closure = found(queries.closure_day(day_id))
    when = f"{closure.day.day} {closure.day:%B %Y}"
    services.remove_closure_day(current_user, closure)
    return saved(f"Closure day removed: {when}", "admin.closure_days")
