"""`flask reminders send`: each allocated person is emailed about what of theirs is due soon or overdue, the Complaints
Team gets a summary, and nothing is sent twice in a day, even by two runs at once. Checked in the SMTP sink."""

from datetime import date

import pytest
from sqlalchemy import func, select

from portal.common.clock import uk_today
from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.learning_models import LearningAction, ReminderSent
from portal.data.models import CaseAssignment, OutboxMessage, StageRecord
from portal.data.queries.settings import council_settings
from portal.domain.calendar import add_working_days, subtract_working_days
from portal.domain.types import CaseState, FeedbackKind, LearningActionStatus, Procedure, StaffRole, TimescaleStep
from portal.reminders import services
from tests.integration.auth.staff import make_staff
from tests.integration.casework.conftest import make_case
from tests.integration.learning.conftest import add_categories, add_learning, upheld_case

TEAM_ADDRESS = "complaints@anytown.example"


def working_days(n: int) -> date:
    """`n` working days from today (negative: ago), counting bank holidays."""
    holidays = council_calendar().bank_holidays
    today = uk_today()
    return add_working_days(today, n, holidays) if n >= 0 else subtract_working_days(today, -n, holidays)


def stage_1_case(
    reference: str,
    due_on: date,
    manager=None,
    state=CaseState.STAGE_1,
    step=TimescaleStep.STAGE_1_RESPONSE,
    extended_to: date | None = None,
    **fields,
):
    """An acknowledged statutory complaint whose timed step `step` is due on `due_on` (or `extended_to`)."""
    return make_case(
        reference=reference,
        procedure=Procedure.STATUTORY,
        state=state,
        acknowledged_on=date(2026, 1, 5),
        acknowledgement_due_on=date(2026, 1, 6),
        responding_manager_id=manager.id if manager else None,
        stages=[
            StageRecord(
                state=state,
                procedure=Procedure.STATUTORY,
                step=step,
                started_on=date(2026, 1, 5),
                due_on=due_on,
                extended_to=extended_to,
            )
        ],
        **fields,
    )


# A Tuesday with no bank holiday near, so that the working days counted below are the same whenever the tests run.
TUESDAY = date(2027, 3, 2)


@pytest.fixture
def world(app_context, today_is):
    today_is(TUESDAY)
    add_categories()
    settings = council_settings()
    settings.contact_email = TEAM_ADDRESS
    db.session.commit()
    manager = make_staff("amara@anytown.example", StaffRole.RESPONDING_MANAGER, name="Amara Holt")
    investigator = make_staff("bo@anytown.example", StaffRole.INVESTIGATOR, name="Bo Linden")
    owner = make_staff("cal@anytown.example", StaffRole.LEARNING_LEAD, name="Cal Brightwater")
    gone = make_staff("gone@anytown.example", StaffRole.RESPONDING_MANAGER, name="Left Already")
    gone.active = False
    db.session.commit()

    stage_1_case("CF-DUE-SOO-N01", working_days(1), manager)
    overdue = stage_1_case("CF-OVE-RDU-E02", working_days(-3), manager)
    db.session.add(CaseAssignment(case_id=overdue.id, staff_user_id=investigator.id))
    stage_1_case("CF-NOT-YET-003", working_days(10), manager)
    stage_1_case("CF-LEF-TAL-004", working_days(-1), gone)
    # The complainant's time to ask for Stage 2 is not a deadline for staff.
    stage_1_case(
        "CF-THE-IRT-IME",
        working_days(1),
        manager,
        state=CaseState.STAGE_1_RESPONDED,
        step=TimescaleStep.REQUEST_STAGE_2,
    )
    # Extended: due at the new date, not the old one.
    stage_1_case("CF-EXT-END-ED5", working_days(-4), manager, extended_to=working_days(15))
    # On hold (regulation 8): the hold's own row, with no step, is its review date.
    stage_1_case("CF-ON-HOL-D06", working_days(2), manager, state=CaseState.ON_HOLD, step=None)
    # A comment whose promised reply no timed step tracks yet.
    make_case(
        reference="CF-COM-MEN-T07",
        kind=FeedbackKind.COMMENT,
        procedure=Procedure.COMMENT,
        state=CaseState.AWAITING_RESPONSE,
        response_due_on=working_days(0),
        acknowledgement_due_on=working_days(-9),
        responding_manager_id=manager.id,
    )
    make_case(
        reference="CF-UNA-LLO-CAT",
        kind=FeedbackKind.COMPLAINT,
        state=CaseState.RECEIVED,
        acknowledgement_due_on=working_days(-1),
    )
    make_case(reference="CF-CLO-SED-007", state=CaseState.CLOSED, acknowledgement_due_on=working_days(-5))
    add_learning(
        upheld_case(reference="CF-LEA-RNI-NG8"),
        actions=[
            ("Train the team on safe sleep advice", owner, uk_today()),
            ("Update the leaflet", manager, working_days(-2)),
            ("Already done", owner, working_days(-5), LearningActionStatus.DONE),
            ("Much later", owner, working_days(30)),
        ],
    )
    db.session.commit()
    return manager, investigator, owner


def by_recipient(sink) -> dict[str, str]:
    found = {}
    for message in sink.messages:
        [recipient] = message["To"].addresses
        assert recipient.addr_spec not in found, f"two emails to {recipient.addr_spec}"
        found[recipient.addr_spec] = message.get_content()
    return found


def listed(body: str) -> list[str]:
    return [line.removeprefix("- ").split(":")[0] for line in body.splitlines() if line.startswith("- ")]


def test_each_person_and_the_complaints_team_get_exactly_their_reminders_and_nothing_twice(
    cli_runner, world, app_sends_by_smtp
):
    result = cli_runner.invoke(args=["reminders", "send"])
    assert result.exit_code == 0, result.output
    assert "Sent 3 reminder(s) to staff and the summary to the Complaints Team." in result.output

    emails = by_recipient(app_sends_by_smtp)
    assert set(emails) == {"amara@anytown.example", "bo@anytown.example", "cal@anytown.example", TEAM_ADDRESS}
    amara = emails["amara@anytown.example"]
    overdue, due_soon = amara.split("Due soon")
    assert listed(overdue) == ["CF-OVE-RDU-E02", "CF-LEA-RNI-NG8"]
    assert listed(due_soon) == ["CF-COM-MEN-T07", "CF-DUE-SOO-N01", "CF-ON-HOL-D06"]
    assert "- CF-ON-HOL-D06: Review the hold (regulation 8)\n" in amara
    assert "- CF-COM-MEN-T07: Response to the comment\n" in amara
    assert "- CF-OVE-RDU-E02: Stage 1 response\n" in amara
    assert "(overdue by 3 working days)" in amara and "(1 working day left)" in amara
    assert "Learning action: Update the leaflet" in amara
    assert "http://localhost/staff/cases/CF-OVE-RDU-E02" in amara
    assert listed(emails["bo@anytown.example"]) == ["CF-OVE-RDU-E02"]
    cal = emails["cal@anytown.example"]
    assert listed(cal) == ["CF-LEA-RNI-NG8"] and "Train the team on safe sleep advice" in cal and "(due today)" in cal
    action = db.session.scalar(select(LearningAction).where(LearningAction.description.startswith("Train")))
    assert f"http://localhost/staff/learning/actions/{action.id}" in cal

    summary = emails[TEAM_ADDRESS]
    assert summary.startswith("Deadlines on ")
    summary_overdue, summary_due_soon = summary.split("Due soon")
    assert listed(summary_overdue) == ["CF-OVE-RDU-E02", "CF-LEA-RNI-NG8", "CF-LEF-TAL-004", "CF-UNA-LLO-CAT"]
    assert listed(summary_due_soon) == ["CF-COM-MEN-T07", "CF-LEA-RNI-NG8", "CF-DUE-SOO-N01", "CF-ON-HOL-D06"]
    assert "With Amara Holt, Bo Linden." in summary and "Nobody active is allocated." in summary
    for body in emails.values():
        for quiet in (
            "CF-NOT-YET-003",
            "CF-THE-IRT-IME",
            "CF-EXT-END-ED5",
            "CF-CLO-SED-007",
            "Already done",
            "Much later",
        ):
            assert quiet not in body

    # The same day again: nothing is sent twice.
    again = cli_runner.invoke(args=["reminders", "send"])
    assert again.exit_code == 0, again.output
    assert "Sent 0 reminder(s) to staff and no summary" in again.output
    assert len(app_sends_by_smtp.messages) == 4
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 4


def test_something_newly_due_the_same_day_is_sent_alone(cli_runner, world, app_sends_by_smtp):
    manager, _, _ = world
    cli_runner.invoke(args=["reminders", "send"])
    stage_1_case("CF-NEW-LYD-UE9", working_days(0), manager)
    cli_runner.invoke(args=["reminders", "send"])
    later = app_sends_by_smtp.messages[4:]
    assert [message["To"].addresses[0].addr_spec for message in later] == ["amara@anytown.example"]
    assert listed(later[0].get_content()) == ["CF-NEW-LYD-UE9"]


def test_two_runs_at_once_send_each_reminder_once(app_context, world, app_sends_by_smtp):
    today = uk_today()
    assert today == TUESDAY
    # Both runs look before either sends, as two servers starting at the same moment would.
    first, second = services.plan(today, 3), services.plan(today, 3)
    assert services.send(first).people == 3
    late = services.send(second)
    assert (late.people, late.summary, late.message_ids) == (0, False, [])
    assert len(app_sends_by_smtp.messages) == 4
    keys = db.session.execute(
        select(ReminderSent.recipient, ReminderSent.item, ReminderSent.sent_on).order_by(ReminderSent.id)
    ).all()
    assert len(keys) == len(set(keys)) == 8  # five items for Amara, one each for Bo and Cal, and the summary


def test_within_sets_how_far_ahead_and_nothing_due_sends_nothing(cli_runner, world, app_sends_by_smtp):
    result = cli_runner.invoke(args=["reminders", "send", "--within", "0"])
    assert result.exit_code == 0, result.output
    emails = by_recipient(app_sends_by_smtp)
    assert "Due soon" not in emails["bo@anytown.example"]
    assert listed(emails["cal@anytown.example"]) == ["CF-LEA-RNI-NG8"]  # due today is due within 0 working days
    assert "CF-DUE-SOO-N01" not in emails["amara@anytown.example"]
    assert cli_runner.invoke(args=["reminders", "send", "--within", "-1"]).exit_code != 0


def test_nothing_due_sends_nothing(cli_runner, app_context, app_sends_by_smtp):
    result = cli_runner.invoke(args=["reminders", "send"])
    assert result.exit_code == 0
    assert "Sent 0 reminder(s) to staff and no summary" in result.output
    assert app_sends_by_smtp.messages == []
