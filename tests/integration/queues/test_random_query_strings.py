"""Whatever the query string and headers, the queues answer with a page, a fragment or a 404: never a server error."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.common.clock import uk_today
from portal.data.database import db
from portal.data.models import CaseAssignment, CaseChild, Person, Theme
from portal.domain.types import CaseState, StaffRole, SubmitterRole, ThemeScope
from tests.integration.auth.staff import make_staff, make_team, signed_in_as
from tests.integration.casework.conftest import make_case

NAMES = ["queue", "q", "kind", "procedure", "stage", "status", "team", "theme", "only", "sort", "direction", "page"]
KNOWN_VALUES = [
    "",
    "all",
    "to-screen",
    "mine",
    "due",
    "complaint",
    "comment",
    "statutory",
    "none",
    "stage_1",
    "closed",
    "open",
    "child",
    "flagged",
    "received",
    "reference",
    "asc",
    "desc",
    "1",
    "2",
    "0",
    "-1",
    "99999999999999999999",
    "1.5",
    "²",
    "٣",
    "%",
    "_",
    "%_%",
    "CF-7K4-M2Q-XHP",
    "cf7k4m2qxhp",
    "\x00",
    "'; DROP TABLE cases; --",
    "<script>",
]
values = st.one_of(st.sampled_from(KNOWN_VALUES), st.text(max_size=120))
pairs = st.lists(st.tuples(st.one_of(st.sampled_from(NAMES), st.text(max_size=10)), values), max_size=12)
headers = st.fixed_dictionaries(
    {},
    optional={
        "HX-Request": st.sampled_from(["true", "false", ""]),
        "HX-History-Restore-Request": st.sampled_from(["true", ""]),
    },
)


@pytest.fixture
def people(app_context):
    team = make_team()
    db.session.add(Theme(scope=ThemeScope.COMPLAINT, name="Delay"))
    for number in range(3):
        case = make_case(
            team=team,
            state=list(CaseState)[number * 3],
            acknowledgement_due_on=uk_today() - timedelta(days=number * 5),
            safeguarding_flag=number == 1,
            submitter=Person(role=SubmitterRole.PARENT, name=f"Name_{number}%", email=f"p{number}@example.com"),
        )
        case.children.append(CaseChild(name="Riley"))
    officer = make_staff()
    manager = make_staff("jamie@anytown.example", StaffRole.RESPONDING_MANAGER, team=team)
    investigator = make_staff("ivy@anytown.example", StaffRole.INVESTIGATOR)
    db.session.add(CaseAssignment(case_id=case.id, staff_user_id=investigator.id))
    db.session.commit()
    return [officer, manager, investigator]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=pairs, raw=st.booleans(), sent_headers=headers, who=st.integers(min_value=0, max_value=2))
def test_random_query_strings_never_cause_a_server_error(client, people, pairs, raw, sent_headers, who):
    signed_in_as(client, people[who])
    if raw:
        # Sent as typed, without percent-encoding: odd escapes and all.
        query = "&".join(f"{name}={value}" for name, value in pairs).replace("#", "").replace("\x00", "%00")
    else:
        query = urlencode(pairs)
    response = client.get(f"/staff/cases?{query}", headers=sent_headers)
    if response.status_code == 400:
        # Refused before the queue is reached, only for a NUL character, which no real link has.
        assert any("\x00" in name + value for name, value in pairs)
        return
    assert response.status_code in {200, 404}, (query, response.get_data(as_text=True)[:2000])
    assert "HX-Request" in response.headers.get("Vary", "")
