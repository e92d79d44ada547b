"""Whatever staff post to the Participation and compliments pages, or anyone posts to a survey, the answer is a
page, a redirect or a refusal: never a server error, on records that exist."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from portal.case_moves.closing import close_case
from portal.common.clock import uk_today
from portal.data.database import db
from portal.data.models import AdvocacyReferral, Case, StaffUser
from portal.data.participation_models import Compliment, FollowUp
from portal.domain.compliments import ComplimentSource
from portal.domain.types import Channel, Closure, StaffRole
from tests.integration.auth.staff import make_staff, signed_in_as
from tests.integration.participation.conftest import add_referral, add_sent_link, child_complaint
from tests.integration.test_access_matrix import build_url, staff_rules
from tests.integration.test_staff_random_input import VALUES, field_names

TOKEN = "random-input-survey-token-long-enough"


def the_world() -> tuple[dict, StaffUser]:
    """A child's case with a referral and a follow-up sent, a compliment, and a complaints manager: made once."""
    manager = db.session.scalar(select(StaffUser))
    if manager is None:
        manager = make_staff("morgan@anytown.example", StaffRole.COMPLAINTS_MANAGER)
        case = child_complaint()
        add_referral(case)
        close_case(case, manager, Closure.RESOLVED, uk_today())
        add_sent_link(db.session.scalar(select(FollowUp)), TOKEN)
        db.session.add(
            Compliment(received_on=uk_today(), source=ComplimentSource.SCHOOL, channel=Channel.EMAIL, text="Thanks")
        )
        db.session.commit()
    values = {
        "reference": db.session.scalar(select(Case.reference)),
        "referral_id": db.session.scalar(select(AdvocacyReferral.id)),
        "follow_up_id": db.session.scalar(select(FollowUp.id)),
        "compliment_id": db.session.scalar(select(Compliment.id)),
        "token": TOKEN,
    }
    return values, manager


def participation_rules(app):
    staff = [
        rule for rule, method, _ in staff_rules(app) if method == "POST" and rule.endpoint.startswith("participation.")
    ]
    survey = next(rule for rule in app.url_map.iter_rules() if rule.endpoint == "participation.survey")
    return [*staff, survey]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_posts_never_cause_a_server_error(app, client, data):
    values, manager = the_world()
    rule = data.draw(st.sampled_from(participation_rules(app)), label="route")
    signed_in_as(client, manager)
    url = build_url(app, rule, {name: values[name] for name in rule.arguments})
    page = client.get(url) if "GET" in rule.methods else None
    names = field_names(page.get_data(as_text=True)) if page is not None else []
    names += ["channel", "phone", "email", "remind", "provider", "note", "status", "referred_on", "ended_on"]
    posted = {name: data.draw(VALUES, label=name) for name in names if data.draw(st.booleans(), label=f"send {name}")}
    response = client.post(url, data=posted)
    assert response.status_code < 500, (url, posted, response.get_data(as_text=True)[:1500])
    assert not re.search(r"Traceback", response.get_data(as_text=True))
