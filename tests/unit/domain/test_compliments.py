"""Compliments: sources of portal compliments, consent answers, and what stops approval or publication."""

import pytest

from portal.domain.compliments import (
    INTERNAL_SOURCES,
    ComplimentSource,
    approval_problems,
    consent_given,
    publication_problems,
    source_of_submitter,
)
from portal.domain.types import SubmitterRole


def test_the_sources_are_those_councils_count():
    assert [source.label for source in ComplimentSource] == [
        "Young person",
        "Parent or family member",
        "Foster carer",
        "Court or judge",
        "School",
        "NHS",
        "Police",
        "Cafcass",
        "Another council",
        "Colleague in the council",
        "Someone else",
    ]
    assert INTERNAL_SOURCES == {ComplimentSource.COLLEAGUE}


@pytest.mark.parametrize(
    ("role", "source"),
    [
        (SubmitterRole.CHILD, ComplimentSource.YOUNG_PERSON),
        (SubmitterRole.PARENT, ComplimentSource.PARENT),
        (SubmitterRole.RELATIVE, ComplimentSource.PARENT),
        (SubmitterRole.FOSTER_CARER, ComplimentSource.FOSTER_CARER),
        (SubmitterRole.PROFESSIONAL, ComplimentSource.OTHER),
        (SubmitterRole.OTHER, ComplimentSource.OTHER),
        (None, ComplimentSource.OTHER),
    ],
)
def test_a_portal_compliments_source_comes_from_who_sent_it(role, source):
    assert source_of_submitter(role) is source


@pytest.mark.parametrize(
    ("answer", "given"),
    [(True, True), ("yes", True), (False, False), ("no", False), (None, None), ("", None), ("maybe", None)],
)
def test_consent_answers(answer, given):
    assert consent_given(answer) is given


def test_approval_needs_an_anonymised_text_with_no_known_name_left():
    assert approval_problems(None, []) == ["Prepare the anonymised version first"]
    assert approval_problems("  ", []) == ["Prepare the anonymised version first"]
    assert approval_problems("Kit thanks SW.", ["Kit"]) == [
        "The anonymised version still names Kit: replace every name before approving"
    ]
    assert approval_problems("YP thanks SW.", []) == []


def test_publication_needs_the_givers_agreement_and_an_approved_version():
    assert publication_problems(True, True) == []
    assert publication_problems(None, True) == [
        "The person who gave the compliment has not agreed to it being published"
    ]
    assert publication_problems(False, False) == [
        "The person who gave the compliment has not agreed to it being published",
        "The anonymised version has not been approved",
    ]
