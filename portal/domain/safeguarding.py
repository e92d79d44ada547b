"""Safeguarding phrases: does anything someone wrote contain one of the council's configured phrases?

A match never stops anyone sending their message. It flags the case so that staff see it at once, and tells the
safeguarding contact (domain.md section 7: "staff must see a safeguarding flag immediately"; "every channel is
checked", so adults' messages and what staff record from a phone call are checked too).

Matching rules, so that spelling, typing and grammar do not hide a phrase:

- Case does not matter ("Hurt Me" matches "hurt me"), including Unicode case ("ß" and "SS").
- Words are compared whole: "hit me" matches "he hit me." but not "white meat"; "abuse" does not match "disabused".
- Anything between words that is not a letter or a digit counts as one gap, so extra spaces, line breaks,
  punctuation, hyphens and underscores do not matter: "hurt   me", "hurt, me", "hurt-me" and "HURT...ME" all match
  "hurt me", and "self harm" matches "self-harm".
- Apostrophes are dropped, and common contractions and spoken forms are read in full, so "don't feel safe",
  "dont feel safe", "do not feel safe" and "don’t feel safe" are the same, and "wanna die" reads "want to die".
- Word forms are the same word: "hit me" matches "hits me" and "hitting me"; "touched me" matches "touches me";
  "abuse" matches "abused" and "abusing"; "run away" matches "ran away" and "running away". Each word is reduced
  to a simple stem (`stem`), in the phrase and in the text alike, so a phrase can be configured in any form.
- Full-width and other compatibility characters are read as their plain forms (Unicode NFKC).

A phrase with no letters or digits in it can never match, rather than matching everything.
"""

import re
import unicodedata
from collections.abc import Iterable

APOSTROPHES = "'\u2019\u2018\u02bc\u0060\u00b4"
_APOSTROPHE_TABLE = {ord(mark): None for mark in APOSTROPHES}
_GAP = re.compile(r"[\W_]+")

# Written the way people type them (apostrophes already dropped), read in full.
SPOKEN_FORMS = {
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "can not",
    "cannot": "can not",
    "wont": "will not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "havent": "have not",
    "hasnt": "has not",
    "aint": "am not",
    "im": "i am",
    "ive": "i have",
    "id": "i would",
    "ill": "i will",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
}
# Forms the suffix rules below cannot reach.
IRREGULAR_STEMS = {
    "ran": "run",
    "died": "die",
    "dying": "die",
    "lied": "lie",
    "lying": "lie",
    "beaten": "beat",
    "fed": "feed",
    "hid": "hide",
    "hidden": "hide",
    "threw": "throw",
    "thrown": "throw",
    "took": "take",
    "taken": "take",
}
_VOWELS = set("aeiouy")
_NOT_UNDOUBLED = set("lsz") | _VOWELS


def stem(word: str) -> str:
    """A word reduced to the stem its other forms share: "hits", "hitting" and "hit" all give "hit".

    A light English suffix stripper, in the spirit of the first step of Porter's algorithm: one of "-ies", "-ing",
    "-ed", "-es" or "-s" comes off (only when enough of the word is left to still be a word), then a doubled final
    consonant is made single ("hitt" from "hitting") and a final "e" is dropped ("abuse", "abused" and "abusing"
    all give "abus"). It only has to be consistent: the phrase and the text go through the same steps.
    """
    if word in IRREGULAR_STEMS:
        word = IRREGULAR_STEMS[word]
    elif len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith("ing") and _VOWELS & set(word[:-3]):
        word = word[:-3]
    elif len(word) > 3 and word.endswith("ed") and not word.endswith("eed") and _VOWELS & set(word[:-2]):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("es") and word[:-2].endswith(("ch", "sh", "ss", "x", "z")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 2 and word[-1] == word[-2] and word[-1] not in _NOT_UNDOUBLED:
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def normalise(text: str) -> str:
    """Text as the matcher sees it: NFKC, case-folded, apostrophes dropped, contractions read in full, every word
    stemmed and every gap between words one space, with a space at each end so that a phrase can be looked for as
    whole words."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHE_TABLE)
    words = [stem(word) for token in _GAP.split(folded) if token for word in SPOKEN_FORMS.get(token, token).split()]
    return f" {' '.join(words)} " if words else ""


def matching_phrases(texts: Iterable[str | None], phrases: Iterable[str]) -> list[str]:
    """The configured phrases found in any of ``texts``, as they were configured, each once, in the order given.

    ``texts`` are the things someone wrote (empty and missing ones are skipped), each checked on its own so that a
    phrase never runs from one answer into the next; ``phrases`` are the council's list
    (CouncilSettings.safeguarding_phrases). Two configured phrases that read the same once normalised ("self harm"
    and "self-harm") are reported once, as the first of them.
    """
    haystack = "\n".join(normalise(text) for text in texts if text)
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


DEFAULT_PHRASES = (
    # Being hurt
    "hurt me",
    "hit me",
    "hit my mum",
    "kick me",
    "punch me",
    "slap me",
    "beat me",
    "beaten",
    "strangle",
    "choke me",
    "burn me",
    "throw things at me",
    "kill me",
    "bruises",
    "violent",
    "abuse",
    # Touching and grooming
    "touched me",
    "touches her",
    "touches him",
    "touch my private",
    "private parts",
    "our secret",
    "told me not to tell",
    "not to tell anyone",
    "makes me do things",
    "nudes",
    "rude pictures",
    "wants to meet me",
    # Not feeling safe
    "not safe",
    "not feel safe",
    "unsafe",
    "scared to go home",
    "afraid to go home",
    "scared of him",
    "scared of her",
    "scared of my dad",
    "scared of my mum",
    "scared of my stepdad",
    # Self-harm and suicide, with the words children use for them
    "kill myself",
    "kill my self",
    "end my life",
    "end it all",
    "want to die",
    "want to be dead",
    "better off dead",
    "not want to live",
    "not want to be alive",
    "never wake up",
    "if i was gone",
    "hurt myself",
    "hurt my self",
    "cut myself",
    "cut my self",
    "self harm",
    "self-harm",
    "suicide",
    "suicidal",
    "overdose",
    "take all my tablets",
    "kms",
    "kys",
    "unalive",
    "sewerslide",
    # Running away, shut in, neglected
    "run away",
    "locked in",
    "lock me in",
    "no food",
    "nothing to eat",
    "not enough food",
    "never any food",
    "never have any food",
    "not have any food",
    "not feed us",
    "not feed me",
    "starving",
    "left alone at night",
    "left on my own at night",
)
"""The phrases a new council starts with. Administrators change them in the portal's settings; the corpus test in
tests/unit/domain keeps these defaults catching what children and parents really write."""
