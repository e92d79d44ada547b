"""Advocacy providers, and which of them gets children's requests for an advocate from the children's form."""

from flask import render_template
from flask_login import current_user

from portal.admin import bp, services
from portal.admin.forms import AdvocacyProviderForm, ChildrenAdvocacyForm, set_choices
from portal.admin.views import administrators_only, found, refused, saved, show_error, stored
from portal.data.queries import admin as queries
from portal.data.queries.settings import council_settings


def _childrens_form(data: dict | None = None) -> ChildrenAdvocacyForm:
    form = ChildrenAdvocacyForm(data=data)
    set_choices(
        form.provider,
        [
            (str(provider.id), f"{provider.name} ({provider.email})")
            for provider in queries.children_advocacy_providers()
        ],
    )
    return form


def _current_childrens_provider_id() -> str | None:
    name = (council_settings().advocacy_provider_name or "").strip().lower()
    for provider in queries.children_advocacy_providers():
        if provider.name.strip().lower() == name:
            return str(provider.id)
    return None


def _render_list(childrens_form: ChildrenAdvocacyForm):
    return render_template(
        "admin/advocacy_providers.html",
        providers=queries.advocacy_providers(),
        settings=council_settings(),
        form=childrens_form,
        title="Advocacy providers",
        page_has_errors=bool(childrens_form.errors),
    )


@bp.get("/advocacy-providers")
@administrators_only
def advocacy_providers():
    return _render_list(_childrens_form({"provider": _current_childrens_provider_id()}))


@bp.post("/advocacy-providers/children")
@administrators_only
def childrens_advocacy_provider():
    form = _childrens_form()
    if form.validate_on_submit():
        provider = found(queries.advocacy_provider(int(form.provider.data)))
        try:
            changes = services.choose_childrens_provider(current_user, provider)
        except services.SettingsError as error:
            show_error(form, error, "provider")
        else:
            message = (
                f"Children's requests for an advocate now go to {provider.name}" if changes else "Nothing was changed"
            )
            return saved(message, "admin.advocacy_providers")
    return _render_list(form)


def _provider_form_page(form, provider, title: str):
    return render_template(
        "admin/advocacy_provider_form.html",
        form=form,
        provider=provider,
        title=title,
        page_has_errors=bool(form.errors),
    )


@bp.route("/advocacy-providers/add", methods=["GET", "POST"])
@administrators_only
def add_advocacy_provider():
    form = AdvocacyProviderForm()
    if form.validate_on_submit():
        try:
            provider = services.add_advocacy_provider(
                current_user, form.name.data, form.email.data, form.phone.data, form.for_children.data == "yes"
            )
        except services.SettingsError as error:
            show_error(form, error, "name")
        else:
            return saved(f"{provider.name} added", "admin.advocacy_providers")
    return _provider_form_page(form, None, "Add an advocacy provider")


@bp.route("/advocacy-providers/<int:provider_id>", methods=["GET", "POST"])
@administrators_only
def edit_advocacy_provider(provider_id: int):
    provider = found(queries.advocacy_provider(provider_id))
    form = AdvocacyProviderForm(
        data=stored(
            {
                "name": provider.name,
                "email": provider.email or "",
                "phone": provider.phone or "",
                "for_children": "yes" if provider.for_children else "no",
            }
        )
    )
    if form.validate_on_submit():
        try:
            changes = services.update_advocacy_provider(
                current_user,
                provider,
                form.name.data,
                form.email.data,
                form.phone.data,
                form.for_children.data == "yes",
            )
        except services.SettingsError as error:
            show_error(form, error, "name")
        else:
            return saved(f"{provider.name} saved" if changes else "Nothing was changed", "admin.advocacy_providers")
    return _provider_form_page(form, provider, f"Change {provider.name}")


def _set_active(provider_id: int, active: bool):
    provider = found(queries.advocacy_provider(provider_id))
    try:
        services.set_advocacy_provider_active(current_user, provider, active)
    except services.SettingsError as error:
        return refused(error, "admin.advocacy_providers")
    return saved(f"{provider.name} {'reactivated' if active else 'deactivated'}", "admin.advocacy_providers")


@bp.post("/advocacy-providers/<int:provider_id>/deactivate")
@administrators_only
def deactivate_advocacy_provider(provider_id: int):
    return _set_active(provider_id, False)


@bp.post("/advocacy-providers/<int:provider_id>/reactivate")
@administrators_only
def reactivate_advocacy_provider(provider_id: int):
    return _set_active(provider_id, True)
