"""What the person following a case online may see while it is on hold or has a possible safeguarding concern
(issue 12, item 6): staff choose the parts to share (portal.domain.tracking.SHAREABLE). Until they do, the person
sees only the reference, the day it was received and the messages staff send them."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from portal.casework import bp
from portal.casework.access import CASE_ROUTE_ROLES, case_for_change, record_view
from portal.common.fields import checkboxes_field
from portal.common.roles import roles_required
from portal.data import transaction
from portal.data.queries import audit
from portal.domain.tracking import SHAREABLE


class OnlineViewForm(FlaskForm):
    shared = checkboxes_field("What may they see online?", list(SHAREABLE.items()))


@bp.route("/cases/<reference>/online-view", methods=["GET", "POST"])
@roles_required(*CASE_ROUTE_ROLES)
def online_view(reference: str):
    case = case_for_change(reference)
    form = OnlineViewForm(data={"shared": list(case.tracking_shared or [])})
    if form.validate_on_submit():
        before, after = sorted(case.tracking_shared or []), sorted(form.shared.data or [])
        if before != after:
            case.tracking_shared = after
            audit.record(
                current_user.id,
                "online_view_changed",
                case_id=case.id,
                detail={"changes": {"shared_online": [before, after]}},
            )
            transaction.commit()
        flash("What they see online is saved", "success")
        return redirect(url_for("casework.case_detail", reference=case.reference))
    record_view(case, "online view")
    return render_template(
        "casework/online_view.html",
        case=case,
        form=form,
        restricted=case.state.value == "on_hold" or case.safeguarding_flag,
        title=f"What they see online – {case.reference}",
        page_has_errors=bool(form.errors),
    )
