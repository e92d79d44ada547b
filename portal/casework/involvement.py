"""Who is involved in a case besides the Complaints Team: staff named in the complaint, and investigators.

A member of staff named in a complaint (picked from the staff list while screening it) may not be allocated it,
assigned to it or open it, whatever their role (need-to-know and fairness; domain.md section 11). The Complaints Team
assigns investigators, who then see the case. Every change is audited with the people's names.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.casework import bp
from portal.casework.access import CASE_ROUTE_ROLES, case_for_change, record_view
from portal.casework.forms_screening import StaffChoiceForm
from portal.common.roles import roles_required
from portal.data import transaction
from portal.data.models import Case, StaffUser
from portal.data.queries import audit
from portal.data.queries import screening as queries


class Refused(ValueError):
    """A change the rules do not allow, with the words to show."""


def _label(member: StaffUser) -> str:
    team = f", {member.team.name}" if member.team else ""
    return f"{member.name} ({member.role.label}{team})"


def name_staff(case: Case, user: StaffUser, member: StaffUser) -> None:
    """Records that the complaint names `member`, who may then never open the case. Refused while they are its
    responding manager or one of its investigators: the Complaints Team moves the case to someone else first."""
    if case.responding_manager_id == member.id:
        raise Refused(f"{member.name} is allocated this case: allocate it to someone else before naming them")
    if any(assignment.staff_user_id == member.id for assignment in case.assignments):
        raise Refused(f"{member.name} is assigned to investigate this case: remove them before naming them")
    case.named_staff.append(member)
    audit.record(user.id, "staff_named", case_id=case.id, detail={"changes": {"named_staff": [None, member.name]}})
    transaction.commit()


def unname_staff(case: Case, user: StaffUser, member_id: int) -> StaffUser | None:
    member = next((named for named in case.named_staff if named.id == member_id), None)
    if member is None:
        return None
    case.named_staff.remove(member)
    audit.record(user.id, "staff_unnamed", case_id=case.id, detail={"changes": {"named_staff": [member.name, None]}})
    transaction.commit()
    return member


def assign_investigator(case: Case, user: StaffUser, member: StaffUser) -> None:
    queries.assign(case, member)
    audit.record(
        user.id, "investigator_assigned", case_id=case.id, detail={"changes": {"investigator": [None, member.name]}}
    )
    transaction.commit()


def unassign_investigator(case: Case, user: StaffUser, member_id: int) -> StaffUser | None:
    member = queries.unassign(case, member_id)
    if member is not None:
        audit.record(
            user.id, "investigator_removed", case_id=case.id, detail={"changes": {"investigator": [member.name, None]}}
        )
        transaction.commit()
    return member


# Pages ------------------------------------------------------------------------------------------------------------

PAGES = {
    "named": {
        "title": "Staff named in the complaint",
        "intro": "Staff the complaint is about. They cannot be allocated the case, assigned to it or open it.",
        "prompt": "Choose a member of staff",
        "message": "Select the member of staff the complaint names",
        "label": "Add a member of staff the complaint names",
        "button": "Add",
        "empty": "The complaint names no member of staff.",
        "remove": "casework.remove_named_staff",
    },
    "investigators": {
        "title": "Investigators",
        "intro": "Investigators assigned to the case can read it. Staff named in the complaint cannot be assigned.",
        "prompt": "Choose an investigator",
        "message": "Select an investigator",
        "label": "Assign an investigator",
        "button": "Assign",
        "empty": "No investigator is assigned.",
        "remove": "casework.remove_investigator",
    },
}


def _render(case: Case, which: str, form: StaffChoiceForm, people: list[StaffUser], errors: list[dict] | None = None):
    record_view(case, which)
    return render_template(
        "casework/screening/staff_list.html",
        case=case,
        form=form,
        page=PAGES[which],
        people=people,
        title=f"{PAGES[which]['title']} – {case.reference}",
        page_has_errors=bool(form.errors) or bool(errors),
        extra_errors=errors or [],
    )


def _form(which: str, choices: list[StaffUser]) -> StaffChoiceForm:
    form = StaffChoiceForm()
    page = PAGES[which]
    form.set_choices([(str(member.id), _label(member)) for member in choices], page["prompt"], page["message"])
    return form


@bp.route("/cases/<reference>/named-staff", methods=["GET", "POST"])
@roles_required(*CASE_ROUTE_ROLES)
def named_staff(reference: str):
    case = case_for_change(reference)
    form = _form("named", queries.staff_who_may_be_named(case))
    if request.method == "POST" and form.validate():
        member = queries.active_staff_member(int(form.staff.data))
        try:
            name_staff(case, current_user, member)
        except Refused as refused:
            return _render(case, "named", form, case.named_staff, [{"text": str(refused), "href": "#staff"}])
        if member.id == current_user.id:
            flash("You are named in this complaint, so you can no longer open it", "success")
            return redirect(url_for("casework.case_list"))
        flash(f"{member.name} is named in the complaint", "success")
        return redirect(url_for("casework.named_staff", reference=case.reference))
    return _render(case, "named", form, case.named_staff)


@bp.post("/cases/<reference>/named-staff/<int:staff_id>/remove")
@roles_required(*CASE_ROUTE_ROLES)
def remove_named_staff(reference: str, staff_id: int):
    case = case_for_change(reference)
    member = unname_staff(case, current_user, staff_id)
    if member is not None:
        flash(f"{member.name} is no longer named in the complaint", "success")
    return redirect(url_for("casework.named_staff", reference=case.reference))


@bp.route("/cases/<reference>/investigators", methods=["GET", "POST"])
@roles_required(*CASE_ROUTE_ROLES)
def investigators(reference: str):
    case = case_for_change(reference)
    form = _form("investigators", queries.investigators_who_may_be_assigned(case))
    assigned = [assignment.staff_user for assignment in case.assignments]
    if request.method == "POST" and form.validate():
        member = queries.active_staff_member(int(form.staff.data))
        assign_investigator(case, current_user, member)
        flash(f"{member.name} is assigned to the case", "success")
        return redirect(url_for("casework.investigators", reference=case.reference))
    return _render(case, "investigators", form, assigned)


@bp.post("/cases/<reference>/investigators/<int:staff_id>/remove")
@roles_required(*CASE_ROUTE_ROLES)
def remove_investigator(reference: str, staff_id: int):
    case = case_for_change(reference)
    member = unassign_investigator(case, current_user, staff_id)
    if member is not None:
        flash(f"{member.name} is no longer assigned to the case", "success")
    return redirect(url_for("casework.investigators", reference=case.reference))
