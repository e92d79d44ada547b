"""The daily reminders (issue 11, "Deadlines everywhere"): each allocated person is emailed about what of theirs is due
within a number of working days or overdue, and the Complaints Team gets a summary of everything.

The clocks are the tracked timed steps, read by `portal.data.queries.reminders.open_clocks`; what is due comes from
`portal.domain.reminders.reminders_due`, each item counted by its own procedure's clock. A case's clock goes to the
step's handler, the case's responding manager and its assigned investigators; a learning action to its owner; the
summary to the Complaints Team's address (the council's contact email). Nobody gets the same reminder twice in a day:
each (address, item, day) is recorded once under a unique key before its email is queued, in the same transaction,
so a second run, or two servers running at once, cannot send it again. Emails go through the outbox.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import render_template

from portal.common.links import external_url
from portal.common.working_calendar import council_calendar
from portal.data import transaction
from portal.data.learning_models import LearningAction
from portal.data.models import StaffUser
from portal.data.queries import reminders as queries
from portal.data.queries.reminders import OpenClock
from portal.data.queries.settings import council_settings, timescale_policy
from portal.domain.clocks import non_working_days
from portal.domain.deadline_status import deadline
from portal.domain.reminders import reminders_due
from portal.domain.types import FeedbackKind, Procedure
from portal.notifications import outbox

SUMMARY = "summary"
When = Callable[[date, Procedure | FeedbackKind | None], str]


@dataclass(frozen=True)
class Person:
    email: str
    name: str


@dataclass(frozen=True)
class DueItem:
    """Something with a due date that someone must see to: a case's deadline or a learning action."""

    key: str
    case_id: int | None
    reference: str
    what: str
    due_on: date
    # Whose clock counts its working days: a case's procedure (its kind before screening); None for a learning action.
    procedure: Procedure | FeedbackKind | None
    link: str
    people: tuple[Person, ...]
    # How it stands on the day, as the work queues say it: "Overdue by 2 working days", "Due today".
    when: str


@dataclass(frozen=True)
class Message:
    """One reminder email: to whom, and the items due soon and overdue it lists."""

    to: Person
    due_soon: list[DueItem]
    overdue: list[DueItem]

    @property
    def items(self) -> list[DueItem]:
        return self.overdue + self.due_soon


@dataclass(frozen=True)
class Plan:
    """What a run would send on `today`: a message for each person, and the Complaints Team's summary."""

    today: date
    within: int
    people: list[Message]
    summary: Message | None


@dataclass(frozen=True)
class Sent:
    """What a run sent: reminders to people, and whether the summary went."""

    people: int = 0
    summary: bool = False
    message_ids: list[int] = field(default_factory=list)


# Planning ------------------------------------------------------------------------------------------------------------


def plan(today: date, within_working_days: int) -> Plan:
    """What is due on `today` within `within_working_days` working days or overdue, and who is told of it."""
    policy, calendar = timescale_policy(), council_calendar()
    # Beyond any item's last "due soon" day, whatever its clock skips; reminders_due then decides exactly.
    horizon = today + timedelta(days=7 * (within_working_days // 5 + 1) + 21)

    def when(due_on: date, procedure: Procedure | FeedbackKind | None) -> str:
        return deadline(today, due_on, non_working_days(procedure, policy, calendar)).text

    items = [
        *_case_items(queries.open_clocks(horizon), when),
        *_action_items(queries.open_actions_due_by(horizon), when),
    ]
    due = reminders_due(items, today, within_working_days, policy, calendar)
    by_person: dict[Person, Message] = {}
    for item in due.overdue + due.due_soon:
        for person in item.people:
            by_person.setdefault(person, Message(to=person, due_soon=[], overdue=[]))
    for kind in ("overdue", "due_soon"):
        for item in getattr(due, kind):
            for person in item.people:
                getattr(by_person[person], kind).append(item)
    team = council_settings().contact_email.strip()
    summary = (
        Message(to=Person(email=team, name="Complaints Team"), due_soon=due.due_soon, overdue=due.overdue)
        if team and (due.due_soon or due.overdue)
        else None
    )
    return Plan(
        today=today,
        within=within_working_days,
        people=sorted(by_person.values(), key=lambda message: message.to.email),
        summary=summary,
    )


def _people(staff: Iterable[StaffUser | None]) -> tuple[Person, ...]:
    found = {}
    for user in staff:
        if user is not None and user.active and user.email:
            found.setdefault(user.email.strip().lower(), Person(email=user.email.strip().lower(), name=user.name))
    return tuple(found.values())


def _case_items(clocks: list[OpenClock], when: When) -> list[DueItem]:
    return [
        DueItem(
            key=clock.key,
            case_id=clock.case.id,
            reference=clock.case.reference,
            what=clock.step.label if clock.step else "Review the hold (regulation 8)",
            due_on=clock.due_on,
            procedure=clock.case.procedure or clock.case.kind,
            link=external_url("casework.case_detail", reference=clock.case.reference),
            people=_people(
                [clock.handler, clock.case.responding_manager, *(item.staff_user for item in clock.case.assignments)]
            ),
            when=when(clock.due_on, clock.case.procedure or clock.case.kind),
        )
        for clock in clocks
    ]


def _action_items(actions: list[LearningAction], when: When) -> list[DueItem]:
    return [
        DueItem(
            key=f"learning_action:{action.id}",
            case_id=action.record.case_id,
            reference=action.record.case.reference,
            what=f"Learning action: {_short(action.description)}",
            due_on=action.due_on,
            procedure=action.procedure,
            link=external_url("learning.action", action_id=action.id),
            people=_people([action.owner]),
            when=when(action.due_on, action.procedure),
        )
        for action in actions
    ]


def _short(text: str, length: int = 80) -> str:
    words = " ".join(text.split())
    return words if len(words) <= length else words[: length - 1].rstrip() + "…"


# Sending -------------------------------------------------------------------------------------------------------------


def send(planned: Plan) -> Sent:
    """Sends what `planned` lists, leaving out what each address was already reminded of today. Each message is
    claimed and queued in a transaction of its own, so a run that meets another run's claim sends nothing for it."""
    sent_people, summary_sent, message_ids = 0, False, []
    for message in planned.people:
        message_id = _send_one(message, planned, "reminders/emails/reminder.txt", "deadline_reminder")
        if message_id is not None:
            sent_people += 1
            message_ids.append(message_id)
    if planned.summary is not None:
        message_id = _send_one(planned.summary, planned, "reminders/emails/summary.txt", "deadline_summary", SUMMARY)
        if message_id is not None:
            summary_sent = True
            message_ids.append(message_id)
    outbox.deliver_now(message_ids)
    return Sent(people=sent_people, summary=summary_sent, message_ids=message_ids)


def _send_one(message: Message, planned: Plan, template: str, kind: str, whole: str | None = None) -> int | None:
    """Queues one reminder email unless its items (or, for the summary, the day's summary) were already sent to this
    address today. Returns the outbox message's id, or None when nothing went."""
    already = queries.sent_on(message.to.email, planned.today)
    if whole is not None:
        fresh, claims = (message if whole not in already else None), {whole: None}
    else:
        fresh = Message(
            to=message.to,
            due_soon=[item for item in message.due_soon if item.key not in already],
            overdue=[item for item in message.overdue if item.key not in already],
        )
        claims = {item.key: item.case_id for item in fresh.items}
    if fresh is None or not fresh.items or not queries.claim(message.to.email, claims, planned.today):
        return None
    council = council_settings()
    body = render_template(template, message=fresh, plan=planned, council=council)
    queued = outbox.queue_email(
        recipient=message.to.email,
        template=kind,
        subject=_subject(fresh, council.service_name),
        body=body,
        personalisation={"overdue": len(fresh.overdue), "due_soon": len(fresh.due_soon)},
        case_id=fresh.items[0].case_id if len({item.case_id for item in fresh.items}) == 1 else None,
    )
    transaction.commit()
    return queued.id


def _subject(message: Message, service_name: str) -> str:
    parts = []
    if message.overdue:
        parts.append(f"{len(message.overdue)} overdue")
    if message.due_soon:
        parts.append(f"{len(message.due_soon)} due soon")
    return f"{service_name}: {' and '.join(parts)}"
