"""The timescale policy: defaults, overrides and their validation (domain.md section 4)."""

import dataclasses

import pytest

from portal.domain.timescales import (
    MAX_WORKING_DAYS,
    SECTION_LABELS,
    CommentTimescales,
    ComplimentTimescales,
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
    },
    "corporate": {
        "acknowledge": 5,
        "stage_1": 10,
        "stage_1_max_extension": 10,
        "stage_2_acknowledge": 5,
        "stage_2": 20,
        "stage_2_max_extension": 20,
        "stage_1_handler_may_handle_stage_2": False,
    },
    "comment": {"acknowledge": 3, "response": 10},
    "compliment": {"acknowledge": 5},
}


def test_the_defaults_are_those_of_the_regulations_and_the_code():
    assert TimescalePolicy.default().as_dict() == DEFAULTS


def test_corporate_extended_timescales_add_the_extension():
    corporate = TimescalePolicy.default().corporate
    assert corporate.stage_1_extended == 20
    assert corporate.stage_2_extended == 40


def test_overrides_change_only_what_they_name_and_leave_the_original_alone():
    default = TimescalePolicy.default()
    policy = default.with_overrides({"statutory": {"stage_1": 15}, "comment": {"response": 5}})
    assert policy.statutory.stage_1 == 15
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
        {"statutory": {"acknowledge": 2, "stage_2": 30}, "corporate": {"stage_1_handler_may_handle_stage_2": True}}
    )
    assert TimescalePolicy.default().with_overrides(policy.as_dict()) == policy


def test_overrides_lists_only_what_differs_from_the_defaults():
    assert TimescalePolicy.default().overrides() == {}
    changes = {"statutory": {"stage_1": 15}, "compliment": {"acknowledge": 2}}
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
        ({"statutory": {"stage_1": 25}}, "cannot be shorter than the usual one"),
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
        TimescalePolicy.default().with_overrides({"compliment": {"respond": 3, 7: 1}})
    assert "'7', 'respond'" in str(error.value)
    assert "expected one of acknowledge" in str(error.value)


def test_the_boundaries_are_allowed():
    policy = TimescalePolicy.default().with_overrides(
        {"comment": {"acknowledge": 1, "response": MAX_WORKING_DAYS}, "statutory": {"stage_1": 20}}
    )
    assert policy.comment.acknowledge == 1
    assert policy.comment.response == MAX_WORKING_DAYS
    assert policy.statutory.stage_1 == policy.statutory.stage_1_extended


@pytest.mark.parametrize(
    "section", [StatutoryTimescales, CorporateTimescales, CommentTimescales, ComplimentTimescales, TimescalePolicy]
)
def test_the_policy_is_immutable(section):
    instance = section()
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(instance, dataclasses.fields(instance)[0].name, None)


def test_constructing_a_section_directly_is_validated_too():
    with pytest.raises(ValueError, match="Acknowledge the complaint: must be between 1"):
        StatutoryTimescales(acknowledge=0)


def test_settings_list_every_field_with_a_plain_english_label():
    rows = TimescalePolicy.default().with_overrides({"statutory": {"stage_1": 12}}).settings()
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
    assert (stage_1.value, stage_1.default) == (12, 10)


def test_labels_are_unique_within_a_section():
    rows = TimescalePolicy.default().settings()
    for section in SECTION_LABELS:
        labels = [row.label for row in rows if row.section == section]
        assert len(labels) == len(set(labels))
