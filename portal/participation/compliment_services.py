"""The work behind the compliments register: recording, sharing with the team and the staff named, preparing an
anonymised version, approving and publishing it (domain.md section 8; seed 004, section 12)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask import render_template

from portal.common.changes import changes, snapshot
from portal.data import transaction
from portal.data.models import StaffUser
from portal.data.participation_models import Compliment, ComplimentStaff
from portal.data.queries import audit
from portal.data.queries import compliments as queries
from portal.data.queries.settings import council_settings
from portal.domain.anonymise import KnownPerson, PersonKind, Suggestion, names_left, suggest
from portal.domain.compliments import (
    INTERNAL_SOURCES,
    ComplimentSource,
    approval_problems,
    publication_problems,
)
from portal.domain.types import Channel, StaffRole
from portal.notifications import outbox

COMPLIMENT_ROLES = (StaffRole.COMPLAINTS_OFFICER, StaffRole.COMPLAINTS_MANAGER)
# Approving the words that will be published is a manager's call.
APPROVER_ROLES = (StaffRole.COMPLAINTS_MANAGER,)
# The counts carry no personal details.
COUNTS_ROLES = (*COMPLIMENT_ROLES, StaffRole.LEARNING_LEAD, StaffRole.REPORT_VIEWER)


def _audit(user: StaffUser | None, action: str, compliment: Compliment, **detail) -> None:
    audit.record(
        user.id if user else None,
        action,
        case_id=compliment.case_id,
        detail={"compliment_id": compliment.id, **detail},
    )


@dataclass(frozen=True)
class NewCompliment:
    received_on: date
    channel: Channel
    source: ComplimentSource
    internal: bool
    team_ids: list[int]
    giver_name: str | None
    text: str
    children_named: str | None
    others_named: str | None
    may_share: bool | None
    may_publish: bool | None
    staff: list[tuple[str, str | None, str | None]]  # name, job title, email


def record(user: StaffUser, details: NewCompliment) -> Compliment:
    compliment = Compliment(
        received_on=details.received_on,
        channel=details.channel,
        source=details.source,
        internal=details.internal,
        giver_name=details.giver_name,
        text=details.text,
        children_named=details.children_named,
        others_named=details.others_named,
        may_share=details.may_share,
        may_publish=details.may_publish,
        recorded_by_id=user.id,
    )
    compliment.teams.extend(queries.teams_by_ids(details.team_ids))
    for name, job_title, email in details.staff:
        compliment.staff_named.append(ComplimentStaff(name=name, job_title=job_title, email=email))
    queries.add_compliment(compliment)
    _audit(
        user,
        "compliment_recorded",
        compliment,
        source=details.source.value,
        teams=[team.name for team in compliment.teams],
    )
    transaction.commit()
    return compliment


def default_internal(source: ComplimentSource) -> bool:
    return source in INTERNAL_SOURCES


def record_view(user: StaffUser, compliment: Compliment) -> None:
    _audit(user, "compliment_viewed", compliment)
    transaction.commit()


def record_register_view(user: StaffUser, page: int) -> None:
    audit.record(user.id, "compliments_register_viewed", detail={"page": page})
    transaction.commit()


def counts_for_year(year: int) -> queries.ComplimentCounts:
    """The counts for reporting year `year` (1 April to 31 March)."""
    return queries.compliment_counts(date(year, 4, 1), date(year + 1, 3, 31))


def add_staff_member(user: StaffUser, compliment: Compliment, name: str, job_title: str | None, email: str | None):
    compliment.staff_named.append(ComplimentStaff(name=name, job_title=job_title, email=email))
    _audit(user, "compliment_staff_added", compliment, name=name)
    transaction.commit()


def set_consent(user: StaffUser, compliment: Compliment, may_share: bool | None, may_publish: bool | None) -> None:
    """What the person who gave it agreed to. Withdrawing agreement to publish takes the compliment down."""
    fields = ("may_share", "may_publish", "published_at")
    before = snapshot(compliment, fields)
    compliment.may_share = may_share
    compliment.may_publish = may_publish
    if may_publish is not True:
        compliment.published_at = None
    _audit(user, "compliment_consent_changed", compliment, changes=changes(before, snapshot(compliment, fields)))
    transaction.commit()


# Sharing ----------------------------------------------------------------------------------------------------------


def share_recipients(compliment: Compliment) -> list[str]:
    """The team managers of each team, the team's own address, and the staff named who have an email address;
    each once."""
    addresses = [manager.email for manager in queries.team_managers(compliment.teams)]
    addresses += [team.email for team in compliment.teams if team.email]
    addresses += [member.email for member in compliment.staff_named if member.email]
    unique: dict[str, str] = {}
    for address in addresses:
        unique.setdefault(address.strip().lower(), address.strip())
    return list(unique.values())


def sharing_problems(compliment: Compliment) -> list[str]:
    if compliment.may_share is False:
        return ["The person who gave the compliment asked us not to share it"]
    if not share_recipients(compliment):
        return [
            "There is no one to send it to: add a team with an email address or a team manager, or the email "
            "address of a member of staff it names"
        ]
    return []


def share(user: StaffUser, compliment: Compliment, now: datetime) -> list[int]:
    """Emails the compliment to its team managers and the staff it names, through the outbox. Returns the message
    ids to deliver once committed; the caller checks `sharing_problems` first."""
    recipients = share_recipients(compliment)
    teams = ", ".join(team.name for team in compliment.teams) or "your team"
    body = render_template(
        "participation/emails/compliment_shared.txt",
        compliment=compliment,
        teams=teams,
        council=council_settings(),
    )
    messages = [
        outbox.queue_email(
            recipient=recipient,
            template="compliment_shared",
            subject=f"A compliment for {teams}",
            body=body,
            personalisation={"teams": teams},
            case_id=compliment.case_id,
        )
        for recipient in recipients
    ]
    compliment.shared_at = now
    _audit(user, "compliment_shared", compliment, recipients=len(recipients))
    transaction.commit()
    return [message.id for message in messages]


# Anonymising and publishing ---------------------------------------------------------------------------------------


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def known_people(compliment: Compliment) -> list[KnownPerson]:
    """Everyone the record names: staff, children, the person who gave it and anyone else written down."""
    people = [KnownPerson(member.name, PersonKind.STAFF) for member in compliment.staff_named]
    people += [KnownPerson(name, PersonKind.CHILD) for name in _lines(compliment.children_named)]
    people += [KnownPerson(name, PersonKind.OTHER) for name in _lines(compliment.others_named)]
    if compliment.giver_name:
        people.append(KnownPerson(compliment.giver_name, PersonKind.OTHER))
    case = compliment.case
    if case is not None:
        people += [KnownPerson(child.name, PersonKind.CHILD) for child in case.children if child.name]
        if case.worker_name:
            people.append(KnownPerson(case.worker_name, PersonKind.STAFF))
        if case.submitter and case.submitter.name:
            people.append(KnownPerson(case.submitter.name, PersonKind.OTHER))
    return people


def suggestion(compliment: Compliment) -> Suggestion:
    return suggest(compliment.text, known_people(compliment))


def remaining_names(compliment: Compliment) -> list[str]:
    return names_left(compliment.anonymised_text or "", known_people(compliment))


def save_anonymised(user: StaffUser, compliment: Compliment, text: str) -> None:
    """Keeps the anonymised version. A changed version needs approving again, and comes down if it was published."""
    fields = ("anonymised_text", "approved_at", "published_at")
    before = snapshot(compliment, fields)
    if text != compliment.anonymised_text:
        compliment.anonymised_text = text
        compliment.approved_at = compliment.approved_by_id = compliment.published_at = None
    _audit(user, "compliment_anonymised", compliment, changes=changes(before, snapshot(compliment, fields)))
    transaction.commit()


def approve(user: StaffUser, compliment: Compliment, now: datetime) -> list[str]:
    """Approves the anonymised version for publication, unless it is missing or still names someone."""
    problems = approval_problems(compliment.anonymised_text, remaining_names(compliment))
    if problems:
        return problems
    compliment.approved_by_id = user.id
    compliment.approved_at = now
    _audit(user, "compliment_approved", compliment)
    transaction.commit()
    return []


def publication_blockers(compliment: Compliment) -> list[str]:
    return publication_problems(compliment.may_publish, compliment.approved_at is not None)


def publish(user: StaffUser, compliment: Compliment, now: datetime) -> list[str]:
    problems = publication_blockers(compliment)
    if problems:
        return problems
    compliment.published_at = now
    _audit(user, "compliment_published", compliment)
    transaction.commit()
    return []


def unpublish(user: StaffUser, compliment: Compliment) -> None:
    compliment.published_at = None
    _audit(user, "compliment_unpublished", compliment)
    transaction.commit()
