"""The children's journey: its pages in order, which apply to which choice, and what each choice becomes.

Pure apart from the form classes: the routes store answers and render pages, `portal.common.journey` does the routing.

Which pages each choice sees:

- Something is wrong, I'm worried, an idea: every page.
- A thank you: no "what would make it better" and no advocate offer (there is nothing to put right).
- Someone to help me speak up: no feelings, no "what would make it better" and no advocate offer (they have just
  asked for one), and "tell us in your own words" may be left empty, because the advocate will help them say it.
"""

from dataclasses import dataclass, field

from portal.common.journey import Answers, Journey, Page
from portal.common.page_forms import field_names
from portal.domain.types import FeedbackKind
from portal.young_people import forms

NAME = "young-people"

KINDS = {
    forms.SOMETHING_WRONG: FeedbackKind.COMPLAINT,
    forms.WORRIED: FeedbackKind.COMPLAINT,
    forms.IDEA: FeedbackKind.COMMENT,
    forms.THANK_YOU: FeedbackKind.COMPLIMENT,
    forms.SPEAK_UP: FeedbackKind.ADVOCACY_REQUEST,
}

# The question "tell us in your own words" asks, in the child's terms for what they chose.
WORDS_QUESTIONS = {
    forms.SOMETHING_WRONG: "What is wrong?",
    forms.WORRIED: "What are you worried about?",
    forms.IDEA: "What do you want to tell us?",
    forms.THANK_YOU: "Who do you want to thank, and why?",
    forms.SPEAK_UP: "What do you want to speak up about?",
}
CONTACT_QUESTIONS = {
    forms.TEXT: "What is your phone number?",
    forms.CALL: "What is your phone number?",
    forms.EMAIL: "What is your email address?",
}


def choice(answers: Answers) -> str | None:
    return answers.get("choice")


def is_feedback(answers: Answers) -> bool:
    """Anything but a request for an advocate on its own."""
    return choice(answers) != forms.SPEAK_UP


def needs_putting_right(answers: Answers) -> bool:
    return choice(answers) in (forms.SOMETHING_WRONG, forms.WORRIED, forms.IDEA)


def contact_details_needed(answers: Answers) -> bool:
    return answers.get("contact_method") in CONTACT_QUESTIONS


def wants_advocate(answers: Answers) -> bool:
    """Asked for an advocate on its own, or said yes to the offer."""
    return choice(answers) == forms.SPEAK_UP or answers.get("wants_advocate") == "yes"


def kind_of(answers: Answers) -> FeedbackKind:
    return KINDS[answers["choice"]]


@dataclass(frozen=True)
class ChildPage:
    """How a page looks: its form, its template and a short name for the check-answers list."""

    form: type[forms.PageForm]
    template: str = "young_people/question.html"
    short_name: str = ""
    field_params: dict = field(default_factory=dict)


PAGES: dict[str, tuple[ChildPage, dict]] = {
    "what-to-do": (ChildPage(forms.WhatToDoForm, short_name="What you want to do"), {}),
    "what-about": (ChildPage(forms.WhatAboutForm, short_name="What it is about"), {}),
    "your-words": (ChildPage(forms.YourWordsForm, short_name="Your words"), {}),
    "add-a-picture": (
        ChildPage(forms.PictureForm, "young_people/add_a_picture.html", "Drawing or photo"),
        {"optional": True},
    ),
    "how-do-you-feel": (ChildPage(forms.FeelingForm, short_name="How you feel"), {"applies": is_feedback}),
    "make-it-better": (
        ChildPage(forms.BetterForm, short_name="What would make it better"),
        {"applies": needs_putting_right},
    ),
    "advocate": (
        ChildPage(forms.AdvocateForm, "young_people/advocate.html", "Advocate"),
        {"applies": needs_putting_right},
    ),
    "your-name": (ChildPage(forms.NameForm, short_name="Your name"), {}),
    "your-age": (
        ChildPage(forms.AgeForm, short_name="Your age", field_params={"age": {"classes": "govuk-input--width-3"}}),
        {},
    ),
    "in-care": (ChildPage(forms.CareForm, short_name="In care"), {}),
    "your-worker": (ChildPage(forms.WorkerForm, short_name="Your social worker or PA"), {}),
    "get-in-touch": (ChildPage(forms.GetInTouchForm, short_name="How to get in touch"), {}),
    "contact-details": (
        ChildPage(forms.ContactDetailsForm, "young_people/contact_details.html", "Your details"),
        {"applies": contact_details_needed},
    ),
}

JOURNEY = Journey(
    name=NAME,
    pages=tuple(Page(slug=slug, fields=field_names(page.form), **options) for slug, (page, options) in PAGES.items()),
)


def child_page(slug: str) -> ChildPage | None:
    entry = PAGES.get(slug)
    return entry[0] if entry else None


def question_text(slug: str, answers: Answers) -> str:
    """The page's one question, which for some pages depends on an earlier answer."""
    if slug == "your-words":
        return WORDS_QUESTIONS.get(choice(answers) or "", "Tell us in your own words")
    if slug == "contact-details":
        return CONTACT_QUESTIONS.get(answers.get("contact_method") or "", "How can we reach you?")
    form = PAGES[slug][0].form
    first = field_names(form)[0]
    return getattr(form, first).args[0]


def progress(slug: str, answers: Answers) -> tuple[int, int | None]:
    """Which question this is and how many there are ("Question 3 of 12"), or no total before the first answer.

    Until the child says how to get in touch, the count includes the page for their details, so the total can only
    go down as they answer, never up.
    """
    if choice(answers) is None:
        return 1, None
    counted = answers if "contact_method" in answers else {**answers, "contact_method": forms.TEXT}
    slugs = [page.slug for page in JOURNEY.pages_that_apply(counted)]
    if slug not in slugs:
        return 1, None
    return slugs.index(slug) + 1, len(slugs)
