"""What a person following their case may see of it, as plain data for the templates (issue 12, item 2).

Only what is meant for them: the dates it was received and acknowledged, where it stands in their words and what
happens next by when, the team dealing with it (a name only when the council allows), the complaint points, any
extension with its reason, the messages staff sent them, the response letters sent and the findings those letters
gave, and what they themselves asked for. Never internal notes, staff names (unless allowed), documents staff added,
or anything not yet sent.

A case on hold, or with a possible safeguarding concern, shows only the parts staff chose to share with the person
(`Case.tracking_shared`, from `portal.domain.tracking.SHAREABLE`), besides the messages staff sent them: the person
hurting a child may be the one reading the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from portal.case_moves import mediation
from portal.common.clock import UK
from portal.data.models import Case, StageRecord
from portal.data.queries import screening as stage_queries
from portal.data.queries import tracking as queries
from portal.data.queries.settings import council_settings
from portal.data.stage_models import ResponseLetter
from portal.domain.tracking import (
    ACCEPTED_MEDIATION,
    ADDED_INFORMATION,
    ASKED_FOR_ADVOCATE,
    ASKED_FOR_STAGE_2,
    ASKED_FOR_STAGE_3,
    CONFIRMED_POINTS,
    CORRECTED_POINTS,
    DECLINED_MEDIATION,
    FINDING_WORDS,
    SHAREABLE,
    STATE_EVENTS,
    Action,
    CaseFacts,
    Offer,
    PublicStatus,
    SimpleStatus,
    Words,
    is_comment_or_compliment,
    offers,
    public_status,
    simple_status,
)
from portal.domain.types import CaseState, Closure, FeedbackKind, TimescaleStep
from portal.tracking import services

CHECKING_POINTS = frozenset({CaseState.RECEIVED, CaseState.SCREENING, CaseState.STAGE_1})
WINDOW_STEPS = frozenset({TimescaleStep.REQUEST_STAGE_2, TimescaleStep.REQUEST_STAGE_3})
_ANY_TIME = time(12, 0)


def is_restricted(case: Case) -> bool:
    """On hold, or with a possible safeguarding concern: only what staff chose to share is shown."""
    return case.state is CaseState.ON_HOLD or case.safeguarding_flag


def shared_parts(case: Case) -> frozenset[str]:
    if not is_restricted(case):
        return frozenset(SHAREABLE)
    return frozenset(part for part in (case.tracking_shared or []) if part in SHAREABLE)


def is_childs(case: Case) -> bool:
    """A case a child made gets the child-friendly pages."""
    return case.made_by_child


@dataclass(frozen=True)
class Entry:
    """One line of the person's timeline: when, what, and any words that go with it."""

    on: date
    title: str
    text: str | None = None
    letter: ResponseLetter | None = None
    at: datetime = field(default=datetime.min.replace(tzinfo=UTC), compare=False)


@dataclass(frozen=True)
class PointView:
    number: int
    text: str
    findings: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class CaseView:
    case: Case
    child: bool
    noun: str
    status: PublicStatus | None
    simple: SimpleStatus | None
    dealt_with_by: str | None
    due_on: date | None
    last_day: date | None
    points: tuple[PointView, ...]
    timeline: tuple[Entry, ...]
    offers: tuple[Offer, ...]
    restricted: bool
    shared: frozenset[str]

    def words(self, words: Words) -> str:
        return words.for_child(self.child)

    def offer(self, action: Action) -> Offer | None:
        return next((offer for offer in self.offers if offer.action is action), None)

    @property
    def may_check_points(self) -> bool:
        """ "Tell us if we have got this wrong" (domain.md section 4, the acknowledgement): until the response."""
        return bool(self.points) and self.case.state in CHECKING_POINTS and "progress" in self.shared


def _open_row(case: Case) -> StageRecord | None:
    row = stage_queries.open_stage(case)
    return row if row is not None and row.state is case.state else None


def _due_and_last_day(case: Case) -> tuple[date | None, date | None]:
    """The date the council's current step is due by (the extended date if extended), or the person's last day to ask
    for the next stage when the case waits for that."""
    if case.state in (CaseState.RECEIVED, CaseState.SCREENING):
        return case.acknowledgement_due_on or case.response_due_on, None
    row = _open_row(case)
    if row is None:
        return (case.response_due_on if case.state is CaseState.AWAITING_RESPONSE else None), None
    if row.step in WINDOW_STEPS:
        return None, row.due_on
    return row.current_due_on, None


def facts_of(case: Case) -> CaseFacts:
    due_on, last_day = _due_and_last_day(case)
    replied = any(note.shared_with_complainant for note in case.notes) and case.kind is FeedbackKind.COMPLIMENT
    return CaseFacts(
        kind=case.kind,
        procedure=case.procedure,
        state=case.state,
        progress=case.progress,
        closure=case.closure,
        due_on=due_on,
        last_day=last_day,
        passed_on=_compliment_shared(case),
        replied=replied,
        mediation_offered=mediation.offer_waiting(case) is not None,
    )


def _compliment_shared(case: Case) -> bool:
    return case.kind is FeedbackKind.COMPLIMENT and case.state is CaseState.CLOSED


def _dealt_with_by(case: Case, child: bool) -> str | None:
    team = case.team.name if case.team is not None else None
    manager = case.responding_manager
    if council_settings().tracking_shows_staff_names and manager is not None:
        return f"{manager.name}, {team}" if team else manager.name
    return team or ("The Complaints Team" if not child else None)


def _points(case: Case, response_stages: set[int], child: bool) -> tuple[PointView, ...]:
    views = []
    for point in case.points:
        findings = tuple(
            (finding.stage, FINDING_WORDS[finding.finding].for_child(child))
            for finding in point.findings
            if finding.stage in response_stages
        )
        views.append(PointView(number=point.number, text=point.text, findings=findings))
    return tuple(views)


def _midday(day: date) -> datetime:
    return datetime.combine(day, _ANY_TIME, UK)


_OWN_WORDS = {
    ADDED_INFORMATION: Words("You sent us more information", "You told us more"),
    CONFIRMED_POINTS: Words("You told us the complaint points are right", "You said we got it right"),
    CORRECTED_POINTS: Words("You told us what we got wrong or missed", "You told us what we got wrong"),
    ASKED_FOR_ADVOCATE: Words("You asked for an advocate", "You asked for someone to help you"),
    ASKED_FOR_STAGE_2: Words("You asked for Stage 2", "You asked for the next step"),
    ASKED_FOR_STAGE_3: Words("You asked for a review panel", "You asked for the last step"),
    "mediation_offered": Words("We offered mediation", "We asked if you want to meet and talk"),
    ACCEPTED_MEDIATION: Words("You said yes to mediation", "You said yes to meeting"),
    DECLINED_MEDIATION: Words("You said no to mediation", "You said no to meeting"),
}


def _timeline(case: Case, child: bool, shared: frozenset[str]) -> tuple[Entry, ...]:
    def say(words: Words) -> str:
        return words.for_child(child)

    noun = case.kind.label.lower()
    entries = [
        Entry(
            case.received_on,
            say(Words(f"We received your {noun}", "We got your message")),
            at=_midday(case.received_on),
        )
    ]
    entries += [
        Entry(
            note.created_at.astimezone(UK).date(),
            say(Words("Message from us", "A message from us")),
            note.body,
            at=note.created_at,
        )
        for note in case.notes
        if note.shared_with_complainant
    ]
    if "progress" in shared:
        entries += _progress_entries(case, say)
    if "response" in shared:
        entries += [
            Entry(
                letter.sent_on,
                say(Words(_letter_title(letter), "We wrote back to you")),
                letter=letter,
                at=_midday(letter.sent_on),
            )
            for letter in queries.sent_letters(case)
        ]
    return tuple(sorted(entries, key=lambda entry: (entry.on, entry.at), reverse=True))


def _progress_entries(case: Case, say) -> list[Entry]:
    entries = []
    if case.acknowledged_on:
        words = Words("We acknowledged your complaint", "We wrote to say we are looking at it")
        entries.append(Entry(case.acknowledged_on, say(words), at=_midday(case.acknowledged_on)))
    for row in case.stages:
        words = STATE_EVENTS.get(row.state)
        if words is not None and row.state is not CaseState.STAGE_1_RESPONDED:
            entries.append(Entry(row.started_on, say(words), at=_midday(row.started_on)))
        for extension in row.extensions:
            text = Words(
                f"We will now send our response by {extension.new_due_on.day} {extension.new_due_on:%B %Y}. "
                f"This is because: {extension.reason}",
                f"We will now write back by {extension.new_due_on.day} {extension.new_due_on:%B %Y}. "
                f"This is why: {extension.reason}",
            )
            entries.append(Entry(extension.granted_on, say(Words("We need more time", "We need more time")), say(text)))
    if case.closed_on:
        words = (
            Words("You withdrew your complaint", "You stopped your complaint")
            if case.closure is Closure.WITHDRAWN
            else Words(f"We closed your {case.kind.label.lower()}", "We finished looking into it")
        )
        entries.append(Entry(case.closed_on, say(words), at=_midday(case.closed_on)))
    for event in queries.events_of(case, tuple(_OWN_WORDS)):
        entries.append(
            Entry(event.occurred_at.astimezone(UK).date(), say(_OWN_WORDS[event.action]), at=event.occurred_at)
        )
    return entries


def _letter_title(letter: ResponseLetter) -> str:
    return f"Our Stage {letter.stage} response" if letter.stage else "Our response"


def case_view(case: Case, today: date) -> CaseView:
    """Everything the case page shows, as the person may see it today."""
    child = is_childs(case)
    shared = shared_parts(case)
    facts = facts_of(case)
    response_stages = (
        {letter.stage for letter in queries.sent_letters(case) if letter.stage} if "response" in shared else set()
    )
    if "progress" in shared:
        status = public_status(facts, today)
        found = offers(facts, today, advocate_running=services.advocacy_running(case))
    else:
        status = None
        found = [offer for offer in offers(facts, today) if offer.action is Action.ADD_INFORMATION]
    return CaseView(
        case=case,
        child=child,
        noun=case.kind.label.lower(),
        status=status,
        simple=simple_status(facts) if is_comment_or_compliment(facts) else None,
        dealt_with_by=_dealt_with_by(case, child) if "progress" in shared else None,
        due_on=facts.due_on,
        last_day=facts.last_day,
        points=_points(case, response_stages, child) if "points" in shared else (),
        timeline=_timeline(case, child, shared),
        offers=tuple(found),
        restricted=is_restricted(case),
        shared=shared,
    )
