"""Case references that people can read out on the phone, type back in, and cannot guess.

Format: ``CF-7K4-M2Q-XHP``, a prefix and nine characters in groups of three. The first eight characters are
random; the ninth is a check character. The alphabet has 29 characters: the digits 2 to 9 and the capital letters
without I, L, O, U and Z, so nothing can be mistaken for 0, 1 or 2 (or another letter) when read or heard.
Eight random characters give 29**8, about 5 x 10**11 references (38.9 bits); with the check character a guess
has one chance in 29 of even looking valid. A reference is a name, not a password: tracking still asks for a
second factor such as the email address.

Check character: give the nine characters the values 0 to 28 (their position in ``ALPHABET``) and the weights
9, 8, ..., 1 from left to right. The check character makes the weighted sum a multiple of 29. Because 29 is prime
and every weight is between 1 and 9, changing one character changes the sum by ``weight * difference``, which 29
cannot divide; swapping two different characters changes it by ``(weight_a - weight_b) * difference``, which
29 cannot divide either. So every single-character mistake and every swap of two characters (next to each other
or not) is caught. This is the weighted-sum scheme of ISO 7064 and the ISBN-10 check, with modulus 29.
"""

import random
import re

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXY"
MODULUS = len(ALPHABET)  # 29, a prime: the proof above depends on it
RANDOM_LENGTH = 8
LENGTH = RANDOM_LENGTH + 1
GROUP_SIZE = 3
DEFAULT_PREFIX = "CF"

_VALUES = {character: value for value, character in enumerate(ALPHABET)}
_WEIGHTS = tuple(range(LENGTH, 0, -1))
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015.]+")
# Z never appears in a reference, so someone who types Z has misread a 2.
_CONFUSIONS = str.maketrans({"Z": "2"})
_PREFIX_PATTERN = re.compile(r"[A-Z]{1,4}")


def new_reference(random_source: random.Random, prefix: str = DEFAULT_PREFIX) -> str:
    """A new case reference such as ``CF-7K4-M2Q-XHP``: eight random characters and a check character.

    Pass ``secrets.SystemRandom()`` in production so references cannot be predicted; tests pass a seeded
    ``random.Random``. The caller must still check that the reference is not already in use. Source: this
    module's docstring (format and check character).
    """
    _check_prefix(prefix)
    body = "".join(random_source.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return format_reference(body + check_character(body), prefix)


def check_character(body: str) -> str:
    """The check character for the eight random characters ``body`` (weighted sum modulo 29, see module docstring)."""
    if len(body) != RANDOM_LENGTH or any(character not in _VALUES for character in body):
        raise ValueError(f"A reference body is {RANDOM_LENGTH} characters from {ALPHABET}, not {body!r}.")
    total = sum(weight * _VALUES[character] for weight, character in zip(_WEIGHTS[:RANDOM_LENGTH], body, strict=True))
    # The check character has weight 1, so it is whatever brings the total to a multiple of 29.
    return ALPHABET[-total % MODULUS]


def format_reference(characters: str, prefix: str = DEFAULT_PREFIX) -> str:
    """The nine characters of a reference with its prefix, in groups of three: ``CF-7K4-M2Q-XHP``."""
    groups = [characters[start : start + GROUP_SIZE] for start in range(0, len(characters), GROUP_SIZE)]
    return "-".join([prefix, *groups])


def normalise_reference(text: str, prefix: str = DEFAULT_PREFIX) -> str | None:
    """The reference in its standard form (``CF-7K4-M2Q-XHP``), or ``None`` if ``text`` is not a valid reference.

    Forgiving about how it is typed: any case, spaces, hyphens or dashes anywhere, and the prefix may be left out.
    A Z is read as a 2, because Z is not used. Anything else outside the alphabet (such as 0, O, 1, I or L) makes
    the reference invalid rather than being guessed at, and so does a wrong check character.
    """
    if not isinstance(text, str):
        return None
    compact = _SEPARATORS.sub("", text).upper()
    if len(compact) == len(prefix) + LENGTH and compact.startswith(prefix):
        compact = compact[len(prefix) :]
    if len(compact) != LENGTH:
        return None
    compact = compact.translate(_CONFUSIONS)
    if any(character not in _VALUES for character in compact):
        return None
    if compact[-1] != check_character(compact[:-1]):
        return None
    return format_reference(compact, prefix)


def is_valid_reference(text: str, prefix: str = DEFAULT_PREFIX) -> bool:
    """Whether ``text`` is a valid case reference, typed in any of the ways ``normalise_reference`` accepts."""
    return normalise_reference(text, prefix) is not None


def _check_prefix(prefix: str) -> None:
    if not _PREFIX_PATTERN.fullmatch(prefix):
        raise ValueError(f"A reference prefix is 1 to 4 capital letters, not {prefix!r}.")
