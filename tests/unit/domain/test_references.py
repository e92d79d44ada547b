"""Case references: format, check character and forgiving input."""

import math
import random
import re
import secrets
from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.domain.references import (
    ALPHABET,
    LENGTH,
    MODULUS,
    RANDOM_LENGTH,
    check_character,
    format_reference,
    is_valid_reference,
    new_reference,
    normalise_reference,
)

FORMAT = re.compile(rf"^CF-[{ALPHABET}]{{3}}-[{ALPHABET}]{{3}}-[{ALPHABET}]{{3}}$")


def core(reference: str) -> str:
    return reference.replace("-", "")[2:]


def sample(count: int, seed: int = 2026) -> list[str]:
    source = random.Random(seed)
    return [new_reference(source) for _ in range(count)]


def with_check(body: str) -> str:
    return body + check_character(body)


def test_the_alphabet_has_no_confusable_characters():
    assert len(set(ALPHABET)) == len(ALPHABET) == MODULUS == 29
    assert not set("01ILOUZ") & set(ALPHABET)
    assert all(MODULUS % divisor for divisor in range(2, MODULUS)), "the check relies on a prime modulus"


def test_there_are_about_forty_bits_of_randomness():
    assert RANDOM_LENGTH * math.log2(len(ALPHABET)) > 38.5


def test_new_references_have_the_format_and_are_valid():
    for reference in sample(500):
        assert FORMAT.match(reference), reference
        assert is_valid_reference(reference)
        assert normalise_reference(reference) == reference


def test_a_seeded_source_gives_the_same_references():
    assert sample(5, seed=7) == sample(5, seed=7)
    assert sample(5, seed=7) != sample(5, seed=8)


def test_the_system_random_source_works():
    assert is_valid_reference(new_reference(secrets.SystemRandom()))


def test_references_do_not_repeat_in_a_large_sample():
    references = sample(20_000)
    assert len(set(references)) == len(references)


def test_every_character_is_used_in_every_position():
    cores = [core(reference) for reference in sample(3_000)]
    for position in range(LENGTH):
        assert {value[position] for value in cores} == set(ALPHABET)


@pytest.mark.parametrize(
    "typed",
    [
        "CF-7K4-M2Q-XH{c}",
        "cf-7k4-m2q-xh{c}",
        "CF 7K4 M2Q XH{c}",
        "  cf7k4m2qxh{c}  ",
        "7K4-M2Q-XH{c}",
        "7k4m2qxh{c}",
        "CF\u20137K4\u2013M2Q\u2013XH{c}",  # en dashes from a word processor
        "CF-7K4-MZQ-XH{c}",  # Z is read as 2
        "C F - 7 K 4 M 2 Q X H {c}",
    ],
)
def test_normalise_forgives_how_a_reference_is_typed(typed):
    check = check_character("7K4M2QXH")
    assert normalise_reference(typed.format(c=check)) == f"CF-7K4-M2Q-XH{check}"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "CF",
        "CF-7K4-M2Q-XH",  # too short
        "CF-7K4-M2Q-XHPP2",  # too long
        "XX-7K4-M2Q-XHP",  # another prefix
        "CF-7K4-M2Q-XH_",
        "CF-7K4-M2Q-X\u00c9P",
        None,
        12345678,
    ],
)
def test_normalise_rejects_what_is_not_a_reference(typed):
    assert normalise_reference(typed) is None
    assert not is_valid_reference(typed)


@pytest.mark.parametrize("confusable", ["0", "O", "1", "I", "L", "U"])
def test_characters_outside_the_alphabet_are_rejected_not_guessed(confusable):
    body = "7K4M2QXH"
    reference = with_check(body)
    typed = reference[:3] + confusable + reference[4:]
    assert normalise_reference(typed) is None


def test_a_wrong_check_character_is_rejected():
    body = "7K4M2QXH"
    right = check_character(body)
    for wrong in ALPHABET.replace(right, ""):
        assert normalise_reference(body + wrong) is None


def random_body(source: random.Random) -> list[str]:
    return [source.choice(ALPHABET) for _ in range(RANDOM_LENGTH)]


@pytest.mark.parametrize("position", range(RANDOM_LENGTH))
def test_every_single_character_substitution_in_the_body_is_caught(position):
    # Exhaustive over every ordered pair of characters at this position; the other positions are random.
    source = random.Random(position)
    for original, replacement in permutations(ALPHABET, 2):
        body = random_body(source)
        body[position] = original
        valid = with_check("".join(body))
        mistyped = valid[:position] + replacement + valid[position + 1 :]
        assert not is_valid_reference(mistyped), (valid, mistyped)


def test_every_substitution_of_the_check_character_is_caught():
    source = random.Random(LENGTH)
    for _ in range(MODULUS * 20):
        valid = with_check("".join(random_body(source)))
        for wrong in ALPHABET.replace(valid[-1], ""):
            assert not is_valid_reference(valid[:-1] + wrong)


@pytest.mark.parametrize("distance", range(1, LENGTH))
def test_every_transposition_is_caught(distance):
    # Adjacent swaps (distance 1) are the usual phone and typing mistake; the weights catch a swap at any distance.
    source = random.Random(distance)
    for first in range(LENGTH - distance):
        second = first + distance
        for a, b in permutations(ALPHABET, 2):
            body = random_body(source)
            body[first] = a
            if second < RANDOM_LENGTH:
                body[second] = b  # otherwise the second character is the check character
            valid = list(with_check("".join(body)))
            if valid[first] == valid[second]:
                continue
            valid[first], valid[second] = valid[second], valid[first]
            assert not is_valid_reference("".join(valid))


def test_check_character_refuses_a_bad_body():
    for body in ["7K4M2QX", "7K4M2QXHP", "7K4M2QX0", "7k4m2qxh"]:
        with pytest.raises(ValueError, match="A reference body is 8 characters"):
            check_character(body)


def test_a_council_can_use_its_own_prefix():
    reference = new_reference(random.Random(3), prefix="SCT")
    assert reference.startswith("SCT-")
    assert normalise_reference(reference.lower(), prefix="SCT") == reference
    assert normalise_reference(reference) is None
    assert normalise_reference(core(reference.replace("SCT-", "CF-")), prefix="SCT") == reference


@pytest.mark.parametrize("prefix", ["", "cf", "C1", "TOOLONG", "C-F"])
def test_a_prefix_is_one_to_four_capital_letters(prefix):
    with pytest.raises(ValueError, match="A reference prefix is 1 to 4 capital letters"):
        new_reference(random.Random(1), prefix=prefix)


def test_format_reference_groups_in_threes():
    assert format_reference("7K4M2QXHP") == "CF-7K4-M2Q-XHP"


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=30))
def test_normalise_never_raises(text):
    result = normalise_reference(text)
    assert result is None or (FORMAT.match(result) and normalise_reference(result) == result)
