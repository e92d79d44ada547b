"""The story of a case as plain data: what happened, when, and who did it.

`case_timeline` builds the MOJ timeline on the case page from the case's own dates, its notes and documents and its
audit events; `audit_row` describes one audit event for the managers' audit pages. Both only read the objects they
are given: no database, no Flask. Times are shown in UK time (they are stored in UTC).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from portal.common.clock import UK
from portal.common.filters import format_moment, govuk_date
from portal.data.escalation_models import REQUESTED_ONLINE
from portal.domain.screening import SUFFICIENT_INTEREST_QUESTIONS
from portal.domain.tracking import REQUESTS_FOR_STAFF, STAFF_TOLD
from portal.domain.types import (
    AdvocacyStatus,
    CaseState,
    Channel,
    ChildStatus,
    Closure,
    FeedbackKind,
    Finding,
    LearningActionStatus,
    LetterStatus,
    OmbudsmanDecision,
    OmbudsmanStatus,
    Procedure,
    Progress,
    StaffRole,
    SubmitterRole,
    TimescaleStep,
)

# What the audit trail's action names mean, in plain English. Anything not listed is shown from its name.
ACTION_LABELS = {
    "case_viewed": "Viewed the case",
    "case_list_viewed": "Viewed the list of cases",
    "case_recorded": "Recorded the case for the person who sent it",
    "case_audit_viewed": "Read the case's audit trail",
    "audit_trail_viewed": "Read the audit trail",
    "note_added": "Added an internal note",
    "message_sent": "Sent a message to the person who sent it",
    "document_downloaded": "Downloaded a document",
    "screening_answers_saved": "Saved answers to the screening questions",
    "case_screened": "Screened the case",
    "duty_matter_recorded": "Recorded a duty matter",
    "complaint_point_added": "Added a complaint point",
    "complaint_point_changed": "Changed a complaint point",
    "complaint_point_deleted": "Removed a complaint point",
    "complaint_points_reordered": "Reordered the complaint points",
    "acknowledgement_sent": "Sent the acknowledgement",
    "letter_produced": "Produced a letter to post",
    "case_allocated": "Allocated the case",
    "signed_in": "Signed in",
    "signed_out": "Signed out",
    "sign_in_failed": "Failed to sign in",
    "account_locked": "Account locked after failed sign-ins",
    "two_factor_set_up": "Set up two-factor authentication",
    "two_factor_reset": "Two-factor authentication was reset",
    "password_changed": "Changed their password",
    "staff_account_created": "Staff account created",
    "staff_named": "Named a member of staff the complaint is about",
    "staff_unnamed": "Removed a member of staff from those the complaint names",
    "investigator_assigned": "Assigned an investigator",
    "investigator_removed": "Removed an investigator",
    "advocacy_recorded": "Recorded advocacy",
    "case_put_on_hold": "Put the complaint on hold",
    "hold_reviewed": "Reviewed the hold: still on hold",
    "hold_ended": "Ended the hold",
    "details_corrected": "Corrected what was sent",
    "not_accepted_proposed": "Decided not to accept the complaint, letter to check",
    "not_accepted_sent_for_approval": "Sent the “not accepted” letter for approval",
    "not_accepted_withdrawn": "Withdrew the “not accepted” decision",
    "findings_recorded": "Recorded findings on the complaint points",
    "remedy_added": "Added a remedy",
    "remedy_removed": "Removed a remedy",
    "case_classified": "Recorded the themes and service area",
    "letter_drafted": "Drafted the response",
    "letter_changed": "Changed the response",
    "letter_submitted_for_check": "Sent the response for the quality check",
    "letter_approved": "Approved the response after the quality check",
    "letter_sent_back": "Sent the response back with changes to make",
    "response_sent": "Sent the response",
    "deadline_extended": "Extended the deadline and told the complainant",
    "case_closed": "Closed the case",
    "learning_viewed": "Viewed the case's learning",
    "learning_recorded": "Recorded learning",
    "learning_changed": "Changed the learning",
    "learning_action_added": "Added a learning action",
    "learning_action_changed": "Changed a learning action",
    "learning_action_completed": "Completed a learning action",
    "learning_home_viewed": "Viewed the learning overview",
    "learning_actions_viewed": "Viewed the open learning actions",
    "learning_records_viewed": "Viewed the learning records",
    "stage_2_requested": "Recorded a request for Stage 2",
    "stage_3_requested": "Recorded a request for a review panel",
    "mediation_offered": "Offered mediation",
    "mediation_accepted": "Mediation accepted",
    "mediation_declined": "Mediation not accepted: Stage 2 goes ahead",
    "mediation_resolved": "Mediation resolved the complaint",
    "mediation_not_resolved": "Mediation did not resolve the complaint: Stage 2 goes ahead",
    "stage_2_people_changed": "Recorded who investigates Stage 2",
    "terms_of_reference_agreed": "Recorded the terms of reference: the investigation started",
    "stage_2_request_accepted": "Accepted the request for a Stage 2 review and acknowledged it",
    "stage_2_request_refused": "Refused the request for a Stage 2 review",
    "stage_2_report_added": "Added the investigation report",
    "stage_2_closing_recorded": "Recorded Stage 2's closing date and cost",
    "recommendation_added": "Added a recommendation",
    "recommendation_removed": "Removed a recommendation",
    "review_panel_chosen": "Recorded the review panel",
    "review_panel_held": "Recorded the review panel's meeting",
    "review_panel_findings_received": "Recorded the review panel's findings",
    "ombudsman_referral": "Recorded the Ombudsman's enquiry or investigation",
    "ombudsman_details_changed": "Changed the Ombudsman's details",
    "ombudsman_decision_recorded": "Recorded the Ombudsman's decision",
    "ombudsman_remedy_added": "Added a remedy the Ombudsman asked for",
    "ombudsman_remedy_evidenced": "Recorded the evidence for a remedy",
    "ombudsman_sent_back": "The Ombudsman sent the complaint back into the procedure",
    "online_view_changed": "Changed what the person sees online",
    "case_viewed_by_complainant": "Viewed online by the person who sent it",
    "tracking_code_sent": "Sign-in code sent to the person who sent it",
    "tracking_code_wrong": "A wrong sign-in code was typed",
    "tracking_signed_in": "The person who sent it signed in online",
    # What the person asked for online (portal.tracking.services).
    **REQUESTS_FOR_STAFF,
}
# Done by the person who sent the case, following it online: they have no staff account.
BY_THE_PERSON = "The person who sent it"

# Looking at a case changes nothing, so views stay out of its timeline; the audit pages list them.
VIEW_ACTIONS = frozenset(
    {
        "case_viewed",
        "case_audit_viewed",
        "document_downloaded",
        "case_list_viewed",
        "case_viewed_by_complainant",
        "tracking_code_sent",
        "tracking_code_wrong",
        "tracking_signed_in",
        "learning_viewed",
    }
)
# Notes and messages are told from their own rows, which include any written before the audit trail began.
NOTE_ACTIONS = frozenset({"note_added", "message_sent"})

FIELD_LABELS = {
    "kind": "Kind",
    "procedure": "Procedure",
    "state": "Status",
    "channel": "How it came in",
    "received_on": "Received",
    "acknowledgement_due_on": "Acknowledgement due",
    "acknowledged_on": "Acknowledged",
    "acknowledgement_method": "Acknowledged by",
    "team": "Team",
    "closure": "How it ended",
    "closed_on": "Closed",
    "screened_at": "Screened",
    "screened_by_id": "Screened by (staff id)",
    "recorded_by_id": "Recorded by (staff id)",
    "points": "Complaint points",
    "number": "Point number",
    "on_time": "In time",
    "timeliness": "Timeliness",
    "recommended": "Recommended procedure",
    "differs_from_recommendation": "Differs from the recommendation",
    "stage": "Stage",
    "due_on": "Due",
    "letter": "Letter",
    "safeguarding_flag": "Possible safeguarding concern",
    "staff_id": "Member of staff (id)",
    "from": "From",
    "to": "To",
    "team_id": "Team",
    "responding_manager": "Responding manager",
    "responding_manager_id": "Responding manager",
    "made_by_child": "Made by a child or young person",
    "on_behalf_of_child": "On behalf of a child or young person",
    "submitter_role": "Who it is from",
    "summary": "Summary",
    "note": "Note",
    "information": "What they told us",
    "correction": "What they say is wrong or missing",
    "shared_online": "What they see online",
    "withdrawn": "Withdrawn",
    "message": "Message",
    "section": "Part of the case",
    "filename": "File",
    "documents": "Documents",
    "screening_reason": "Reason",
    "reason": "Reason",
    "emailed": "Emailed to them",
    "page": "Page",
    "screened_by": "Screened by",
    "recorded_by": "Recorded by",
    "decided_by": "Decided by",
    "staff": "Member of staff",
    "handler": "Handled by",
    "named_staff": "Named in the complaint",
    "investigator": "Investigator",
    "advocacy": "Advocacy",
    "provider": "Advocacy provider",
    "offered_on": "Advocate offered",
    "category": "Category",
    "description": "Action",
    "owner": "Owner",
    "action_status": "Status",
    "evidence": "Evidence",
    "completed_on": "Done on",
    "requested_on": "Advocate asked for or accepted",
    "referred_on": "Referred to the provider",
    "responded_on": "Answered",
    "hold_reason": "Why it is on hold",
    "proceedings": "Proceedings",
    "review_on": "Review by",
    "finding": "Outcome",
    "outcome": "Outcome",
    "outcome_override_reason": "Why the outcome differs from the findings",
    "progress": "Furthest stage answered",
    "held_from": "Held from",
    "letter_status": "Where the letter stands",
    "themes": "Themes",
    "service_area": "Service area",
    "remedy": "Remedy",
    "subject": "Subject",
    "body": "Letter",
    "escalate_by": "Last day to ask for the next stage",
    "method": "Sent by",
    "clocks": "Deadlines",
    "started": "Started",
    "completed": "Completed",
    "clock_started_on": "Clock started on",
    "in_time": "In time",
    "ended_on": "Proceedings ended",
    "told_by": "Told them by",
    "last_day": "Last day to ask",
    "late_reason": "Why a late request was accepted",
    "requested_through": "How they asked",
    "terms_of_reference_agreed_on": "Terms of reference agreed",
    "panel_held_on": "Panel met",
    "panel_findings_received_on": "Panel's findings received",
    "cost_pence": "Cost in pence",
    "recommendation": "Recommendation",
    "status": "Status",
    "decision": "Decision",
    "decided_on": "Decided on",
    "decision_summary": "What the Ombudsman said",
    "council_reply_due_on": "Reply due by",
    "council_replied_on": "Replied on",
    "investigation_started_on": "Investigation started",
    "approved_by": "Approved by",
    "proposed_by": "Decided by",
    "response_due_on": "Reply promised by",
    "full_name": "Name",
    "email": "Email",
    "phone": "Phone",
    "address": "Address",
    "postcode": "Postcode",
    "organisation": "Organisation",
    "contact_methods": "Ways to contact them",
    "letters_ok": "Letters are safe",
    "voicemail_ok": "Voicemail is safe",
    "safe_contact_times": "Safe times to contact",
    "about_child": "About a child or young person",
    "child_name": "Child's name",
    "child_date_of_birth": "Child's date of birth",
    "child_age": "Child's age",
    "support_needs": "Help to take part",
    "interpreter_language": "Interpreter's language",
    "other_support": "Other help",
    # Screening answers, stored as "answers.<name>".
    "child_status": "The child's status",
    "has_parental_responsibility": "Has parental responsibility",
    "about_statutory_function": "About a statutory function",
    "about_own_service": "About a service they received",
    "contact_dispute": "A relative's own contact with the child",
    "about_school": "About a school",
    "concurrent_proceedings": "Would prejudice proceedings running at the same time",
    "grounds_arose_on": "Grounds arose",
    "discretion_reason": "Why it was accepted late",
    "repeat_of_investigated_case": "Same as a complaint already investigated",
    "repeat_reference": "Earlier complaint",
    "child_consents": "The child agrees",
    "advocate_requested": "The child asked for an advocate",
    **{name: question[0].upper() + question[1:] for name, question in SUFFICIENT_INTEREST_QUESTIONS.items()},
}

# Ids stored in audit details, and the names they stand for: shown as names, never as numbers.
STAFF_ID_FIELDS = {
    "screened_by_id": "screened_by",
    "recorded_by_id": "recorded_by",
    "responding_manager_id": "responding_manager",
    "decided_by_id": "decided_by",
    "staff_id": "staff",
    "handler_id": "handler",
}
TEAM_ID_FIELDS = {"team_id": "team"}
# Words stored for yes, no and not known answers.
_ANSWER_WORDS = {"yes": "Yes", "no": "No", "not_known": "Not known", "not_asked": "Not asked"}


@dataclass(frozen=True)
class Names:
    """The names of the staff and teams an audit trail's ids stand for."""

    staff: dict[int, str]
    teams: dict[int, str]


NO_NAMES = Names(staff={}, teams={})


def ids_in(details: Iterable[dict | None]) -> tuple[set[int], set[int]]:
    """The staff ids and team ids in audit details (in their "changes" too), to look their names up."""
    staff, teams = set(), set()
    for detail in details:
        for key, value in _flatten(detail or {}):
            values = value if isinstance(value, list | tuple) else [value]
            numbers = {item for item in values if isinstance(item, int) and not isinstance(item, bool)}
            if key in STAFF_ID_FIELDS:
                staff |= numbers
            elif key in TEAM_ID_FIELDS:
                teams |= numbers
    return staff, teams


def _flatten(detail: dict):
    for key, value in detail.items():
        if key == "changes" and isinstance(value, dict):
            yield from value.items()
        else:
            yield key, value


_ENUMS_BY_FIELD = {
    "kind": FeedbackKind,
    "procedure": Procedure,
    "state": CaseState,
    "channel": Channel,
    "submitter_role": SubmitterRole,
    "finding": Finding,
    "role": StaffRole,
    "closure": Closure,
    "recommended": Procedure,
    "held_from": CaseState,
    "progress": Progress,
    "outcome": Finding,
    "letter_status": LetterStatus,
    "step": TimescaleStep,
    "child_status": ChildStatus,
    "advocacy": AdvocacyStatus,
    "action_status": LearningActionStatus,
    "status": OmbudsmanStatus,
    "decision": OmbudsmanDecision,
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}.*")


def action_label(action: str) -> str:
    """An audit action in plain English: "note_added" is "Added an internal note"."""
    return ACTION_LABELS.get(action) or action.replace("_", " ").strip().capitalize()


def field_label(name: str) -> str:
    name = name.removeprefix("answers.")
    return FIELD_LABELS.get(name) or name.replace("_", " ").strip().capitalize()


def format_value(field: str, value) -> str:
    """A stored value as people read it: enum labels, GOV.UK dates, Yes and No, lists joined with commas."""
    if value is None or value == "" or value == []:
        return "nothing"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(format_value(field, item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{field_label(key)}: {format_value(key, item)}" for key, item in value.items())
    field = field.removeprefix("answers.")
    enum = _ENUMS_BY_FIELD.get(field)
    if enum is not None and str(value) in enum._value2member_map_:
        return enum(str(value)).label
    if isinstance(value, str) and value in _ANSWER_WORDS:
        return _ANSWER_WORDS[value]
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return govuk_date(date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, str) and _ISO_MOMENT.fullmatch(value):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        return format_moment(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
    return str(value)


@dataclass(frozen=True)
class DetailLine:
    """One fact about an event: "Procedure: from nothing to Statutory children's complaints procedure"."""

    label: str
    value: str


def describe_detail(detail: dict | None, names: Names = NO_NAMES) -> tuple[DetailLine, ...]:
    """The lines that explain an audit event's detail, in words. Changes read "from X to Y". Staff and team ids are
    shown as the names in `names` ("a member of staff no longer listed" when unknown); other database ids mean
    nothing to a reader and are left out."""
    lines: list[DetailLine] = []
    for key, value in (detail or {}).items():
        if key == "changes" and isinstance(value, dict):
            lines.extend(_change_line(*_named(field, change, names)) for field, change in value.items())
        elif key in STAFF_ID_FIELDS or key in TEAM_ID_FIELDS:
            field, named = _named(key, value, names)
            lines.append(DetailLine(field_label(field), format_value(field, named)))
        elif not key.endswith("_id"):
            lines.append(DetailLine(field_label(key), format_value(key, value)))
    return tuple(lines)


def _named(field: str, value, names: Names):
    """An id field as its name field, with ids (alone or in a [before, after] pair) replaced by names."""
    if field in STAFF_ID_FIELDS:
        lookup, field, missing = names.staff, STAFF_ID_FIELDS[field], "a member of staff no longer listed"
    elif field in TEAM_ID_FIELDS:
        lookup, field, missing = names.teams, TEAM_ID_FIELDS[field], "a team no longer listed"
    else:
        return field, value

    def name(item):
        return lookup.get(item, missing) if isinstance(item, int) and not isinstance(item, bool) else item

    if isinstance(value, list | tuple):
        return field, [name(item) for item in value]
    return field, name(value)


def _change_line(field: str, change) -> DetailLine:
    if not (isinstance(change, list | tuple) and len(change) == 2):
        return DetailLine(field_label(field), format_value(field, change))
    before, after = change
    if before in (None, "", []):
        text = f"set to {format_value(field, after)}"
    elif after in (None, "", []):
        text = f"removed (was {format_value(field, before)})"
    else:
        text = f"from {format_value(field, before)} to {format_value(field, after)}"
    return DetailLine(field_label(field), text)


# The timeline --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEvent:
    """One item of a case's MOJ timeline. `day_only` events know their date but not the time of day."""

    at: datetime
    title: str
    by: str | None = None
    lines: tuple[DetailLine, ...] = ()
    text: str | None = None
    shared_with_complainant: bool = False
    day_only: bool = False

    @property
    def when(self) -> str:
        return govuk_date(self.at.date()) if self.day_only else format_moment(self.at)

    @property
    def when_iso(self) -> str:
        return self.at.date().isoformat() if self.day_only else self.at.astimezone(UTC).isoformat()


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, UK)


def case_timeline(
    case, audit_events: Iterable, staff_names: dict[int, str], names: Names = NO_NAMES
) -> list[TimelineEvent]:
    """Everything that happened to `case`, newest first.

    `audit_events` are the case's audit events; views are left out, and notes and messages come from the case's
    own notes. `staff_names` names the staff who uploaded files, and `names` the staff and teams the events' ids
    stand for. The case's screening, acknowledgement and closing dates are added only when no audit event tells of
    them, as for cases from before the audit trail.
    """
    audit_events = list(audit_events)
    events = [
        _audit_item(event, names)
        for event in audit_events
        if event.action not in VIEW_ACTIONS and event.action not in NOTE_ACTIONS
    ]
    told = _told_by_events(audit_events)
    items = [*events, _received(case), *_notes(case), *_documents(case, staff_names)]
    items.extend(_dates_without_events(case, told))
    # Sorted by time, newest first; at the same moment the later-added item comes first.
    order = sorted(enumerate(items), key=lambda pair: (pair[1].at, pair[0]), reverse=True)
    return [item for _, item in order]


def _audit_item(event, names: Names) -> TimelineEvent:
    by = event.actor.name if event.actor else None
    title = action_label(event.action)
    if by is None and _by_the_person(event):
        by = BY_THE_PERSON
        title = STAFF_TOLD.get(event.action, title)
    return TimelineEvent(
        at=event.occurred_at,
        title=title,
        by=by,
        lines=describe_detail(event.detail, names),
    )


def _by_the_person(event) -> bool:
    """Done online by the person who sent the case: their own requests, and the stage requests, mediation answers and
    withdrawals the case-moving services record without a member of staff."""
    detail = event.detail or {}
    return (
        event.action in REQUESTS_FOR_STAFF
        or bool(detail.get("withdrawn"))
        or detail.get("requested_through") == REQUESTED_ONLINE
        or detail.get("by_complainant") is True
    )


def _received(case) -> TimelineEvent:
    how = "Sent with the online form" if case.channel == Channel.ONLINE else f"Came in: {case.channel.label}"
    return TimelineEvent(
        at=_start_of(case.received_on),
        title=f"{case.kind.label} received",
        lines=(DetailLine("How", how),),
        day_only=True,
    )


def _notes(case) -> list[TimelineEvent]:
    return [
        TimelineEvent(
            at=note.created_at,
            title="Message sent to the person who sent it" if note.shared_with_complainant else "Internal note added",
            by=note.author.name if note.author else None,
            text=note.body,
            shared_with_complainant=note.shared_with_complainant,
        )
        for note in case.notes
    ]


def _documents(case, staff_names: dict[int, str]) -> list[TimelineEvent]:
    return [
        TimelineEvent(
            at=attachment.created_at,
            title="Document added",
            by=staff_names.get(attachment.uploaded_by_id) if attachment.uploaded_by_id else None,
            lines=(DetailLine("File", attachment.filename),),
        )
        for attachment in case.attachments
    ]


def _told_by_events(audit_events) -> str:
    """The actions and the names of the fields the audit events changed, as one string to search."""
    words = []
    for event in audit_events:
        words.append(event.action)
        changed = (event.detail or {}).get("changes")
        if isinstance(changed, dict):
            words.extend(changed)
    return " ".join(words)


def _dates_without_events(case, told: str) -> list[TimelineEvent]:
    items = []
    if case.screened_at and "screen" not in told:
        procedure = case.procedure.label if case.procedure else "no procedure"
        items.append(
            TimelineEvent(
                at=case.screened_at,
                title="Screened",
                by=case.screened_by.name if case.screened_by else None,
                lines=(DetailLine("Procedure", procedure),),
            )
        )
    if case.acknowledged_on and "acknowledg" not in told:
        method = (DetailLine("How", case.acknowledgement_method),) if case.acknowledgement_method else ()
        items.append(
            TimelineEvent(at=_start_of(case.acknowledged_on), title="Acknowledged", lines=method, day_only=True)
        )
    if case.closed_on and "clos" not in told:
        closure = (DetailLine("How it ended", case.closure.label),) if case.closure else ()
        items.append(TimelineEvent(at=_start_of(case.closed_on), title="Closed", lines=closure, day_only=True))
    return items


# The audit pages -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditRow:
    """One audit event as the audit pages show it."""

    at: datetime
    who: str
    action: str
    case_reference: str | None
    lines: tuple[DetailLine, ...]

    @property
    def when(self) -> str:
        return format_moment(self.at)

    @property
    def when_iso(self) -> str:
        return self.at.astimezone(UTC).isoformat()


def audit_row(event, case_reference: str | None = None, names: Names = NO_NAMES) -> AuditRow:
    actor = event.actor
    who = f"{actor.name} ({actor.role.label})" if actor else "The system, or someone not signed in"
    return AuditRow(
        at=event.occurred_at,
        who=who,
        action=action_label(event.action),
        case_reference=case_reference,
        lines=describe_detail(event.detail, names),
    )
