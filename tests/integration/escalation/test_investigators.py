"""People from outside the council: the Complaints Team gives them an investigator account from the Stage 2 page, they
are emailed a link to set it up, and once chosen for a Stage 2 they see that case and no other."""

from datetime import date

from sqlalchemy import select

from portal.case_moves.requests import record_stage_2_request
from portal.data.database import db
from portal.data.models import OutboxMessage, StaffUser
from portal.domain.types import StaffRole
from tests.integration.escalation.conftest import page, responded
from tests.integration.stages.conftest import error_messages

ASKED = date(2027, 1, 20)


def test_an_outside_investigator_gets_an_account_and_sees_only_the_case_they_are_given(officer, client_for):
    case = responded(officer)
    other = responded(officer)
    record_stage_2_request(case, ASKED, False, user=officer, today=ASKED)
    team = client_for(officer)
    response = team.post(page(case, "/stage-2/investigator-account"), data={"name": "", "email": "ira@"})
    assert error_messages(response) == [
        "Enter their name",
        "Enter an email address in the correct format, like name@example.com",
    ]
    response = team.post(
        page(case, "/stage-2/investigator-account"), data={"name": "Ira Quennell", "email": "ira@example.org"}
    )
    assert response.status_code == 302
    investigator = db.session.scalar(select(StaffUser).where(StaffUser.email == "ira@example.org"))
    assert (investigator.role, investigator.password_hash) == (StaffRole.INVESTIGATOR, None)
    assert db.session.scalar(
        select(OutboxMessage.recipient)
        .where(OutboxMessage.template == "staff_account_set_up")
        .order_by(OutboxMessage.id)
    ) == ("ira@example.org")
    response = team.post(
        page(case, "/stage-2/investigator-account"), data={"name": "Ira Again", "email": "ira@example.org"}
    )
    assert error_messages(response) == ["There is already an account for ira@example.org"]

    investigating = client_for(investigator)
    assert investigating.get(page(case, "/stage-2")).status_code == 404
    team.post(page(case, "/stage-2/people"), data={"investigating_officer": str(investigator.id)})
    assert investigating.get(page(case, "/stage-2")).status_code == 200
    assert investigating.get(page(case, "/findings")).status_code == 200
    assert investigating.get(page(case, "/response")).status_code == 403
    assert investigating.get(page(other, "/stage-2")).status_code == 404
    assert investigating.post(page(case, "/stage-2/terms-of-reference"), data={}).status_code == 403
