"""The timescale policy: defaults, overrides and their validation (domain.md section 4)."""

import dataclasses

import pytest

from portal.domain.timescales import (
    MAX_WORKING_DAYS,
    SECTION_LABELS,
    CommentTimescales,
    CorporateTimescales,
    StatutoryTimescales,
    TimescalePolicy,
)

DEFAULTS = {
    "statutory": {
        "acknowledge": 3,
        "stage_1": 10,
        "stage_1_extended": 20,
        "request_stage_2": 20,
        "stage_2": 25,
        "stage_2_extended": 65,
        "request_stage_3": 20,
        "stage_3_panel": 30,
        "stage_3_findings": 5,
        "stage_3_response": 15,
        "skip_closure_days": False,
    },
    "corporate": {
        "acknowledge": 5,
        "stage_1": 10,
        "stage_1_max_extension": 10,
        "request_stage_2": 20,
        "stage_2_acknowledge": 5,
        "stage_2": 20,
        "stage_2_max_extension": 20,
        "stage_1_handler_may_handle_stage_2": False,
        "skip_closure_days": True,
    },
    "comment": {"response": 10, "skip_closure_days": True},
}


def test_the_defaults_are_those_of_the_regulations_and_the_code():
    assert TimescalePolicy.default().as_dict() == DEFAULTS


def test_corporate_extended_timescales_add_the_extension():
    corporate = TimescalePolicy.default().corporate
    assert corporate.stage_1_extended == 20
    assert corporate.stage_2_extended == 40


def test_overrides_change_only_what_they_name_and_leave_the_original_alone():
    default = TimescalePolicy.default()
    policy = default.with_overrides({"statutory": {"stage_1": 8}, "comment": {"response": 5}})
    assert policy.statutory.stage_1 == 8
    assert policy.comment.response == 5
    assert policy.statutory.stage_2 == 25
    assert policy.corporate == default.corporate
    assert default.statutory.stage_1 == 10


def test_an_empty_override_is_the_same_policy():
    assert TimescalePolicy.default().with_overrides({}) == TimescalePolicy.default()
    assert TimescalePolicy.default().with_overrides({"statutory": {}}) == TimescalePolicy.default()


def test_the_yes_no_setting_can_be_overridden():
    policy = TimescalePolicy.default().with_overrides({"corporate": {"stage_1_handler_may_handle_stage_2": True}})
    assert policy.corporate.stage_1_handler_may_handle_stage_2 is True


def test_as_dict_round_trips_through_with_overrides():
    policy = TimescalePolicy.default().with_overrides(
        {"statutory": {"acknowledge": 2, "stage_2": 20}, "corporate": {"stage_1_handler_may_handle_stage_2": True}}
    )
    assert TimescalePolicy.default().with_overrides(policy.as_dict()) == policy


def test_overrides_lists_only_what_differs_from_the_defaults():
    assert TimescalePolicy.default().overrides() == {}
    changes = {"statutory": {"stage_1": 8}, "comment": {"response": 12}}
    policy = TimescalePolicy.default().with_overrides(changes)
    assert policy.overrides() == changes
    assert TimescalePolicy.default().with_overrides(policy.overrides()) == policy
    # Setting a value back to its default is not an override.
    assert TimescalePolicy.default().with_overrides({"statutory": {"stage_1": 10}}).overrides() == {}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"statutary": {"stage_1": 15}}, "Unknown timescale section 'statutary'"),
        ({"statutory": {"stage_one": 15}}, "Unknown statutory timescale 'stage_one'"),
        ({"corporate": {"stage_3_panel": 15}}, "Unknown corporate timescale 'stage_3_panel'"),
        ({"statutory": 15}, "must be a mapping"),
        ({"statutory": {"stage_1": "15"}}, "Stage 1 response: must be a whole number of working days"),
        ({"statutory": {"stage_1": 15.0}}, "must be a whole number"),
        ({"statutory": {"stage_1": True}}, "must be a whole number"),
        ({"statutory": {"stage_1": None}}, "must be a whole number"),
        ({"statutory": {"stage_1": 0}}, "must be between 1 and"),
        ({"statutory": {"acknowledge": -3}}, "must be between 1 and"),
        ({"comment": {"response": MAX_WORKING_DAYS + 1}}, "must be between 1 and"),
        ({"corporate": {"stage_1_handler_may_handle_stage_2": 1}}, "must be true or false"),
        ({"corporate": {"stage_1_handler_may_handle_stage_2": "yes"}}, "must be true or false"),
        ({"statutory": {"stage_1": 9, "stage_1_extended": 8}}, "cannot be shorter than the usual one"),
        ({"statutory": {"stage_2_extended": 20}}, "cannot be shorter than the usual one"),
    ],
)
def test_bad_overrides_are_refused_with_a_clear_message(overrides, message):
    with pytest.raises(ValueError, match=message):
        TimescalePolicy.default().with_overrides(overrides)


def test_overrides_must_be_a_mapping():
    with pytest.raises(ValueError, match="must be a mapping"):
        TimescalePolicy.default().with_overrides([("statutory", {"stage_1": 15})])


def test_an_unknown_setting_message_lists_the_known_ones():
    with pytest.raises(ValueError) as error:
        TimescalePolicy.default().with_overrides({"comment": {"respond": 3, 7: 1}})
    assert "'7', 'respond'" in str(error.value)
    assert "expected one of response, skip_closure_days" in str(error.value)


def test_the_boundaries_are_allowed():
    policy = TimescalePolicy.default().with_overrides(
        {"comment": {"response": MAX_WORKING_DAYS}, "statutory": {"acknowledge": 1, "stage_1_extended": 10}}
    )
    assert policy.statutory.acknowledge == 1
    assert policy.comment.response == MAX_WORKING_DAYS
    assert policy.statutory.stage_1 == policy.statutory.stage_1_extended


@pytest.mark.parametrize("section", [StatutoryTimescales, CorporateTimescales, CommentTimescales, TimescalePolicy])
def test_the_policy_is_immutable(section):
    instance = section()
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(instance, dataclasses.fields(instance)[0].name, None)


def test_constructing_a_section_directly_is_validated_too():
    with pytest.raises(ValueError, match="Acknowledge the complaint: must be between 1"):
        StatutoryTimescales(acknowledge=0)


def test_settings_list_every_field_with_a_plain_english_label():
    rows = TimescalePolicy.default().with_overrides({"statutory": {"stage_1": 7}}).settings()
    assert [(row.section, row.name) for row in rows] == [
        (section, name) for section, values in DEFAULTS.items() for name in values
    ]
    for row in rows:
        assert row.section in SECTION_LABELS
        assert row.label and row.label[0].isupper() and "_" not in row.label
        assert row.hint.endswith(".")
        assert row.unit == (None if isinstance(row.default, bool) else "working days")
        assert row.default == DEFAULTS[row.section][row.name]
    stage_1 = next(row for row in rows if (row.section, row.name) == ("statutory", "stage_1"))
    assert (stage_1.value, stage_1.default) == (7, 10)


def test_labels_are_unique_within_a_section():
    rows = TimescalePolicy.default().settings()
    for section in SECTION_LABELS:
        labels = [row.label for row in rows if row.section == section]
        assert len(labels) == len(set(labels))


# Legal limits -------------------------------------------------------------------------------------------------

# A council may be quicker than the 2006 Regulations and the Complaint Handling Code, never slower.
CEILINGS = [
    ("statutory", "stage_1", 10),
    ("statutory", "stage_1_extended", 20),
    ("statutory", "stage_2", 25),
    ("statutory", "stage_2_extended", 65),
    ("statutory", "stage_3_panel", 30),
    ("statutory", "stage_3_findings", 5),
    ("statutory", "stage_3_response", 15),
    ("corporate", "acknowledge", 5),
    ("corporate", "stage_1", 10),
    ("corporate", "stage_1_max_extension", 10),
    ("corporate", "stage_2_acknowledge", 5),
    ("corporate", "stage_2", 20),
]
# The complainant's time to ask for the next stage: a council may allow longer, never less.
FLOORS = [("statutory", "request_stage_2", 20), ("statutory", "request_stage_3", 20)]


def test_a_statutory_stage_1_longer_than_20_working_days_is_refused_with_a_clear_message():
    with pytest.raises(ValueError) as error:
        TimescalePolicy.default().with_overrides({"statutory": {"stage_1": 21, "stage_1_extended": 21}})
    assert str(error.value) == (
        "Stage 1 response: the 2006 Regulations allow at most 10 working days, not 21. A council may be quicker, "
        "never slower."
    )
    with pytest.raises(ValueError, match="Stage 1 response when extended: the 2006 Regulations allow at most 20"):
        TimescalePolicy.default().with_overrides({"statutory": {"stage_1_extended": 21}})


@pytest.mark.parametrize(("section", "name", "ceiling"), CEILINGS)
def test_a_timescale_the_law_sets_can_be_shorter_never_longer(section, name, ceiling):
    source = "the 2006 Regulations allow" if section == "statutory" else "the Complaint Handling Code allows"
    stricter = TimescalePolicy.default().with_overrides({section: {name: ceiling - 1}})
    assert getattr(getattr(stricter, section), name) == ceiling - 1
    assert getattr(TimescalePolicy.default().with_overrides({section: {name: ceiling}}), section) is not None
    with pytest.raises(ValueError, match=f"{source} at most {ceiling} working days, not {ceiling + 1}"):
        TimescalePolicy.default().with_overrides({section: {name: ceiling + 1}})


@pytest.mark.parametrize(("section", "name", "floor"), FLOORS)
def test_the_complainants_time_to_escalate_can_be_longer_never_shorter(section, name, floor):
    assert getattr(TimescalePolicy.default().with_overrides({section: {name: floor + 5}}).statutory, name) == 25
    with pytest.raises(ValueError, match=f"give the complainant at least {floor} working days, not {floor - 1}"):
        TimescalePolicy.default().with_overrides({section: {name: floor - 1}})


def test_timescales_the_law_does_not_set_have_no_limit_but_the_sanity_one():
    policy = TimescalePolicy.default().with_overrides(
        {"statutory": {"acknowledge": 8}, "comment": {"response": 40}, "corporate": {"stage_2_max_extension": 30}}
    )
    assert (policy.statutory.acknowledge, policy.comment.response) == (8, 40)


def test_settings_say_each_legal_limit_up_front():
    limits = {(row.section, row.name): row.limit for row in TimescalePolicy.default().settings()}
    assert limits["statutory", "stage_1"] == "The 2006 Regulations allow at most 10 working days."
    assert limits["corporate", "stage_2"] == "The Complaint Handling Code allows at most 20 working days."
    assert (
        limits["statutory", "request_stage_2"] == "The 2006 Regulations give the complainant at least 20 working days."
    )
    assert limits["statutory", "acknowledge"] is None
    assert limits["comment", "response"] is None
    assert limits["statutory", "skip_closure_days"].startswith("Regulation 2 of the 2006 Regulations")


# Council closure days ----------------------------------------------------------------------------------------


def test_closure_days_stop_the_corporate_and_comment_clocks_by_default_and_never_the_statutory_ones():
    policy = TimescalePolicy.default()
    assert policy.statutory.skip_closure_days is False
    assert (policy.corporate.skip_closure_days, policy.comment.skip_closure_days) == (True, True)


def test_a_council_may_count_closure_days_as_working_days_for_corporate_and_comment_clocks():
    policy = TimescalePolicy.default().with_overrides(
        {"corporate": {"skip_closure_days": False}, "comment": {"skip_closure_days": False}}
    )
    assert (policy.corporate.skip_closure_days, policy.comment.skip_closure_days) == (False, False)


def test_closure_days_can_never_move_a_statutory_deadline():
    with pytest.raises(ValueError) as error:
        TimescalePolicy.default().with_overrides({"statutory": {"skip_closure_days": True}})
    assert str(error.value) == (
        "Council closure days do not count as working days: regulation 2 of the 2006 Regulations counts the "
        "council's closure days as working days, so they never move a statutory deadline."
    )
    fixed = [row for row in TimescalePolicy.default().settings() if row.fixed]
    assert [(row.section, row.name) for row in fixed] == [("statutory", "skip_closure_days")]
