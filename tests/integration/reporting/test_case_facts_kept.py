"""Each case keeps the facts the annual report counts with (portal.data.case_facts): its Stage 1 response
(`Case.stage_1_answered_on` and the rest), set when a move sends the response, when a history is imported, and put
right whenever its stage records change; and who complained (`Case.submitter_role`, `Case.submitter_key`), set when it
is made or imported and put right when the submitter is corrected or replaced."""

from datetime import date

from sqlalchemy import select

from portal.case_moves.moving import move_case
from portal.data.database import db
from portal.data.models import Case, StageRecord
from portal.domain.types import CaseState, ClockEvent, Procedure
from tests.integration.auth.staff import make_staff
from tests.integration.casework.conftest import make_case
from tests.integration.reporting.history import answered, row, to_csv
from tests.integration.stages.conftest import screen

RECEIVED, RESPONDED = date(2027, 1, 4), date(2027, 1, 15)


def _answered_on(case: Case) -> date | None:
    db.session.expire(case)
    return case.stage_1_answered_on


def _answer(case: Case) -> tuple:
    db.session.expire(case)
    return case.stage_1_answered_on, case.stage_1_clock_started_on, case.stage_1_due_on, case.stage_1_extended


def test_sending_the_stage_1_response_keeps_its_day_on_the_case(app_context):
    officer = make_staff()
    case = make_case(received_on=RECEIVED)
    screen(case, officer, Procedure.STATUTORY, on=RECEIVED)
    assert _answered_on(case) is None

    move_case(
        case,
        officer,
        CaseState.STAGE_1_RESPONDED,
        on=RESPONDED,
        action="stage_1_response_sent",
        event=ClockEvent.STAGE_1_RESPONSE_SENT,
    )

    [row] = [row for row in case.stages if row.completed_by is ClockEvent.STAGE_1_RESPONSE_SENT]
    assert _answer(case) == (RESPONDED, RECEIVED, row.due_on, False)


def test_a_stage_record_changed_or_removed_puts_the_day_right(app_context):
    case = make_case(received_on=RECEIVED)
    response = StageRecord(
        state=CaseState.STAGE_1,
        started_on=RECEIVED,
        completed_on=RESPONDED,
        completed_by=ClockEvent.STAGE_1_RESPONSE_SENT,
    )
    case.stages.append(response)
    db.session.commit()
    assert _answered_on(case) == RESPONDED

    response = db.session.get(StageRecord, response.id)
    response.completed_on = date(2027, 1, 20)
    response.due_on, response.extended_to = date(2027, 1, 18), date(2027, 2, 1)
    db.session.commit()
    assert _answer(case) == (date(2027, 1, 20), None, date(2027, 2, 1), True)

    db.session.delete(db.session.get(StageRecord, response.id))
    db.session.commit()
    assert _answered_on(case) is None


def test_an_imported_history_keeps_each_cases_stage_1_answer(cli_runner, tmp_path):
    file = tmp_path / "history.csv"
    history = [answered("OLD-1", date(2021, 1, 4), days=12), row("OLD-2", date(2021, 1, 4))]
    file.write_text(to_csv(history), encoding="utf-8")

    imported = cli_runner.invoke(args=["import-cases", str(file)])

    assert imported.exit_code == 0, imported.output
    answers = {case.external_key: _answer(case) for case in db.session.scalars(select(Case).order_by(Case.id))}
    assert answers["OLD-1"][:2] == (date(2021, 1, 16), date(2021, 1, 4))
    assert answers["OLD-1"][3] is False
    assert answers["OLD-2"] == (None, None, None, None)
