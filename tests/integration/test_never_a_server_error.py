"""Whatever address anyone asks for, the answer is a page, a redirect, a 404 or a clear refusal: never a 5xx.

Every GET route is found in the app's URL map, so a route added later is covered without changing this test. Each
example fills a route's placeholders with odd values (huge, negative or non-ASCII numbers, control characters, very
long text) or with a real id, and adds odd query strings (`page=²`, `page=-1`, `page=10**30`, unknown names). Staff
routes are asked for as a signed-in complaints manager and as every other role; public routes as a visitor.
2,000 examples in all.
"""

import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import Case, StaffUser, Team, Theme
from portal.domain.types import StaffRole, ThemeScope
from tests.integration.auth.staff import make_staff, signed_in_as
from tests.integration.test_staff_random_input import make_case

PLACEHOLDER = re.compile(r"<(?:(?P<converter>[a-z]+)(?:\((?P<arguments>[^)]*)\))?:)?(?P<name>[a-z_]+)>")
ODD_VALUES = [
    "0",
    "-1",
    "1" + "0" * 30,
    "99999999999999999999999999999999999999",
    str(2**31),
    str(2**63),
    "²",
    "٣",
    "1.5",
    "1e3",
    " 1",
    "%00",
    "%0A",
    "..",
    "%2e%2e",
    "x" * 300,
    "CF-7K4-M2Q-XHP",
    "'; DROP TABLE cases; --",
    "<script>",
    "%F0%9F%98%80",
    "%FF",
]
ODD_PAGES = ["²", "-1", "0", "1" + "0" * 30, "10**30", "1.5", "", "abc", "٣", "%00", "9" * 400]
QUERY_NAMES = ["page", "q", "sort", "change", "queue", "next", "staff", "since", "until", "v", "only"]


def the_world() -> dict:
    """One of each thing a route can be about, made once: hypothesis runs every example inside one test."""
    case = db.session.scalar(select(Case))
    if case is None:
        case = make_case()
        case.team = Team(name="Never Error Team")
        db.session.add(Theme(scope=ThemeScope.COMPLAINT, name="Delay"))
        db.session.commit()
        for role in StaffRole:
            make_staff(f"{role.value}@anytown.example", role, team=case.team, name=f"{role.label} person")
    staff = {user.role: user for user in db.session.scalars(select(StaffUser).order_by(StaffUser.id))}
    real = {
        "reference": case.reference,
        "attachment_id": str(case.attachments[0].id),
        "point_id": str(case.points[0].id),
        "user_id": str(staff[StaffRole.COMPLAINTS_OFFICER].id),
        "team_id": str(case.team_id),
        "scope": "complaint",
        "journey_name": "complaint",
        "slug": "who-are-you",
    }
    return {"staff": staff, "real": real}


def get_routes(app, staff_side: bool) -> list:
    return sorted(
        (
            rule
            for rule in app.url_map.iter_rules()
            if "GET" in rule.methods and rule.rule.startswith("/staff") == staff_side
        ),
        key=lambda rule: rule.rule,
    )


def path_value(data, rule, name: str, converter: str | None, arguments: str | None, real: dict) -> str:
    choices = list(ODD_VALUES)
    if converter == "any":
        choices += [part.strip() for part in arguments.split(",")] * 5
    if name in real:
        choices += [real[name]] * 10
    value = data.draw(st.one_of(st.sampled_from(choices), st.text(min_size=1, max_size=30)), label=name)
    # Odd values are sent as typed; drawn text is percent-encoded, so any character at all can reach the app.
    return value if value in choices else quote(value, safe="")


def build_address(data, rule, real: dict) -> str:
    def fill(match: re.Match) -> str:
        return path_value(data, rule, match["name"], match["converter"], match["arguments"], real)

    path = PLACEHOLDER.sub(fill, rule.rule)
    names = st.one_of(st.sampled_from(QUERY_NAMES), st.text(max_size=12))
    values = st.one_of(st.sampled_from(ODD_PAGES + ODD_VALUES), st.text(max_size=40))
    pairs = data.draw(st.lists(st.tuples(names, values), max_size=4), label="query")
    query = "&".join(
        f"{quote(name, safe='')}={value if value in ODD_PAGES + ODD_VALUES else quote(value)}" for name, value in pairs
    )
    return f"{path}?{query}" if query else path


def assert_no_server_error(client, address: str) -> None:
    response = client.get(address)
    assert response.status_code < 500, (address, response.get_data(as_text=True)[:1500])


SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def ask_for_a_staff_route(app, client, data, role: StaffRole) -> None:
    world = the_world()
    rule = data.draw(st.sampled_from(get_routes(app, staff_side=True)), label="route")
    signed_in_as(client, world["staff"][role])
    assert_no_server_error(client, build_address(data, rule, world["real"]))


@settings(SETTINGS, max_examples=800)
@given(data=st.data())
def test_staff_routes_as_a_complaints_manager(app, client, data):
    ask_for_a_staff_route(app, client, data, StaffRole.COMPLAINTS_MANAGER)


@settings(SETTINGS, max_examples=600)
@given(data=st.data())
def test_staff_routes_as_every_other_role(app, client, data):
    others = [role for role in StaffRole if role != StaffRole.COMPLAINTS_MANAGER]
    ask_for_a_staff_route(app, client, data, data.draw(st.sampled_from(others), label="role"))


@settings(SETTINGS, max_examples=600)
@given(data=st.data())
def test_public_routes_as_a_visitor(app, client, data):
    world = the_world()
    rule = data.draw(st.sampled_from(get_routes(app, staff_side=False)), label="route")
    with client.session_transaction() as session:
        session.clear()
    assert_no_server_error(client, build_address(data, rule, world["real"]))


def test_every_get_route_is_covered(app):
    """The tests above draw from the URL map itself; this shows it holds both sides' routes, checked by pattern."""
    staff, public = get_routes(app, staff_side=True), get_routes(app, staff_side=False)
    assert len(staff) > 30 and len(public) > 10
    for rule in staff + public:
        assert PLACEHOLDER.sub("x", rule.rule).count("<") == 0, rule.rule


@pytest.mark.parametrize(
    "address",
    [
        "/staff/settings/staff/99999999999999999999999999999999",
        "/staff/settings/teams/2147483648",
        "/staff/settings/staff/%C2%B2",
        "/staff/cases/%00",
        "/staff/cases/CF-7K4-M2Q-XHP/documents/10000000000000000000000",
        "/staff/cases?page=%C2%B2",
        "/staff/cases?page=-1",
        "/staff/cases?page=1000000000000000000000000000000",
        "/staff/audit?page=%C2%B2",
        "/staff/cases/CF-RAN-DOM-INP/audit?page=%C2%B2",
        "/staff/cases/CF-RAN-DOM-INP/audit?page=1000000000000000000000000000000",
        "/staff/cases?unknown=1&another=%00",
    ],
)
def test_odd_addresses_are_not_found_or_refused_clearly(client, address):
    world = the_world()
    signed_in_as(client, world["staff"][StaffRole.COMPLAINTS_MANAGER])
    response = client.get(address)
    assert response.status_code in {200, 400, 404}, (address, response.status_code)
    if response.status_code == 400:
        assert "Sorry, there is a problem with your request" in response.get_data(as_text=True)
