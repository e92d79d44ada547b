"""The Participation Team's reads and writes: children's cases, advocacy referrals, the contact log, follow-ups and
their survey links. Every list of cases is limited by need-to-know (`case_access.visible_to`)."""

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.orm import selectinload

from portal.data.database import db
from portal.data.models import AdvocacyReferral, Case, OutboxMessage, StaffUser
from portal.data.participation_models import ContactLogEntry, FollowUp, SurveyLink
from portal.data.queries.case_access import involves_a_child, visible_to
from portal.domain.closing_the_loop import OPEN_FOLLOW_UP_STATUSES, Audience, FollowUpStatus, SurveyOutcome
from portal.domain.types import CaseState, OutboxStatus, Procedure

# Enough for any council's children's cases in a year (seed 004: 22 complaints and 13 informal feedback).
LIST_LIMIT = 500

_CASE_DETAILS = (
    selectinload(Case.children),
    selectinload(Case.advocacy_referrals),
    selectinload(Case.submitter),
    selectinload(Case.team),
    selectinload(Case.stages),
    selectinload(Case.themes),
)


def _childrens_cases(viewer: StaffUser) -> ColumnElement[bool]:
    return and_(visible_to(viewer), involves_a_child())


# Cases --------------------------------------------------------------------------------------------------------------


def childrens_cases(viewer: StaffUser, *, open_only: bool | None) -> list[Case]:
    """Children's cases `viewer` may see, open ones first, newest first. `open_only` None means every case."""
    query = select(Case).where(_childrens_cases(viewer)).options(*_CASE_DETAILS)
    if open_only is True:
        query = query.where(Case.state != CaseState.CLOSED)
    elif open_only is False:
        query = query.where(Case.state == CaseState.CLOSED)
    query = query.order_by((Case.state == CaseState.CLOSED), Case.received_on.desc(), Case.id.desc())
    return list(db.session.scalars(query.limit(LIST_LIMIT)))


def childrens_case(reference: str, viewer: StaffUser) -> Case | None:
    """The case, if it is a child's case and `viewer` may see it."""
    return db.session.scalar(select(Case).where(Case.reference == reference, _childrens_cases(viewer)))


def child_involved(case_id: int) -> bool:
    return db.session.scalar(select(Case.id).where(Case.id == case_id, involves_a_child())) is not None


def informal_feedback(viewer: StaffUser, first_day: date, last_day: date) -> list[Case]:
    """Children's informal feedback (comments) received between the two days, newest first."""
    query = (
        select(Case)
        .where(
            _childrens_cases(viewer),
            Case.procedure == Procedure.COMMENT,
            Case.received_on.between(first_day, last_day),
        )
        .options(*_CASE_DETAILS)
        .order_by(Case.received_on.desc(), Case.id.desc())
    )
    return list(db.session.scalars(query.limit(LIST_LIMIT)))


def weekly_list(viewer: StaffUser, closed_since: date) -> list[Case]:
    """Children's cases open now, or closed on or after `closed_since`, oldest first: the agenda of the weekly
    meeting with the Complaints Team (seed 004, section 5.1)."""
    query = (
        select(Case)
        .where(
            _childrens_cases(viewer),
            or_(Case.state != CaseState.CLOSED, Case.closed_on >= closed_since),
        )
        .options(*_CASE_DETAILS)
        .order_by(Case.received_on, Case.id)
    )
    return list(db.session.scalars(query.limit(LIST_LIMIT)))


# Advocacy referrals -------------------------------------------------------------------------------------------------


def referrals(viewer: StaffUser) -> list[AdvocacyReferral]:
    """Every advocacy referral on a case `viewer` may see, newest request first."""
    query = (
        select(AdvocacyReferral)
        .join(Case, AdvocacyReferral.case_id == Case.id)
        .where(visible_to(viewer))
        .options(selectinload(AdvocacyReferral.case).selectinload(Case.children))
        .order_by(AdvocacyReferral.requested_on.desc(), AdvocacyReferral.id.desc())
    )
    return list(db.session.scalars(query.limit(LIST_LIMIT)))


def referral_of(case: Case, referral_id: int) -> AdvocacyReferral | None:
    return next((referral for referral in case.advocacy_referrals if referral.id == referral_id), None)


def add_referral(case: Case, referral: AdvocacyReferral) -> AdvocacyReferral:
    case.advocacy_referrals.append(referral)
    db.session.flush()
    return referral


# Contact log --------------------------------------------------------------------------------------------------------


def contact_log(case_id: int) -> list[ContactLogEntry]:
    """The contacts with the child, most recent first."""
    query = (
        select(ContactLogEntry)
        .where(ContactLogEntry.case_id == case_id)
        .options(selectinload(ContactLogEntry.staff_user))
        .order_by(ContactLogEntry.contacted_on.desc(), ContactLogEntry.id.desc())
    )
    return list(db.session.scalars(query))


def latest_contacts(case_ids: Iterable[int]) -> dict[int, ContactLogEntry]:
    """The most recent contact for each case that has one."""
    ids = list(case_ids)
    if not ids:
        return {}
    entries = db.session.scalars(
        select(ContactLogEntry)
        .where(ContactLogEntry.case_id.in_(ids))
        .order_by(ContactLogEntry.contacted_on, ContactLogEntry.id)
    )
    return {entry.case_id: entry for entry in entries}


def add_contact(entry: ContactLogEntry) -> ContactLogEntry:
    db.session.add(entry)
    db.session.flush()
    return entry


# Follow-ups ---------------------------------------------------------------------------------------------------------


def add_follow_up_once(case: Case, audience: Audience, closed_on: date) -> FollowUp:
    """The follow-up for this closure of the case, made if there is none yet."""
    existing = db.session.scalar(
        select(FollowUp).where(
            FollowUp.case_id == case.id, FollowUp.audience == audience, FollowUp.closed_on == closed_on
        )
    )
    if existing is not None:
        return existing
    follow_up = FollowUp(case_id=case.id, audience=audience, closed_on=closed_on, status=FollowUpStatus.TO_DO)
    db.session.add(follow_up)
    db.session.flush()
    return follow_up


def follow_ups_of_cases(case_ids: Iterable[int], audience: Audience) -> dict[int, FollowUp]:
    """The latest follow-up of each case, for one audience."""
    ids = list(case_ids)
    if not ids:
        return {}
    rows = db.session.scalars(
        select(FollowUp)
        .where(FollowUp.case_id.in_(ids), FollowUp.audience == audience)
        .order_by(FollowUp.closed_on, FollowUp.id)
    )
    return {follow_up.case_id: follow_up for follow_up in rows}


def childrens_follow_ups(viewer: StaffUser, statuses: Iterable[FollowUpStatus]) -> list[FollowUp]:
    """Children's follow-ups on cases `viewer` may see, with those statuses; the oldest closure first."""
    query = (
        select(FollowUp)
        .join(Case, FollowUp.case_id == Case.id)
        .where(FollowUp.audience == Audience.CHILD, FollowUp.status.in_(list(statuses)), visible_to(viewer))
        .options(selectinload(FollowUp.case).selectinload(Case.children), selectinload(FollowUp.links))
        .order_by(FollowUp.closed_on, FollowUp.id)
    )
    return list(db.session.scalars(query.limit(LIST_LIMIT)))


def follow_up_of(case: Case, follow_up_id: int, audience: Audience) -> FollowUp | None:
    return db.session.scalar(
        select(FollowUp).where(FollowUp.id == follow_up_id, FollowUp.case_id == case.id, FollowUp.audience == audience)
    )


def claim_follow_up(follow_up_id: int) -> bool:
    """Marks a follow-up answered if it is still waiting for answers. False if it was answered or closed meanwhile,
    so two answers arriving at once never both count."""
    claimed = db.session.execute(
        update(FollowUp)
        .where(FollowUp.id == follow_up_id, FollowUp.status.in_(list(OPEN_FOLLOW_UP_STATUSES)))
        .values(status=FollowUpStatus.ANSWERED)
        .execution_options(synchronize_session=False)
    ).rowcount
    return bool(claimed)


def awaiting_reminder(sent_on_or_before: date) -> list[FollowUp]:
    """Follow-ups whose survey went out on or before the day and has had no answer and no reminder."""
    query = (
        select(FollowUp)
        .where(
            FollowUp.status == FollowUpStatus.SENT,
            FollowUp.reminder_wanted.is_(True),
            FollowUp.reminded_on.is_(None),
            FollowUp.asked_on <= sent_on_or_before,
        )
        .options(selectinload(FollowUp.links), selectinload(FollowUp.case))
        .order_by(FollowUp.id)
    )
    return list(db.session.scalars(query))


def adult_surveys_to_send() -> list[FollowUp]:
    query = (
        select(FollowUp)
        .where(FollowUp.audience == Audience.ADULT, FollowUp.status == FollowUpStatus.TO_DO)
        .options(selectinload(FollowUp.case).selectinload(Case.submitter))
        .order_by(FollowUp.id)
    )
    return list(db.session.scalars(query))


def survey_outcomes_between(audience: Audience, first_day: date, last_day: date) -> list[SurveyOutcome]:
    """The follow-ups a results report counts in the period (asked in it, or marked as an advocate's check in it), as
    the domain counts them. The Participation Team's results and the annual report both read them here."""
    query = select(FollowUp.status, FollowUp.asked_on, FollowUp.marked_on, FollowUp.answers, FollowUp.feeling).where(
        FollowUp.audience == audience,
        or_(
            FollowUp.asked_on.between(first_day, last_day),
            and_(FollowUp.status == FollowUpStatus.ADVOCATE_CHECK, FollowUp.marked_on.between(first_day, last_day)),
        ),
    )
    outcomes = []
    for status, asked_on, marked_on, answers, feeling in db.session.execute(query):
        advocate = status is FollowUpStatus.ADVOCATE_CHECK
        outcomes.append(
            SurveyOutcome(
                counted_on=marked_on if advocate else asked_on,
                asked=not advocate,
                answered=status is FollowUpStatus.ANSWERED,
                answers=answers or {},
                feeling=feeling.value if feeling else None,
            )
        )
    return outcomes


def first_counted_day(audience: Audience) -> date | None:
    """The earliest day any follow-up for the audience was asked or marked: where the report's years begin."""
    asked, marked = db.session.execute(
        select(func.min(FollowUp.asked_on), func.min(FollowUp.marked_on)).where(FollowUp.audience == audience)
    ).one()
    days = [day for day in (asked, marked) if day is not None]
    return min(days) if days else None


# Survey links -------------------------------------------------------------------------------------------------------


def add_link(link: SurveyLink) -> SurveyLink:
    db.session.add(link)
    db.session.flush()
    return link


def link_by_hash(token_hash: str) -> SurveyLink | None:
    return db.session.scalar(
        select(SurveyLink).where(SurveyLink.token_hash == token_hash).options(selectinload(SurveyLink.follow_up))
    )


def claim_link(link_id: int, now: datetime) -> bool:
    """Uses up a link that is still unused and unexpired. False when it was used or ran out meanwhile."""
    claimed = db.session.execute(
        update(SurveyLink)
        .where(SurveyLink.id == link_id, SurveyLink.used_at.is_(None), SurveyLink.expires_at > now)
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    return bool(claimed)


def sent_messages_with_links(template_prefix: str, link_marker: str) -> list[OutboxMessage]:
    """Messages of the templates starting `template_prefix` that have gone and still hold a link."""
    return list(
        db.session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.template.startswith(template_prefix),
                OutboxMessage.status == OutboxStatus.SENT,
                OutboxMessage.body.contains(link_marker),
            )
        )
    )
