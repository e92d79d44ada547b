"""Screening: which procedure a submission should go to, and what staff must check before deciding.

``recommend()`` is one pure function from the facts the Complaints Team gathers to a ``Recommendation``: a
procedure, the reasons for it in plain English, and flags. Staff make the decision; the recommendation explains
itself so they can agree or overrule it. Flags never change the procedure on their own: they are things to check
or do (a late complaint, the child's consent, an advocate, a safeguarding concern).

Sources: domain.md section 3 (Staffordshire's "Criteria for Accessing the Statutory Complaints Procedure" and
"Screening System", seed 003; Dudley's grandparent example, seed 000); Children Act 1989 sections 26(3) and 26A;
the Children Act 1989 Representations Procedure (England) Regulations 2006, regulations 8 (concurrent proceedings)
and 9 (time limit).
"""

from dataclasses import dataclass
from datetime import date

from portal.domain.calendar import one_year_after
from portal.domain.types import ChildStatus, FeedbackKind, Procedure, SubmitterRole

DEFAULT_CONSENT_AGE = 12
DEFAULT_SUFFICIENT_INTEREST_ANSWERS = 2

# Children who can use the statutory procedure themselves, and those whose parents can (a care leaver is an adult,
# so a care leaver's parent is not eligible automatically).
CHILD_ELIGIBLE_STATUSES = frozenset(
    {
        ChildStatus.LOOKED_AFTER,
        ChildStatus.IN_NEED,
        ChildStatus.CARE_LEAVER,
        ChildStatus.SPECIAL_GUARDIANSHIP,
        ChildStatus.ADOPTION,
    }
)
PARENT_ELIGIBLE_STATUSES = CHILD_ELIGIBLE_STATUSES - {ChildStatus.CARE_LEAVER}
# Children Act 1989 s26(3)(e): sufficient interest opens the statutory procedure only about a child who is looked
# after or in need, or a care leaver (domain.md section 3). Special guardianship and adoption have their own lists
# of who may complain, without a sufficient-interest route.
SUFFICIENT_INTEREST_STATUSES = frozenset({ChildStatus.LOOKED_AFTER, ChildStatus.IN_NEED, ChildStatus.CARE_LEAVER})

CHECK_CHILD_STATUS = (
    "Check the child's status in the records. Treat the complaint as statutory until they show the child is not "
    "looked after, in need or a care leaver; if they show that, screen it again."
)

_STATUS_PHRASES = {
    ChildStatus.LOOKED_AFTER: "looked after by the council",
    ChildStatus.IN_NEED: "a child in need",
    ChildStatus.CARE_LEAVER: "a care leaver",
    ChildStatus.SPECIAL_GUARDIANSHIP: "under a special guardianship order",
    ChildStatus.ADOPTION: "adopted or may be adopted",
}

# Roles eligible in their own right, whatever the child's status.
_ELIGIBLE_ROLES = {
    SubmitterRole.FOSTER_CARER: (
        "Local authority foster carers (including those placed through independent fostering agencies) can use "
        "the statutory procedure."
    ),
    SubmitterRole.SPECIAL_GUARDIAN: "Special guardians can use the statutory procedure.",
    SubmitterRole.ADOPTER: "Adopters and people wishing to adopt can use the statutory procedure.",
}

SUFFICIENT_INTEREST_QUESTIONS = {
    "party_to_proceedings": "party to court proceedings about the child",
    "attends_conferences": "attends child protection conferences, family group conferences or core groups",
    "frequent_contact_with_social_worker": "in frequent contact with the social worker",
    "plans_shared": "has the plans for the child shared with them",
    "has_cared_for_child": "has had care of the child",
    "directly_involved": "was directly involved in the matters complained about",
}
# Either of these answers alone shows sufficient interest.
_DECISIVE_QUESTIONS = ("party_to_proceedings", "has_cared_for_child")


@dataclass(frozen=True)
class ScreeningFacts:
    """What the Complaints Team knows about a submission when screening it (domain.md section 3).

    ``None`` means "not known yet". The sufficient-interest answers come from the social work records.
    """

    kind: FeedbackKind
    received_on: date
    submitter_role: SubmitterRole
    about_child: bool = False
    child_status: ChildStatus = ChildStatus.UNKNOWN
    has_parental_responsibility: bool | None = None
    on_behalf_of_child: bool = False
    about_own_service: bool = False
    about_statutory_function: bool | None = None
    party_to_proceedings: bool | None = None
    attends_conferences: bool | None = None
    frequent_contact_with_social_worker: bool | None = None
    plans_shared: bool | None = None
    has_cared_for_child: bool | None = None
    directly_involved: bool | None = None
    grounds_arose_on: date | None = None
    repeat_of_investigated_case: bool = False
    child_age: int | None = None
    child_consents: bool | None = None
    contact_dispute: bool = False
    about_school: bool = False
    advocate_requested: bool = False
    safeguarding_concern: bool = False
    concurrent_proceedings: bool = False


@dataclass(frozen=True)
class Recommendation:
    """The procedure screening recommends, why, and what staff should check or do.

    ``on_hold`` means the complaint should go into its procedure on hold (regulation 8): the reasons say why.
    """

    procedure: Procedure
    reasons: tuple[str, ...]
    flags: tuple[str, ...] = ()
    on_hold: bool = False


def recommend(
    facts: ScreeningFacts,
    consent_age: int = DEFAULT_CONSENT_AGE,
    sufficient_interest_answers: int = DEFAULT_SUFFICIENT_INTEREST_ANSWERS,
) -> Recommendation:
    """Recommends a procedure for a submission, with reasons staff can read and flags to check.

    Rules, in order (domain.md section 3):

    1. A compliment goes to the compliments process and a comment to comments and representations. A duty matter
       enters no procedure.
    2. A complaint about a school is outside the procedures: schools have their own.
    3. A complaint the same as one already investigated is not accepted.
    4. A relative without parental responsibility complaining about their own contact with the child goes to the
       corporate procedure (Dudley's grandparent example, seed 000).
    5. Someone eligible for the statutory procedure (Children Act 1989 s26(3): a child who is looked after, in
       need, a care leaver, under a special guardianship order or adopted; their parent or person with parental
       responsibility; a local authority foster carer; a special guardian; an adopter; someone acting for an
       eligible child) goes to the statutory procedure, unless the complaint is not about a statutory children's
       social care function. A child whose status is not known yet is treated as eligible until the records
       show otherwise, and so is a complaint made for that child or by their parent or someone with parental
       responsibility, with the action ``CHECK_CHILD_STATUS``: parents never have to show sufficient interest.
    6. Someone else complaining about a child who is looked after, in need or a care leaver (s26(3)(e)) goes to
       the statutory procedure when they have sufficient interest in the child's welfare: at least
       ``sufficient_interest_answers`` (default 2) "yes" answers to the six sufficient-interest questions, or a
       "yes" to being party to court proceedings or having cared for the child. About a child whose status is not
       known yet, the same, with the action ``CHECK_CHILD_STATUS``. About any other child, sufficient interest
       does not open the statutory procedure and the reasons say so.
    7. Everything else goes to the corporate procedure.

    Regulation 8: a complaint for either complaints procedure whose consideration would prejudice concurrent court,
    criminal or disciplinary proceedings or a police enquiry is recommended ``on_hold`` (the corporate procedure
    follows the same rule), with a reason saying so.

    Flags: a possible safeguarding concern; more than one year since the grounds arose (calendar date one year on;
    the council may still accept it); the child's consent when someone acts for a child aged ``consent_age`` or
    over; the representative's suitability; offering an advocate (s26A); facts still to check. A request for an
    advocate is screened as a complaint.
    """
    procedure, reasons, checks = _route(facts, sufficient_interest_answers)
    flags = _flags(facts, procedure, consent_age) + checks
    on_hold = facts.concurrent_proceedings and procedure in (Procedure.STATUTORY, Procedure.CORPORATE)
    if on_hold:
        reasons.append(_HOLD_REASON)
    return Recommendation(procedure=procedure, reasons=tuple(reasons), flags=tuple(flags), on_hold=on_hold)


_HOLD_REASON = (
    "Considering the complaint now would prejudice concurrent court, criminal or disciplinary proceedings or a "
    "police enquiry, so put it on hold until they end, tell the complainant why and set a date to review the hold "
    "(regulation 8 of the 2006 Regulations; the corporate procedure follows the same rule)."
)


def is_out_of_time(grounds_arose_on: date, received_on: date) -> bool:
    """Whether a complaint was made more than one year after the grounds arose.

    Regulation 9 of the 2006 Regulations: a complaint must be made no later than one year after the grounds arose,
    so one received on the anniversary itself is in time. Calendar dates; 29 February counts to 28 February. The
    council may still accept a late complaint (domain.md section 3), so this only ever produces a flag.
    """
    return received_on > one_year_after(grounds_arose_on)


def sufficient_interest(
    facts: ScreeningFacts, minimum_answers: int = DEFAULT_SUFFICIENT_INTEREST_ANSWERS
) -> tuple[bool, list[str]]:
    """Whether the answers show sufficient interest in the child's welfare, and the questions answered "yes".

    Sufficient interest is shown by a "yes" to being party to court proceedings or to having had care of the child,
    or by at least ``minimum_answers`` "yes" answers in all. Unanswered questions count as "no". Source: the
    Staffordshire sufficient-interest questions (seed 003; domain.md section 3); the threshold is a portal default.
    """
    yes = [name for name in SUFFICIENT_INTEREST_QUESTIONS if getattr(facts, name) is True]
    shown = any(name in yes for name in _DECISIVE_QUESTIONS) or len(yes) >= minimum_answers
    return shown, yes


def _route(facts: ScreeningFacts, minimum_answers: int) -> tuple[Procedure, list[str], list[str]]:
    """The procedure, the reasons for it and any facts still to check."""
    if facts.kind is FeedbackKind.COMPLIMENT:
        return Procedure.COMPLIMENT, ["This is a compliment: record it and share it with the team."], []
    if facts.kind is FeedbackKind.COMMENT:
        return (
            Procedure.COMMENT,
            ["This is a comment: the person does not want a formal complaint. Send it to the manager to answer."],
            [],
        )
    if facts.kind is FeedbackKind.DUTY_MATTER:
        return (
            Procedure.OUTSIDE_PROCEDURES,
            ["This is a duty matter: answer it or signpost the person; it enters no procedure."],
            [],
        )
    if facts.about_school:
        return (
            Procedure.OUTSIDE_PROCEDURES,
            ["The complaint is about a school, and schools have their own complaints procedure: signpost the person."],
            [],
        )
    if facts.repeat_of_investigated_case:
        return (
            Procedure.NOT_ACCEPTED,
            [
                "The complaint is the same as one already investigated and answered, so it is not accepted. "
                "Tell the person why and that they can go to the Local Government and Social Care Ombudsman."
            ],
            [],
        )
    return _route_complaint(facts, minimum_answers)


def _route_complaint(facts: ScreeningFacts, minimum_answers: int) -> tuple[Procedure, list[str], list[str]]:
    if _is_relative_contact_dispute(facts):
        return (
            Procedure.CORPORATE,
            [
                "A relative without parental responsibility complaining about their own contact with the child is "
                "not eligible for the statutory procedure, so the corporate procedure applies."
            ],
            [],
        )
    eligible = _automatic_eligibility(facts)
    if eligible and facts.about_statutory_function is False:
        return Procedure.CORPORATE, [eligible, _NOT_STATUTORY_FUNCTION], []
    if eligible:
        checks = [CHECK_CHILD_STATUS] if eligible in _UNTIL_THE_RECORDS_SAY else []
        if facts.about_statutory_function is None:
            checks.append(_CHECK_FUNCTION)
        return Procedure.STATUTORY, [eligible], checks
    return _route_by_interest(facts, minimum_answers)


def _route_by_interest(facts: ScreeningFacts, minimum_answers: int) -> tuple[Procedure, list[str], list[str]]:
    """Children Act 1989 s26(3)(e): anyone else the council judges to have sufficient interest in the welfare of a
    child who is looked after, in need or a care leaver."""
    checks = []
    status = facts.child_status
    if facts.about_child and status is ChildStatus.UNKNOWN:
        checks.append(
            "The child's status is not known yet: check the records. Sufficient interest opens the statutory "
            "procedure only for a child who is looked after, in need or a care leaver."
        )
    if facts.about_statutory_function is False:
        return Procedure.CORPORATE, [_NOT_STATUTORY_FUNCTION, *_own_service(facts)], checks
    if facts.submitter_role is SubmitterRole.CHILD:
        reason = (
            "The young person is not looked after, in need, a care leaver, under a special guardianship order or "
            "adopted, so the corporate procedure applies."
        )
        return Procedure.CORPORATE, [reason], checks
    if not facts.about_child:
        reason = "The complainant is not eligible for the statutory procedure and the complaint is not about a child."
        return Procedure.CORPORATE, [reason, *_own_service(facts)], checks
    if status is not ChildStatus.UNKNOWN and status not in SUFFICIENT_INTEREST_STATUSES:
        reason = (
            f"The child is {_OTHER_STATUS_PHRASES.get(status, 'not looked after, in need or a care leaver')}, and "
            "sufficient interest opens the statutory procedure only for a child who is looked after, in need or a "
            "care leaver, so the corporate procedure applies."
        )
        return Procedure.CORPORATE, [reason, *_own_service(facts)], checks
    shown, yes = sufficient_interest(facts, minimum_answers)
    unanswered = [name for name in SUFFICIENT_INTEREST_QUESTIONS if getattr(facts, name) is None]
    if shown:
        if status is ChildStatus.UNKNOWN:
            checks = [CHECK_CHILD_STATUS]
        if facts.about_statutory_function is None:
            checks.append(_CHECK_FUNCTION)
        answers = "; ".join(SUFFICIENT_INTEREST_QUESTIONS[name] for name in yes)
        return (
            Procedure.STATUTORY,
            [f"The complainant has sufficient interest in the child's welfare: {answers}."],
            checks,
        )
    if unanswered:
        checks.append(
            f"Sufficient-interest questions not answered yet: {len(unanswered)} of "
            f"{len(SUFFICIENT_INTEREST_QUESTIONS)}. Check the social work records before deciding."
        )
    reason = (
        f"Sufficient interest in the child's welfare is not shown ({len(yes)} of "
        f"{len(SUFFICIENT_INTEREST_QUESTIONS)} questions answered yes; it needs {minimum_answers}, or being party to "
        "court proceedings, or having cared for the child), so the corporate procedure applies."
    )
    return Procedure.CORPORATE, [reason, *_own_service(facts)], checks


_OTHER_STATUS_PHRASES = {
    ChildStatus.OTHER: "not looked after, in need or a care leaver",
    ChildStatus.SPECIAL_GUARDIANSHIP: "under a special guardianship order but not looked after or in need",
    ChildStatus.ADOPTION: "adopted or may be adopted but is not looked after or in need",
}


_NOT_STATUTORY_FUNCTION = (
    "The complaint is not about a statutory children's social care function, so the corporate procedure applies."
)
_CHECK_FUNCTION = (
    "Confirm that the complaint is about a statutory children's social care function (Children Act 1989, Part 3 "
    "or adoption and special guardianship). If it is not, use the corporate procedure."
)


def _own_service(facts: ScreeningFacts) -> list[str]:
    if facts.about_own_service:
        return ["The complaint is about a service the person received themselves."]
    return []


def _is_relative_contact_dispute(facts: ScreeningFacts) -> bool:
    return (
        facts.submitter_role is SubmitterRole.RELATIVE
        and facts.contact_dispute
        and facts.has_parental_responsibility is not True
        and not facts.on_behalf_of_child
    )


def _has_parental_responsibility(facts: ScreeningFacts) -> bool:
    return facts.submitter_role is SubmitterRole.PARENT or facts.has_parental_responsibility is True


def _automatic_eligibility(facts: ScreeningFacts) -> str | None:
    """The reason the complainant can use the statutory procedure without a sufficient-interest decision, if any.

    A child of unknown status, and anyone acting for them or with parental responsibility for them, is eligible
    until the records show otherwise: the caller adds ``CHECK_CHILD_STATUS``.
    """
    role = facts.submitter_role
    status = facts.child_status
    unknown = status is ChildStatus.UNKNOWN
    if role is SubmitterRole.CHILD:
        if status in CHILD_ELIGIBLE_STATUSES:
            return f"The young person is {_STATUS_PHRASES[status]}, so they can use the statutory procedure."
        return _UNKNOWN_CHILD if unknown else None
    if role in _ELIGIBLE_ROLES:
        return _ELIGIBLE_ROLES[role]
    if facts.on_behalf_of_child and status in CHILD_ELIGIBLE_STATUSES:
        return (
            f"The complaint is made on behalf of a child who is {_STATUS_PHRASES[status]}, who can use the "
            "statutory procedure."
        )
    if facts.on_behalf_of_child and unknown:
        return _FOR_UNKNOWN_CHILD
    if _has_parental_responsibility(facts) and facts.about_child:
        if status in PARENT_ELIGIBLE_STATUSES:
            return (
                f"A parent or person with parental responsibility for a child who is {_STATUS_PHRASES[status]} can "
                "use the statutory procedure."
            )
        if unknown:
            # Parents never need to show sufficient interest (domain.md section 3).
            return _PARENT_OF_UNKNOWN_CHILD
    return None


_UNKNOWN_CHILD = (
    "The complaint is from a child or young person whose status is not known yet: treat it as statutory until the "
    "records show the child is not looked after, in need or a care leaver."
)
_FOR_UNKNOWN_CHILD = (
    "The complaint is made on behalf of a child whose status is not known yet: treat it like the child's own "
    "complaint, as statutory until the records show the child is not looked after, in need or a care leaver."
)
_PARENT_OF_UNKNOWN_CHILD = (
    "The complaint is from a parent or person with parental responsibility, and the child's status is not known "
    "yet: treat it like the child's own complaint, as statutory until the records show the child is not looked "
    "after, in need or a care leaver. Parents do not need to show sufficient interest."
)
_UNTIL_THE_RECORDS_SAY = frozenset({_UNKNOWN_CHILD, _FOR_UNKNOWN_CHILD, _PARENT_OF_UNKNOWN_CHILD})


def _flags(facts: ScreeningFacts, procedure: Procedure, consent_age: int) -> list[str]:
    flags = []
    if facts.safeguarding_concern:
        flags.append(
            "Possible safeguarding concern: follow the safeguarding procedure now, whatever the complaint route."
        )
    if procedure not in (Procedure.STATUTORY, Procedure.CORPORATE):
        return flags
    flags.extend(_time_limit_flags(facts))
    if facts.on_behalf_of_child:
        flags.extend(_representative_flags(facts, consent_age))
    child_involved = facts.submitter_role is SubmitterRole.CHILD or facts.on_behalf_of_child
    if facts.kind is FeedbackKind.ADVOCACY_REQUEST or facts.advocate_requested:
        flags.append(
            "The child has asked for an advocate: make the referral (Children Act 1989, section 26A). The Stage 1 "
            "response can be extended when an advocate is involved."
        )
    elif procedure is Procedure.STATUTORY and child_involved and facts.submitter_role is not SubmitterRole.ADVOCATE:
        flags.append("Offer the child an independent advocate (Children Act 1989, section 26A).")
    return flags


def _time_limit_flags(facts: ScreeningFacts) -> list[str]:
    if facts.grounds_arose_on is None:
        return []
    if facts.grounds_arose_on > facts.received_on:
        return ["The date the grounds arose is after the date the complaint was received: check the dates."]
    if is_out_of_time(facts.grounds_arose_on, facts.received_on):
        return [
            "More than one year since the grounds arose: the council may still accept it if it was not reasonable "
            "to complain sooner and the complaint can still be considered effectively and fairly."
        ]
    return []


def _representative_flags(facts: ScreeningFacts, consent_age: int) -> list[str]:
    flags = []
    if facts.submitter_role is not SubmitterRole.CHILD:
        flags.append("Decide whether the person is a suitable representative to complain on the child's behalf.")
    if facts.child_consents is False:
        flags.append(
            "The child does not agree to the complaint being made for them: speak to the child about their views "
            "before going further."
        )
    elif facts.child_age is None:
        if facts.child_consents is not True:
            flags.append("The child's age is not recorded: record it and confirm the child's views.")
    elif facts.child_age >= consent_age and facts.child_consents is not True:
        flags.append(
            f"The child is aged {consent_age} or over: confirm the child's consent to the complaint being made for "
            "them, taking account of their understanding."
        )
    return flags
