import itertools
from datetime import date

import pytest

from portal.data.database import db
from portal.data.models import Case, Person
from portal.domain.types import Channel, FeedbackKind, SubmitterRole

_numbers = itertools.count(1)


def make_case(**fields) -> Case:
    """A case with just enough filled in; `fields` override the defaults."""
    number = next(_numbers)
    values = {
        "reference": f"TEST{number:06d}",
        "kind": FeedbackKind.COMPLAINT,
        "channel": Channel.ONLINE,
        "received_on": date(2027, 1, 4),
        "summary": f"Summary of case {number}",
        "description": f"What happened in case {number}",
        **fields,
    }
    if "submitter" not in values:
        values["submitter"] = Person(role=SubmitterRole.PARENT, name=f"Person {number}")
    case = Case(**values)
    db.session.add(case)
    db.session.commit()
    return case


@pytest.fixture
def case_factory(app_context):
    return make_case
