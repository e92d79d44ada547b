"""Safeguarding phrase matching: whole words, any case, any gaps between words, never blocking anything."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from portal.domain.safeguarding import (
    DEFAULT_PHRASES,
    IRREGULAR_STEMS,
    SPOKEN_FORMS,
    matching_phrases,
    normalise,
    stem,
)
from tests.unit.domain.safeguarding_corpus import DISCLOSURES, ORDINARY

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


# Word forms ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, text",
    [
        ("hit me", "he hits me"),
        ("hit me", "he keeps hitting me"),
        ("hitting me", "he hit me"),
        ("hits me", "he hit me yesterday"),
        ("touched me", "he touches me"),
        ("touched me", "he was touching me"),
        ("abuse", "I was abused"),
        ("abuse", "he is abusing me"),
        ("abuse", "the abuses went on"),
        ("run away", "I ran away"),
        ("run away", "I keep running away"),
        ("run away", "she runs away"),
        ("want to die", "my daughter wants to die"),
        ("want to die", "i wanna die"),
        ("kick me", "they kicked me"),
        ("cut myself", "I have been cutting myself"),
        ("self harm", "she is self-harming"),
        ("locked in", "they lock me in and they locked in my brother"),
        ("beat me", "he has beaten me"),
        ("don't feel safe", "I do not feel safe"),
        ("do not feel safe", "i dont feel safe"),
        ("not feel safe", "I don't feel safe"),
        ("not safe", "I'm not safe"),
        ("no food", "there is no food"),
        ("die", "he is dying"),
        ("cry", "she cries every night"),
        ("scared to go home", "SCARED TO GO HOME"),
    ],
)
def test_word_forms_match_each_other(phrase, text):
    assert matching_phrases([text], [phrase]) == [phrase]


@pytest.mark.parametrize(
    "phrase, text",
    [
        ("hit me", "a hitman"),
        ("abuse", "he is an abuser"),  # a different word, not a form of it
        ("abuse", "she was abusive on the phone"),
        ("kill myself", "the skill myself"),
        ("run away", "a runaway train"),
        ("not safe", "not a safe place to park"),
        ("hurt me", "hurt mentally"),
        ("need", "the needle"),
    ],
)
def test_other_words_do_not_match(phrase, text):
    assert matching_phrases([text], [phrase]) == []


@pytest.mark.parametrize(
    "word, expected",
    [
        ("hits", "hit"),
        ("hitting", "hit"),
        ("hit", "hit"),
        ("touches", "touch"),
        ("touched", "touch"),
        ("abused", "abus"),
        ("abuse", "abus"),
        ("cries", "cry"),
        ("dies", "die"),
        ("dying", "die"),
        ("ran", "run"),
        ("need", "need"),
        ("needs", "need"),
        ("bring", "bring"),
        ("this", "this"),
        ("kill", "kill"),
        ("me", "me"),
    ],
)
def test_stems(word, expected):
    assert stem(word) == expected


# Any word ending in a consonant that is neither doubled nor l, s or z when a suffix is added.
consonant_words = st.from_regex(r"\A[a-z]{1,6}[aiou][bcdfghjkmnpqrtvwx]\Z").filter(
    lambda word: word not in SPOKEN_FORMS and word not in IRREGULAR_STEMS and not word.endswith(("ing", "ed"))
)


@given(word=consonant_words)
def test_regular_forms_of_a_word_share_its_stem(word):
    forms = [word, word + "s", word + "ed", word + "ing", word + word[-1] + "ing", word + word[-1] + "ed"]
    assert {stem(form) for form in forms} == {stem(word)}


@given(word=consonant_words, before=any_text, after=any_text)
def test_a_phrase_in_one_form_finds_the_word_in_another(word, before, after):
    assert matching_phrases([f"{before} {word}ing me {after}"], [f"{word}s me"]) == [f"{word}s me"]


# The default phrases against real words -----------------------------------------------------------------------------


def test_the_default_phrases_catch_at_least_90_percent_of_disclosures():
    assert len(DISCLOSURES) >= 50
    missed = [sentence for sentence in DISCLOSURES if not matching_phrases([sentence], DEFAULT_PHRASES)]
    assert len(missed) <= len(DISCLOSURES) * 0.1, missed


def test_the_default_phrases_raise_at_most_2_alarms_on_50_ordinary_messages():
    assert len(ORDINARY) >= 50
    alarms = [sentence for sentence in ORDINARY if matching_phrases([sentence], DEFAULT_PHRASES)]
    assert len(alarms) <= 2, alarms


def test_every_default_phrase_can_match_something():
    assert all(normalise(phrase) for phrase in DEFAULT_PHRASES)
