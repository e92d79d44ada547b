"""The WCAG contrast checker behind the brand and link colour checks. Pure: no app or database needed."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.admin.contrast import MINIMUM_CONTRAST, contrast_ratio, enough_contrast, is_hex_colour, relative_luminance

colours = st.integers(min_value=0, max_value=0xFFFFFF).map(lambda value: f"#{value:06x}")


# Reference values from WebAIM's contrast checker and the GOV.UK Design System's colour guidance.
@pytest.mark.parametrize(
    "first, second, ratio",
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#1d70b8", "#ffffff", 5.17),  # GOV.UK link blue
        ("#595959", "#ffffff", 7.0),  # the lightest grey that meets AAA on white
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes on white
        ("#777777", "#ffffff", 4.48),
    ],
)
def test_known_ratios(first, second, ratio):
    assert contrast_ratio(first, second) == pytest.approx(ratio, abs=0.01)


@pytest.mark.parametrize(
    "colour, passes",
    [("#767676", True), ("#777777", False), ("#1d70b8", True), ("#d4351c", True), ("#f47738", False)],
)
def test_the_threshold_is_4_5_to_1_without_rounding(colour, passes):
    assert MINIMUM_CONTRAST == 4.5
    assert enough_contrast(colour, "#ffffff") is passes


def test_capital_letters_are_the_same_colour():
    assert contrast_ratio("#1D70B8", "#FFFFFF") == contrast_ratio("#1d70b8", "#ffffff")


@pytest.mark.parametrize("value", ["1d70b8", "#fff", "#1d70b", "#1d70b8ff", "#gggggg", "red", "", " #1d70b8"])
def test_anything_but_six_hex_digits_is_refused(value):
    assert not is_hex_colour(value)
    with pytest.raises(ValueError):
        relative_luminance(value)


@given(colours, colours)
def test_the_ratio_is_symmetric_and_between_1_and_21(first, second):
    ratio = contrast_ratio(first, second)
    assert ratio == contrast_ratio(second, first)
    assert 1 <= ratio <= 21.0000001


@given(colours)
def test_a_colour_against_itself_is_1(colour):
    assert contrast_ratio(colour, colour) == pytest.approx(1)


@given(colours)
def test_luminance_is_between_black_and_white(colour):
    assert relative_luminance("#000000") <= relative_luminance(colour) <= relative_luminance("#ffffff")
