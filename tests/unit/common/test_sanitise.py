"""Text is evidence: what people type is stored as typed, names lose invisible characters, staff HTML is allowlisted."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.common.sanitise import BIDI_CONTROLS, ZERO_WIDTH, clean_html, clean_name, clean_text


@pytest.mark.parametrize(
    "typed",
    [
        "she said <mum> was lying",
        "<script>alert(1)</script>",
        "a < b && c > d",
        "&lt;already escaped&gt; &amp;",
        "Łucja, محمد, 李小龍 and 👨‍👩‍👧",
        "tabs\tstay",
    ],
)
def test_text_is_kept_exactly_as_typed(typed):
    assert clean_text(typed) == typed


def test_line_endings_become_newlines_and_ends_are_trimmed():
    assert clean_text("  first\r\nsecond\rthird\n\n  ") == "first\nsecond\nthird"


def test_control_characters_are_removed():
    assert clean_text("bell\x07 null\x00 escape\x1b[31m delete\x7f c1\x85") == "bell null escape[31m delete c1"


def test_none_stays_none():
    assert clean_text(None) is None
    assert clean_name(None) is None


def test_names_lose_direction_overrides_and_zero_width_characters():
    assert clean_name("Sam\u202eyrreP\u202c") == "SamyrreP"
    assert clean_name("Jo\u200bhn\u200d Sm\ufeffith") == "John Smith"
    assert clean_name("  Amira   <Ali>  ") == "Amira <Ali>"


def test_other_text_keeps_direction_characters_as_evidence():
    assert clean_text("see invoice\u202efdp.exe") == "see invoice\u202efdp.exe"


@given(st.text())
def test_clean_text_is_idempotent_and_leaves_no_control_characters(text):
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert not any(unicodedata.category(character) == "Cc" and character not in "\t\n" for character in cleaned)
    assert "\r" not in cleaned


@given(st.text())
def test_clean_text_only_ever_removes_characters(text):
    """Nothing is added, escaped or rewritten: every character kept is one that was typed, in the same order."""
    cleaned = iter(text.replace("\r\n", "\n").replace("\r", "\n"))
    assert all(character in cleaned for character in clean_text(text))


@given(st.text())
def test_names_never_keep_invisible_characters(text):
    name = clean_name(text)
    assert not set(name) & set(BIDI_CONTROLS + ZERO_WIDTH)
    assert clean_name(name) == name


def test_staff_html_keeps_only_the_allowlist():
    html = '<p>Dear <strong>Sam</strong></p><script>x()</script><a href="javascript:x()">link</a><img src=x onerror=y>'
    cleaned = clean_html(html)
    assert "<p>Dear <strong>Sam</strong></p>" in cleaned
    assert "<script>" not in cleaned and "<img" not in cleaned and "javascript:" not in cleaned
    assert (
        clean_html('<a href="https://www.anytown.example">site</a>') == '<a href="https://www.anytown.example">site</a>'
    )
