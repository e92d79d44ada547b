"""Safeguarding phrase matching: whole words, any case, any gaps between words, never blocking anything."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from portal.domain.safeguarding import matching_phrases, normalise

PHRASES = ["hurt me", "hit me", "scared to go home", "self harm", "self-harm", "abuse", "don't feel safe"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("My foster carer hurt me.", ["hurt me"]),
        ("HURT ME", ["hurt me"]),
        ("he   hurt\n\tme", ["hurt me"]),
        ("They hurt, me", ["hurt me"]),
        ("hurt-me", ["hurt me"]),
        ("hurt...me!!", ["hurt me"]),
        ("hurt_me", ["hurt me"]),
        ("I'm scared to go home", ["scared to go home"]),
        ("I am SCARED  to  go  HOME.", ["scared to go home"]),
        ("I think about self-harm", ["self harm"]),
        ("I think about self harm", ["self harm"]),
        ("I dont feel safe", ["don't feel safe"]),
        ("I don’t feel safe", ["don't feel safe"]),
        ("ｈｕｒｔ ｍｅ", ["hurt me"]),
        ("It was abuse", ["abuse"]),
        ("He hit me and it hurt me", ["hurt me", "hit me"]),
    ],
)
def test_phrases_are_found_whatever_the_case_and_gaps(text, expected):
    assert matching_phrases([text], PHRASES) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We had white meat for tea",  # "hit me" inside other words
        "I was disabused of that idea",  # "abuse" inside a longer word
        "abuser",  # a longer word is not the phrase
        "shurt me",
        "hurt mentally",
        "I am scared to go to school",
        "",
        "   ",
    ],
)
def test_phrases_inside_other_words_are_not_found(text):
    assert matching_phrases([text], PHRASES) == []


def test_every_text_is_checked_and_missing_ones_are_skipped():
    assert matching_phrases([None, "", "school is fine", "he hit me"], PHRASES) == ["hit me"]


def test_a_phrase_does_not_run_across_two_answers():
    assert matching_phrases(["it hurt", "me and my sister"], PHRASES) == []


def test_phrases_are_reported_as_configured_each_once():
    assert matching_phrases(["SELF-HARM and self harm"], ["  Self-Harm ", "self harm"]) == ["Self-Harm"]


def test_blank_or_punctuation_only_phrases_never_match():
    assert matching_phrases(["anything at all"], ["", "   ", "...", "--"]) == []


def test_no_phrases_configured_means_no_matches():
    assert matching_phrases(["he hurt me"], []) == []


# Properties ---------------------------------------------------------------------------------------------------------

# Letters whose upper and lower case fold to the same thing (not the Turkish dotless i, for example).
letters = st.characters(categories=["Ll", "Lu"], max_codepoint=0x24F).filter(
    lambda c: c.upper().casefold() == c.lower().casefold() == c.casefold()
)
words = st.text(alphabet=letters, min_size=1, max_size=8)
phrases = st.lists(words, min_size=1, max_size=4).map(" ".join)
gap_characters = st.sampled_from(' \t\n.,;:!?-_()/"*')
gaps = st.text(alphabet=gap_characters, min_size=1, max_size=4)
any_text = st.text(max_size=200)


@given(phrase=phrases, before=any_text, after=any_text, data=st.data())
def test_a_phrase_with_any_gaps_and_case_is_found(phrase, before, after, data):
    spaced = "".join(
        word + (data.draw(gaps) if index < len(phrase.split()) - 1 else "") for index, word in enumerate(phrase.split())
    )
    mixed_case = "".join(character.upper() if data.draw(st.booleans()) else character.lower() for character in spaced)
    text = f"{before} {mixed_case} {after}"
    assert matching_phrases([text], [phrase]) == [phrase]


@given(phrase=phrases, prefix=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=5))
def test_a_phrase_glued_to_another_word_is_not_found(phrase, prefix):
    text = prefix + phrase
    assume(normalise(phrase) not in normalise(text))
    assert matching_phrases([text], [phrase]) == []


@given(texts=st.lists(st.one_of(st.none(), any_text), max_size=5), configured=st.lists(any_text, max_size=8))
def test_matching_never_fails_and_only_reports_configured_phrases(texts, configured):
    found = matching_phrases(texts, configured)
    assert set(found) <= {phrase.strip() for phrase in configured}
    assert len(found) == len(set(found))


@given(text=st.text(alphabet=st.one_of(letters, gap_characters), max_size=200), phrase=phrases)
def test_case_never_matters(text, phrase):
    assert bool(matching_phrases([text.upper()], [phrase])) == bool(matching_phrases([text.lower()], [phrase.upper()]))
