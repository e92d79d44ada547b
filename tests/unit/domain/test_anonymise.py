"""Suggesting an anonymised compliment: every known name found and replaced, nothing else touched."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.domain.anonymise import KnownPerson, PersonKind, Replacement, names_left, suggest

LEE = KnownPerson("Lee Brightwater", PersonKind.STAFF)
KIT = KnownPerson("Kit Farrowby", PersonKind.CHILD)
SAM = KnownPerson("Sam Farrowby", PersonKind.OTHER)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lee Brightwater went above and beyond.", "SW went above and beyond."),
        ("Thank you Lee, you listened to Kit.", "Thank you SW, you listened to YP."),
        ("lee brightwater helped us", "SW helped us"),
        ("Mrs Brightwater came to every meeting.", "SW came to every meeting."),
        ("Dr. Brightwater came", "SW came"),
        ("Kit's social worker, Lee, was kind.", "YP's social worker, SW, was kind."),
        ("Lee  Brightwater and KIT", "SW and YP"),
        # One surname shared by a child and an adult says less than either: "X".
        ("The Farrowby family thank Lee.", "The X family thank SW."),
        ("Sam thanks Lee for helping Kit.", "X thanks SW for helping YP."),
    ],
)
def test_known_names_are_replaced_by_their_stand_ins(text, expected):
    assert suggest(text, [LEE, KIT, SAM]).text == expected


def test_a_name_part_in_lower_case_is_an_ordinary_word_and_stays():
    assert suggest("I packed my kit and said thanks to Kit.", [KIT]).text == "I packed my kit and said thanks to YP."


def test_words_that_only_contain_a_name_stay():
    assert suggest("Leeds and Kitty and Lee-side", [LEE, KIT]).text == "Leeds and Kitty and Lee-side"


def test_a_hyphenated_name_is_found_whole_and_by_its_parts():
    mary = KnownPerson("Mary-Jane Oduya", PersonKind.STAFF)
    assert suggest("Mary-Jane and Jane and Oduya", [mary]).text == "SW and SW and SW"


def test_the_replacements_say_what_was_found_and_how_often():
    suggestion = suggest("Lee helped. Lee Brightwater visited. Kit smiled.", [LEE, KIT])
    assert set(suggestion.replacements) == {
        Replacement("Lee Brightwater", "SW", 1),
        Replacement("Lee", "SW", 1),
        Replacement("Kit", "YP", 1),
    }


def test_titles_and_initials_are_not_names_on_their_own():
    doctor = KnownPerson("Dr A Okafor", PersonKind.STAFF)
    assert suggest("Dr Smith and A team thanked Okafor.", [doctor]).text == "Dr Smith and A team thanked SW."


def test_blank_and_one_letter_names_are_ignored():
    assert suggest(
        "A lovely visit.", [KnownPerson(" ", PersonKind.CHILD), KnownPerson("A", PersonKind.CHILD)]
    ).text == ("A lovely visit.")


def test_names_with_regex_characters_are_matched_literally():
    odd = KnownPerson("Jo (Jojo) O'Neill", PersonKind.CHILD)
    assert suggest("Thanks O'Neill and Jo.", [odd]).text == "Thanks YP and YP."


def test_names_left_lists_what_is_still_there():
    assert names_left("SW was kind to Kit.", [LEE, KIT]) == ["Kit"]
    assert names_left("SW was kind to YP.", [LEE, KIT]) == []


names = st.from_regex(r"[A-Z][a-z]{2,8} [A-Z][a-z]{2,10}", fullmatch=True)


@given(first=names, second=names, filler=st.sampled_from(["was kind", "helped", "listened to us"]))
def test_after_the_suggestion_no_known_name_is_left(first, second, filler):
    people = [KnownPerson(first, PersonKind.STAFF), KnownPerson(second, PersonKind.CHILD)]
    text = f"{first} {filler}. {second.split()[0]} said {first.split()[1]} {filler}."
    assert names_left(suggest(text, people).text, people) == []
