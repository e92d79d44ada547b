"""The case page: everything about one case."""

from flask import abort, render_template
from flask_login import current_user

from portal.auth.decorators import roles_required
from portal.casework import bp, services


@bp.get("/cases/<reference>")
@roles_required(*services.CASEWORK_ROLES)
def case_detail(reference: str):
    case = services.view_case(current_user, reference)
    if case is None:
        abort(404)
    return render_template("casework/case_detail.html", case=case, title=f"Case {case.reference}")
