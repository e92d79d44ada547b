"""Whatever is posted to an intake page, the answer is a page or a redirect: never a server error."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.intake.journeys import JOURNEYS, field_names
from tests.integration.intake.conftest import post_pages
from tests.integration.intake.journey_data import comment_pages, complaint_pages, compliment_pages

PAGES = (
    [
        (journey.name, slug, sorted(field_names(question.form)))
        for journey in JOURNEYS.values()
        for slug, question in journey.questions.items()
    ]
    + [(name, "check-answers", ["declaration"]) for name in JOURNEYS]
    + [(name, "save-and-return", ["email"]) for name in JOURNEYS]
)

values = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["", " ", "yes", "no", "dont_know", "0", "-1", "99999999999999999999", "2024", "31", "13"]),
    st.lists(st.text(max_size=20), max_size=4),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    page=st.sampled_from(PAGES),
    data=st.data(),
)
def test_random_posts_never_cause_a_server_error(client, team_id, page, data):
    journey_name, slug, names = page
    completed = {
        "complaint": complaint_pages(team_id),
        "comment": comment_pages(),
        "compliment": compliment_pages(team_id),
    }
    with client.session_transaction() as session:
        session.clear()
    post_pages(client, journey_name, completed[journey_name])
    posted = {
        name: data.draw(values, label=name)
        for name in names + ["save_and_return", "upload", "unexpected"]
        if data.draw(st.booleans(), label=f"send {name}")
    }
    response = client.post(f"/{journey_name}/{slug}", data=posted)
    assert response.status_code in {200, 302}, response.get_data(as_text=True)[:2000]
