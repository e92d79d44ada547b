"""Whatever staff post to the stage pages of a complaint at Stage 1 (findings, remedies, themes, the response letter,
extensions, closing), the answer is a page, a redirect or a refusal: never a server error."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from portal.data.database import db
from portal.data.models import Case, Remedy, StaffUser
from portal.data.stage_models import ResponseLetter
from portal.domain.types import LetterStatus, RemedyKind
from tests.integration.stages.conftest import stage_1_case
from tests.integration.test_access_matrix import build_url, staff_rules
from tests.integration.test_staff_random_input import VALUES, field_names

STAGE_PATHS = ("/findings", "/response", "/extension", "/close")


def the_world(officer, manager) -> Case:
    """One Stage 1 case with a draft letter and a remedy, made once: hypothesis runs every example in one test."""
    case = db.session.scalar(select(Case))
    if case is None:
        case = stage_1_case(officer, manager)
        case.remedies.append(Remedy(stage=1, kind=RemedyKind.APOLOGY))
        case.letters.append(
            ResponseLetter(
                kind="stage_1_response",
                procedure=case.procedure,
                step="stage_1_response",
                stage=1,
                status=LetterStatus.DRAFT,
                subject="Our response",
                body="Dear Sam, by {escalate_by}.",
            )
        )
        db.session.commit()
    return case


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_posts_to_the_stage_pages_never_cause_a_server_error(app, officer, manager, client_for, data):
    case = the_world(officer, manager)
    rules = [
        (rule, roles)
        for rule, method, roles in staff_rules(app)
        if method == "POST" and any(path in rule.rule for path in STAGE_PATHS)
    ]
    rule, roles = data.draw(st.sampled_from(rules), label="route")
    users = {user.role: user for user in db.session.scalars(select(StaffUser).order_by(StaffUser.id))}
    role = data.draw(st.sampled_from(sorted(set(roles) & set(users))), label="role")
    client = client_for(users[role])
    values = {"reference": case.reference, "remedy_id": case.remedies[0].id if case.remedies else 1}
    values["letter_id"] = case.letters[0].id if case.letters else 1
    url = build_url(app, rule, {name: values.get(name, 1) for name in rule.arguments})
    names = field_names(client.get(url).get_data(as_text=True)) if "GET" in rule.methods else []
    names += ["action"]
    posted = {name: data.draw(VALUES, label=name) for name in names if data.draw(st.booleans(), label=f"send {name}")}
    if "action" in posted and data.draw(st.booleans(), label="real action"):
        posted["action"] = data.draw(
            st.sampled_from(["draft", "save", "submit", "approve", "send_back", "send"]), label="action"
        )
    response = client.post(url, data=posted)
    assert response.status_code < 500, (url, posted, response.get_data(as_text=True)[:1500])
