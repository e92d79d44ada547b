"""Screening recommendations: the routing matrix and the flags (domain.md section 3)."""

import dataclasses
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.domain.screening import (
    CHECK_CHILD_STATUS,
    SUFFICIENT_INTEREST_QUESTIONS,
    Recommendation,
    ScreeningFacts,
    is_out_of_time,
    recommend,
    sufficient_interest,
)
from portal.domain.types import ChildStatus, FeedbackKind, Procedure, SubmitterRole

RECEIVED = date(2026, 5, 11)
K, R, C, P = FeedbackKind, SubmitterRole, ChildStatus, Procedure


def facts(**changes) -> ScreeningFacts:
    """A complaint from a parent about a child whose status is not known yet, with everything else unknown."""
    base = ScreeningFacts(kind=K.COMPLAINT, received_on=RECEIVED, submitter_role=R.PARENT, about_child=True)
    return dataclasses.replace(base, **changes)


def parent(status: ChildStatus, **changes) -> ScreeningFacts:
    return facts(child_status=status, **changes)


def relative(**changes) -> ScreeningFacts:
    return facts(submitter_role=R.RELATIVE, **changes)


ROUTING = [
    # (case id, facts, procedure)
    ("compliment", facts(kind=K.COMPLIMENT), P.COMPLIMENT),
    ("compliment about a school", facts(kind=K.COMPLIMENT, about_school=True), P.COMPLIMENT),
    ("comment", facts(kind=K.COMMENT, submitter_role=R.CHILD), P.COMMENT),
    ("duty matter", facts(kind=K.DUTY_MATTER), P.OUTSIDE_PROCEDURES),
    ("school", parent(C.LOOKED_AFTER, about_school=True), P.OUTSIDE_PROCEDURES),
    ("repeat", parent(C.LOOKED_AFTER, repeat_of_investigated_case=True), P.NOT_ACCEPTED),
    (
        "school before repeat",
        parent(C.IN_NEED, about_school=True, repeat_of_investigated_case=True),
        P.OUTSIDE_PROCEDURES,
    ),
    ("looked-after child", facts(submitter_role=R.CHILD, child_status=C.LOOKED_AFTER), P.STATUTORY),
    ("child in need", facts(submitter_role=R.CHILD, child_status=C.IN_NEED), P.STATUTORY),
    ("care leaver", facts(submitter_role=R.CHILD, child_status=C.CARE_LEAVER), P.STATUTORY),
    ("child under an SGO", facts(submitter_role=R.CHILD, child_status=C.SPECIAL_GUARDIANSHIP), P.STATUTORY),
    ("adopted child", facts(submitter_role=R.CHILD, child_status=C.ADOPTION), P.STATUTORY),
    ("child, status unknown", facts(submitter_role=R.CHILD), P.STATUTORY),
    ("child, not looked after or in need", facts(submitter_role=R.CHILD, child_status=C.OTHER), P.CORPORATE),
    (
        "advocacy request",
        facts(kind=K.ADVOCACY_REQUEST, submitter_role=R.CHILD, child_status=C.LOOKED_AFTER),
        P.STATUTORY,
    ),
    ("parent, looked after", parent(C.LOOKED_AFTER), P.STATUTORY),
    ("parent, in need", parent(C.IN_NEED), P.STATUTORY),
    ("parent, SGO", parent(C.SPECIAL_GUARDIANSHIP), P.STATUTORY),
    ("parent, adoption", parent(C.ADOPTION), P.STATUTORY),
    ("parent of a care leaver", parent(C.CARE_LEAVER), P.CORPORATE),
    ("parent of a care leaver with interest", parent(C.CARE_LEAVER, has_cared_for_child=True), P.STATUTORY),
    ("parent, child not in need", parent(C.OTHER), P.CORPORATE),
    # Parents never need sufficient interest: until the records show the child's status, statutory (with a check).
    ("parent, status unknown", parent(C.UNKNOWN), P.STATUTORY),
    (
        "parent, status unknown, every interest answer no",
        parent(C.UNKNOWN, **dict.fromkeys(SUFFICIENT_INTEREST_QUESTIONS, False)),
        P.STATUTORY,
    ),
    ("relative with PR, status unknown", relative(has_parental_responsibility=True), P.STATUTORY),
    ("someone acting for a child of unknown status", relative(on_behalf_of_child=True), P.STATUTORY),
    ("parent, child not in need, with interest", parent(C.OTHER, party_to_proceedings=True), P.CORPORATE),
    ("parent, not a statutory function", parent(C.LOOKED_AFTER, about_statutory_function=False), P.CORPORATE),
    ("parent, statutory function confirmed", parent(C.IN_NEED, about_statutory_function=True), P.STATUTORY),
    ("relative with PR", relative(child_status=C.IN_NEED, has_parental_responsibility=True), P.STATUTORY),
    ("relative without PR", relative(child_status=C.IN_NEED, has_parental_responsibility=False), P.CORPORATE),
    (
        "grandparent without PR about contact (Dudley)",
        relative(
            child_status=C.LOOKED_AFTER, contact_dispute=True, party_to_proceedings=True, has_cared_for_child=True
        ),
        P.CORPORATE,
    ),
    (
        "grandparent with PR about contact",
        relative(child_status=C.LOOKED_AFTER, contact_dispute=True, has_parental_responsibility=True),
        P.STATUTORY,
    ),
    (
        "grandparent about contact, for the child",
        relative(child_status=C.LOOKED_AFTER, contact_dispute=True, on_behalf_of_child=True),
        P.STATUTORY,
    ),
    ("foster carer", facts(submitter_role=R.FOSTER_CARER, about_child=False), P.STATUTORY),
    ("special guardian", facts(submitter_role=R.SPECIAL_GUARDIAN), P.STATUTORY),
    ("adopter", facts(submitter_role=R.ADOPTER, about_child=False), P.STATUTORY),
    ("foster carer, not statutory", facts(submitter_role=R.FOSTER_CARER, about_statutory_function=False), P.CORPORATE),
    (
        "advocate for a looked-after child",
        facts(submitter_role=R.ADVOCATE, child_status=C.LOOKED_AFTER, on_behalf_of_child=True),
        P.STATUTORY,
    ),
    ("advocate, own right", facts(submitter_role=R.ADVOCATE, child_status=C.LOOKED_AFTER), P.CORPORATE),
    # Sufficient interest opens the statutory procedure only about a looked-after child, a child in need or a care
    # leaver (s26(3)(e)); about a child whose status is not known yet, until the records say otherwise.
    (
        "relative with interest, looked after",
        relative(child_status=C.LOOKED_AFTER, has_cared_for_child=True),
        P.STATUTORY,
    ),
    ("relative with interest, in need", relative(child_status=C.IN_NEED, party_to_proceedings=True), P.STATUTORY),
    (
        "relative with interest, care leaver",
        relative(child_status=C.CARE_LEAVER, has_cared_for_child=True),
        P.STATUTORY,
    ),
    (
        "relative with interest, child neither looked after nor in need",
        relative(child_status=C.OTHER, party_to_proceedings=True, has_cared_for_child=True, plans_shared=True),
        P.CORPORATE,
    ),
    (
        "relative with interest, child under an SGO",
        relative(child_status=C.SPECIAL_GUARDIANSHIP, has_cared_for_child=True),
        P.CORPORATE,
    ),
    ("relative with interest, adopted child", relative(child_status=C.ADOPTION, has_cared_for_child=True), P.CORPORATE),
    (
        "grandparent about their own contact, child named, not for the child",
        relative(child_status=C.UNKNOWN, contact_dispute=True, on_behalf_of_child=False),
        P.CORPORATE,
    ),
    ("relative, party to proceedings", relative(party_to_proceedings=True), P.STATUTORY),
    ("relative, has cared for the child", relative(has_cared_for_child=True), P.STATUTORY),
    ("relative, two answers", relative(attends_conferences=True, plans_shared=True), P.STATUTORY),
    ("relative, one answer", relative(frequent_contact_with_social_worker=True), P.CORPORATE),
    ("relative, all no", relative(**dict.fromkeys(SUFFICIENT_INTEREST_QUESTIONS, False)), P.CORPORATE),
    (
        "relative with interest, not statutory",
        relative(has_cared_for_child=True, about_statutory_function=False),
        P.CORPORATE,
    ),
    (
        "professional, two answers",
        facts(submitter_role=R.PROFESSIONAL, plans_shared=True, directly_involved=True),
        P.STATUTORY,
    ),
    ("professional, not about a child", facts(submitter_role=R.PROFESSIONAL, about_child=False), P.CORPORATE),
    (
        "someone else, own service",
        facts(submitter_role=R.OTHER, about_child=False, about_own_service=True),
        P.CORPORATE,
    ),
    (
        "someone else, own non-statutory service",
        facts(submitter_role=R.OTHER, about_own_service=True, about_statutory_function=False),
        P.CORPORATE,
    ),
]


@pytest.mark.parametrize(("case", "screening_facts", "expected"), ROUTING, ids=[row[0] for row in ROUTING])
def test_routing_matrix(case, screening_facts, expected):
    recommendation = recommend(screening_facts)
    assert recommendation.procedure is expected, recommendation.reasons
    assert recommendation.reasons


def test_the_threshold_for_sufficient_interest_can_be_changed():
    two_answers = relative(attends_conferences=True, plans_shared=True)
    assert recommend(two_answers, sufficient_interest_answers=3).procedure is P.CORPORATE
    assert recommend(relative(plans_shared=True), sufficient_interest_answers=1).procedure is P.STATUTORY
    # A decisive answer is enough whatever the threshold.
    assert recommend(relative(party_to_proceedings=True), sufficient_interest_answers=6).procedure is P.STATUTORY


def test_sufficient_interest_names_the_yes_answers():
    assert sufficient_interest(relative(plans_shared=True, directly_involved=True)) == (
        True,
        ["plans_shared", "directly_involved"],
    )
    assert sufficient_interest(relative(plans_shared=True, directly_involved=False)) == (False, ["plans_shared"])


# Reasons ------------------------------------------------------------------------------------------------------


def test_reasons_explain_the_statutory_route_for_a_parent():
    assert recommend(parent(C.LOOKED_AFTER)).reasons == (
        "A parent or person with parental responsibility for a child who is looked after by the council can use "
        "the statutory procedure.",
    )


def test_reasons_name_the_sufficient_interest_answers():
    (reason,) = recommend(relative(party_to_proceedings=True, plans_shared=True)).reasons
    assert reason == (
        "The complainant has sufficient interest in the child's welfare: party to court proceedings about the child; "
        "has the plans for the child shared with them."
    )


def test_reasons_explain_why_interest_is_not_shown():
    (reason,) = recommend(relative(plans_shared=True)).reasons
    assert "1 of 6 questions answered yes; it needs 2" in reason
    assert reason.endswith("so the corporate procedure applies.")


def test_reasons_explain_the_grandparent_contact_rule():
    (reason,) = recommend(relative(contact_dispute=True)).reasons
    assert "without parental responsibility" in reason and "contact" in reason


def test_reasons_mention_a_service_the_person_received():
    recommendation = recommend(facts(submitter_role=R.OTHER, about_child=False, about_own_service=True))
    assert "The complaint is about a service the person received themselves." in recommendation.reasons


def test_a_repeat_complaint_points_to_the_ombudsman():
    (reason,) = recommend(facts(repeat_of_investigated_case=True)).reasons
    assert "Local Government and Social Care Ombudsman" in reason


# Flags --------------------------------------------------------------------------------------------------------

LATE = "More than one year since the grounds arose"


@pytest.mark.parametrize(
    ("grounds", "received", "late"),
    [
        (date(2025, 5, 11), date(2026, 5, 11), False),  # the anniversary is still in time
        (date(2025, 5, 11), date(2026, 5, 12), True),
        (date(2024, 2, 29), date(2025, 2, 28), False),  # 29 February counts to 28 February
        (date(2024, 2, 29), date(2025, 3, 1), True),
        (date(2023, 3, 1), date(2024, 2, 29), False),
        (date(2026, 5, 11), date(2026, 5, 11), False),
    ],
)
def test_the_one_year_time_limit(grounds, received, late):
    assert is_out_of_time(grounds, received) is late
    recommendation = recommend(parent(C.LOOKED_AFTER, grounds_arose_on=grounds, received_on=received))
    assert any(flag.startswith(LATE) for flag in recommendation.flags) is late
    assert recommendation.procedure is P.STATUTORY  # a flag never decides on its own


def test_a_late_corporate_complaint_is_flagged_too():
    recommendation = recommend(parent(C.OTHER, grounds_arose_on=date(2020, 1, 1)))
    assert recommendation.procedure is P.CORPORATE
    assert recommendation.flags[0].startswith(LATE)
    assert "may still accept it" in recommendation.flags[0]


def test_grounds_after_receipt_are_flagged():
    recommendation = recommend(parent(C.LOOKED_AFTER, grounds_arose_on=date(2026, 6, 1)))
    assert "check the dates" in recommendation.flags[0]


def test_late_compliments_and_comments_are_not_flagged():
    for kind in (K.COMPLIMENT, K.COMMENT):
        assert recommend(facts(kind=kind, grounds_arose_on=date(2020, 1, 1))).flags == ()


def on_behalf(**changes) -> ScreeningFacts:
    return parent(C.LOOKED_AFTER, on_behalf_of_child=True, **changes)


CONSENT = "The child is aged 12 or over: confirm the child's consent"


@pytest.mark.parametrize(
    ("changes", "consent_age", "expected"),
    [
        ({"child_age": 12}, 12, CONSENT),
        ({"child_age": 16}, 12, CONSENT),
        ({"child_age": 11}, 12, None),
        ({"child_age": 12, "child_consents": True}, 12, None),
        ({"child_age": 12}, 14, None),
        ({"child_age": 14}, 14, "The child is aged 14 or over: confirm the child's consent"),
        ({"child_age": 15, "child_consents": False}, 12, "The child does not agree"),
        ({"child_age": 5, "child_consents": False}, 12, "The child does not agree"),
        ({}, 12, "The child's age is not recorded"),
        ({"child_consents": True}, 12, None),
    ],
)
def test_consent_flags_when_acting_for_a_child(changes, consent_age, expected):
    flags = recommend(on_behalf(**changes), consent_age=consent_age).flags
    consent_flags = [flag for flag in flags if "consent" in flag or "agree" in flag or "age is not" in flag]
    if expected is None:
        assert consent_flags == []
    else:
        assert len(consent_flags) == 1 and consent_flags[0].startswith(expected)


def test_no_consent_flag_when_not_acting_for_the_child():
    assert not any("consent" in flag for flag in recommend(parent(C.LOOKED_AFTER, child_age=15)).flags)


def test_a_representative_must_be_judged_suitable():
    flags = recommend(on_behalf(child_age=8)).flags
    assert "Decide whether the person is a suitable representative to complain on the child's behalf." in flags


def test_safeguarding_comes_first_whatever_the_route():
    for kind in FeedbackKind:
        recommendation = recommend(on_behalf(kind=kind, safeguarding_concern=True, grounds_arose_on=date(2020, 1, 1)))
        assert recommendation.flags[0].startswith("Possible safeguarding concern")


def test_a_child_in_the_statutory_procedure_is_offered_an_advocate():
    flags = recommend(facts(submitter_role=R.CHILD, child_status=C.LOOKED_AFTER)).flags
    assert "Offer the child an independent advocate (Children Act 1989, section 26A)." in flags


def test_a_request_for_an_advocate_is_acted_on():
    for screening_facts in (
        facts(kind=K.ADVOCACY_REQUEST, submitter_role=R.CHILD, child_status=C.IN_NEED),
        facts(submitter_role=R.CHILD, child_status=C.IN_NEED, advocate_requested=True),
    ):
        flags = recommend(screening_facts).flags
        assert any(flag.startswith("The child has asked for an advocate") for flag in flags)
        assert not any(flag.startswith("Offer the child") for flag in flags)


def test_no_advocate_offer_when_an_advocate_brings_the_complaint():
    flags = recommend(on_behalf(submitter_role=R.ADVOCATE, child_age=8, child_consents=True)).flags
    assert not any(flag.startswith("Offer the child") for flag in flags)


def test_no_advocate_offer_for_an_adult_complaining_in_their_own_right():
    assert not any("advocate" in flag for flag in recommend(parent(C.LOOKED_AFTER)).flags)


def test_facts_still_to_check_are_flagged():
    flags = recommend(relative()).flags
    assert any(flag.startswith("The child's status is not known yet") for flag in flags)
    assert any(flag.startswith("Sufficient-interest questions not answered yet: 6 of 6.") for flag in flags)
    assert any(
        flag.startswith("Confirm that the complaint is about a statutory")
        for flag in recommend(parent(C.IN_NEED)).flags
    )
    assert not any(
        flag.startswith("Confirm that") for flag in recommend(parent(C.IN_NEED, about_statutory_function=True)).flags
    )


def test_a_fully_checked_clear_case_has_no_flags():
    assert recommend(parent(C.LOOKED_AFTER, about_statutory_function=True)).flags == ()


# The child's status and sufficient interest (Children Act 1989 s26(3)) ------------------------------------------

UNKNOWN_STATUS_ROUTES = [
    ("a parent", parent(C.UNKNOWN)),
    ("a person with parental responsibility", relative(has_parental_responsibility=True)),
    ("the child", facts(submitter_role=R.CHILD)),
    ("someone acting for the child", facts(submitter_role=R.PROFESSIONAL, on_behalf_of_child=True)),
    ("a relative with sufficient interest", relative(party_to_proceedings=True)),
]


@pytest.mark.parametrize(
    "screening_facts", [row[1] for row in UNKNOWN_STATUS_ROUTES], ids=[row[0] for row in UNKNOWN_STATUS_ROUTES]
)
def test_a_child_of_unknown_status_is_statutory_with_a_check_of_the_records(screening_facts):
    recommendation = recommend(screening_facts)
    assert recommendation.procedure is P.STATUTORY
    assert CHECK_CHILD_STATUS in recommendation.flags


def test_a_parent_never_needs_sufficient_interest():
    every_no = dict.fromkeys(SUFFICIENT_INTEREST_QUESTIONS, False)
    recommendation = recommend(parent(C.UNKNOWN, **every_no))
    assert recommendation.procedure is P.STATUTORY
    assert "Parents do not need to show sufficient interest." in recommendation.reasons[0]
    assert not any("Sufficient-interest" in flag for flag in recommendation.flags)


def test_no_check_of_the_records_once_the_status_is_known():
    for status in (C.LOOKED_AFTER, C.IN_NEED):
        assert CHECK_CHILD_STATUS not in recommend(parent(status)).flags
    # A foster carer can complain whatever the child's status, so there is nothing to check.
    assert CHECK_CHILD_STATUS not in recommend(facts(submitter_role=R.FOSTER_CARER)).flags


def test_sufficient_interest_about_a_child_not_in_need_is_corporate_with_the_reason():
    recommendation = recommend(relative(child_status=C.OTHER, party_to_proceedings=True, has_cared_for_child=True))
    assert recommendation.procedure is P.CORPORATE
    (reason,) = recommendation.reasons
    assert reason == (
        "The child is not looked after, in need or a care leaver, and sufficient interest opens the statutory "
        "procedure only for a child who is looked after, in need or a care leaver, so the corporate procedure applies."
    )


def test_a_grandparent_complaining_about_their_own_contact_is_corporate():
    # A child is named, but the grandparent complains for themself: naming a child is not acting for them.
    recommendation = recommend(relative(child_status=C.LOOKED_AFTER, contact_dispute=True, has_cared_for_child=True))
    assert recommendation.procedure is P.CORPORATE
    assert "their own contact" in recommendation.reasons[0]


# Regulation 8: concurrent proceedings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("screening_facts", "procedure"),
    [
        (parent(C.LOOKED_AFTER), P.STATUTORY),
        (parent(C.OTHER), P.CORPORATE),
        (facts(submitter_role=R.CHILD), P.STATUTORY),
    ],
)
def test_concurrent_proceedings_put_a_complaint_on_hold(screening_facts, procedure):
    recommendation = recommend(dataclasses.replace(screening_facts, concurrent_proceedings=True))
    assert recommendation.procedure is procedure
    assert recommendation.on_hold is True
    assert any("regulation 8 of the 2006 Regulations" in reason for reason in recommendation.reasons)
    assert recommend(screening_facts).on_hold is False


@pytest.mark.parametrize("kind", [K.COMMENT, K.COMPLIMENT, K.DUTY_MATTER])
def test_only_complaints_go_on_hold(kind):
    assert recommend(facts(kind=kind, concurrent_proceedings=True)).on_hold is False


def test_a_repeat_complaint_is_not_accepted_rather_than_held():
    recommendation = recommend(parent(C.IN_NEED, repeat_of_investigated_case=True, concurrent_proceedings=True))
    assert (recommendation.procedure, recommendation.on_hold) == (P.NOT_ACCEPTED, False)


# Properties ---------------------------------------------------------------------------------------------------

maybe = st.one_of(st.none(), st.booleans())
any_facts = st.builds(
    ScreeningFacts,
    kind=st.sampled_from(FeedbackKind),
    received_on=st.dates(date(2019, 1, 1), date(2030, 12, 31)),
    submitter_role=st.sampled_from(SubmitterRole),
    about_child=st.booleans(),
    child_status=st.sampled_from(ChildStatus),
    has_parental_responsibility=maybe,
    on_behalf_of_child=st.booleans(),
    about_own_service=st.booleans(),
    about_statutory_function=maybe,
    party_to_proceedings=maybe,
    attends_conferences=maybe,
    frequent_contact_with_social_worker=maybe,
    plans_shared=maybe,
    has_cared_for_child=maybe,
    directly_involved=maybe,
    grounds_arose_on=st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2031, 12, 31))),
    repeat_of_investigated_case=st.booleans(),
    child_age=st.one_of(st.none(), st.integers(0, 25)),
    child_consents=maybe,
    contact_dispute=st.booleans(),
    about_school=st.booleans(),
    advocate_requested=st.booleans(),
    safeguarding_concern=st.booleans(),
    concurrent_proceedings=st.booleans(),
)
PROPERTIES = settings(max_examples=200, deadline=None)


@PROPERTIES
@given(screening_facts=any_facts, consent_age=st.integers(0, 18), answers=st.integers(1, 6))
def test_recommend_never_raises_and_always_explains_itself(screening_facts, consent_age, answers):
    recommendation = recommend(screening_facts, consent_age=consent_age, sufficient_interest_answers=answers)
    assert isinstance(recommendation, Recommendation)
    assert recommendation.procedure in Procedure
    assert len(recommendation.reasons) >= 1
    for text in recommendation.reasons + recommendation.flags:
        assert isinstance(text, str) and text[0].isupper() and text.endswith(".")
    assert len(set(recommendation.flags)) == len(recommendation.flags)
    assert recommendation.on_hold is (
        screening_facts.concurrent_proceedings and recommendation.procedure in (P.STATUTORY, P.CORPORATE)
    )


@PROPERTIES
@given(screening_facts=any_facts)
def test_a_parent_of_a_child_of_unknown_status_always_gets_statutory_or_a_reason_that_is_not_interest(
    screening_facts,
):
    parent_facts = dataclasses.replace(
        screening_facts,
        kind=K.COMPLAINT,
        submitter_role=R.PARENT,
        about_child=True,
        child_status=C.UNKNOWN,
        about_school=False,
        repeat_of_investigated_case=False,
        contact_dispute=False,
    )
    recommendation = recommend(parent_facts)
    if parent_facts.about_statutory_function is False:
        assert recommendation.procedure is P.CORPORATE
    else:
        assert recommendation.procedure is P.STATUTORY
        assert CHECK_CHILD_STATUS in recommendation.flags


@PROPERTIES
@given(screening_facts=any_facts, status=st.sampled_from([C.OTHER, C.SPECIAL_GUARDIANSHIP, C.ADOPTION]))
def test_sufficient_interest_alone_never_opens_the_statutory_procedure_for_a_child_not_in_need(screening_facts, status):
    relative_facts = dataclasses.replace(
        screening_facts,
        kind=K.COMPLAINT,
        submitter_role=R.RELATIVE,
        has_parental_responsibility=False,
        on_behalf_of_child=False,
        about_child=True,
        child_status=status,
    )
    assert recommend(relative_facts).procedure is not P.STATUTORY


@PROPERTIES
@given(
    screening_facts=any_facts,
    grounds=st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2031, 12, 31))),
    age=st.one_of(st.none(), st.integers(0, 25)),
    consents=maybe,
    flags=st.tuples(st.booleans(), st.booleans()),
)
def test_flags_never_change_the_procedure(screening_facts, grounds, age, consents, flags):
    changed = dataclasses.replace(
        screening_facts,
        grounds_arose_on=grounds,
        child_age=age,
        child_consents=consents,
        safeguarding_concern=flags[0],
        advocate_requested=flags[1],
    )
    assert recommend(changed).procedure is recommend(screening_facts).procedure
