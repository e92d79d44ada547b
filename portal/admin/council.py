"""Council details and branding. Public pages read the settings on every request, so changes show at once."""

from flask import render_template
from flask_login import current_user

from portal.admin import bp, services
from portal.admin.forms import CouncilDetailsForm
from portal.admin.views import administrators_only, saved, stored
from portal.data.queries.settings import council_settings

NUMBER_FIELDS = {"child_consent_age", "retention_years"}
YES_NO_FIELDS = {"not_accepted_needs_approval", "corporate_letters_need_check"}
OPTIONAL_FIELDS = {"logo_path"}


def _stored(name: str, value):
    if name in NUMBER_FIELDS:
        return int(value)
    if name in YES_NO_FIELDS:
        return value == "yes"
    if name in OPTIONAL_FIELDS:
        return value or None
    return value


def _shown(name: str, value) -> str:
    if name in YES_NO_FIELDS:
        return "yes" if value else "no"
    return "" if value is None else str(value)


@bp.route("/council", methods=["GET", "POST"])
@administrators_only
def council_details():
    settings = council_settings()
    shown = {name: _shown(name, getattr(settings, name)) for name in services.COUNCIL_FIELDS}
    form = CouncilDetailsForm(data=stored(shown))
    if form.validate_on_submit():
        values = {name: _stored(name, form[name].data) for name in services.COUNCIL_FIELDS}
        changes = services.update_council_details(current_user, values)
        return saved("Council details saved" if changes else "Nothing was changed", "admin.council_details")
    return render_template(
        "admin/council_details.html", form=form, title="Council details and branding", page_has_errors=bool(form.errors)
    )
