"""Anonymising a compliment for publication: find the names of the people the record knows about and suggest
stand-ins, as councils print them ("SW", "YP", "X": domain.md section 8; seed 004, section 12.2).

Staff always read and may edit the suggestion before it is approved. A name is found:
- whole, in any case ("lee brown" finds Lee Brown), with a title before it taken along ("Mrs Brown" becomes "SW");
- by any one part of at least two letters that is written with a capital (so "Kit" is found, but not "kit bag").
A part shared by two people of different kinds (a child and their parent with one surname) becomes "X", which says
less than either.
"""

import re
from dataclasses import dataclass

from portal.domain.types import LabelledEnum


class PersonKind(LabelledEnum):
    STAFF = "staff", "Staff member"
    CHILD = "child", "Child or young person"
    OTHER = "other", "Someone else"


STAND_INS: dict[PersonKind, str] = {PersonKind.STAFF: "SW", PersonKind.CHILD: "YP", PersonKind.OTHER: "X"}

TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr")
_TITLE = r"(?:(?:" + "|".join(TITLES) + r")\.?\s+)?"
_TITLE_WORDS = {title.lower() for title in TITLES}


@dataclass(frozen=True)
class KnownPerson:
    name: str
    kind: PersonKind


@dataclass(frozen=True)
class Replacement:
    """One name found in the text: as it was written, what replaced it, and how many times."""

    found: str
    stand_in: str
    count: int


@dataclass(frozen=True)
class Suggestion:
    text: str
    replacements: tuple[Replacement, ...]


def _parts(name: str) -> list[str]:
    words = name.split()
    pieces = set(words)
    for word in words:
        pieces.update(re.split(r"[-‐]", word))
    return [piece for piece in pieces if len(piece) >= 2 and piece.lower().strip(".") not in _TITLE_WORDS]


def _name_table(people: list[KnownPerson]) -> tuple[dict[str, PersonKind], dict[str, PersonKind]]:
    """Whole names and single parts, lower-cased, each with the kind of person it stands for."""
    whole: dict[str, PersonKind] = {}
    parts: dict[str, PersonKind] = {}
    for person in people:
        name = " ".join(person.name.split())
        if len(name) < 2:
            continue
        _add(whole, name.lower(), person.kind)
        for part in _parts(name):
            _add(parts, part.lower(), person.kind)
    return whole, parts


def _add(table: dict[str, PersonKind], key: str, kind: PersonKind) -> None:
    table[key] = kind if table.get(key, kind) is kind else PersonKind.OTHER


def _pattern(names: list[str]) -> re.Pattern | None:
    if not names:
        return None
    # Longest first, so "Lee Brown" wins over "Lee"; spaces in a name match any run of spaces.
    alternatives = "|".join(r"\s+".join(map(re.escape, name.split())) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-]){_TITLE}(?P<name>{alternatives})(?![\w-])", re.IGNORECASE)


def suggest(text: str, people: list[KnownPerson]) -> Suggestion:
    """The text with every known name replaced by its stand-in, and what was replaced."""
    whole, parts = _name_table(people)
    counts: dict[tuple[str, str], int] = {}

    def replace(match: re.Match, table: dict[str, PersonKind], needs_capital: bool) -> str:
        name = match.group("name")
        if needs_capital and not name[0].isupper():
            return match.group(0)
        stand_in = STAND_INS[table[" ".join(name.lower().split())]]
        found = " ".join(match.group(0).split())
        counts[(found, stand_in)] = counts.get((found, stand_in), 0) + 1
        return stand_in

    for table, needs_capital in ((whole, False), (parts, True)):
        pattern = _pattern(list(table))
        if pattern is not None:
            text = pattern.sub(lambda match, t=table, c=needs_capital: replace(match, t, c), text)
    replacements = tuple(Replacement(found, stand_in, count) for (found, stand_in), count in counts.items())
    return Suggestion(text=text, replacements=replacements)


def names_left(text: str, people: list[KnownPerson]) -> list[str]:
    """The known names still in `text`, each once, as written there: nothing may be approved for publication while
    this is not empty."""
    suggestion = suggest(text, people)
    return [replacement.found for replacement in suggestion.replacements]
