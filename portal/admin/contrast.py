"""Colour contrast as WCAG 2.2 defines it, for the council's brand and link colours.

Pure functions with no imports from the app, so the rule can be tested on its own.
Source: WCAG 2.2, success criterion 1.4.3 "Contrast (Minimum)" and the definitions of "contrast ratio" and
"relative luminance" (https://www.w3.org/TR/WCAG22/#dfn-relative-luminance).
"""

import re

WHITE = "#ffffff"
# Text smaller than 18 point (or 14 point bold) needs at least 4.5 to 1 (WCAG 1.4.3, level AA). Not rounded:
# WCAG says a ratio just under the threshold fails.
MINIMUM_CONTRAST = 4.5

_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def is_hex_colour(value: str) -> bool:
    """Whether `value` is a colour written as # and six hexadecimal digits, like #1d70b8."""
    return bool(_HEX_COLOUR.fullmatch(value or ""))


def _channel(value: int) -> float:
    """One sRGB channel (0 to 255) made linear, as the WCAG definition of relative luminance does."""
    scaled = value / 255
    return scaled / 12.92 if scaled <= 0.04045 else ((scaled + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """From 0 for black to 1 for white. Raises ValueError for anything but #RRGGBB."""
    if not is_hex_colour(colour):
        raise ValueError(f"{colour!r} is not a colour like #1d70b8")
    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """The contrast ratio of two colours, from 1 (the same) to 21 (black and white); the order does not matter."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def enough_contrast(first: str, second: str, minimum: float = MINIMUM_CONTRAST) -> bool:
    return contrast_ratio(first, second) >= minimum
