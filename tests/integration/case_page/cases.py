"""Cases that one member of staff may see and another may not, for every role."""

from portal.data.database import db
from portal.data.models import Attachment, Case, CaseAssignment, StaffUser
from portal.domain.types import StaffRole
from tests.integration.auth.staff import make_staff, make_team
from tests.integration.casework.conftest import make_case

_emails = iter(f"staff{number}@anytown.example" for number in range(1, 10_000))


def staff_with_role(role: StaffRole) -> StaffUser:
    team = make_team(f"Team for {next(_emails)}") if role == StaffRole.RESPONDING_MANAGER else None
    return make_staff(next(_emails), role, team=team, name=f"{role.label} person")


def case_they_may_see(user: StaffUser, **fields) -> Case:
    """A case `user` may open: allocated to a responding manager, assigned to an investigator, made by a child for a
    participation officer; any case for the Complaints Team."""
    if user.role == StaffRole.RESPONDING_MANAGER:
        fields.setdefault("responding_manager_id", user.id)
    if user.role == StaffRole.PARTICIPATION_OFFICER:
        fields.setdefault("made_by_child", True)
    case = make_case(**fields)
    if user.role == StaffRole.INVESTIGATOR:
        db.session.add(CaseAssignment(case_id=case.id, staff_user_id=user.id))
        db.session.commit()
    return case


def case_they_may_not_see(**fields) -> Case:
    """A case no one but the Complaints Team may open: no team, no manager, no assignment, made by an adult."""
    return make_case(**fields)


def attach(case: Case, storage, data: bytes, filename: str = "letter.pdf", content_type: str = "application/pdf"):
    key = storage.save(data)
    attachment = Attachment(
        case_id=case.id,
        filename=filename,
        content_type=content_type,
        size_bytes=len(data),
        sha256="0" * 64,
        storage_key=key,
    )
    db.session.add(attachment)
    db.session.commit()
    return attachment
