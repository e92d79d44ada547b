"""Password hashing with Argon2 (argon2-cffi's recommended parameters)."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

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


MINIMUM_LENGTH = 12
MAXIMUM_LENGTH = 200

# Passwords long enough to pass the length rule that still appear high in breached-password lists.
COMMON_PASSWORDS = frozenset(
    {
        "000000000000",
        "111111111111",
        "123123123123",
        "123456789012",
        "1234567890qwerty",
        "1q2w3e4r5t6y",
        "1qaz2wsx3edc",
        "abc123abc123",
        "abcdefghijkl",
        "administrator",
        "changeme1234",
        "iloveyou1234",
        "letmein12345",
        "password1234",
        "password12345",
        "password123456",
        "passwordpassword",
        "password!123",
        "p@ssw0rd1234",
        "p@ssword1234",
        "q1w2e3r4t5y6",
        "qwerty123456",
        "qwertyuiop12",
        "qwertyuiopasdf",
        "sunshine1234",
        "trustno1trustno1",
        "welcome12345",
        "welcome123456",
        "football1234",
        "monkey123456",
        "dragon123456",
        "princess1234",
        "baseball1234",
        "superman1234",
        "zaq12wsxcde3",
        "0987654321qwerty",
        "correcthorsebatterystaple",
    }
)


def password_problem(password: str, email: str) -> str | None:
    """What is wrong with a new password, in words to show the person choosing it, or None if it will do."""
    if not password:
        return "Enter a password"
    if len(password) < MINIMUM_LENGTH:
        return f"Password must be {MINIMUM_LENGTH} characters or more"
    if len(password) > MAXIMUM_LENGTH:
        return f"Password must be {MAXIMUM_LENGTH} characters or fewer"
    folded = password.strip().casefold()
    if folded == email.strip().casefold():
        return "Password must not be your email address"
    if folded in COMMON_PASSWORDS or len(set(folded)) == 1:
        return "Password is too easy to guess. Choose a different password"
