"""Issue 11's acceptance, in Chromium by keyboard alone with axe-core on every page: ONE statutory complaint from
screening through Stage 1 with an extension, mediation not accepted, Stage 2 with an extension to 65 working days,
Stage 3 and an Ombudsman decision with two remedies, to closure. Every deadline the pages show is asserted against
the domain core's functions, and every letter is found in the local SMTP sink."""

from datetime import date

import pytest
from playwright.sync_api import Browser, Page
from sqlalchemy import select

from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.models import Case, CaseChild, Person
from portal.data.queries.settings import timescale_policy
from portal.data.stage_models import Extension, ResponseLetter
from portal.domain.calendar import format_date, working_days_between
from portal.domain.clocks import acknowledgement_due, due_date, non_working_days
from portal.domain.extensions import extension_limit
from portal.domain.types import (
    CaseState,
    ChildStatus,
    Closure,
    LetterStatus,
    OmbudsmanDecision,
    Procedure,
    Progress,
    StaffRole,
    SubmitterRole,
    TimescaleStep,
)
from tests.browser.helpers import assert_accessible, sign_in
from tests.browser.keyboard import choose_file, fill_page, follow_link, press_button
from tests.integration.auth.staff import make_staff, make_team
from tests.integration.case_page.conftest import storage  # noqa: F401
from tests.integration.casework.conftest import make_case

# A Monday; the app's clock stands on it for the whole test.
TODAY = date(2027, 3, 8)
STATUTORY = Procedure.STATUTORY
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
POINT = "Family time with Riley was cancelled three times in February without notice."


def due(step: TimescaleStep, started_on: date = TODAY) -> date:
    return due_date(STATUTORY, step, started_on, timescale_policy(), council_calendar())


def latest(step: TimescaleStep, started_on: date) -> date:
    return extension_limit(STATUTORY, step, started_on, timescale_policy(), council_calendar())


def working_days(start: date, end: date) -> int:
    return working_days_between(start, end, non_working_days(STATUTORY, timescale_policy(), council_calendar()))


def parts(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


class Staff:
    """One member of staff's own browser, signed in through the real pages with their two-factor code."""

    def __init__(self, page: Page, live_server: str, axe, user) -> None:
        self.page, self.live_server, self.axe = page, live_server, axe
        sign_in(page, live_server, user)
        assert page.url == f"{live_server}/staff/cases"

    def open(self, case: Case, path: str = "") -> Page:
        self.page.goto(f"{self.live_server}/staff/cases/{case.reference}{path}")
        self.checked()
        return self.page

    def answer(self, answers: dict, button: str) -> Page:
        """Fills in the page by keyboard, presses the button, and checks the page it lands on."""
        fill_page(self.page, answers)
        press_button(self.page, button)
        self.checked()
        return self.page

    def checked(self) -> None:
        assert not self.page.title().startswith("Error: "), self.page.locator(".govuk-error-summary").inner_text()
        assert_accessible(self.axe, self.page)

    def text(self, selector: str = "main") -> str:
        return " ".join(self.page.locator(selector).inner_text().split())


def new_complaint() -> Case:
    case = make_case(
        reference="CF-TST-BRW-ESC",
        received_on=TODAY,
        description="Family time with my son was cancelled again and nobody calls me back.",
        submitter=Person(
            role=SubmitterRole.PARENT, name="Sam Fairweather", email="sam@example.com", contact_methods=["email"]
        ),
    )
    case.children.append(CaseChild(name="Riley Fairweather", age=9))
    db.session.commit()
    return case


def send_response(officer: Staff, checker: Staff, case: Case, finding: str, point_id: int) -> None:
    """The stage's finding on the point, its response drafted, checked by someone else and emailed."""
    officer.open(case, "/findings")
    officer.answer({f"finding-{point_id}": finding}, "Save findings")
    officer.open(case, "/response")
    officer.answer({}, "Draft the response")
    officer.answer({}, "Send for the quality check")
    checker.open(case, "/response")
    checker.answer({}, "Approve")
    officer.open(case, "/response")
    officer.answer({}, "Send the response")


@pytest.mark.usefixtures("storage")
def test_one_statutory_complaint_from_screening_to_the_ombudsman_by_keyboard(
    page: Page, browser: Browser, live_server, axe, app_sends_by_smtp, today_is, tmp_path
):
    today_is(TODAY)
    team = make_team("Children in Need")
    make_staff("jamie@anytown.example", StaffRole.RESPONDING_MANAGER, team=team, name="Jamie Rivers")
    make_staff("ira@example.org", StaffRole.INVESTIGATOR, name="Ira Quennell")
    make_staff("pat@example.org", StaffRole.INVESTIGATOR, name="Pat Oduya")
    make_staff("alex@anytown.example", StaffRole.RESPONDING_MANAGER, name="Alex Brannock")
    case = new_complaint()
    officer = Staff(page, live_server, axe, make_staff())
    checker_user = make_staff("morgan@anytown.example", StaffRole.COMPLAINTS_MANAGER, name="Morgan Lake")
    checker = Staff(browser.new_context().new_page(), live_server, axe, checker_user)

    # Screening into the statutory procedure, the point, allocation and the acknowledgement on the domain's date.
    officer.open(case, "/screening")
    officer.answer({"child_status": ChildStatus.IN_NEED.value}, "Update the recommendation")
    officer.answer({"decision": STATUTORY.value}, "Save decision")
    officer.answer({"text": POINT}, "Add point")
    follow_link(page, "Allocation")
    officer.checked()
    officer.answer({"team": "Children in Need", "manager": "Jamie Rivers"}, "Allocate")
    acknowledge_by = acknowledgement_due(STATUTORY, TODAY, timescale_policy(), council_calendar())
    row = page.locator("main .govuk-summary-list__row", has_text="Acknowledge by").locator("dd")
    assert row.inner_text().strip() == format_date(acknowledge_by)
    officer.answer({}, "Send acknowledgement")
    db.session.expire_all()
    point_id = db.session.get(Case, case.id).points[0].id

    # Stage 1, extended to the 20 working days the Regulations allow, then answered.
    stage_1_limit = latest(TimescaleStep.STAGE_1_RESPONSE, TODAY)
    assert working_days(TODAY, stage_1_limit) == 20
    officer.open(case, "/extension")
    assert format_date(due(TimescaleStep.STAGE_1_RESPONSE)) in officer.text()
    officer.answer(
        {"new_due_on": parts(stage_1_limit), "reason": "We are waiting for the contact records."},
        "Extend and tell the complainant",
    )
    assert f"Extended to {format_date(stage_1_limit)}" in officer.text()
    assert format_date(stage_1_limit) in officer.text("#deadlines + table")
    send_response(officer, checker, case, "not_upheld", point_id)

    # The request for Stage 2, and mediation offered but not accepted.
    officer.open(case, "/stage-2")
    assert f"The last day to ask in time is {format_date(due(TimescaleStep.REQUEST_STAGE_2))}" in officer.text()
    officer.answer(
        {"requested_on": parts(TODAY), "details": "The visits are still being cancelled."}, "Record the request"
    )
    officer.open(case, "/mediation")
    officer.answer({"offered_on": parts(TODAY), "mediator_name": "Alex Brannock"}, "Record the offer")
    officer.answer({"accepted": "no", "answered_on": parts(TODAY)}, "Record their answer")
    assert "not accepted: Stage 2 goes ahead" in officer.text("#mediation + p")

    # Stage 2: its people, the terms of reference starting 25 working days, extended to 65.
    officer.answer(
        {"investigating_officer": "Ira", "independent_person": "Pat", "adjudicating_officer": "Alex"}, "Save the people"
    )
    officer.answer({"agreed_on": parts(TODAY)}, "Start the investigation")
    assert f"stage 2 response due {format_date(due(TimescaleStep.STAGE_2_RESPONSE))}" in officer.text("#due + ul")
    stage_2_limit = latest(TimescaleStep.STAGE_2_RESPONSE, TODAY)
    assert working_days(TODAY, stage_2_limit) == 65  # over Easter and the two May bank holidays of 2027
    officer.open(case, "/extension")
    officer.answer(
        {"new_due_on": parts(stage_2_limit), "reason": "Several more people need to be interviewed."},
        "Extend and tell the complainant",
    )
    officer.open(case, "/stage-2")
    assert f"due {format_date(stage_2_limit)} (extended from {format_date(due(TimescaleStep.STAGE_2_RESPONSE))})" in (
        officer.text("#due + ul")
    )
    report = tmp_path / "investigation-report.pdf"
    report.write_bytes(PDF)
    choose_file(page, "#report", str(report))
    officer.answer({}, "Add the report")
    send_response(officer, checker, case, "partially_upheld", point_id)

    # Stage 3: the panel's meeting, findings and the council's response, each due when the domain says.
    officer.open(case, "/stage-3")
    assert f"The last day to ask in time is {format_date(due(TimescaleStep.REQUEST_STAGE_3))}" in officer.text()
    officer.answer({"requested_on": parts(TODAY)}, "Record the request")
    assert f"review panel meeting due {format_date(due(TimescaleStep.STAGE_3_PANEL))}" in officer.text("#due + ul")
    officer.answer(
        {
            "name-1": "Dana Welby",
            "independent-1": "y",
            "name-2": "Lee Harrow",
            "independent-2": "y",
            "name-3": "Kim Osei",
            "independent-3": "y",
            "chair": "2",
        },
        "Save the panel",
    )
    officer.answer({"held_on": parts(TODAY)}, "Record the meeting")
    assert f"review panel findings due {format_date(due(TimescaleStep.STAGE_3_FINDINGS))}" in officer.text("#due + ul")
    officer.answer({"received_on": parts(TODAY)}, "Record the findings")
    response_due = format_date(due(TimescaleStep.STAGE_3_RESPONSE))
    assert f"council's response to the review panel due {response_due}" in officer.text("#due + ul")
    send_response(officer, checker, case, "partially_upheld", point_id)

    # The Ombudsman: an investigation, a decision and two remedies, each evidenced; then the case closes.
    officer.open(case, "/ombudsman")
    officer.answer(
        {"reference": "26 012 345", "status": "investigation", "received_on": parts(TODAY)},
        "Record it: the case goes to the Ombudsman",
    )
    officer.answer(
        {"decision": "fault_found", "decided_on": parts(TODAY), "summary": "The Stage 1 response was late."},
        "Save the decision",
    )
    officer.answer({"kind": "apology", "due_on": parts(date(2027, 4, 8))}, "Add remedy")
    officer.answer(
        {"kind": "financial_payment", "description": "Time and trouble", "amount": "180", "due_on": parts(TODAY)},
        "Add remedy",
    )
    db.session.expire_all()
    remedies = db.session.get(Case, case.id).ombudsman_cases[-1].remedies
    for remedy, evidence in zip(remedies, ("Apology sent on 9 March", "Paid by BACS, ref 4471"), strict=True):
        officer.answer(
            {f"remedy-{remedy.id}-evidence": evidence, f"remedy-{remedy.id}-completed_on": parts(TODAY)},
            "Record the evidence",
        )
    officer.open(case, "/close")
    officer.answer({"closure": Closure.RESOLVED.value}, "Close the case")

    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert (case.state, case.progress, case.closure) == (CaseState.CLOSED, Progress.STAGE_3, Closure.RESOLVED)
    assert case.mediations[-1].accepted is False
    assert case.ombudsman_cases[-1].decision is OmbudsmanDecision.FAULT_FOUND
    assert [remedy.completed_on for remedy in case.ombudsman_cases[-1].remedies] == [TODAY, TODAY]

    # Every letter to the complainant reached the SMTP sink: the acknowledgement, the two extensions and the three
    # stages' responses, each with the last day to ask for the next stage as the domain counts it.
    to_sam = [message for message in app_sends_by_smtp.messages if message["To"] == "sam@example.com"]
    letters = db.session.scalars(
        select(ResponseLetter).where(ResponseLetter.case_id == case.id).order_by(ResponseLetter.id)
    ).all()
    extensions = db.session.scalars(select(Extension).order_by(Extension.id)).all()
    assert [letter.kind for letter in letters] == ["stage_1_response", "stage_2_adjudication", "stage_3_response"]
    assert all(letter.status is LetterStatus.SENT and letter.method == "email" for letter in letters)
    assert [extension.told_by for extension in extensions] == ["email", "email"]
    subjects = [" ".join(message["Subject"].split()) for message in to_sam]
    assert len(to_sam) == 1 + len(extensions) + len(letters)
    for letter in letters:
        assert " ".join(letter.subject.split()) in subjects
    bodies = {" ".join(message["Subject"].split()): message.get_content() for message in to_sam}
    stage_1 = " ".join(bodies[" ".join(letters[0].subject.split())].split())
    adjudication = " ".join(bodies[" ".join(letters[1].subject.split())].split())
    assert f"contact us by {format_date(due(TimescaleStep.REQUEST_STAGE_2))}" in stage_1
    assert f"contact us by {format_date(due(TimescaleStep.REQUEST_STAGE_3))}" in adjudication
    for extension in extensions:
        assert any(format_date(extension.new_due_on) in message.get_content() for message in to_sam)
