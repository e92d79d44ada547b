"""Each page's errors: a GOV.UK error summary linking to the question, and the message beside it."""

import pytest
from bs4 import BeautifulSoup

from tests.integration.young_people.conftest import post_pages
from tests.integration.young_people.journey_data import (
    CHOICES,
    IDEA,
    SOMETHING_WRONG,
    SPEAK_UP,
    THANK_YOU,
    WORRIED,
    child_pages,
)

# (page, what is posted, the message, the id the summary links to); pages reached through "something is wrong".
ERRORS = [
    ("what-to-do", {}, "Choose what you want to do", "choice"),
    ("what-to-do", {"choice": "make_trouble"}, "Not a valid choice.", "choice"),
    ("what-about", {}, "Choose what it is about", "themes"),
    ("your-words", {"words": "   "}, "Tell us in your own words", "words"),
    ("your-words", {"words": "a" * 5001}, "Tell us in your own words must be 5,000 characters or fewer", "words"),
    ("how-do-you-feel", {}, "Choose how you feel", "feeling"),
    ("make-it-better", {"better": ""}, "Tell us what would make it better", "better"),
    ("advocate", {}, "Choose yes if you would like an advocate", "wants_advocate"),
    ("your-name", {"nickname": ""}, "Tell us your first name or a nickname", "nickname"),
    ("your-name", {"nickname": "K" * 61}, "What should we call you must be 60 characters or fewer", "nickname"),
    ("your-age", {"age": ""}, "Tell us how old you are", "age"),
    ("your-age", {"age": "twelve"}, "Write your age as a number, like 12", "age"),
    ("your-age", {"age": "3"}, "Your age must be a number from 4 to 25", "age"),
    ("your-age", {"age": "40"}, "Your age must be a number from 4 to 25", "age"),
    ("in-care", {}, "Choose one answer", "care"),
    (
        "your-worker",
        {"worker": "S" * 201},
        "Who is your social worker or PA must be 200 characters or fewer",
        "worker",
    ),
    ("get-in-touch", {}, "Choose how we can get in touch", "contact_method"),
    (
        "get-in-touch",
        {"contact_method": "no_contact"},
        "We need to talk to you about this. Choose a way to get in touch",
        "contact_method",
    ),
    ("contact-details", {"phone": "", "safe_times": ""}, "Tell us your phone number", "phone"),
    (
        "contact-details",
        {"phone": "not a number"},
        "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192",
        "phone",
    ),
]


def answers_before(slug: str, theme_ids: list[str]) -> list[tuple[str, dict]]:
    pages = child_pages(SOMETHING_WRONG, theme_ids)
    slugs = [name for name, _ in pages]
    return pages[: slugs.index(slug)]


@pytest.mark.parametrize("slug, posted, message, field_id", ERRORS)
def test_each_page_explains_what_is_wrong(client, theme_ids, slug, posted, message, field_id):
    post_pages(client, answers_before(slug, theme_ids))
    response = client.post(f"/young-people/{slug}", data=posted)
    assert response.status_code == 200
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert page.title.get_text().startswith("Error: ")
    summary = page.select_one(".govuk-error-summary")
    assert summary.select_one(".govuk-error-summary__title").get_text(strip=True) == "There is a problem"
    link = summary.select_one(".govuk-error-summary__list a")
    assert link.get_text(strip=True) == message
    assert link["href"] == f"#{field_id}"
    assert page.select_one(f"#{field_id}") is not None
    assert message in page.select_one(".govuk-error-message").get_text()
    # Nothing on the page was saved, so the journey still stops here.
    assert client.get(f"/young-people/{slug}").status_code == 200
    follow = child_pages(SOMETHING_WRONG, theme_ids)
    later = follow[[name for name, _ in follow].index(slug) + 1 :]
    if later:
        assert client.get(f"/young-people/{later[0][0]}").status_code == 302


def test_an_email_address_is_needed_for_email(client, theme_ids):
    pages = child_pages(WORRIED, theme_ids, **{"get-in-touch": {"contact_method": "email"}})
    post_pages(client, pages[:-1])
    response = client.post("/young-people/contact-details", data={"email": "", "phone": ""})
    assert "Tell us your email address" in response.get_data(as_text=True)
    response = client.post("/young-people/contact-details", data={"email": "kit@"})
    assert "Enter an email address in the correct format, like name@example.com" in response.get_data(as_text=True)
    post_pages(client, [("contact-details", {"email": "kit@example.com", "safe_times": ""})])


@pytest.mark.parametrize("choice", [SOMETHING_WRONG, WORRIED, SPEAK_UP])
def test_please_do_not_contact_me_is_refused_when_someone_must_talk_to_the_child(client, theme_ids, choice):
    pages = child_pages(choice, theme_ids)
    slugs = [slug for slug, _ in pages]
    post_pages(client, pages[: slugs.index("get-in-touch")])
    page = client.get("/young-people/get-in-touch").get_data(as_text=True)
    assert "Please don&#39;t contact me" not in page and "Please don't contact me" not in page
    response = client.post("/young-people/get-in-touch", data={"contact_method": "no_contact"})
    assert response.status_code == 200
    assert "We need to talk to you about this. Choose a way to get in touch" in response.get_data(as_text=True)


@pytest.mark.parametrize("choice", [THANK_YOU, IDEA])
def test_please_do_not_contact_me_is_allowed_for_thanks_and_ideas(client, theme_ids, choice):
    pages = child_pages(choice, theme_ids)
    slugs = [slug for slug, _ in pages]
    post_pages(client, pages[: slugs.index("get-in-touch")])
    assert "Please don" in client.get("/young-people/get-in-touch").get_data(as_text=True)
    response = client.post("/young-people/get-in-touch", data={"contact_method": "no_contact"})
    assert response.headers["Location"].endswith("/young-people/check-answers")


def test_someone_asking_only_for_an_advocate_need_not_explain_yet(client, theme_ids):
    post_pages(client, child_pages(SPEAK_UP, theme_ids)[:2])
    page = client.get("/young-people/your-words").get_data(as_text=True)
    assert "What do you want to speak up about?" in page
    assert "Your advocate can help you say it." in page
    assert client.post("/young-people/your-words", data={"words": ""}).status_code == 302


@pytest.mark.parametrize("choice", CHOICES)
def test_the_question_in_your_own_words_fits_the_choice(client, theme_ids, choice):
    post_pages(client, child_pages(choice, theme_ids)[:2])
    page = BeautifulSoup(client.get("/young-people/your-words").get_data(as_text=True), "html.parser")
    expected = {
        SOMETHING_WRONG: "What is wrong?",
        WORRIED: "What are you worried about?",
        IDEA: "What do you want to tell us?",
        THANK_YOU: "Who do you want to thank, and why?",
        SPEAK_UP: "What do you want to speak up about?",
    }[choice]
    assert page.h1.get_text(strip=True) == expected
