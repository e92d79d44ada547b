"""Password hashing and the rules for new passwords."""

import pytest

from portal.auth.passwords import COMMON_PASSWORDS, hash_password, password_problem, verify_password

EMAIL = "casey.officer@anytown.example"


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
        ("Password1234", "Password is too easy to guess. Choose a different password"),
        ("aaaaaaaaaaaaaaaa", "Password is too easy to guess. Choose a different password"),
        (EMAIL.upper(), "Password must not be your email address"),
        (f" {EMAIL} ", "Password must not be your email address"),
        ("twelve chars", None),
        ("purple tortoise lamppost", None),
    ],
)
def test_password_rules(password, problem):
    assert password_problem(password, EMAIL) == problem


def test_every_common_password_is_long_enough_to_need_the_list():
    assert all(len(password) >= 12 for password in COMMON_PASSWORDS)
    assert all(password == password.casefold() for password in COMMON_PASSWORDS)
