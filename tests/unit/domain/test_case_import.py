"""Reading and checking one row of the case history import (format version 1)."""

from datetime import date

import pytest

from portal.domain.case_import import (
    COLUMN_NAMES,
    ImportedCase,
    Problem,
    Step,
    check_header,
    parse_date,
    parse_row,
)
from portal.domain.compliments import ComplimentSource
from portal.domain.types import (
    AdvocacyStatus,
    Channel,
    Closure,
    FeedbackKind,
    Finding,
    OmbudsmanDecision,
    OmbudsmanStatus,
    Procedure,
    RemedyKind,
    SubmitterRole,
)

TODAY = date(2026, 12, 1)


def row(**cells) -> dict:
    base = {
        "format_version": "1",
        "external_key": "OLD-1",
        "kind": "complaint",
        "channel": "email",
        "received_on": "2022-05-03",
        "procedure": "statutory",
    }
    return {**base, **{name: str(value) for name, value in cells.items()}}


def problems(**cells) -> list[tuple[str, str]]:
    result = parse_row(7, row(**cells), TODAY)
    assert isinstance(result, list), result
    assert all(problem.row == 7 for problem in result)
    return [(problem.column, problem.message) for problem in result]


def parsed(**cells) -> ImportedCase:
    result = parse_row(2, row(**cells), TODAY)
    assert isinstance(result, ImportedCase), result
    return result


def test_a_plain_complaint():
    case = parsed(complainant_name="Avery Quill", complainant_email="avery@example.com", themes="Delay; Delay;Quality")
    assert case.kind is FeedbackKind.COMPLAINT
    assert case.procedure is Procedure.STATUTORY
    assert case.channel is Channel.EMAIL
    assert case.received_on == date(2022, 5, 3)
    assert case.complainant_role is SubmitterRole.OTHER
    assert case.themes == ("Delay", "Quality")
    assert case.stage_1 is None


def test_a_whole_life():
    case = parsed(
        acknowledged_on="04/05/2022",
        made_by_child="yes",
        advocacy="accepted",
        ethnicity="Mixed",
        stage_1_due_on="2022-05-17",
        stage_1_extended_to="2022-05-31",
        stage_1_completed_on="2022-05-27",
        stage_1_findings="1=upheld; 2 = not upheld",
        remedies="explanation; financial_payment=180.00",
        mediation_offered_on="2022-06-10",
        mediation_accepted="no",
        stage_2_requested_on="2022-06-08",
        stage_2_terms_agreed_on="2022-06-20",
        stage_2_response_sent_on="2022-09-01",
        stage_2_closed_on="2022-09-05",
        stage_2_cost="£1,250.50",
        stage_2_findings="1=upheld;2=partially_upheld",
        ombudsman_received_on="2023-01-10",
        ombudsman_status="investigation",
        ombudsman_decision="fault_found",
        ombudsman_decided_on="2023-03-01",
        closed_on="2023-03-01",
        closing_reason="resolved",
    )
    assert case.acknowledged_on == date(2022, 5, 4)
    assert case.made_by_child and case.complainant_role is SubmitterRole.CHILD
    assert case.advocacy is AdvocacyStatus.ACCEPTED
    assert case.ethnicity == "mixed"
    assert case.stage_1 == Step(date(2022, 5, 3), date(2022, 5, 17), date(2022, 5, 31), date(2022, 5, 27))
    assert case.findings == {
        1: ((1, Finding.UPHELD), (2, Finding.NOT_UPHELD)),
        2: ((1, Finding.UPHELD), (2, Finding.PARTIALLY_UPHELD)),
    }
    assert case.remedies == ((RemedyKind.EXPLANATION, None), (RemedyKind.FINANCIAL_PAYMENT, 18000))
    assert case.stage_2.cost_pence == 125050
    assert case.mediation.accepted is False
    assert case.ombudsman.status is OmbudsmanStatus.INVESTIGATION
    assert case.ombudsman.decision is OmbudsmanDecision.FAULT_FOUND
    assert case.closing_reason is Closure.RESOLVED


def test_text_is_kept_as_typed_and_never_cut():
    assert parsed(summary="  Two  spaces =SUM(A1) ").summary == "  Two  spaces =SUM(A1) "
    assert problems(summary="x" * 201) == [("summary", "Must be 200 characters or fewer: it has 201")]


def test_a_compliment_needs_its_source():
    assert problems(kind="compliment", procedure="") == [("compliment_source", "Enter who the compliment came from")]
    case = parsed(kind="compliment", procedure="", compliment_source="court", team="Fostering")
    assert case.procedure is Procedure.COMPLIMENT
    assert case.compliment_source is ComplimentSource.COURT


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"format_version": "2"}, ("format_version", "Must be 1: this portal reads version 1 files")),
        ({"external_key": " "}, ("external_key", "Enter the case's key from the old system")),
        ({"kind": "grumble"}, ("kind", "“grumble” is not a kind of feedback: use one of")),
        ({"channel": ""}, ("channel", "Enter a channel")),
        ({"received_on": "31/02/2022"}, ("received_on", "“31/02/2022” is not a real date")),
        ({"received_on": "2027-01-01"}, ("received_on", "Must be today or in the past")),
        ({"received_on": ""}, ("received_on", "Enter a date, like 2023-04-01")),
        ({"procedure": ""}, ("procedure", "Enter the procedure the complaint went through")),
        ({"procedure": "comment"}, ("procedure", "A complaint cannot be comment")),
        ({"complainant_email": "not an email"}, ("complainant_email", "Enter an email address like")),
        ({"made_by_child": "maybe"}, ("made_by_child", "“maybe” is not yes or no")),
        ({"ethnicity": "martian"}, ("ethnicity", "“martian” is not one of")),
        ({"stage_1_findings": "1-upheld"}, ("stage_1_findings", "“1-upheld” is not a point's finding")),
        ({"stage_1_findings": "1=great"}, ("stage_1_findings", "“great” is not a finding")),
        ({"stage_1_findings": "1=upheld;1=not_upheld"}, ("stage_1_findings", "Point 1 has two findings")),
        ({"remedies": "cake"}, ("remedies", "“cake” is not a remedy")),
        ({"stage_2_cost": "lots"}, ("stage_2_cost", "“lots” is not an amount of money")),
        ({"stage_2_cost": "1.234"}, ("stage_2_cost", "Enter an amount of money in pounds and pence")),
        ({"closed_on": "2022-06-01"}, ("closing_reason", "Enter how the case ended")),
        ({"closing_reason": "withdrawn"}, ("closed_on", "Enter the date the case closed")),
        ({"acknowledged_on": "2022-05-02"}, ("acknowledged_on", "The date acknowledged must be on or after")),
        ({"stage_2_terms_agreed_on": "2022-06-01"}, ("stage_2_requested_on", "Enter this date")),
        ({"procedure": "corporate", "stage_3_requested_on": "2022-09-01"}, ("stage_3_requested_on", "This procedure")),
        ({"stage_2_requested_on": "2022-06-01", "stage_2_accepted": "no"}, ("stage_2_accepted", "Only a corporate")),
        ({"ombudsman_received_on": "2022-09-01"}, ("ombudsman_status", "Enter the Ombudsman's status")),
        ({"received_on": "1989-12-31"}, ("received_on", "Must be on or after 1990-01-01")),
    ],
)
def test_each_problem_names_its_column_and_says_what_to_do(cells, expected):
    found = problems(**cells)
    column, message = expected
    assert any(name == column and text.startswith(message) for name, text in found), found


def test_every_problem_in_a_row_is_reported_at_once():
    found = problems(kind="", channel="", received_on="soon", complainant_email="x")
    assert {column for column, _ in found} >= {"kind", "channel", "received_on", "complainant_email"}


def test_dates_in_both_spellings():
    assert parse_date("2023-04-01") == date(2023, 4, 1)
    assert parse_date("1/4/2023") == date(2023, 4, 1)
    assert parse_date("2023-4-1") is None
    assert parse_date("04/13/2023") is None


def test_the_header_must_name_columns_of_version_1():
    assert check_header(list(COLUMN_NAMES)) == []
    assert check_header(["format_version", "external_key", "kind", "channel", "received_on", "colour"]) == [
        Problem(1, "colour", "This is not a column of version 1 of the format")
    ]
    missing = check_header(["format_version", "kind", "kind"])
    assert Problem(1, "kind", "This column appears twice") in missing
    assert Problem(1, "external_key", "This column is needed: add it to the first row") in missing
