"""The timescale policy: working days for each step of each procedure, one form built from the domain's settings.

Only values that differ from the defaults are stored (`TimescalePolicy.overrides()`); every deadline worked out after
saving uses the new values, with no restart. Each field says its legal limit up front, and the domain refuses a value
beyond it (the 2006 Regulations for the statutory procedure, the Complaint Handling Code for the corporate one). A
setting the law fixes (closure days in the statutory clocks, regulation 2) is shown as text, not as a field.
"""

from flask import abort, render_template
from flask_login import current_user
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import StringField
from wtforms.validators import InputRequired, ValidationError

from portal.admin import bp, services
from portal.admin.views import administrators_only, refused, saved, stored
from portal.common.fields import YES_NO, radio_field
from portal.domain.timescales import SECTION_LABELS, TimescalePolicy, TimescaleSetting

# Labels repeat across procedures ("Stage 1 response"), so error messages say which procedure they are about.
SHORT_SECTION_NAMES = {
    "statutory": "Statutory",
    "corporate": "Corporate",
    "comment": "Comments",
    "compliment": "Compliments",
}


def field_name(setting: TimescaleSetting) -> str:
    return f"{setting.section}-{setting.name}"


def in_section(section: str, message: str) -> str:
    return f"{SHORT_SECTION_NAMES.get(section, section)} – {message}"


def _whole_number_of_days(setting: TimescaleSetting):
    def check(form, field) -> None:
        value = (field.data or "").strip()
        if not (value.isascii() and value.isdigit()):
            raise ValidationError(
                in_section(
                    setting.section, f"{setting.label} must be a whole number of working days, like {setting.default}"
                )
            )

    return check


def _as_text(setting: TimescaleSetting, value: int | bool) -> str:
    if setting.unit is None:
        return "Yes" if value else "No"
    return f"{value} {setting.unit}"


def _default_text(setting: TimescaleSetting) -> str:
    return _as_text(setting, setting.default)


def _field(setting: TimescaleSetting):
    limit = f" {setting.limit}" if setting.limit else ""
    description = f"{setting.hint}{limit} The default is {_default_text(setting).lower()}."
    if setting.unit is None:
        required = in_section(setting.section, f"Select yes or no for “{setting.label}”")
        return radio_field(setting.label, YES_NO, required, description=description)
    return StringField(
        setting.label,
        validators=[
            InputRequired(in_section(setting.section, f"Enter the working days for “{setting.label}”")),
            _whole_number_of_days(setting),
        ],
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        widget=GovTextInput(),
        description=description,
        render_kw={"inputmode": "numeric", "spellcheck": "false"},
    )


def timescale_form(policy: TimescalePolicy) -> FlaskForm:
    """A form with one field for every setting of the policy the council may change, filled in with its values."""
    rows = [row for row in policy.settings() if not row.fixed]

    class TimescaleForm(FlaskForm):
        pass

    for setting in rows:
        setattr(TimescaleForm, field_name(setting), _field(setting))
    shown = {
        field_name(setting): ("yes" if setting.value else "no") if setting.unit is None else str(setting.value)
        for setting in rows
    }
    return TimescaleForm(data=stored(shown))


def _posted_values(form: FlaskForm, rows: list[TimescaleSetting]) -> dict[str, dict[str, int | bool]]:
    values: dict[str, dict[str, int | bool]] = {}
    for setting in rows:
        if setting.fixed:
            continue
        data = form[field_name(setting)].data
        values.setdefault(setting.section, {})[setting.name] = data == "yes" if setting.unit is None else int(data)
    return values


def _render(form: FlaskForm, policy: TimescalePolicy):
    rows = policy.settings()
    return render_template(
        "admin/timescales.html",
        form=form,
        sections=[
            (section, label, [row for row in rows if row.section == section])
            for section, label in SECTION_LABELS.items()
        ],
        changed=[
            {
                "row": row,
                "section": SECTION_LABELS[row.section],
                "value": _as_text(row, row.value),
                "default": _default_text(row),
            }
            for row in rows
            if row.value != row.default
        ],
        field_name=field_name,
        title="Timescales",
        page_has_errors=bool(form.errors),
    )


@bp.route("/timescales", methods=["GET", "POST"])
@administrators_only
def timescales():
    policy = services.current_policy()
    form = timescale_form(policy)
    if form.validate_on_submit():
        new_policy, problems = services.check_timescales(_posted_values(form, policy.settings()))
        if new_policy is not None:
            changes = services.save_timescales(current_user, new_policy)
            return saved("Timescales saved" if changes else "Nothing was changed", "admin.timescales")
        for problem in problems:
            name = f"{problem.section}-{problem.name}"
            field = form[name] if name in form else next(iter(form))
            field.errors.append(in_section(problem.section, problem.message))
    return _render(form, policy)


@bp.post("/timescales/<section>/<name>/reset")
@administrators_only
def reset_timescale(section: str, name: str):
    if section not in SECTION_LABELS or name not in TimescalePolicy.default().as_dict()[section]:
        abort(404)
    try:
        changes = services.reset_timescale(current_user, section, name)
    except services.SettingsError as error:
        return refused(error, "admin.timescales")
    setting = next(row for row in TimescalePolicy.default().settings() if (row.section, row.name) == (section, name))
    message = f"“{setting.label}” is back to its default" if changes else f"“{setting.label}” was already the default"
    return saved(message, "admin.timescales")
