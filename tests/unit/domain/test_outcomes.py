"""Case outcomes from the points' findings, the Stage 3 panel, who handles Stage 2, the Ombudsman's vocabulary and
learning (domain.md sections 4, 5 and 8)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.domain.outcomes import (
    DEFAULT_LEARNING_CATEGORIES,
    PANEL_SIZE,
    InvalidHandler,
    InvalidPanel,
    PanelMember,
    case_outcome,
    check_panel,
    check_stage_2_handler,
    finds_fault,
    needs_learning,
)
from portal.domain.timescales import TimescalePolicy
from portal.domain.types import Finding, LearningActionStatus, OmbudsmanDecision, OmbudsmanStatus, Procedure

UPHELD, PARTLY, NOT_UPHELD, NONE = Finding.UPHELD, Finding.PARTIALLY_UPHELD, Finding.NOT_UPHELD, Finding.NO_FINDING
POLICY = TimescalePolicy.default()


@pytest.mark.parametrize(
    ("findings", "outcome"),
    [
        ([], None),
        ([UPHELD], UPHELD),
        ([UPHELD, UPHELD, UPHELD], UPHELD),
        ([NOT_UPHELD, NOT_UPHELD], NOT_UPHELD),
        ([NONE, NONE], NONE),
        ([PARTLY], PARTLY),
        ([PARTLY, PARTLY], PARTLY),
        ([UPHELD, NOT_UPHELD], PARTLY),
        ([UPHELD, NONE], PARTLY),
        ([PARTLY, NOT_UPHELD], PARTLY),
        ([PARTLY, NONE], PARTLY),
        ([UPHELD, PARTLY], PARTLY),
        ([UPHELD, PARTLY, NOT_UPHELD, NONE], PARTLY),
        ([NOT_UPHELD, NONE], NOT_UPHELD),
        ([NONE, NOT_UPHELD, NONE], NOT_UPHELD),
    ],
)
def test_the_case_outcome_from_the_points_findings(findings, outcome):
    assert case_outcome(findings) is outcome
    assert case_outcome(iter(findings)) is outcome


@given(st.lists(st.sampled_from(list(Finding)), min_size=1, max_size=30))
def test_the_outcome_is_upheld_in_part_exactly_when_some_point_is(findings):
    outcome = case_outcome(findings)
    assert needs_learning(outcome) is any(finding in (UPHELD, PARTLY) for finding in findings)
    if len(set(findings)) == 1:
        assert outcome is findings[0]
    assert case_outcome(list(reversed(findings))) is outcome


@pytest.mark.parametrize(
    ("outcome", "expected"), [(UPHELD, True), (PARTLY, True), (NOT_UPHELD, False), (NONE, False), (None, False)]
)
def test_learning_is_recorded_for_upheld_and_partially_upheld_cases(outcome, expected):
    assert needs_learning(outcome) is expected


def test_the_default_learning_categories():
    assert DEFAULT_LEARNING_CATEGORIES == (
        "Provide training",
        "Policy or procedure change",
        "Improve communication",
        "Improve record keeping",
        "Improve timeliness",
        "Other",
    )
    assert [status.value for status in LearningActionStatus] == ["open", "in_progress", "done"]


# Stage 3 review panel -----------------------------------------------------------------------------------------------

PANEL = [PanelMember("Ada Fenwick", True), PanelMember("Bo Tran", True), PanelMember("Cy Moreau", True)]


def problems(members, independent_person=None):
    with pytest.raises(InvalidPanel) as error:
        check_panel(members, independent_person)
    return error.value.problems


def test_three_independent_people_make_a_panel():
    assert check_panel(PANEL, "Dee Osei") == tuple(PANEL)


def test_names_are_tidied():
    members = [PanelMember("  Ada   Fenwick ", True), *PANEL[1:]]
    assert check_panel(members)[0].name == "Ada Fenwick"


@pytest.mark.parametrize("size", [0, 1, 2, 4])
def test_a_panel_has_three_members(size):
    members = [PanelMember(f"Member {number}", True) for number in range(size)]
    assert problems(members) == [f"A review panel has {PANEL_SIZE} members: enter 3, not {size}."]


@pytest.mark.parametrize("name", ["Dee Osei", "dee osei", "  Dee   OSEI "])
def test_the_stage_2_independent_person_may_not_sit(name):
    members = [*PANEL[:2], PanelMember(name, True)]
    assert problems(members, "Dee Osei") == [
        f"{' '.join(name.split())} was the Stage 2 Independent Person, who may not sit on the review panel."
    ]


def test_every_member_is_independent_named_and_different():
    members = [PanelMember("Ada Fenwick", True), PanelMember("ada fenwick", False), PanelMember(" ", True)]
    assert problems(members) == [
        "Enter the name of each panel member.",
        "ada fenwick is entered more than once: the panel needs 3 different people.",
        "ada fenwick is not independent of the council: every panel member must be.",
    ]


def test_an_invalid_panel_is_a_value_error_with_every_problem_in_its_message():
    with pytest.raises(ValueError, match="has 3 members.* not independent"):
        check_panel([PanelMember("Ada Fenwick", False)])


# Who handles Stage 2 ------------------------------------------------------------------------------------------------

ALLOWS_SAME = POLICY.with_overrides({"corporate": {"stage_1_handler_may_handle_stage_2": True}})


@pytest.mark.parametrize(
    ("procedure", "policy", "stage_1", "stage_2", "refused"),
    [
        (Procedure.CORPORATE, POLICY, 7, 7, True),
        (Procedure.CORPORATE, POLICY, 7, 8, False),
        (Procedure.CORPORATE, POLICY, None, 7, False),
        (Procedure.CORPORATE, POLICY, 7, None, False),
        (Procedure.CORPORATE, ALLOWS_SAME, 7, 7, False),
        (Procedure.STATUTORY, POLICY, 7, 7, True),
        (Procedure.STATUTORY, ALLOWS_SAME, 7, 7, True),  # the setting is the corporate procedure's only
        (Procedure.STATUTORY, POLICY, 7, 8, False),
    ],
)
def test_the_stage_1_handler_may_not_handle_stage_2(procedure, policy, stage_1, stage_2, refused):
    if refused:
        with pytest.raises(InvalidHandler, match="Choose someone who did not answer Stage 1"):
            check_stage_2_handler(procedure, stage_1, stage_2, policy)
    else:
        assert check_stage_2_handler(procedure, stage_1, stage_2, policy) is None


def test_the_corporate_refusal_names_the_code():
    with pytest.raises(InvalidHandler, match="the Complaint Handling Code says Stage 2 is answered by someone else"):
        check_stage_2_handler(Procedure.CORPORATE, "jo", "jo", POLICY)


@pytest.mark.parametrize("procedure", [Procedure.COMMENT, Procedure.COMPLIMENT, Procedure.NOT_ACCEPTED])
def test_only_the_complaints_procedures_have_a_stage_2(procedure):
    with pytest.raises(ValueError, match="there is no Stage 2"):
        check_stage_2_handler(procedure, 1, 2, POLICY)


# The Ombudsman ------------------------------------------------------------------------------------------------------


def test_the_ombudsman_vocabularies():
    assert [status.label for status in OmbudsmanStatus] == ["Enquiry", "Investigation", "Premature referral"]
    assert [decision.label for decision in OmbudsmanDecision] == [
        "No fault",
        "Fault found",
        "Maladministration and injustice",
        "Maladministration, no injustice",
        "Not investigated",
        "Investigation discontinued",
        "Premature",
        "Outside jurisdiction",
        "Remains ongoing",
    ]


FAULT = {
    OmbudsmanDecision.FAULT_FOUND,
    OmbudsmanDecision.MALADMINISTRATION_INJUSTICE,
    OmbudsmanDecision.MALADMINISTRATION_NO_INJUSTICE,
}


@pytest.mark.parametrize("decision", list(OmbudsmanDecision))
def test_which_decisions_find_fault(decision):
    assert finds_fault(decision) is (decision in FAULT)


def test_no_decision_yet_is_no_fault():
    assert not finds_fault(None)
