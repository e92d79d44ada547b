"""One form per page of the children's journey: one short question each, in words a ten-year-old can read.

Choices carry an icon for the eye (see ICONS); the icon is always beside its words and hidden from screen readers.
"""

from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovTextInput
from wtforms import MultipleFileField
from wtforms.validators import InputRequired, NumberRange

from portal.common.fields import (
    WholeNumberField,
    checkboxes_field,
    email_field,
    long_text_field,
    name_field,
    phone_field,
    radio_field,
    text_field,
)
from portal.common.page_forms import PageForm

# What do you want to do? --------------------------------------------------------------------------------------------

SOMETHING_WRONG = "something_wrong"
WORRIED = "worried"
IDEA = "idea"
THANK_YOU = "thank_you"
SPEAK_UP = "speak_up"

CHOICES = [
    (SOMETHING_WRONG, "Something is wrong"),
    (WORRIED, "I'm worried about something"),
    (IDEA, "I have an idea or something to tell you"),
    (THANK_YOU, "I want to say thank you"),
    (SPEAK_UP, "I want someone to help me speak up"),
]


class WhatToDoForm(PageForm):
    choice = radio_field("What do you want to do?", CHOICES, "Choose what you want to do")


class WhatAboutForm(PageForm):
    # The choices are the council's children's themes, filled in when the page is built.
    themes = checkboxes_field("What is it about?", [], "Choose what it is about", description="Choose all that fit.")


class YourWordsForm(PageForm):
    words = long_text_field(
        "Tell us in your own words", max_length=5000, description="Write as much or as little as you like."
    )

    def check_whole_page(self) -> bool:
        # Someone who only wants an advocate need not explain yet: the advocate will help them say it.
        if self.draft_answers.get("choice") == SPEAK_UP or self.words.data or self.words.errors:
            return True
        self.words.errors.append("Tell us in your own words")
        return False


class PictureForm(PageForm):
    picture = MultipleFileField("Do you want to add a drawing or a photo?", widget=GovFileInput())

    def answers(self) -> dict:
        return {"picture_seen": True}


FEELINGS = [
    ("really_sad", "Really sad"),
    ("sad", "Sad"),
    ("ok", "OK"),
    ("happy", "Happy"),
    ("really_happy", "Really happy"),
]


class FeelingForm(PageForm):
    feeling = radio_field("How do you feel about it?", FEELINGS, "Choose how you feel")


class BetterForm(PageForm):
    better = long_text_field(
        "What would make it better?",
        "Tell us what would make it better",
        max_length=5000,
        description="If you are not sure, you can say that.",
    )


YES_PLEASE = [("yes", "Yes, please"), ("no", "No, thank you")]


class AdvocateForm(PageForm):
    wants_advocate = radio_field(
        "Would you like an advocate?",
        YES_PLEASE,
        "Choose yes if you would like an advocate",
        description="An advocate is someone on your side who does not work for social care.",
    )


class NameForm(PageForm):
    nickname = name_field(
        "What should we call you?",
        "Tell us your first name or a nickname",
        max_length=60,
        description="Your first name or a nickname is fine.",
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )


class AgeForm(PageForm):
    age = WholeNumberField(
        "How old are you?",
        not_a_number_message="Write your age as a number, like 12",
        validators=[
            InputRequired("Tell us how old you are"),
            NumberRange(min=4, max=25, message="Your age must be a number from 4 to 25"),
        ],
        widget=GovTextInput(),
        render_kw={"inputmode": "numeric", "spellcheck": "false", "autocomplete": "off"},
    )


IN_CARE = "in_care"
CARE = [
    (IN_CARE, "Yes, I am in care"),
    ("care_leaver", "I am a care leaver"),
    ("neither", "No"),
    ("dont_know", "I don't know"),
]


class CareForm(PageForm):
    care = radio_field(
        "Are you in care?",
        CARE,
        "Choose one answer",
        description="This helps us find the right person to help you.",
    )


class WorkerForm(PageForm):
    worker = name_field(
        "Who is your social worker or PA?",
        max_length=200,
        description="PA means personal adviser. Leave this empty if you do not know or do not have one.",
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )


TEXT = "text"
CALL = "call"
EMAIL = "email"
NO_CONTACT = "no_contact"
CONTACT_METHODS = [
    (TEXT, "Send me a text"),
    (CALL, "Call me"),
    (EMAIL, "Email me"),
    ("via_worker", "Through my social worker or PA"),
    ("via_carer", "Through my carer"),
    ("via_advocate", "Through my advocate"),
    (NO_CONTACT, "Please don't contact me"),
]
# "Please don't contact me" is only for a thank you or an idea: anything else needs someone to talk to the child.
NO_CONTACT_ALLOWED = {THANK_YOU, IDEA}


class GetInTouchForm(PageForm):
    contact_method = radio_field("How can we get in touch?", CONTACT_METHODS, "Choose how we can get in touch")

    def check_whole_page(self) -> bool:
        if self.contact_method.data == NO_CONTACT and self.draft_answers.get("choice") not in NO_CONTACT_ALLOWED:
            self.contact_method.errors.append("We need to talk to you about this. Choose a way to get in touch")
            return False
        return True


class ContactDetailsForm(PageForm):
    phone = phone_field("Your phone number")
    email = email_field("Your email address")
    safe_times = text_field(
        "When is it safe to contact you?",
        max_length=300,
        description="For example, after school, or not at weekends. Leave it empty if any time is fine.",
        render_kw={"autocomplete": "off"},
    )

    def check_whole_page(self) -> bool:
        method = self.draft_answers.get("contact_method")
        if method in (TEXT, CALL) and not self.phone.data and not self.phone.errors:
            self.phone.errors.append("Tell us your phone number")
            return False
        if method == EMAIL and not self.email.data and not self.email.errors:
            self.email.errors.append("Tell us your email address")
            return False
        return True


# Shown beside each choice; chosen to be clear at a glance. Themes are the council's own list, matched by name.
ICONS = {
    "choice": {
        SOMETHING_WRONG: "❗",
        WORRIED: "😟",
        IDEA: "💡",
        THANK_YOU: "💛",
        SPEAK_UP: "📣",
    },
    "feeling": {"really_sad": "😢", "sad": "🙁", "ok": "😐", "happy": "🙂", "really_happy": "😀"},
    "wants_advocate": {"yes": "🤝", "no": "🙅"},
    "care": {},
    "contact_method": {
        TEXT: "📱",
        CALL: "📞",
        EMAIL: "📧",
        "via_worker": "🧑",
        "via_carer": "🏠",
        "via_advocate": "🤝",
        NO_CONTACT: "🤫",
    },
}
THEME_ICONS = {
    "My social worker or personal adviser": "🧑",
    "Where I live": "🏠",
    "Seeing my family": "👪",
    "Money and savings": "💷",
    "School": "🏫",
    "Feeling listened to": "👂",
    "Something else": "💬",
}

TEXT_FIELDS = ("words", "better", "nickname", "worker", "safe_times")
"""The answers a child writes in their own words: checked for safeguarding phrases."""
