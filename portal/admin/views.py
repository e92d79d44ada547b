"""Helpers the settings views share: the role check, loading a row or 404, and putting service errors on forms."""

from collections.abc import Callable

from flask import abort, flash, redirect, request, url_for
from flask_wtf import FlaskForm

from portal.admin.services import SettingsError
from portal.common.roles import roles_required
from portal.domain.types import StaffRole

administrators_only: Callable = roles_required(StaffRole.ADMINISTRATOR)


def stored(values: dict) -> dict | None:
    """What a form shows before anything is posted. Once posted, only what was posted counts: a field left out of
    the post is then empty, never quietly the stored value."""
    return None if request.method == "POST" else values


def found(row):
    """The row, or a 404 page when there is no such row."""
    if row is None:
        abort(404)
    return row


def show_error(form: FlaskForm, error: SettingsError, fallback_field: str) -> None:
    """Puts a service's refusal on the form field it is about, so it shows in the error summary and beside the field."""
    field = form[error.field] if error.field and error.field in form else form[fallback_field]
    field.errors = [*field.errors, str(error)]


def saved(message: str, endpoint: str, **values):
    flash(message, "success")
    return redirect(url_for(endpoint, **values))


def refused(error: SettingsError, endpoint: str, **values):
    """For buttons with nothing to fill in: says why the change was refused, on the page the button was on."""
    flash(str(error), "important")
    return redirect(url_for(endpoint, **values))
