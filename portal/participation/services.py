"""The work behind the Participation Team's pages: the closing hook, follow-ups and their one-time survey links, the
contact log, advocacy referrals, the weekly list and the survey results.

Each service loads through `portal.data.queries`, applies the rules in `portal.domain`, writes the audit trail and
commits, except `case_closed`, which runs inside the caller's transaction.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from flask import current_app, render_template

from portal.common.changes import changes, snapshot
from portal.common.links import external_url
from portal.data import transaction
from portal.data.models import AdvocacyReferral, Case, StaffUser
from portal.data.participation_models import ContactLogEntry, FollowUp, SurveyLink
from portal.data.queries import audit
from portal.data.queries import participation as queries
from portal.data.queries.screening import open_stage
from portal.data.queries.settings import council_settings
from portal.domain.closing_the_loop import (
    OPEN_FOLLOW_UP_STATUSES,
    QUESTIONS,
    AnswerMethod,
    Audience,
    ContactMethod,
    Feeling,
    FollowUpStatus,
    PeriodResults,
    reminder_due,
    results_by_quarter,
)
from portal.domain.types import AdvocacyStatus, MessageChannel, StaffRole
from portal.notifications import outbox

# Participation officers work with children's cases; the Complaints Team joins them for the weekly meeting.
PARTICIPATION_ROLES = (StaffRole.PARTICIPATION_OFFICER, StaffRole.COMPLAINTS_OFFICER, StaffRole.COMPLAINTS_MANAGER)
# The results report holds counts only, no personal details.
RESULTS_ROLES = (*PARTICIPATION_ROLES, StaffRole.LEARNING_LEAD, StaffRole.REPORT_VIEWER)

# Besides the open cases, the weekly list shows those closed this many days ago or since.
WEEKLY_LIST_DAYS = 7


# The closing hook -----------------------------------------------------------------------------------------------------


# Viewing ----------------------------------------------------------------------------------------------------------


def record_list_view(user: StaffUser, page: str, **detail) -> None:
    """Staff looking at a list of children's cases is part of the audit trail, as the work queues are."""
    audit.record(user.id, "participation_list_viewed", detail={"page": page, **detail})
    transaction.commit()


def record_case_view(user: StaffUser, case: Case, section: str) -> None:
    audit.record(user.id, "case_viewed", case_id=case.id, detail={"section": section})
    transaction.commit()


# Survey links -----------------------------------------------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


SURVEY_TEMPLATE_PREFIX = "survey_"
SURVEY_URL = re.compile(r"\S*/survey/[A-Za-z0-9_-]{20,}")
LINK_REMOVED = "(link removed once sent)"


def forget_sent_links() -> int:
    """Takes the links out of survey messages that have gone, so that only the person who got the message holds a
    working link (the database keeps only its hash). Messages still waiting keep theirs until they are sent; the
    daily run clears those. Returns how many messages were cleared."""
    messages = queries.sent_messages_with_links(SURVEY_TEMPLATE_PREFIX, "/survey/")
    for message in messages:
        message.body = SURVEY_URL.sub(LINK_REMOVED, message.body)
        message.personalisation = {**(message.personalisation or {}), "link": LINK_REMOVED}
    transaction.commit()
    return len(messages)


def _new_link(
    follow_up: FollowUp, channel: MessageChannel, recipient: str, now: datetime, *, reminder: bool, sent_by_id
) -> tuple[SurveyLink, str]:
    """A fresh link with its own token; only the token's hash is stored, so the link exists only in the message."""
    token = secrets.token_urlsafe(32)
    link = SurveyLink(
        follow_up_id=follow_up.id,
        token_hash=hash_token(token),
        channel=channel,
        recipient=recipient,
        reminder=reminder,
        expires_at=now + timedelta(days=current_app.config["SURVEY_LINK_DAYS"]),
        sent_by_id=sent_by_id,
    )
    queries.add_link(link)
    return link, external_url("participation.survey", token=token)


def _queue_survey_message(follow_up: FollowUp, link: SurveyLink, url: str):
    case = follow_up.case
    context = {
        "follow_up": follow_up,
        "case": case,
        "council": council_settings(),
        "link": url,
        "expires_on": link.expires_at.date(),
        "reminder": link.reminder,
        "name": case.submitter.name if case.submitter and case.submitter.name else None,
    }
    template = f"participation/emails/survey_{follow_up.audience.value}"
    key = f"survey_{follow_up.audience.value}{'_reminder' if link.reminder else ''}"
    personalisation = {"link": url, "reference": case.reference}
    if link.channel is MessageChannel.SMS:
        return outbox.queue_sms(
            recipient=link.recipient,
            template=key,
            body=render_template(f"{template}.sms.txt", **context),
            personalisation=personalisation,
            case_id=case.id,
        )
    subject = "A reminder: how did it go?" if link.reminder else "How did it go? Tell us in 2 minutes"
    if follow_up.audience is Audience.ADULT:
        subject = f"How did we handle your complaint? {case.reference}"
    return outbox.queue_email(
        recipient=link.recipient,
        template=key,
        subject=subject,
        body=render_template(f"{template}.txt", **context),
        personalisation=personalisation,
        case_id=case.id,
    )


def send_survey(
    follow_up: FollowUp,
    user: StaffUser,
    channel: MessageChannel,
    recipient: str,
    remind: bool,
    today: date,
    now: datetime,
) -> int:
    """Sends the one-time survey link by text or email through the outbox. Returns the message id to deliver once
    committed. Sending again (a lost text, a new number) makes a new link; the old one works until it expires."""
    link, url = _new_link(follow_up, channel, recipient, now, reminder=False, sent_by_id=user.id)
    message = _queue_survey_message(follow_up, link, url)
    fields = ("status", "asked_on", "reminder_wanted")
    before = snapshot(follow_up, fields)
    follow_up.status = FollowUpStatus.SENT
    follow_up.asked_on = follow_up.asked_on or today
    follow_up.reminder_wanted = remind
    audit.record(
        user.id,
        "survey_sent",
        case_id=follow_up.case_id,
        detail={
            "follow_up_id": follow_up.id,
            "channel": channel.value,
            "changes": changes(before, snapshot(follow_up, fields)),
        },
    )
    transaction.commit()
    return message.id


class LinkState(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    NOT_WORKING = "not_working"


def survey_link(token: str, now: datetime) -> tuple[SurveyLink | None, LinkState]:
    """The link behind a token and whether it can still be used. A used link, or one whose survey was answered
    another way, says so; an unknown or expired one does not say which."""
    link = queries.link_by_hash(hash_token(token))
    if link is None:
        return None, LinkState.NOT_WORKING
    if link.used_at is not None or link.follow_up.status is FollowUpStatus.ANSWERED:
        return link, LinkState.ANSWERED
    if link.expires_at <= now or link.follow_up.status not in OPEN_FOLLOW_UP_STATUSES:
        return link, LinkState.NOT_WORKING
    return link, LinkState.OPEN


@dataclass(frozen=True)
class SurveyAnswers:
    answers: dict[str, str]
    comment: str | None
    feeling: Feeling | None


def _store_answers(follow_up: FollowUp, answers: SurveyAnswers, via: AnswerMethod, now: datetime) -> None:
    follow_up.status = FollowUpStatus.ANSWERED
    follow_up.answers = answers.answers
    follow_up.comment = answers.comment
    follow_up.feeling = answers.feeling
    follow_up.answered_via = via
    follow_up.answered_at = now


def answer_online(link: SurveyLink, answers: SurveyAnswers, now: datetime) -> bool:
    """Saves the answers and uses the link up, in one transaction. False, saving nothing, when the link was used or
    ran out meanwhile, or the survey was answered another way (a second tab, a call)."""
    follow_up = link.follow_up
    if not queries.claim_link(link.id, now) or not queries.claim_follow_up(follow_up.id):
        transaction.rollback()
        return False
    transaction.reload(follow_up)
    _store_answers(follow_up, answers, AnswerMethod.ONLINE, now)
    audit.record(None, "survey_answered", case_id=follow_up.case_id, detail={"follow_up_id": follow_up.id})
    transaction.commit()
    return True


def record_answers(
    follow_up: FollowUp, user: StaffUser, answers: SurveyAnswers, via: AnswerMethod, today: date, now: datetime
) -> bool:
    """Records the answers the officer took on a call or visit. False when the survey was answered meanwhile."""
    if not queries.claim_follow_up(follow_up.id):
        transaction.rollback()
        return False
    transaction.reload(follow_up)
    follow_up.asked_on = follow_up.asked_on or today
    follow_up.recorded_by_id = user.id
    _store_answers(follow_up, answers, via, now)
    audit.record(
        user.id,
        "survey_answers_recorded",
        case_id=follow_up.case_id,
        detail={"follow_up_id": follow_up.id, "via": via.value},
    )
    transaction.commit()
    return True


def _close_follow_up(follow_up: FollowUp, user: StaffUser, status: FollowUpStatus, today: date, **values) -> None:
    fields = ("status", *values)
    before = snapshot(follow_up, fields)
    follow_up.status = status
    follow_up.marked_on = today
    follow_up.recorded_by_id = user.id
    for name, value in values.items():
        setattr(follow_up, name, value)
    audit.record(
        user.id,
        "follow_up_updated",
        case_id=follow_up.case_id,
        detail={"follow_up_id": follow_up.id, "changes": changes(before, snapshot(follow_up, fields))},
    )
    transaction.commit()


def mark_advocate_check(follow_up: FollowUp, user: StaffUser, provider: str, today: date) -> None:
    """The child's advocate runs its own satisfaction check, so the council does not ask (seed 004, section 5.1)."""
    _close_follow_up(follow_up, user, FollowUpStatus.ADVOCATE_CHECK, today, advocate_provider=provider)


def mark_not_answered(follow_up: FollowUp, user: StaffUser, note: str, today: date) -> None:
    """The child was asked but did not want to answer, or could not be reached; counted as asked."""
    _close_follow_up(
        follow_up, user, FollowUpStatus.NOT_ANSWERED, today, note=note, asked_on=follow_up.asked_on or today
    )


# The daily run ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DailyRun:
    adult_surveys: int
    reminders: int


def send_due(today: date, now: datetime) -> DailyRun:
    """Emails the adult surveys waiting to go, and sends the one reminder for each survey unanswered after
    SURVEY_REMINDER_DAYS days, each with a fresh link. Run daily by `flask surveys send-due`."""
    messages = []
    adult_surveys = 0
    for follow_up in queries.adult_surveys_to_send():
        person = follow_up.case.submitter
        if not (person and person.email):
            continue
        link, url = _new_link(follow_up, MessageChannel.EMAIL, person.email, now, reminder=False, sent_by_id=None)
        messages.append(_queue_survey_message(follow_up, link, url))
        follow_up.status = FollowUpStatus.SENT
        follow_up.asked_on = today
        audit.record(None, "survey_sent", case_id=follow_up.case_id, detail={"follow_up_id": follow_up.id})
        adult_surveys += 1
    after_days = current_app.config["SURVEY_REMINDER_DAYS"]
    reminders = 0
    for follow_up in queries.awaiting_reminder(today - timedelta(days=after_days)):
        due = reminder_due(
            follow_up.status, follow_up.asked_on, follow_up.reminded_on, follow_up.reminder_wanted, today, after_days
        )
        if not follow_up.links or not due:
            continue
        last = follow_up.links[-1]
        link, url = _new_link(follow_up, last.channel, last.recipient, now, reminder=True, sent_by_id=None)
        messages.append(_queue_survey_message(follow_up, link, url))
        follow_up.reminded_on = today
        audit.record(None, "survey_reminder_sent", case_id=follow_up.case_id, detail={"follow_up_id": follow_up.id})
        reminders += 1
    transaction.commit()
    outbox.deliver_now([message.id for message in messages])
    forget_sent_links()
    return DailyRun(adult_surveys=adult_surveys, reminders=reminders)


# Contact log and advocacy -----------------------------------------------------------------------------------------


def add_contact(
    case: Case,
    user: StaffUser,
    contacted_on: date,
    method: ContactMethod,
    rights_explained: bool,
    process_explained: bool,
    notes: str | None,
) -> ContactLogEntry:
    entry = queries.add_contact(
        ContactLogEntry(
            case_id=case.id,
            contacted_on=contacted_on,
            method=method,
            rights_explained=rights_explained,
            process_explained=process_explained,
            notes=notes,
            staff_user_id=user.id,
        )
    )
    audit.record(
        user.id,
        "contact_logged",
        case_id=case.id,
        detail={
            "contact_id": entry.id,
            "method": method.value,
            "contacted_on": contacted_on.isoformat(),
            "rights_explained": rights_explained,
            "process_explained": process_explained,
        },
    )
    transaction.commit()
    return entry


REFERRAL_FIELDS = ("status", "provider", "referred_on", "responded_on", "ended_on", "notes")


def add_referral(case: Case, user: StaffUser, provider: str, requested_on: date) -> AdvocacyReferral:
    referral = queries.add_referral(
        case, AdvocacyReferral(provider=provider, status=AdvocacyStatus.REQUESTED, requested_on=requested_on)
    )
    audit.record(
        user.id,
        "advocacy_referral_added",
        case_id=case.id,
        detail={"referral_id": referral.id, "provider": provider, "requested_on": requested_on.isoformat()},
    )
    transaction.commit()
    return referral


def update_referral(case: Case, user: StaffUser, referral: AdvocacyReferral, values: dict) -> None:
    """Moves a referral along the board and keeps its provider and dates."""
    before = snapshot(referral, REFERRAL_FIELDS)
    for name in REFERRAL_FIELDS:
        setattr(referral, name, values[name])
    detail = {"referral_id": referral.id, "changes": changes(before, snapshot(referral, REFERRAL_FIELDS))}
    audit.record(user.id, "advocacy_referral_updated", case_id=case.id, detail=detail)
    transaction.commit()


# Lists of children's cases ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChildCaseRow:
    """A child's case with what the Participation Team tracks about it."""

    case: Case
    child: str
    due_on: date | None
    advocacy: str
    last_contact: ContactLogEntry | None
    follow_up: FollowUp | None


def child_name(case: Case) -> str:
    names = [child.name for child in case.children if child.name]
    if names:
        return ", ".join(names)
    if case.made_by_child and case.submitter and case.submitter.name:
        return case.submitter.name
    return "Not given"


def advocacy_summary(case: Case) -> str:
    if not case.advocacy_referrals:
        return "None"
    latest = max(case.advocacy_referrals, key=lambda referral: (referral.requested_on, referral.id))
    return f"{latest.status.label}: {latest.provider}"


def _rows(cases: list[Case]) -> list[ChildCaseRow]:
    ids = [case.id for case in cases]
    contacts = queries.latest_contacts(ids)
    follow_ups = queries.follow_ups_of_cases(ids, Audience.CHILD)
    rows = []
    for case in cases:
        stage = open_stage(case)
        rows.append(
            ChildCaseRow(
                case=case,
                child=child_name(case),
                due_on=(stage.extended_to or stage.due_on) if stage else None,
                advocacy=advocacy_summary(case),
                last_contact=contacts.get(case.id),
                follow_up=follow_ups.get(case.id),
            )
        )
    return rows


def childrens_case_rows(user: StaffUser, open_only: bool | None) -> list[ChildCaseRow]:
    return _rows(queries.childrens_cases(user, open_only=open_only))


def informal_feedback_rows(user: StaffUser, year: int) -> list[ChildCaseRow]:
    """Children's informal feedback received in reporting year `year` (1 April to 31 March)."""
    return _rows(queries.informal_feedback(user, date(year, 4, 1), date(year + 1, 3, 31)))


def weekly_list(user: StaffUser, today: date) -> list[ChildCaseRow]:
    """Children's cases open now or closed in the last week: the agenda for the weekly meeting."""
    return _rows(queries.weekly_list(user, today - timedelta(days=WEEKLY_LIST_DAYS)))


# The advocacy board's columns (issue 14: requested, referred, active, ended).
BOARD_COLUMNS = (
    ("Requested", (AdvocacyStatus.REQUESTED,)),
    ("Referred", (AdvocacyStatus.REFERRED,)),
    ("Active", (AdvocacyStatus.ACCEPTED,)),
    ("Ended", (AdvocacyStatus.ENDED, AdvocacyStatus.DECLINED)),
)


@dataclass(frozen=True)
class BoardColumn:
    name: str
    referrals: list[AdvocacyReferral]


def advocacy_board(user: StaffUser) -> list[BoardColumn]:
    referrals = queries.referrals(user)
    return [
        BoardColumn(name, [referral for referral in referrals if referral.status in statuses])
        for name, statuses in BOARD_COLUMNS
    ]


CSV_HEADINGS = (
    "Reference",
    "Received",
    "Child",
    "Kind",
    "Stage",
    "Team",
    "Due",
    "Advocate",
    "Last contact",
    "Rights explained",
    "Process explained",
    "Follow-up",
    "Safeguarding flag",
)
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def weekly_csv(rows: list[ChildCaseRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADINGS)
    for row in rows:
        case, contact = row.case, row.last_contact
        writer.writerow(
            _cell(value)
            for value in (
                case.reference,
                case.received_on.isoformat(),
                row.child,
                case.kind.label,
                case.state.label,
                case.team.name if case.team else "",
                row.due_on.isoformat() if row.due_on else "",
                row.advocacy,
                f"{contact.contacted_on.isoformat()} {contact.method.label}" if contact else "",
                ("Yes" if contact.rights_explained else "No") if contact else "",
                ("Yes" if contact.process_explained else "No") if contact else "",
                row.follow_up.status.label if row.follow_up else "",
                "Yes" if case.safeguarding_flag else "No",
            )
        )
    return buffer.getvalue()


# Results ----------------------------------------------------------------------------------------------------------


def survey_results(audience: Audience, year: int) -> tuple[list[PeriodResults], PeriodResults]:
    """The results for reporting year `year` (1 April to 31 March), by quarter and for the whole year."""
    first_day, last_day = date(year, 4, 1), date(year + 1, 3, 31)
    return results_by_quarter(year, queries.survey_outcomes_between(audience, first_day, last_day), QUESTIONS[audience])
