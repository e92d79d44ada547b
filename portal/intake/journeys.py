"""The adult journeys: which question pages each has, in what order, and when each is shown."""

from dataclasses import dataclass

from wtforms import StringField, TextAreaField

from portal.common.journey import Journey, Page
from portal.common.page_forms import PageForm, field_names
from portal.domain.types import FeedbackKind
from portal.intake import forms

# Typed answers that are ways of reaching someone, not what they want to tell us.
CONTACT_FIELDS = frozenset({"email", "phone", "postcode"})


@dataclass(frozen=True)
class QuestionPage:
    """How a page of the journey looks: its form and its title (also the `<title>` of the page)."""

    form: type[PageForm]
    title: str
    template: str = "intake/question.html"


@dataclass(frozen=True)
class AdultJourney:
    kind: FeedbackKind
    journey: Journey
    questions: dict[str, QuestionPage]
    noun: str

    @property
    def name(self) -> str:
        return self.journey.name

    def written_answers(self, answers: dict) -> list[str]:
        """Everything typed in the person's own words on the pages that apply, for the safeguarding check."""
        written = []
        for page in self.journey.pages_that_apply(answers):
            form_class = self.questions[page.slug].form
            for name in page.fields:
                typed = issubclass(getattr(form_class, name).field_class, (StringField, TextAreaField))
                if typed and name not in CONTACT_FIELDS and isinstance(answers.get(name), str):
                    written.append(answers[name])
        return written


def _pages(specs: list[tuple[str, QuestionPage, dict]]) -> tuple[tuple[Page, ...], dict[str, QuestionPage]]:
    pages = tuple(Page(slug=slug, fields=field_names(question.form), **options) for slug, question, options in specs)
    return pages, {slug: question for slug, question, _ in specs}


def _build(kind: FeedbackKind, name: str, noun: str, specs) -> AdultJourney:
    pages, questions = _pages(specs)
    return AdultJourney(kind=kind, journey=Journey(name=name, pages=pages), questions=questions, noun=noun)


def about_child(answers) -> bool:
    return answers.get("about_child") == "yes"


def on_behalf_of_child(answers) -> bool:
    return about_child(answers) and answers.get("on_behalf_of_child") == "yes"


def wants_reply(answers) -> bool:
    return answers.get("wants_reply") == "yes"


EQUALITIES = (
    "equalities",
    QuestionPage(forms.EqualitiesForm, "Equality monitoring questions", "intake/equalities.html"),
    {"optional": True},
)

COMPLAINT = _build(
    FeedbackKind.COMPLAINT,
    "complaint",
    "complaint",
    [
        ("who-are-you", QuestionPage(forms.WhoAreYouForm, "Who are you?"), {}),
        ("about-a-child", QuestionPage(forms.AboutAChildForm, "Is your complaint about a child?"), {}),
        (
            "on-behalf",
            QuestionPage(forms.OnBehalfForm, "Are you making the complaint on the child's behalf?"),
            {"applies": about_child},
        ),
        (
            "child-details",
            QuestionPage(forms.ChildDetailsForm, "About the child", "intake/child_details.html"),
            {"applies": about_child},
        ),
        (
            "child-agrees",
            QuestionPage(forms.ChildAgreesForm, "Does the child know and agree?"),
            {"applies": on_behalf_of_child},
        ),
        ("what-happened", QuestionPage(forms.WhatHappenedForm, "What happened?"), {}),
        ("when-it-happened", QuestionPage(forms.WhenItHappenedForm, "When did it happen?", "intake/when.html"), {}),
        ("team", QuestionPage(forms.TeamForm, "Which team or service is it about?"), {}),
        ("put-it-right", QuestionPage(forms.PutItRightForm, "What would put things right?"), {}),
        ("raised-before", QuestionPage(forms.RaisedBeforeForm, "Have you raised this before?"), {}),
        (
            "documents",
            QuestionPage(forms.DocumentsForm, "Upload documents or photos (optional)", "intake/documents.html"),
            {"optional": True},
        ),
        (
            "contact-details",
            QuestionPage(forms.ContactDetailsForm, "Your contact details", "intake/contact_details.html"),
            {},
        ),
        (
            "contact-preferences",
            QuestionPage(forms.ContactPreferencesForm, "How we can contact you", "intake/grouped.html"),
            {},
        ),
        ("support", QuestionPage(forms.SupportForm, "Help to take part", "intake/support.html"), {"optional": True}),
        ("advocacy", QuestionPage(forms.AdvocacyForm, "Independent advocacy and support"), {}),
        EQUALITIES,
    ],
)

COMMENT = _build(
    FeedbackKind.COMMENT,
    "comment",
    "comment",
    [
        ("what-about", QuestionPage(forms.CommentAboutForm, "What is your comment about?"), {}),
        ("your-comment", QuestionPage(forms.CommentForm, "What would you like us to know?"), {}),
        ("reply", QuestionPage(forms.WantsReplyForm, "Would you like a reply?"), {}),
        (
            "contact-details",
            QuestionPage(forms.ContactDetailsForm, "Your contact details", "intake/contact_details.html"),
            {"applies": wants_reply},
        ),
        EQUALITIES,
    ],
)

COMPLIMENT = _build(
    FeedbackKind.COMPLIMENT,
    "compliment",
    "compliment",
    [
        ("who-for", QuestionPage(forms.ComplimentForForm, "Who is your compliment for?"), {}),
        ("what-they-did", QuestionPage(forms.WhatTheyDidForm, "What did they do?"), {}),
        ("about-you", QuestionPage(forms.ComplimentFromForm, "Who are you?"), {}),
        ("sharing", QuestionPage(forms.SharingForm, "Sharing your compliment", "intake/grouped.html"), {}),
        (
            "contact-details",
            QuestionPage(forms.OptionalContactForm, "Your contact details (optional)", "intake/contact_details.html"),
            {"optional": True},
        ),
        EQUALITIES,
    ],
)

JOURNEYS = {journey.name: journey for journey in (COMPLAINT, COMMENT, COMPLIMENT)}
