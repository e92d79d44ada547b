"""Safeguarding phrases: words in a child's message that flag it as a possible safeguarding concern."""

from flask import render_template
from flask_login import current_user

from portal.admin import bp, services
from portal.admin.forms import SafeguardingPhrasesForm
from portal.admin.views import administrators_only, saved, show_error, stored
from portal.data.queries.settings import council_settings


@bp.route("/safeguarding-phrases", methods=["GET", "POST"])
@administrators_only
def safeguarding_phrases():
    current = list(council_settings().safeguarding_phrases or [])
    form = SafeguardingPhrasesForm(data=stored({"phrases": "\n".join(current)}))
    if form.validate_on_submit():
        try:
            changes = services.update_safeguarding_phrases(current_user, form.cleaned)
        except services.SettingsError as error:
            show_error(form, error, "phrases")
        else:
            return saved(
                "Safeguarding phrases saved" if changes else "Nothing was changed", "admin.safeguarding_phrases"
            )
    return render_template(
        "admin/safeguarding_phrases.html",
        form=form,
        count=len(current),
        title="Safeguarding phrases",
        page_has_errors=bool(form.errors),
    )
