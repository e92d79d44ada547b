"""Message and letter templates: the words staff send, with {placeholders}, and a preview with sample values."""

from flask import render_template, request
from flask_login import current_user

from portal.admin import bp, placeholders, services
from portal.admin.forms import MessageTemplateForm
from portal.admin.message_defaults import PLACEHOLDERS, REQUIRED_PLACEHOLDERS, missing_required, sample_values
from portal.admin.views import administrators_only, found, saved, stored
from portal.data.queries import admin as queries
from portal.data.queries.settings import council_settings


@bp.get("/templates")
@administrators_only
def message_templates():
    # The defaults are added the first time anyone looks, so a new council always has a complete set to edit.
    services.ensure_default_templates()
    return render_template(
        "admin/message_templates.html", templates=queries.message_templates(), title="Message and letter templates"
    )


def is_text_message(template) -> bool:
    return template.key.endswith("_sms")


def preview_of(subject: str, body: str) -> dict:
    """The subject and body with the sample values in, and the placeholders the preview did not know."""
    values = sample_values(council_settings())
    unknown = [name for name in placeholders.names(f"{subject}\n{body}") if name not in values]
    return {
        "subject": placeholders.render(subject, values),
        "body": placeholders.render(body, values),
        "unknown": unknown,
    }


@bp.route("/templates/<int:template_id>", methods=["GET", "POST"])
@administrators_only
def edit_message_template(template_id: int):
    template = found(queries.message_template(template_id))
    form = MessageTemplateForm(
        data=stored({"name": template.name, "subject": template.subject, "body": template.body}),
        needs_subject=not is_text_message(template),
        required=lambda subject, body: missing_required(template.key, subject, body),
    )
    preview = None
    if request.method == "POST" and "preview" in request.form:
        # A preview saves nothing; it shows the words as they are in the form, even with mistakes in them.
        form.validate()
        preview = preview_of(form.subject.data or "", form.body.data or "")
    elif form.validate_on_submit():
        changes = services.update_message_template(
            current_user, template, form.name.data, form.subject.data, form.body.data
        )
        return saved(f"{form.name.data} saved" if changes else "Nothing was changed", "admin.message_templates")
    elif request.method == "GET":
        preview = preview_of(template.subject, template.body)
    return render_template(
        "admin/message_template_form.html",
        form=form,
        template=template,
        preview=preview,
        placeholders=PLACEHOLDERS,
        text_message=is_text_message(template),
        required=REQUIRED_PLACEHOLDERS.get(template.key, {}),
        title=f"Change “{template.name}”",
        page_has_errors=bool(form.errors),
    )
