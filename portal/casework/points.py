"""Complaint points: the Complaints Team turns what was written into numbered points, each of which will get its own
finding (domain.md section 3, "Defined complaints"). Points are numbered 1 to n with no gaps, whatever is added,
deleted or moved.

Every page works with plain forms; htmx only swaps the list in place when a point is moved.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.casework import bp
from portal.casework.access import CASE_ROUTE_ROLES, case_for_change, record_view
from portal.casework.forms_screening import PointForm
from portal.common import htmx
from portal.common.roles import roles_required
from portal.data import transaction
from portal.data.models import Case, ComplaintPoint, StaffUser
from portal.data.queries import audit
from portal.data.queries import screening as queries
from portal.domain.types import CaseState

CLOSED_MESSAGE = "This case is closed, so its complaint points cannot be changed"


def _texts(points: list[ComplaintPoint]) -> list[str]:
    return [point.text for point in points]


def _record(user: StaffUser, case: Case, action: str, before: list[str], after: list[str], **detail) -> None:
    audit.record(user.id, action, case_id=case.id, detail={"changes": {"points": [before, after]}, **detail})


# Services ------------------------------------------------------------------------------------------------------------


def add_point(case: Case, user: StaffUser, text: str) -> ComplaintPoint:
    before = _texts(queries.points_of(case))
    point = queries.add_point(case, text)
    _record(user, case, "complaint_point_added", before, [*before, text], number=point.number)
    transaction.commit()
    return point


def edit_point(case: Case, user: StaffUser, point: ComplaintPoint, text: str) -> None:
    before = _texts(queries.points_of(case))
    point.text = text
    transaction.flush()
    _record(user, case, "complaint_point_changed", before, _texts(queries.points_of(case)), number=point.number)
    transaction.commit()


def delete_point(case: Case, user: StaffUser, point: ComplaintPoint) -> int:
    """Deletes a point and closes the gap in the numbers. Returns the number it had."""
    points = queries.points_of(case)
    number = point.number
    queries.delete_point(point)
    remaining = [other for other in points if other.id != point.id]
    queries.renumber_points(remaining)
    _record(user, case, "complaint_point_deleted", _texts(points), _texts(remaining), number=number)
    transaction.commit()
    return number


def move_point(case: Case, user: StaffUser, point: ComplaintPoint, up: bool) -> int | None:
    """Swaps a point with the one above or below it. Returns its new number, or None when it cannot move that way."""
    points = queries.points_of(case)
    index = next(position for position, other in enumerate(points) if other.id == point.id)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(points):
        return None
    reordered = list(points)
    reordered[index], reordered[other] = reordered[other], reordered[index]
    before = _texts(points)
    queries.renumber_points(reordered)
    _record(user, case, "complaint_points_reordered", before, _texts(reordered), number=point.number)
    transaction.commit()
    return point.number


# Pages ---------------------------------------------------------------------------------------------------------------


def _page(case: Case, form: PointForm, errors: list[dict] | None = None, status: int = 200):
    """The points page; showing it is an audited view of the case."""
    record_view(case, "points")
    errors = errors or []
    html = render_template(
        "casework/screening/points.html",
        case=case,
        points=queries.points_of(case),
        form=form,
        editable=case.state is not CaseState.CLOSED,
        title=f"Complaint points for {case.reference}",
        page_has_errors=bool(form.errors) or bool(errors),
        extra_errors=errors,
    )
    return html, status


@bp.get("/cases/<reference>/points")
@roles_required(*CASE_ROUTE_ROLES)
def points(reference: str):
    case = case_for_change(reference)
    return _page(case, PointForm(formdata=None))


@bp.post("/cases/<reference>/points")
@roles_required(*CASE_ROUTE_ROLES)
def add_point_view(reference: str):
    case = case_for_change(reference)
    form = PointForm()
    if case.state is CaseState.CLOSED:
        return _page(case, form, [{"text": CLOSED_MESSAGE, "href": "#points"}])
    if not form.validate():
        return _page(case, form)
    point = add_point(case, current_user, form.text.data)
    flash(f"Point {point.number} added", "success")
    return redirect(url_for("casework.points", reference=case.reference))


def _point_or_404(case: Case, point_id: int) -> ComplaintPoint:
    point = queries.point_of(case, point_id)
    if point is None:
        abort(404)
    return point


@bp.route("/cases/<reference>/points/<int:point_id>/edit", methods=["GET", "POST"])
@roles_required(*CASE_ROUTE_ROLES)
def edit_point_view(reference: str, point_id: int):
    case = case_for_change(reference)
    point = _point_or_404(case, point_id)
    form = PointForm(data={"text": point.text})
    errors = []
    if request.method == "POST":
        if case.state is CaseState.CLOSED:
            errors = [{"text": CLOSED_MESSAGE, "href": "#text"}]
        elif form.validate():
            edit_point(case, current_user, point, form.text.data)
            flash(f"Point {point.number} changed", "success")
            return redirect(url_for("casework.points", reference=case.reference))
    record_view(case, "points")
    return render_template(
        "casework/screening/point_edit.html",
        case=case,
        point=point,
        form=form,
        title=f"Change point {point.number} – {case.reference}",
        page_has_errors=bool(form.errors) or bool(errors),
        extra_errors=errors,
    )


@bp.route("/cases/<reference>/points/<int:point_id>/delete", methods=["GET", "POST"])
@roles_required(*CASE_ROUTE_ROLES)
def delete_point_view(reference: str, point_id: int):
    case = case_for_change(reference)
    point = _point_or_404(case, point_id)
    errors = []
    if case.state is CaseState.CLOSED:
        errors = [{"text": CLOSED_MESSAGE, "href": "#delete"}]
    elif point.finding is not None:
        errors = [{"text": f"Point {point.number} has a finding, so it cannot be deleted", "href": "#delete"}]
    if request.method == "POST" and not errors:
        number = delete_point(case, current_user, point)
        flash(f"Point {number} deleted", "success")
        return redirect(url_for("casework.points", reference=case.reference))
    record_view(case, "points")
    return render_template(
        "casework/screening/point_delete.html",
        case=case,
        point=point,
        title=f"Delete point {point.number} – {case.reference}",
        page_has_errors=bool(errors) and request.method == "POST",
        extra_errors=errors,
    )


@bp.post("/cases/<reference>/points/<int:point_id>/move")
@roles_required(*CASE_ROUTE_ROLES)
def move_point_view(reference: str, point_id: int):
    htmx.vary_on_htmx()
    case = case_for_change(reference)
    point = _point_or_404(case, point_id)
    up = request.form.get("direction") != "down"
    old_number = point.number
    new_number = None if case.state is CaseState.CLOSED else move_point(case, current_user, point, up)
    if case.state is CaseState.CLOSED:
        message = CLOSED_MESSAGE
    elif new_number is None:
        message = f"Point {old_number} is already {'first' if up else 'last'}"
    else:
        message = f"Point {old_number} is now point {new_number}"
    if new_number is None and htmx.is_partial_request():
        record_view(case, "points")
    if htmx.is_partial_request():
        current = queries.points_of(case)
        html = render_template(
            "casework/partials/_points.html",
            case=case,
            points=current,
            editable=case.state is not CaseState.CLOSED,
            status_message=message,
            focus_id=_focus_after_move(current, point, up),
        )
        return html
    flash(message, "success")
    return redirect(url_for("casework.points", reference=case.reference) + "#points")


def _focus_after_move(points: list[ComplaintPoint], point: ComplaintPoint, up: bool) -> str:
    """Where keyboard focus goes once htmx has swapped the list: the moved point's button for the same direction,
    so it can be pressed again, or its other button once it reaches the top or bottom, or else the message."""
    position = next(index for index, other in enumerate(points) if other.id == point.id)
    has_up, has_down = position > 0, position < len(points) - 1
    if (up and has_up) or (not up and has_down):
        return f"move-{'up' if up else 'down'}-{point.id}"
    if has_up or has_down:
        return f"move-{'down' if up else 'up'}-{point.id}"
    return "points-status"
