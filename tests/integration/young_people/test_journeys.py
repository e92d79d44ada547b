"""The children's journey through Flask's test client: each choice becomes the right case, once."""

import io

import pytest
from bs4 import BeautifulSoup
from flask import g
from sqlalchemy import func, select

from portal.common.clock import uk_today
from portal.common.working_calendar import council_calendar
from portal.data.database import db
from portal.data.models import AdvocacyReferral, Attachment, Case, Draft, OutboxMessage
from portal.data.queries.settings import council_settings, timescale_policy
from portal.data.queries.themes import children_themes
from portal.domain.types import AdvocacyStatus, Channel, FeedbackKind, SubmitterRole
from portal.domain.workflow import acknowledgement_due
from tests.fixtures.config import overridden_config
from tests.integration.young_people.conftest import post_pages, send
from tests.integration.young_people.journey_data import (
    CHOICES,
    IDEA,
    SOMETHING_WRONG,
    SPEAK_UP,
    THANK_YOU,
    WORDS,
    WORRIED,
    child_pages,
)
from tests.unit.uploads import samples

KINDS = {
    SOMETHING_WRONG: FeedbackKind.COMPLAINT,
    WORRIED: FeedbackKind.COMPLAINT,
    IDEA: FeedbackKind.COMMENT,
    THANK_YOU: FeedbackKind.COMPLIMENT,
    SPEAK_UP: FeedbackKind.ADVOCACY_REQUEST,
}


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_the_start_page_leads_into_the_journey(client):
    page = soup(client.get("/young-people"))
    start = page.select_one("#start")
    assert start["href"] == "/young-people/what-to-do"
    assert page.h1.get_text(strip=True).endswith("Your Voice")


def test_a_trailing_slash_finds_the_start_page(client):
    assert client.get("/young-people/").headers["Location"].endswith("/young-people")


def test_the_adult_start_page_links_here(client):
    assert 'href="/young-people"' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("choice", CHOICES)
def test_each_choice_becomes_a_case_made_by_a_child(client, theme_ids, choice):
    post_pages(client, child_pages(choice, theme_ids))
    check = client.get("/young-people/check-answers")
    assert check.status_code == 200
    if WORDS[choice]:
        assert WORDS[choice] in check.get_data(as_text=True)
    sent = send(client)

    case = db.session.scalar(select(Case))
    assert case.kind == KINDS[choice]
    assert case.made_by_child is True
    assert case.channel == Channel.ONLINE
    assert case.received_on == uk_today()
    assert case.description == WORDS[choice]
    assert case.submitter.role == SubmitterRole.CHILD
    assert case.submitter.name == "Kit"
    assert case.worker_name == "Sam"
    [child] = case.children
    assert (child.name, child.age, child.care_status) == ("Kit", 12, "looked_after")
    assert [str(theme.id) for theme in case.themes] == theme_ids[:2]
    assert case.acknowledgement_due_on == acknowledgement_due(
        case.kind, uk_today(), timescale_policy(), council_calendar()
    )
    assert case.safeguarding_flag is False
    page = soup(sent)
    assert page.select_one("#reference").get_text(strip=True) == case.reference
    steps = page.select(".child-steps__step")
    assert len(steps) == 3
    promised = case.acknowledgement_due_on or case.response_due_on
    if promised is None:
        assert "soon" in steps[1].get_text()
    else:
        assert str(promised.day) in steps[1].get_text()

    participation = db.session.scalar(
        select(OutboxMessage)
        .where(OutboxMessage.recipient == council_settings().participation_team_email)
        .order_by(OutboxMessage.id)
    )
    assert participation.case_id == case.id
    assert case.reference in participation.body
    assert "http" not in participation.body


def test_the_childs_contact_choice_is_kept_for_staff(client, theme_ids):
    post_pages(client, child_pages(WORRIED, theme_ids))
    send(client)
    person = db.session.scalar(select(Case)).submitter
    assert person.phone == "07700 900123"
    assert person.email is None
    assert person.contact_methods == ["text"]
    assert person.safe_contact_times == "After school"


def test_a_child_who_asks_not_to_be_contacted_is_told_we_will_not(client, theme_ids):
    post_pages(client, child_pages(THANK_YOU, theme_ids))
    page = soup(send(client))
    case = db.session.scalar(select(Case))
    assert case.submitter.contact_methods == []
    assert "You asked us not to get in touch, so we will not." in page.get_text()


def test_sending_twice_makes_one_case(client, theme_ids):
    post_pages(client, child_pages(SOMETHING_WRONG, theme_ids))
    with client.session_transaction() as session:
        saved = dict(session)
    send(client)
    with client.session_transaction() as session:
        session.update(saved)  # the back button, then Send again
    again = client.post("/young-people/check-answers")
    assert again.status_code == 302
    assert count(Case) == 1
    assert count(AdvocacyReferral) == 1
    assert count(OutboxMessage) == 2
    assert db.session.scalar(select(Draft)).submitted_at is not None


def test_pages_cannot_be_skipped(client, theme_ids):
    assert client.get("/young-people/your-age").headers["Location"].endswith("/young-people/what-to-do")
    assert (
        client.post("/young-people/advocate", data={"wants_advocate": "yes"})
        .headers["Location"]
        .endswith("/young-people/what-to-do")
    )
    post_pages(client, child_pages(SOMETHING_WRONG, theme_ids)[:3])
    assert client.get("/young-people/add-a-picture").status_code == 200
    assert client.get("/young-people/your-name").headers["Location"].endswith("/young-people/how-do-you-feel")
    assert client.get("/young-people/check-answers").headers["Location"].endswith("/young-people/how-do-you-feel")
    assert client.get("/young-people/no-such-page").status_code == 404
    assert count(Case) == 0


def test_pages_that_do_not_apply_to_the_choice_cannot_be_visited(client, theme_ids):
    post_pages(client, child_pages(SPEAK_UP, theme_ids))
    for slug in ("how-do-you-feel", "make-it-better", "advocate"):
        assert client.get(f"/young-people/{slug}").status_code == 302


def test_answers_are_saved_as_the_child_goes(client, theme_ids):
    post_pages(client, child_pages(WORRIED, theme_ids)[:3])
    draft = db.session.scalar(select(Draft))
    assert draft.journey == "young-people"
    assert draft.answers["words"] == WORDS[WORRIED]
    page = soup(client.get("/young-people/your-words"))
    assert page.select_one("textarea[name=words]").get_text() == WORDS[WORRIED]
    tiles = page  # the earlier page keeps its ticks too
    tiles = soup(client.get("/young-people/what-about"))
    assert [box["value"] for box in tiles.select("input[name=themes][checked]")] == theme_ids[:2]


def test_changing_the_choice_asks_the_questions_it_now_needs(client, theme_ids):
    post_pages(client, child_pages(SPEAK_UP, theme_ids))
    response = client.post("/young-people/what-to-do?change=1", data={"choice": SOMETHING_WRONG})
    assert response.headers["Location"].endswith("/young-people/your-words")
    response = client.post("/young-people/your-words?change=1", data={"words": "Nobody listens to me."})
    assert response.headers["Location"].endswith("/young-people/how-do-you-feel")
    post_pages(
        client,
        [
            ("how-do-you-feel", {"feeling": "really_sad"}),
            ("make-it-better", {"better": "Listen to me."}),
            ("advocate", {"wants_advocate": "no"}),
        ],
    )
    send(client)
    case = db.session.scalar(select(Case))
    assert case.kind == FeedbackKind.COMPLAINT
    assert case.advocacy_referrals == []


def test_please_do_not_contact_me_is_checked_again_if_the_choice_changes(client, theme_ids):
    post_pages(client, child_pages(THANK_YOU, theme_ids))
    client.post("/young-people/what-to-do?change=1", data={"choice": WORRIED})
    post_pages(client, [("make-it-better", {"better": "Help."}), ("advocate", {"wants_advocate": "no"})])
    response = client.get("/young-people/check-answers")
    assert response.headers["Location"].endswith("/young-people/get-in-touch")


@pytest.fixture
def upload_folder(app, tmp_path):
    with overridden_config(app, UPLOAD_FOLDER=str(tmp_path)):
        yield tmp_path


def test_a_drawing_or_photo_can_be_added_and_goes_with_the_case(client, theme_ids, upload_folder):
    pages = child_pages(IDEA, theme_ids)
    post_pages(client, pages[:3])
    response = client.post(
        "/young-people/add-a-picture",
        data={"picture": (io.BytesIO(samples.png()), "my drawing.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    page = soup(client.get("/young-people/add-a-picture"))
    assert "my drawing.png" in page.select_one("#files-added").get_text()
    post_pages(client, pages[4:])
    assert "my drawing.png" in client.get("/young-people/check-answers").get_data(as_text=True)
    send(client)
    [attachment] = db.session.scalars(select(Attachment).order_by(Attachment.id)).all()
    assert attachment.case_id == db.session.scalar(select(Case.id))
    assert attachment.draft_id is None


def test_a_picture_can_be_taken_off_again(client, theme_ids, upload_folder):
    post_pages(client, child_pages(IDEA, theme_ids)[:3])
    client.post(
        "/young-people/add-a-picture",
        data={"picture": (io.BytesIO(samples.png()), "me.png")},
        content_type="multipart/form-data",
    )
    attachment = db.session.scalar(select(Attachment))
    response = client.post(f"/young-people/add-a-picture/{attachment.id}/remove")
    assert response.headers["Location"].endswith("/young-people/add-a-picture")
    assert count(Attachment) == 0


def test_a_file_that_is_not_a_picture_is_refused_with_a_message(client, theme_ids, upload_folder):
    post_pages(client, child_pages(IDEA, theme_ids)[:3])
    response = client.post(
        "/young-people/add-a-picture",
        data={"picture": (io.BytesIO(samples.windows_exe()), "game.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    page = soup(response)
    summary = page.select_one(".govuk-error-summary")
    assert "game.png" in summary.get_text()
    assert summary.select_one("a")["href"] == "#picture"
    assert count(Attachment) == 0


def test_the_whole_journey_works_with_csrf_protection_on(client, theme_ids, csrf_enabled):
    for slug, data in child_pages(SOMETHING_WRONG, theme_ids):
        token = soup(client.get(f"/young-people/{slug}")).select_one("input[name=csrf_token]")["value"]
        response = client.post(f"/young-people/{slug}", data={**data, "csrf_token": token})
        assert response.status_code == 302, slug
    # The test client shares the test's application context, so `g` would remember that an earlier POST passed its
    # CSRF check. A real GET starts afresh: make this one do so too.
    g.pop("csrf_valid", None)
    check = client.get("/young-people/check-answers")
    assert check.status_code == 200
    token = soup(check).select_one("input[name=csrf_token]")["value"]
    assert client.post("/young-people/check-answers", data={"csrf_token": token}).status_code == 302
    assert count(Case) == 1


def test_a_post_without_its_csrf_token_is_refused(client, theme_ids, csrf_enabled):
    response = client.post("/young-people/what-to-do", data={"choice": SOMETHING_WRONG})
    assert response.status_code == 400
    assert count(Draft) == 0


def test_no_page_is_kept_in_the_browser_cache(client, theme_ids):
    for path in ("/young-people", "/young-people/what-to-do"):
        assert client.get(path).headers["Cache-Control"] == "no-store"


def test_the_sent_page_needs_a_sent_case(client):
    assert client.get("/young-people/sent").headers["Location"].endswith("/young-people")


def test_staff_can_see_the_case_was_made_by_a_child_with_an_advocate(client, theme_ids):
    post_pages(client, child_pages(SOMETHING_WRONG, theme_ids))
    send(client)
    case = db.session.scalar(select(Case))
    assert case.made_by_child
    [referral] = case.advocacy_referrals
    assert referral.status == AdvocacyStatus.REQUESTED
    assert referral.provider == council_settings().advocacy_provider_name
    assert referral.requested_on == uk_today()
    assert case.wants_advocacy_information is True


def test_the_journey_still_works_when_the_council_has_no_childrens_themes(client, theme_ids):
    for theme in children_themes():
        theme.active = False
    db.session.commit()
    post_pages(client, child_pages(IDEA, theme_ids, **{"what-about": {"themes": ["something_else"]}}))
    assert "Something else" in client.get("/young-people/check-answers").get_data(as_text=True)
    send(client)
    assert db.session.scalar(select(Case)).themes == []
