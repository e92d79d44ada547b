"""Safeguarding phrases: does anything a child wrote contain one of the council's configured phrases?

A match never stops a child sending their message. It flags the case so that staff see it at once, and tells the
safeguarding contact (domain.md section 7: "staff must see a safeguarding flag immediately").

Matching rules, so that a child's spelling and typing do not hide a phrase:

- Case does not matter ("Hurt Me" matches "hurt me"), including Unicode case ("ß" and "SS").
- Words are compared whole: "hit me" matches "he hit me." but not "white meat"; "abuse" does not match "disabused".
- Anything between words that is not a letter or a digit counts as one gap, so extra spaces, line breaks,
  punctuation, hyphens and underscores do not matter: "hurt   me", "hurt, me", "hurt-me" and "HURT...ME" all match
  "hurt me", and "self harm" matches "self-harm".
- Apostrophes are dropped, so "don't feel safe", "dont feel safe" and "don’t feel safe" are the same.
- Full-width and other compatibility characters are read as their plain forms (Unicode NFKC).

A phrase with no letters or digits in it can never match, rather than matching everything.
"""

import re
import unicodedata
from collections.abc import Iterable

APOSTROPHES = "'\u2019\u2018\u02bc\u0060\u00b4"
_APOSTROPHE_TABLE = {ord(mark): None for mark in APOSTROPHES}
_GAP = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Text as the matcher sees it: NFKC, case-folded, apostrophes dropped, every gap between words one space,
    with a space at each end so that a phrase can be looked for as whole words."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHE_TABLE)
    words = _GAP.sub(" ", folded).strip()
    return f" {words} " if words else ""


def matching_phrases(texts: Iterable[str | None], phrases: Iterable[str]) -> list[str]:
    """The configured phrases found in any of ``texts``, as they were configured, each once, in the order given.

    ``texts`` are the things a child wrote (empty and missing ones are skipped); ``phrases`` are the council's list
    (CouncilSettings.safeguarding_phrases). Two configured phrases that read the same once normalised ("self harm"
    and "self-harm") are reported once, as the first of them.
    """
    haystack = " ".join(normalise(text) for text in texts if text)
    found: list[str] = []
    seen: set[str] = set()
    for phrase in phrases:
        needle = normalise(phrase or "")
        if not needle or needle in seen:
            continue
        seen.add(needle)
        if needle in haystack:
            found.append(phrase.strip())
    return found
