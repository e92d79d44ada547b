"""Compliments: where they come from, and what must be true before one is published (domain.md section 8).

Councils record compliments however they arrive, from children, families, carers and partners as well as from
colleagues, against the team or teams and the staff they name; they share them with those staff and their managers,
count them, and publish anonymised examples in the annual report (seed 004, section 12).
"""

from portal.domain.types import LabelledEnum, SubmitterRole


class ComplimentSource(LabelledEnum):
    YOUNG_PERSON = "young_person", "Young person"
    PARENT = "parent", "Parent or family member"
    FOSTER_CARER = "foster_carer", "Foster carer"
    COURT = "court", "Court or judge"
    SCHOOL = "school", "School"
    NHS = "nhs", "NHS"
    POLICE = "police", "Police"
    CAFCASS = "cafcass", "Cafcass"
    OTHER_COUNCIL = "other_council", "Another council"
    COLLEAGUE = "colleague", "Colleague in the council"
    OTHER = "other", "Someone else"


# Compliments from colleagues are internal; every other source is outside the council (seed 004: "196 external").
INTERNAL_SOURCES = frozenset({ComplimentSource.COLLEAGUE})

_PORTAL_SOURCES = {
    SubmitterRole.CHILD: ComplimentSource.YOUNG_PERSON,
    SubmitterRole.PARENT: ComplimentSource.PARENT,
    SubmitterRole.RELATIVE: ComplimentSource.PARENT,
    SubmitterRole.SPECIAL_GUARDIAN: ComplimentSource.PARENT,
    SubmitterRole.ADOPTER: ComplimentSource.PARENT,
    SubmitterRole.FOSTER_CARER: ComplimentSource.FOSTER_CARER,
}


def source_of_submitter(role: SubmitterRole | None) -> ComplimentSource:
    """The source of a compliment sent through the portal, from who the sender said they were. The portal does not
    ask professionals which agency they work for, so they count as "someone else" until staff say more."""
    return _PORTAL_SOURCES.get(role, ComplimentSource.OTHER) if role else ComplimentSource.OTHER


def consent_given(answer: object) -> bool | None:
    """A yes or no answer as the portal's forms or staff stored it: True, False, or None when not asked."""
    if answer in (True, "yes"):
        return True
    if answer in (False, "no"):
        return False
    return None


def approval_problems(anonymised_text: str | None, names_left: list[str]) -> list[str]:
    """Why an anonymised version cannot be approved yet; empty when it can."""
    if not (anonymised_text or "").strip():
        return ["Prepare the anonymised version first"]
    if names_left:
        return [f"The anonymised version still names {', '.join(names_left)}: replace every name before approving"]
    return []


def publication_problems(giver_agreed: bool | None, approved: bool) -> list[str]:
    """Why a compliment cannot be published; empty when it can. Only a compliment whose giver agreed to publication,
    with an approved anonymised version, may be published (changing the anonymised version withdraws its approval)."""
    problems = []
    if giver_agreed is not True:
        problems.append("The person who gave the compliment has not agreed to it being published")
    if not approved:
        problems.append("The anonymised version has not been approved")
    return problems
