"""Typed text on pages: escaped, with its line breaks, and with invisible direction characters shown inert."""

from portal.common.filters import multiline


def test_typed_text_is_escaped_with_its_line_breaks():
    assert str(multiline("she said <mum> was lying\nthen & left")) == (
        "she said &lt;mum&gt; was lying<br>then &amp; left"
    )


def test_a_direction_override_is_shown_as_its_code_and_reorders_nothing():
    html = str(multiline("invoice\u202efdp.exe"))
    assert "\u202e" not in html
    assert html == 'invoice<span class="app-invisible-character">[U+202E]</span>fdp.exe'


def test_joiners_in_emoji_are_left_alone():
    assert str(multiline("👨\u200d👩\u200d👧")) == "👨\u200d👩\u200d👧"
