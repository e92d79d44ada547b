"""Whatever is posted to a Your Voice page, the answer is a page or a redirect: never a server error."""

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.common.page_forms import field_names
from portal.young_people.journey import PAGES
from tests.fixtures.config import overridden_config
from tests.integration.young_people.conftest import post_pages
from tests.integration.young_people.journey_data import CHOICES, child_pages

FIELDS = {slug: sorted(field_names(page.form)) for slug, (page, _) in PAGES.items()} | {"check-answers": []}

values = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["", " ", "yes", "no", "no_contact", "text", "email", "0", "-1", "4", "25", "1e3", "٣", "99" * 20]),
    st.lists(st.text(max_size=20), max_size=4),
)


@pytest.fixture
def upload_folder(app, tmp_path):
    with overridden_config(app, UPLOAD_FOLDER=str(tmp_path)):
        yield tmp_path


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(choice=st.sampled_from(CHOICES), slug=st.sampled_from(sorted(FIELDS)), data=st.data())
def test_random_posts_never_cause_a_server_error(client, theme_ids, upload_folder, choice, slug, data):
    with client.session_transaction() as session:
        session.clear()
    pages = child_pages(choice, theme_ids)
    # Sometimes a finished journey (so every page can be reached), sometimes one stopped part-way.
    post_pages(client, pages[: data.draw(st.integers(0, len(pages)), label="pages answered")])
    names = FIELDS[slug] + ["themes", "choice", "change", "unexpected"]
    posted = {name: data.draw(values, label=name) for name in names if data.draw(st.booleans(), label=f"send {name}")}
    if slug == "add-a-picture" and data.draw(st.booleans(), label="send a file"):
        posted["picture"] = (io.BytesIO(data.draw(st.binary(max_size=200), label="file")), "drawing.png")
    query = "?change=1" if data.draw(st.booleans(), label="changing") else ""
    response = client.post(f"/young-people/{slug}{query}", data=posted)
    assert response.status_code in {200, 302}, response.get_data(as_text=True)[:2000]
    assert client.get(f"/young-people/{slug}").status_code in {200, 302}
