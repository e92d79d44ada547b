"""Screening a submission into a procedure, and recording duty matters (domain.md section 3; Staffordshire seed 003,
"Criteria for Accessing the Statutory Complaints Procedure", "Screening System" and "Duty Matters").

The Complaints Team reads the submission, looks at earlier cases from the same person or about the same child,
answers the eligibility checklist and the sufficient-interest questions, and sees the procedure that
`portal.domain.screening.recommend()` suggests, with its reasons and flags. Staff decide; a reason is needed when
they choose differently. The decision moves the case through `portal.domain.workflow` (received -> screening ->
the procedure's first state) and starts the first stage's clock.

Who may open the change pages is in `access`, the letters in `letters`, the message wording in
`portal.notifications.message_templates`, and duty matters in `duty_matters`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup, escape

from portal.case_moves.moving import change_case
from portal.casework import bp
from portal.casework.access import CASE_ROUTE_ROLES, COMPLAINT_PROCEDURES, case_for_change, record_view
from portal.casework.forms_screening import (
    DECIDE,
    DECISION_HINTS,
    NO,
    NOT_KNOWN,
    SUFFICIENT_INTEREST_LABELS,
    YES,
    ScreeningForm,
)
from portal.casework.letters import decision_message
from portal.common.changes import changes, json_safe
from portal.common.clock import uk_today, utc_now
from portal.common.roles import roles_required
from portal.common.working_calendar import council_calendar
from portal.data import transaction
from portal.data.models import Case, StaffUser
from portal.data.queries import audit
from portal.data.queries import screening as queries
from portal.data.queries.settings import council_settings, timescale_policy
from portal.domain.screening import Recommendation, ScreeningFacts, is_out_of_time, recommend
from portal.domain.types import (
    CaseState,
    ChildStatus,
    ClockEvent,
    Closure,
    FeedbackKind,
    Procedure,
    SubmitterRole,
)
from portal.domain.workflow import (
    InvalidTransition,
    acknowledgement_due,
    allowed_moves,
    first_state,
    transition,
)
from portal.notifications import outbox
from portal.notifications.letters import letter_pdf, pdf_download

# Decisions that end the case at screening, with the closure each records.
CLOSING_DECISIONS = {Procedure.NOT_ACCEPTED: Closure.NOT_ACCEPTED, Procedure.OUTSIDE_PROCEDURES: Closure.SIGNPOSTED}


# Screening facts -----------------------------------------------------------------------------------------------------


def _tri(value: str | None) -> bool | None:
    return {YES: True, NO: False}.get(value or "")


def _yes_no(value: bool | None) -> str:
    return NOT_KNOWN if value is None else (YES if value else NO)


def _child_age(case: Case) -> int | None:
    child = case.children[0] if case.children else None
    if child is None:
        return None
    if child.age is not None:
        return child.age
    if child.date_of_birth:
        born, day = child.date_of_birth, case.received_on
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    return None


def _child_status(case: Case) -> ChildStatus:
    statuses = {status.value for status in ChildStatus}
    for child in case.children:
        if child.care_status in statuses:
            return ChildStatus(child.care_status)
    return ChildStatus.UNKNOWN


def initial_answers(case: Case) -> dict:
    """The checklist as last saved, or as the submission suggests: staff change only what they know better."""
    saved = (case.screening or {}).get("answers")
    if saved:
        return dict(saved)
    person = case.submitter
    role = person.role if person else (SubmitterRole.CHILD if case.made_by_child else SubmitterRole.OTHER)
    child = case.children[0] if case.children else None
    consents = {"yes": YES, "no": NO}.get((child.knows_and_agrees if child else None) or "", NOT_KNOWN)
    answers = {
        "submitter_role": role.value,
        "has_parental_responsibility": YES if role is SubmitterRole.PARENT else NOT_KNOWN,
        "about_child": YES if (case.children or case.on_behalf_of_child or case.made_by_child) else NO,
        "child_status": _child_status(case).value,
        "about_statutory_function": NOT_KNOWN,
        "about_own_service": NO,
        "contact_dispute": NO,
        "about_school": NO,
        "concurrent_proceedings": NO,
        "grounds_arose_on": case.happened_on.isoformat() if case.happened_on else None,
        "discretion_reason": None,
        "repeat_of_investigated_case": NO,
        "repeat_reference": None,
        "on_behalf_of_child": YES if case.on_behalf_of_child else NO,
        "child_age": _child_age(case),
        "child_consents": consents,
        "advocate_requested": YES if case.kind is FeedbackKind.ADVOCACY_REQUEST or case.advocacy_referrals else NO,
    }
    answers.update(dict.fromkeys(SUFFICIENT_INTEREST_LABELS, NOT_KNOWN))
    return answers


def form_data(answers: dict) -> dict:
    """Stored answers as the data a ScreeningForm starts from."""
    data = dict(answers)
    grounds = answers.get("grounds_arose_on")
    data["grounds_arose_on"] = date.fromisoformat(grounds) if grounds else None
    return data


def facts_for(case: Case, answers: dict) -> ScreeningFacts:
    """ScreeningFacts from the case and the checklist answers ("not known" is None)."""
    grounds = answers.get("grounds_arose_on")
    return ScreeningFacts(
        kind=case.kind,
        received_on=case.received_on,
        submitter_role=SubmitterRole(answers.get("submitter_role") or SubmitterRole.OTHER),
        about_child=answers.get("about_child") == YES,
        child_status=ChildStatus(answers.get("child_status") or ChildStatus.UNKNOWN),
        has_parental_responsibility=_tri(answers.get("has_parental_responsibility")),
        on_behalf_of_child=answers.get("on_behalf_of_child") == YES,
        about_own_service=answers.get("about_own_service") == YES,
        about_statutory_function=_tri(answers.get("about_statutory_function")),
        grounds_arose_on=date.fromisoformat(grounds) if grounds else None,
        repeat_of_investigated_case=answers.get("repeat_of_investigated_case") == YES,
        child_age=answers.get("child_age"),
        child_consents=_tri(answers.get("child_consents")),
        contact_dispute=answers.get("contact_dispute") == YES,
        about_school=answers.get("about_school") == YES,
        concurrent_proceedings=answers.get("concurrent_proceedings") == YES,
        advocate_requested=answers.get("advocate_requested") == YES,
        safeguarding_concern=case.safeguarding_flag,
        **{name: _tri(answers.get(name)) for name in SUFFICIENT_INTEREST_LABELS},
    )


def recommendation_for(facts: ScreeningFacts) -> Recommendation:
    return recommend(facts, consent_age=council_settings().child_consent_age)


def facts_json(facts: ScreeningFacts) -> dict:
    return {item.name: json_safe(getattr(facts, item.name)) for item in fields(facts)}


def recommendation_json(recommendation: Recommendation) -> dict:
    values = asdict(recommendation)
    return {
        "procedure": recommendation.procedure.value,
        "reasons": list(values["reasons"]),
        "flags": list(values["flags"]),
        "on_hold": recommendation.on_hold,
    }


def can_screen(case: Case) -> bool:
    """Whether the case can be screened now: it is waiting for screening, or its procedure allows going back."""
    if case.state in (CaseState.RECEIVED, CaseState.SCREENING):
        return True
    return CaseState.SCREENING in allowed_moves(case.procedure, case.state)


def check_decision(form: ScreeningForm, facts: ScreeningFacts, recommendation: Recommendation) -> bool:
    """The rules of a decision: what it needs besides the answers. Adds GOV.UK messages to the form's fields."""
    if not form.decision.data:
        form.decision.errors.append("Select what happens to this case")
        return False
    decision = Procedure(form.decision.data)
    valid = True
    if decision is Procedure.NOT_ACCEPTED and not form.reason.data:
        form.reason.errors.append("Enter why the complaint is not accepted: we tell the person the reason")
        valid = False
    elif decision is not recommendation.procedure and not form.reason.data:
        form.reason.errors.append(
            f"Enter why you chose differently from the recommendation ({recommendation.procedure.label})"
        )
        valid = False
    if decision is Procedure.OUTSIDE_PROCEDURES and not form.signposted_to.data:
        form.signposted_to.errors.append("Enter where you signposted the person, for example the school")
        valid = False
    late = facts.grounds_arose_on is not None and is_out_of_time(facts.grounds_arose_on, facts.received_on)
    if decision in COMPLAINT_PROCEDURES and late and not form.discretion_reason.data:
        form.discretion_reason.errors.append(
            "Enter why the complaint is accepted although it was made more than one year after the grounds arose"
        )
        valid = False
    return valid


# Screening services --------------------------------------------------------------------------------------------------

_DECISION_FIELDS = (
    "procedure",
    "state",
    "closure",
    "closed_on",
    "acknowledgement_due_on",
    "response_due_on",
    "screening_reason",
    "screened_at",
    "screened_by_id",
)


def save_answers(case: Case, user: StaffUser, answers: dict, today: date) -> None:
    """Keeps the checklist while screening is in progress; the first save moves the case to screening."""
    saved = (case.screening or {}).get("answers", {})
    before = {f"answers.{name}": value for name, value in saved.items()}
    with change_case(case, user, "screening_answers_saved") as change:
        if case.state is CaseState.RECEIVED:
            change.move(CaseState.SCREENING, today)
        case.screening = {**(case.screening or {}), "answers": answers}
        after = {f"answers.{name}": value for name, value in answers.items()}
        change.detail["changes"] = changes(before, after)


@dataclass(frozen=True)
class Decision:
    """A screening decision as staff made it: kept whole while a "not accepted" letter waits to be checked."""

    procedure: Procedure
    answers: dict
    reason: str | None = None
    signposted_to: str | None = None
    discretion_reason: str | None = None

    @classmethod
    def from_form(cls, form: ScreeningForm) -> Decision:
        return cls(
            procedure=Procedure(form.decision.data),
            answers=form.answers(),
            reason=form.reason.data or None,
            signposted_to=form.signposted_to.data or None,
            discretion_reason=form.discretion_reason.data or None,
        )

    @classmethod
    def from_json(cls, values: dict) -> Decision:
        return cls(**{**values, "procedure": Procedure(values["procedure"])})

    def as_json(self) -> dict:
        return {**asdict(self), "procedure": self.procedure.value}


def decide(
    case: Case,
    user: StaffUser,
    chosen: Decision,
    facts: ScreeningFacts,
    recommendation: Recommendation,
    today: date,
    detail_extra: dict | None = None,
) -> list[int]:
    """Records the screening decision and moves the case into its procedure through `portal.case_moves.moving`,
    which starts the first stage's clock: statutory Stage 1 and a comment's response run from the day it was
    received; corporate Stage 1 from the acknowledgement, so its due date is set when the complaint is acknowledged
    (or now, if it already was). Domain.md section 4.

    Raises InvalidTransition (and changes nothing) when the case cannot be screened from where it is. Returns the
    ids of messages queued for the person (a not-accepted or signposting email), to send after the commit.
    """
    decision = chosen.procedure
    with change_case(case, user, "case_screened", fields=_DECISION_FIELDS) as change:
        stage = change.move(
            first_state(decision),
            today,
            procedure=decision,
            event=ClockEvent.RECEIVED,
            event_on=case.received_on,
            closure=CLOSING_DECISIONS.get(decision),
        )
        case.screened_at = utc_now()
        case.screened_by_id = user.id
        case.screening_reason = chosen.reason
        # Comments and compliments were acknowledged by their receipt, and closed cases need no acknowledgement.
        case.acknowledgement_due_on = acknowledgement_due(
            decision, case.received_on, timescale_policy(), council_calendar()
        )
        if decision is Procedure.COMMENT and stage is not None:
            case.response_due_on = stage.due_on
        case.screening = {
            "answers": chosen.answers,
            "facts": facts_json(facts),
            "recommendation": recommendation_json(recommendation),
            "decision": {
                "procedure": decision.value,
                "reason": chosen.reason,
                "signposted_to": chosen.signposted_to,
                "discretion_reason": chosen.discretion_reason,
                "differs_from_recommendation": decision is not recommendation.procedure,
            },
            "decided_on": today.isoformat(),
            "decided_by_id": user.id,
        }
        change.detail.update(
            {
                "recommended": recommendation.procedure.value,
                "differs_from_recommendation": decision is not recommendation.procedure,
                **(detail_extra or {}),
            }
        )
        if stage is not None:
            change.detail["stage"] = {"state": stage.state.value, "due_on": json_safe(stage.due_on)}
        if decision in CLOSING_DECISIONS:
            change.queue(_queue_decision_message(case))
    return change.message_ids


def _queue_decision_message(case: Case) -> list:
    person = case.submitter
    message = decision_message(case)
    if person is None or not person.email or message is None:
        return []
    return [
        outbox.queue_email(
            recipient=person.email,
            template=case.procedure.value,
            subject=message.subject,
            body=message.body,
            personalisation={"reference": case.reference},
            case_id=case.id,
        )
    ]


def propose_not_accepted(case: Case, user: StaffUser, decision: Decision, today: date) -> None:
    """Keeps a "not accepted" decision aside, with the checklist answers, until its letter has been checked (and
    approved by a complaints manager when the council asks for that). Nothing is sent and the case stays in
    screening."""
    with change_case(case, user, "not_accepted_proposed") as change:
        if case.state is CaseState.RECEIVED:
            change.move(CaseState.SCREENING, today)
        screening = dict(case.screening or {})
        screening["answers"] = decision.answers
        screening["pending"] = {**decision.as_json(), "proposed_by": user.name, "awaiting_approval": False}
        case.screening = screening
        change.detail.update({"procedure": decision.procedure.value, "reason": decision.reason})


# Screening pages -----------------------------------------------------------------------------------------------------


def _submission_rows(case: Case) -> list[dict]:
    """Every answer as it was sent, for staff to read: the stored answers with readable names."""
    rows = []
    for name, value in (case.answers or {}).items():
        if value in (None, "", [], {}):
            continue
        text = ", ".join(str(item) for item in value) if isinstance(value, list) else str(value)
        html = Markup("<br>").join(escape(line) for line in text.split("\n"))
        rows.append({"key": {"text": name.replace("_", " ").capitalize()}, "value": {"html": html}})
    return rows


def _render(
    case: Case,
    form: ScreeningForm,
    recommendation: Recommendation,
    facts: ScreeningFacts,
    audited: bool = False,
    **extra,
):
    """The screening page. Showing it is a view of the case, audited unless the request already audited a change."""
    if not audited:
        record_view(case, "screening")
    errors = extra.pop("errors", [])
    late = facts.grounds_arose_on is not None and is_out_of_time(facts.grounds_arose_on, facts.received_on)
    return render_template(
        "casework/screening/screening.html",
        case=case,
        form=form,
        recommendation=recommendation,
        facts=facts,
        late=late,
        earlier=queries.earlier_cases(case),
        submission_rows=_submission_rows(case),
        consent_age=council_settings().child_consent_age,
        decision_hints=DECISION_HINTS,
        can_screen=can_screen(case),
        screened_by=queries.staff_user(case.screened_by_id),
        decision=(case.screening or {}).get("decision"),
        title=f"Screen {case.reference}",
        page_has_errors=bool(form.errors) or bool(errors),
        extra_errors=errors,
        **extra,
    )


@bp.route("/cases/<reference>/screening", methods=["GET", "POST"])
@roles_required(*CASE_ROUTE_ROLES)
def screening(reference: str):
    case = case_for_change(reference)
    form = ScreeningForm(data=form_data(initial_answers(case)))
    if request.method == "GET":
        facts = facts_for(case, initial_answers(case))
        return _render(case, form, recommendation_for(facts), facts)

    valid = form.validate()
    answers = form.answers() if valid else initial_answers(case)
    facts = facts_for(case, answers)
    recommendation = recommendation_for(facts)
    if not valid:
        return _render(case, form, recommendation, facts)
    if not can_screen(case):
        return _render(case, form, recommendation, facts, errors=[_transition_error(case)])
    if request.form.get("action") != DECIDE:
        saving = case.state in (CaseState.RECEIVED, CaseState.SCREENING)
        if saving:
            save_answers(case, current_user, answers, uk_today())
        return _render(case, form, recommendation, facts, audited=saving, updated=True)
    if not check_decision(form, facts, recommendation):
        return _render(case, form, recommendation, facts)
    if Procedure(form.decision.data) is Procedure.NOT_ACCEPTED:
        # The letter is checked before it goes, and may need a complaints manager's approval.
        propose_not_accepted(case, current_user, Decision.from_form(form), uk_today())
        return redirect(url_for("casework.not_accepted", reference=case.reference))
    try:
        message_ids = decide(case, current_user, Decision.from_form(form), facts, recommendation, uk_today())
    except InvalidTransition as error:
        transaction.rollback()
        return _render(case, form, recommendation, facts, errors=[{"text": str(error), "href": "#decision"}])
    outbox.deliver_now(message_ids)
    flash(f"Screened: {case.procedure.label}", "success")
    if case.procedure in COMPLAINT_PROCEDURES and facts.concurrent_proceedings:
        # Regulation 8: the next step is to put it on hold and tell the complainant why.
        return redirect(url_for("casework.hold_page", reference=case.reference))
    if case.procedure in COMPLAINT_PROCEDURES:
        return redirect(url_for("casework.points", reference=case.reference))
    return redirect(url_for("casework.screening", reference=case.reference))


def _transition_error(case: Case) -> dict:
    try:
        transition(case.procedure, case.state, CaseState.SCREENING)
    except InvalidTransition as error:
        return {"text": f"This case cannot be screened again. {error}", "href": "#decision"}
    return {"text": "This case cannot be screened again.", "href": "#decision"}


@bp.get("/cases/<reference>/screening/letter")
@roles_required(*CASE_ROUTE_ROLES)
def screening_letter(reference: str):
    """The letter telling the person their complaint is not accepted, or where to go instead, for post."""
    case = case_for_change(reference)
    message = decision_message(case)
    if message is None:
        abort(404)
    if case.submitter is not None and case.submitter.letters_ok is False:
        flash("Letters are not safe for this person, so no letter was made", "important")
        return redirect(url_for("casework.screening", reference=case.reference))
    pdf = letter_pdf(case, message, uk_today())
    audit.record(current_user.id, "letter_produced", case_id=case.id, detail={"letter": case.procedure.value})
    transaction.commit()
    return pdf_download(pdf, f"{case.reference}-{case.procedure.value.replace('_', '-')}.pdf")
