"""Following a case online without an account (issue 12): what the person is told, what they may do next and by
when, and the rules of the six-digit sign-in code.

Pure rules, given the case's facts and today's date. The words are the person's, not the procedure's: "We are
looking into your complaint", never "Stage 1: response being prepared". Each status has an adult wording and a
child's wording in short, plain words for the Your Voice pages.

Sources: domain.md section 4 (the complainant has 20 working days after the Stage 1 response to ask for Stage 2, and
20 after the Stage 2 adjudication to ask for a review panel; a late request may still be accepted at the council's
discretion: ``portal.domain.clocks.check_escalation_request``), section 7 (advocacy), and seed 004 section 3.2
(Sandwell's portal account, where people "view progress on the complaint and see the response").
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from portal.domain.calendar import format_date
from portal.domain.types import CaseState, Closure, FeedbackKind, Finding, Procedure, Progress, TimescaleStep

# The sign-in code: six digits, sent to the email address or mobile number given with the case.
CODE_DIGITS = 6
CODE_LIFETIME = timedelta(minutes=15)
CODE_TRIES = 5
# After the last wrong try the look-up (that reference with that address) pauses this long before a new code.
PAUSE_AFTER_WRONG_CODES = timedelta(minutes=15)

COMPLAINT_PROCEDURES = frozenset({Procedure.STATUTORY, Procedure.CORPORATE})
_BEFORE_SCREENING = frozenset({CaseState.RECEIVED, CaseState.SCREENING})
OMBUDSMAN_CONTACT = "the Local Government and Social Care Ombudsman (www.lgo.org.uk, 0300 061 0614)"


# The sign-in code -----------------------------------------------------------------------------------------------------


class CodeVerdict(enum.Enum):
    RIGHT = "right"
    WRONG = "wrong"
    # The last try was used up now, or before: the look-up pauses.
    LOCKED = "locked"
    EXPIRED = "expired"


def judge_code(*, right: bool, tries_used: int, sent_at: datetime, now: datetime) -> CodeVerdict:
    """Whether a code typed ``now`` signs the person in. ``tries_used`` counts the wrong codes typed before.

    A code works for CODE_LIFETIME after it was sent, and for CODE_TRIES tries: the fifth wrong code locks it, and
    a locked code stays locked even if the right one is typed afterwards. A look-up that matched no case has a code
    nobody was sent, so it is judged exactly the same way and is never right.
    """
    if tries_used >= CODE_TRIES:
        return CodeVerdict.LOCKED
    if now - sent_at > CODE_LIFETIME:
        return CodeVerdict.EXPIRED
    if right:
        return CodeVerdict.RIGHT
    return CodeVerdict.LOCKED if tries_used + 1 >= CODE_TRIES else CodeVerdict.WRONG


def tries_left(tries_used: int) -> int:
    return max(0, CODE_TRIES - tries_used)


# What the person is told ----------------------------------------------------------------------------------------------

# While a case is on hold or has a possible safeguarding concern, the person following it online sees its reference,
# the day it was received and the messages staff send them, and only these parts that staff choose to share: the
# person hurting a child may be the one reading the page.
SHAREABLE: dict[str, str] = {
    "progress": "Where the case stands, what happens next and by when, and what the person has asked for",
    "points": "The complaint points",
    "response": "The response letters sent and the findings on each point",
}


@dataclass(frozen=True)
class Words:
    """The same thing said for adults and for children."""

    adult: str
    child: str

    def for_child(self, child: bool) -> str:
        return self.child if child else self.adult


@dataclass(frozen=True)
class PublicStatus:
    """Where the case stands, in words: a heading, and what happens next (with the date it will happen by, if any)."""

    title: Words
    next: Words


@dataclass(frozen=True)
class CaseFacts:
    """What the rules need to know about a case. ``due_on`` is the date of the step the council is working towards
    (the extended date if it was extended); ``last_day`` the complainant's last day to ask for the next stage, when
    the case is waiting for that."""

    kind: FeedbackKind
    procedure: Procedure | None
    state: CaseState
    progress: Progress = Progress.NONE
    closure: Closure | None = None
    due_on: date | None = None
    last_day: date | None = None
    # Comments and compliments: passed to the team, and answered.
    passed_on: bool = False
    replied: bool = False
    # Statutory Stage 2 requested, and mediation offered with no answer yet (portal.case_moves.mediation).
    mediation_offered: bool = False


class SimpleStatus(enum.Enum):
    """A comment's or a compliment's own status (issue 12, item 4)."""

    RECEIVED = "received"
    PASSED_ON = "passed_on"
    REPLIED = "replied"


def simple_status(facts: CaseFacts) -> SimpleStatus:
    """Received until screening passes it on; passed to the team (a comment waiting for the manager's answer, a
    compliment shared with the team); replied once the council has answered. domain.md sections 2 and 8."""
    if facts.replied or (facts.kind is FeedbackKind.COMMENT and facts.state is CaseState.CLOSED):
        return SimpleStatus.REPLIED
    if facts.passed_on or facts.state not in _BEFORE_SCREENING:
        return SimpleStatus.PASSED_ON
    return SimpleStatus.RECEIVED


def _on(day: date | None, adult: str, child: str, otherwise: Words) -> Words:
    """Words with the date in them, or other words when there is no date to give."""
    if day is None:
        return otherwise
    return Words(adult.format(date=format_date(day)), child.format(date=format_date(day)))


_SOON = Words("We will write to you soon to say what happens next.", "We will write to you soon.")


def _simple_status_words(facts: CaseFacts) -> PublicStatus:
    noun = facts.kind.label.lower()
    status = simple_status(facts)
    if status is SimpleStatus.REPLIED:
        return PublicStatus(
            Words(f"We have replied to your {noun}", "We have written back to you"),
            Words("Thank you for taking the time to tell us.", "Thank you for telling us."),
        )
    if status is SimpleStatus.PASSED_ON:
        next_words = (
            _on(facts.due_on, "The team will reply by {date}.", "They will write back by {date}.", _SOON)
            if facts.kind is FeedbackKind.COMMENT
            else Words("We will share what you said with the people it is about.", "We will tell them what you said.")
        )
        return PublicStatus(Words(f"We have passed your {noun} to the team", "We have told the team"), next_words)
    return PublicStatus(
        Words(f"We have received your {noun}", "We have got your message"),
        Words("We will pass it to the team it is about.", "We will pass it on to the right team."),
    )


_LATE = Words(
    "The last day to ask was {date}. We may still agree to look at a late request: contact us and tell us why it "
    "is late.",
    "The last day to ask was {date}. You can still ask us. Tell us why it is late.",
)
_WILL_RESPOND = ("We will send you our response by {date}.", "We will write back to you by {date}.")


@dataclass(frozen=True)
class _Say:
    """What a state says: its heading, and what happens next as adult and child templates. A template with
    "{date}" needs the due date (or, with ``window``, the complainant's last day); without it, ``otherwise``."""

    title: Words
    next_adult: str
    next_child: str
    otherwise: Words = _SOON
    window: bool = False


_COMPLAINT_STATES: dict[CaseState, _Say] = {
    CaseState.STAGE_1: _Say(
        Words("We are looking into your complaint", "We are looking into what you told us"),
        *_WILL_RESPOND,
        otherwise=Words("We will write to you soon to say when you will get our response.", _SOON.child),
    ),
    CaseState.STAGE_1_RESPONDED: _Say(
        Words("We have replied", "We have written back to you"),
        "If you are not happy with our response, you can ask for the next stage (Stage 2) by {date}.",
        "Not happy? You can ask for the next step by {date}.",
        window=True,
    ),
    CaseState.MEDIATION: _Say(
        Words("We are arranging mediation", "We are setting up a meeting to talk"),
        "A senior manager will contact you to arrange a meeting to talk things through.",
        "Someone will get in touch to set up the meeting.",
    ),
    CaseState.STAGE_2_REQUESTED: _Say(
        Words("You have asked for Stage 2", "You asked for the next step"),
        "We will agree with you what the investigation will look at. Then an independent investigator will look "
        "into your complaint.",
        "We will talk to you about what to look at. Then someone new will look into it.",
    ),
    CaseState.STAGE_2: _Say(
        Words("An investigator is looking into your complaint", "Someone new is looking into it"), *_WILL_RESPOND
    ),
    CaseState.STAGE_2_ADJUDICATED: _Say(
        Words("We have sent you our Stage 2 response", "We have written back to you"),
        "If you are not happy with it, you can ask for a review panel (Stage 3) by {date}.",
        "Not happy? You can ask for the last step by {date}.",
        window=True,
    ),
    CaseState.STAGE_3_REQUESTED: _Say(
        Words("We are arranging a review panel", "We are setting up a meeting"),
        "The panel will meet by {date}.",
        "The meeting will be by {date}.",
    ),
    CaseState.STAGE_3_PANEL_HELD: _Say(
        Words("The review panel has met", "The meeting has been held"),
        "The panel will send its findings by {date}.",
        "They will write by {date}.",
    ),
    CaseState.STAGE_3_FINDINGS: _Say(
        Words("We are answering the review panel's findings", "We are reading what the meeting found"),
        *_WILL_RESPOND,
    ),
    CaseState.OMBUDSMAN: _Say(
        Words("The Ombudsman is looking at your complaint", "The Ombudsman is looking at it"),
        "The Local Government and Social Care Ombudsman will contact you.",
        "The Ombudsman will get in touch with you.",
    ),
    CaseState.ON_HOLD: _Say(
        Words("Your complaint is on hold", "We have had to pause for now"),
        "We have paused your complaint while other proceedings happen. We will tell you when we can carry on.",
        "We will tell you when we can start again.",
    ),
}
# While an offer of mediation waits for the person's answer (the case waits at "Stage 2 requested").
_MEDIATION_OFFERED = _Say(
    Words("We have offered mediation", "We asked if you want to meet and talk"),
    "A senior manager can meet you to try to put things right before the Stage 2 investigation. Tell us if you "
    "would like this.",
    "Someone can help us all talk it through. Tell us if you want this.",
)
# The Complaint Handling Code's words where the corporate procedure differs (a review, not an investigation).
_CORPORATE_STATES: dict[CaseState, _Say] = {
    CaseState.STAGE_1_RESPONDED: _Say(
        _COMPLAINT_STATES[CaseState.STAGE_1_RESPONDED].title,
        "If you are not happy with our response, you can ask us to review your complaint by {date}.",
        _COMPLAINT_STATES[CaseState.STAGE_1_RESPONDED].next_child,
        window=True,
    ),
    CaseState.STAGE_2_REQUESTED: _Say(
        Words("You have asked us to review your complaint", "You asked for the next step"),
        "We will write to you by {date} to say what happens next.",
        "We will write to you by {date}.",
    ),
    CaseState.STAGE_2: _Say(Words("We are reviewing your complaint", "We are looking at it again"), *_WILL_RESPOND),
}


def _next_words(say: _Say, facts: CaseFacts, today: date) -> Words:
    if "{date}" not in say.next_adult:
        return Words(say.next_adult, say.next_child)
    if not say.window:
        return _on(facts.due_on, say.next_adult, say.next_child, say.otherwise)
    if facts.last_day is not None and today > facts.last_day:
        # Past the last day: a late request may still be accepted at the council's discretion (domain.md section 4).
        return _on(facts.last_day, _LATE.adult, _LATE.child, say.otherwise)
    return _on(facts.last_day, say.next_adult, say.next_child, say.otherwise)


def public_status(facts: CaseFacts, today: date) -> PublicStatus:
    """The status in words, and what happens next and by when (issue 12, item 2). Comments and compliments have
    their simple status; complaints say where they stand in the procedure in the person's words; past the last day
    to ask for the next stage, what comes next is how to ask late."""
    if is_comment_or_compliment(facts):
        return _simple_status_words(facts)
    if facts.state in _BEFORE_SCREENING:
        noun = "request" if facts.kind is FeedbackKind.ADVOCACY_REQUEST else "complaint"
        return PublicStatus(
            Words(f"We have received your {noun}", "We have got your message"),
            _on(
                facts.due_on,
                f"We will check your {noun} and write to you by {{date}} to say what happens next.",
                "We will read it and write to you by {date}.",
                _SOON,
            ),
        )
    if facts.state is CaseState.CLOSED:
        return _closed_status(facts)
    say = _CORPORATE_STATES.get(facts.state) if facts.procedure is Procedure.CORPORATE else None
    if facts.mediation_offered and facts.state is CaseState.STAGE_2_REQUESTED:
        say = _MEDIATION_OFFERED
    say = say or _COMPLAINT_STATES.get(facts.state)
    if say is None:
        return PublicStatus(Words("We are dealing with your complaint", "We are looking into it"), _SOON)
    return PublicStatus(say.title, _next_words(say, facts, today))


def is_comment_or_compliment(facts: CaseFacts) -> bool:
    return facts.kind in (FeedbackKind.COMMENT, FeedbackKind.COMPLIMENT) or facts.procedure in (
        Procedure.COMMENT,
        Procedure.COMPLIMENT,
    )


def _closed_status(facts: CaseFacts) -> PublicStatus:
    ombudsman = Words(
        f"If you are still not happy, you can ask {OMBUDSMAN_CONTACT} to look at it.",
        "Still not happy? You can ask the Ombudsman to look at it.",
    )
    if facts.closure is Closure.WITHDRAWN:
        return PublicStatus(
            Words("You withdrew your complaint", "You stopped your complaint"),
            Words("If you want to complain again, you can make a new complaint.", "You can tell us again at any time."),
        )
    if facts.closure is Closure.NOT_ACCEPTED or facts.procedure is Procedure.NOT_ACCEPTED:
        return PublicStatus(Words("We could not accept your complaint", "We could not look into it"), ombudsman)
    if facts.progress is not Progress.NONE:
        title = Words("We have replied and closed your complaint", "We have written back to you")
        return PublicStatus(title, ombudsman)
    return PublicStatus(Words("We have closed your complaint", "We have finished looking into it"), ombudsman)


# What the person may do next ------------------------------------------------------------------------------------------


class Action(enum.Enum):
    """Something the person can do from the case page (issue 12, item 3)."""

    ADD_INFORMATION = "add_information"
    ASK_FOR_ADVOCATE = "ask_for_advocate"
    ASK_FOR_STAGE_2 = "ask_for_stage_2"
    ANSWER_MEDIATION = "answer_mediation"
    ASK_FOR_STAGE_3 = "ask_for_stage_3"
    WITHDRAW = "withdraw"


@dataclass(frozen=True)
class Offer:
    """An action the page offers, with its last date (``None``: while the case is open) and whether that date has
    passed (the page then says how to ask late instead of offering the form)."""

    action: Action
    last_day: date | None = None
    late: bool = False


# The complainant's windows: the state that waits for the request, the step of the window, and the action.
WINDOWS: dict[CaseState, tuple[TimescaleStep, Action]] = {
    CaseState.STAGE_1_RESPONDED: (TimescaleStep.REQUEST_STAGE_2, Action.ASK_FOR_STAGE_2),
    CaseState.STAGE_2_ADJUDICATED: (TimescaleStep.REQUEST_STAGE_3, Action.ASK_FOR_STAGE_3),
}


def offers(facts: CaseFacts, today: date, *, advocate_running: bool = False) -> list[Offer]:
    """What the person may do now, in the order the page shows it.

    - Add information or files, and withdraw: while a complaint is open and not with the Ombudsman.
    - Ask for an advocate: while a complaint is open and no request or referral is already running (domain.md
      section 7: children have a right to one; adults may ask too).
    - Ask for Stage 2 (or a corporate review) while the Stage 1 response's window runs; ask for a review panel while
      the adjudication's window runs (statutory only). Past the last day the offer is marked late: the page explains
      that the council may still accept it and how to ask (``check_escalation_request``).
    - Accept or decline mediation while it is offered and not yet answered (``facts.mediation_offered``).
    Comments and compliments can have information added while they are open, nothing else.
    """
    if facts.state is CaseState.CLOSED:
        return []
    if is_comment_or_compliment(facts):
        return [Offer(Action.ADD_INFORMATION)]
    if facts.state is CaseState.OMBUDSMAN:
        return []
    found = [Offer(Action.ADD_INFORMATION)]
    window = WINDOWS.get(facts.state)
    if window is not None and (facts.procedure is Procedure.STATUTORY or window[1] is Action.ASK_FOR_STAGE_2):
        late = facts.last_day is not None and today > facts.last_day
        found.append(Offer(window[1], facts.last_day, late))
    if facts.mediation_offered and facts.state is CaseState.STAGE_2_REQUESTED:
        found.append(Offer(Action.ANSWER_MEDIATION))
    if not advocate_running:
        found.append(Offer(Action.ASK_FOR_ADVOCATE))
    found.append(Offer(Action.WITHDRAW))
    return found


def offer_of(found: list[Offer], action: Action) -> Offer | None:
    return next((offer for offer in found if offer.action is action), None)


# What the person asks for online, as the audit trail names it, and how staff read it.
ADDED_INFORMATION = "complainant_added_information"
CONFIRMED_POINTS = "complainant_confirmed_points"
CORRECTED_POINTS = "complainant_corrected_points"
ASKED_FOR_ADVOCATE = "complainant_asked_for_advocate"
WITHDREW = "complainant_withdrew"
REQUESTS_FOR_STAFF: dict[str, str] = {
    ADDED_INFORMATION: "Added information online",
    CONFIRMED_POINTS: "Confirmed the complaint points online",
    CORRECTED_POINTS: "Said the complaint points are wrong or incomplete",
    ASKED_FOR_ADVOCATE: "Asked for an advocate online",
    WITHDREW: "Withdrew the complaint online",
}
# Requests that move the case are audited by the services staff use too (portal.case_moves.requests and
# .mediation), under their names, whether the person asked online or told staff.
ASKED_FOR_STAGE_2 = "stage_2_requested"
ASKED_FOR_STAGE_3 = "stage_3_requested"
ACCEPTED_MEDIATION = "mediation_accepted"
DECLINED_MEDIATION = "mediation_declined"
# What the email to staff says the person did online.
STAFF_TOLD: dict[str, str] = {
    **REQUESTS_FOR_STAFF,
    ASKED_FOR_STAGE_2: "Asked for Stage 2 online",
    ASKED_FOR_STAGE_3: "Asked for a review panel (Stage 3) online",
    ACCEPTED_MEDIATION: "Accepted mediation online",
    DECLINED_MEDIATION: "Declined mediation online: the Stage 2 request stands",
}


# The timeline ---------------------------------------------------------------------------------------------------------

# What the person reads when the case entered each state: the timeline's entries. Requests for the next stage and
# answers to mediation are told from their own events instead (a declined mediation returns to "Stage 2 requested").
STATE_EVENTS: dict[CaseState, Words] = {
    CaseState.STAGE_1: Words("We started looking into your complaint", "We started looking into it"),
    CaseState.STAGE_1_RESPONDED: Words("We sent you our response", "We wrote back to you"),
    CaseState.STAGE_2: Words("The Stage 2 investigation started", "Someone new started looking into it"),
    CaseState.STAGE_2_ADJUDICATED: Words("We sent you our Stage 2 response", "We wrote back to you"),
    CaseState.STAGE_3_PANEL_HELD: Words("The review panel met", "The meeting was held"),
    CaseState.STAGE_3_FINDINGS: Words("The review panel sent its findings", "The meeting sent what it found"),
    CaseState.OMBUDSMAN: Words("The Ombudsman started looking at your complaint", "The Ombudsman started looking"),
    CaseState.ON_HOLD: Words("Your complaint was put on hold", "We had to pause"),
    CaseState.AWAITING_RESPONSE: Words("We passed it to the team", "We passed it on"),
}

# A finding on a complaint point, in plain words (domain.md section 5).
FINDING_WORDS: dict[Finding, Words] = {
    Finding.UPHELD: Words("Upheld: we agree with you", "We agree with you"),
    Finding.PARTIALLY_UPHELD: Words("Partly upheld: we agree with some of it", "We agree with some of it"),
    Finding.NOT_UPHELD: Words("Not upheld: we do not agree", "We do not agree"),
    Finding.NO_FINDING: Words("No finding: we could not say either way", "We could not tell"),
}
