"""Correcting what was submitted: names, contact details, whether a child made it, the child's details and support
needs. Staff correct what the person got wrong or told us later; what they first sent stays in `Case.answers`, and
every correction is audited with the old value and the new (domain.md section 11).
"""

from dataclasses import dataclass

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.casework import bp
from portal.casework.access import CASE_ROUTE_ROLES, case_for_change, record_view
from portal.casework.forms_case import CorrectionForm
from portal.common.changes import changes as changes_between
from portal.common.changes import json_safe
from portal.common.roles import roles_required
from portal.data import transaction
from portal.data.models import Case, CaseChild, Person, StaffUser
from portal.data.queries import audit
from portal.domain.types import SubmitterRole

PERSON_FIELDS = ("full_name", "organisation", "email", "phone", "address", "postcode", "safe_contact_times")
# The person's attribute for each form field whose names differ.
PERSON_ATTRIBUTES = {"full_name": "name"}
CHILD_FIELDS = {"child_name": "name", "child_date_of_birth": "date_of_birth", "child_age": "age"}
YES_NO_UNKNOWN = {True: "yes", False: "no", None: "not_asked"}


def _text(value) -> str | None:
    return (value or "").strip() or None if isinstance(value, str) or value is None else value


def form_data(case: Case) -> dict:
    """The form as the case stands now."""
    person = case.submitter
    child = case.children[0] if case.children else None
    support = (person.support_needs if person else None) or {}
    data = {
        "submitter_role": (person.role if person else SubmitterRole.OTHER).value,
        "made_by_child": "yes" if case.made_by_child else "no",
        "about_child": "yes" if case.children else "no",
        "on_behalf_of_child": "yes" if case.on_behalf_of_child else "no",
        "contact_methods": list((person.contact_methods if person else None) or []),
        "letters_ok": YES_NO_UNKNOWN[person.letters_ok if person else None],
        "voicemail_ok": YES_NO_UNKNOWN[person.voicemail_ok if person else None],
        "support_needs": list(support.get("needs") or []),
        "interpreter_language": support.get("interpreter_language"),
        "other_support": support.get("other"),
    }
    for name in PERSON_FIELDS:
        data[name] = getattr(person, PERSON_ATTRIBUTES.get(name, name)) if person else None
    for name, attribute in CHILD_FIELDS.items():
        data[name] = getattr(child, attribute) if child else None
    return data


@dataclass(frozen=True)
class Corrected:
    changes: dict


def correct(case: Case, user: StaffUser, form: CorrectionForm) -> Corrected:
    """Applies the form to the case and audits each changed value as [old, new]. Nothing changed, nothing audited."""
    before = {name: json_safe(value) for name, value in form_data(case).items()}
    person = case.submitter or Person(role=SubmitterRole.OTHER, contact_methods=[], support_needs={})
    case.submitter = person
    person.role = SubmitterRole(form.submitter_role.data)
    for name in PERSON_FIELDS:
        setattr(person, PERSON_ATTRIBUTES.get(name, name), _text(form[name].data))
    person.contact_methods = list(form.contact_methods.data or [])
    person.letters_ok = {"yes": True, "no": False}.get(form.letters_ok.data or "")
    person.voicemail_ok = {"yes": True, "no": False}.get(form.voicemail_ok.data or "")
    person.support_needs = {
        "needs": list(form.support_needs.data or []),
        "interpreter_language": _text(form.interpreter_language.data),
        "other": _text(form.other_support.data),
    }
    case.made_by_child = form.made_by_child.data == "yes"
    about_child = form.about_child.data == "yes"
    case.on_behalf_of_child = about_child and not case.made_by_child and form.on_behalf_of_child.data == "yes"
    if about_child and not case.children:
        case.children.append(CaseChild())
    if not about_child:
        case.children.clear()
    if case.children:
        child = case.children[0]
        for name, attribute in CHILD_FIELDS.items():
            setattr(child, attribute, _text(form[name].data))
    after = {name: json_safe(value) for name, value in form_data(case).items()}
    changes = changes_between(before, after)
    if changes:
        detail = {"changes": changes}
        if form.reason.data:
            detail["reason"] = form.reason.data
        audit.record(user.id, "details_corrected", case_id=case.id, detail=detail)
        transaction.commit()
    else:
        transaction.rollback()
    return Corrected(changes=changes)


@bp.route("/cases/<reference>/corrections", methods=["GET", "POST"])
@roles_required(*CASE_ROUTE_ROLES)
def corrections(reference: str):
    case = case_for_change(reference)
    form = CorrectionForm(data=form_data(case)) if request.method == "GET" else CorrectionForm()
    if request.method == "POST" and form.validate():
        done = correct(case, current_user, form)
        flash(f"{len(done.changes)} corrections saved" if done.changes else "Nothing was changed", "success")
        return redirect(url_for("casework.case_detail", reference=case.reference))
    record_view(case, "corrections")
    return render_template(
        "casework/screening/corrections.html",
        case=case,
        form=form,
        title=f"Correct what was sent – {case.reference}",
        page_has_errors=bool(form.errors),
    )
