"""One form per question page of the adult journeys. Each form's fields are the answers its page stores."""

from govuk_frontend_wtf.wtforms_widgets import GovFileInput
from wtforms import MultipleFileField

from portal.common.fields import (
    EARLIEST_BIRTH_DATE,
    LONGEST_AGO_YEARS,
    SUPPORT_NEEDS,
    GovukDateField,
    age_field,
    at_least_one_of,
    checkboxes_field,
    email_field,
    long_text_field,
    name_field,
    phone_field,
    radio_field,
    single_checkbox_field,
    text_field,
    yes_no_field,
)
from portal.common.page_forms import PageForm
from portal.domain.references import check_character, format_reference

NOT_KNOWN = "dont_know"
# What a real reference looks like, check character and all.
EXAMPLE_REFERENCE = format_reference("7K4M2QXH" + check_character("7K4M2QXH"))


# Complaint ---------------------------------------------------------------------------------------------------------

ADULT_ROLES = [
    ("parent", "Parent, or someone with parental responsibility"),
    ("foster_carer", "Foster carer"),
    ("special_guardian", "Special guardian"),
    ("relative", "Grandparent or other relative"),
    ("adopter", "Adopter or prospective adopter"),
    ("professional", "Professional, such as a teacher, health worker or advocate"),
    ("other", "Someone else"),
    ("child", "I'm a child or young person"),
]


class WhoAreYouForm(PageForm):
    role = radio_field("Who are you?", ADULT_ROLES, "Select who you are")


class AboutAChildForm(PageForm):
    about_child = yes_no_field(
        "Is your complaint about a child or young person?",
        "Select yes if your complaint is about a child or young person",
        description="This could be your child, a child you care for or a child you work with.",
    )


class OnBehalfForm(PageForm):
    # Apart from "is it about a child?": a grandparent complaining about their own contact names a child but
    # complains for themself (domain.md section 3).
    on_behalf_of_child = yes_no_field(
        "Are you making the complaint on the child's behalf?",
        "Select yes if you are making the complaint on the child's behalf",
        description="Say no if you are complaining about how something affected you, such as your own contact with "
        "the child.",
    )


class ChildDetailsForm(PageForm):
    child_name = name_field("Child's name", "Enter the child's name", max_length=200)
    child_date_of_birth = GovukDateField(
        "Date of birth (optional)",
        name_in_errors="Date of birth",
        past_only=True,
        not_before=EARLIEST_BIRTH_DATE,
        description="For example, 27 3 2015",
    )
    child_age = age_field("Age, if you do not know their date of birth (optional)", "Age must be between 0 and 25")


class ChildAgreesForm(PageForm):
    child_agrees = radio_field(
        "Does the child know about this complaint and agree with it?",
        [
            ("yes", "Yes"),
            ("no", "No"),
            ("too_young", "They are too young to understand"),
            (NOT_KNOWN, "I do not know"),
        ],
        "Select whether the child knows about this complaint and agrees with it",
        description="We take the child's views into account, depending on their age and understanding.",
    )


class WhatHappenedForm(PageForm):
    what_happened = long_text_field(
        "What happened?",
        "Enter what happened",
        max_length=10000,
        description="Tell us in your own words. Include what happened, who was involved and how it affected you "
        "or the child.",
    )


class WhenItHappenedForm(PageForm):
    happened_on = GovukDateField(
        "Date it happened",
        name_in_errors="The date it happened",
        past_only=True,
        within_years=LONGEST_AGO_YEARS,
        description="For example, 14 9 2026",
    )
    happened_when = text_field(
        "If you do not know the exact date, tell us roughly when",
        max_length=200,
        description="For example, 'last summer' or 'over the past 6 months'",
    )

    def check_whole_page(self) -> bool:
        if self.happened_on.errors:
            return True
        return at_least_one_of("happened_on", "happened_when", message="Enter the date it happened, or roughly when")(
            self
        )


class TeamForm(PageForm):
    team = radio_field("Which team or service is it about?", [], "Select the team or service, or 'I do not know'")
    worker_name = name_field("Name of the worker, if you know it (optional)", max_length=200)


class PutItRightForm(PageForm):
    desired_outcome = long_text_field(
        "What would you like us to do to put things right?",
        "Enter what you would like us to do to put things right",
        max_length=5000,
    )


class RaisedBeforeForm(PageForm):
    raised_before = yes_no_field(
        "Have you raised this with us before?", "Select yes if you have raised this with us before"
    )
    previous_reference = text_field(
        "Reference number, if you have one (optional)", max_length=40, description=f"For example, {EXAMPLE_REFERENCE}"
    )


class DocumentsForm(PageForm):
    documents = MultipleFileField("Upload a file", widget=GovFileInput())

    def answers(self) -> dict:
        return {"documents_seen": True}


class ContactDetailsForm(PageForm):
    full_name = name_field("Full name", "Enter your full name", max_length=200)
    email = email_field()
    phone = phone_field()
    address = long_text_field("Address (optional)", max_length=500)
    postcode = text_field("Postcode (optional)", max_length=10)

    def check_whole_page(self) -> bool:
        return at_least_one_of(
            "email", "phone", "address", message="Enter an email address, phone number or address so we can reply"
        )(self)


CONTACT_METHODS = [("email", "Email"), ("phone", "Phone call"), ("text", "Text message"), ("post", "Letter")]


class ContactPreferencesForm(PageForm):
    contact_methods = checkboxes_field(
        "How can we contact you?",
        CONTACT_METHODS,
        "Select how we can contact you",
        description="Select all that apply.",
    )
    safe_contact_times = text_field(
        "When is it safe to contact you? (optional)",
        max_length=500,
        description="For example, 'weekdays after 3pm' or 'not on Mondays'",
    )
    voicemail_ok = yes_no_field(
        "Is it safe to leave you a voicemail?", "Select yes if it is safe to leave you a voicemail"
    )
    letters_ok = yes_no_field("Is it safe to send you letters?", "Select yes if it is safe to send you letters")

    def check_whole_page(self) -> bool:
        details_needed = {"email": "email", "phone": "phone", "text": "phone", "post": "address"}
        missing = [
            label
            for value, label in CONTACT_METHODS
            if value in (self.contact_methods.data or []) and not self.draft_answers.get(details_needed[value])
        ]
        if missing:
            self.contact_methods.errors.append(
                f"You have not given us details for: {', '.join(missing).lower()}. "
                "Select another way, or go back and add your details"
            )
            return False
        return True


class SupportForm(PageForm):
    support_needs = checkboxes_field(
        "Do you need any help to take part? (optional)",
        SUPPORT_NEEDS,
        description="Select all that apply. Leave them all unselected if you do not need help.",
    )
    interpreter_language = text_field("Which language do you need an interpreter for?", max_length=100)
    other_support = text_field("What other help do you need?", max_length=500)

    def check_whole_page(self) -> bool:
        valid = True
        chosen = self.support_needs.data or []
        if "interpreter" in chosen and not self.interpreter_language.data:
            self.interpreter_language.errors.append("Enter the language you need an interpreter for")
            valid = False
        if "other" in chosen and not self.other_support.data:
            self.other_support.errors.append("Enter the help you need")
            valid = False
        return valid


class AdvocacyForm(PageForm):
    wants_advocacy_information = yes_no_field(
        "Would you like information about independent advocacy or support?",
        "Select yes if you would like information about independent advocacy or support",
        description="An advocate is someone independent of the council who can help you say what you want to say.",
    )


ETHNICITY = [
    ("asian", "Asian or Asian British"),
    ("black", "Black, Black British, Caribbean or African"),
    ("mixed", "Mixed or multiple ethnic groups"),
    ("white", "White"),
    ("other", "Another ethnic group"),
    ("prefer_not_to_say", "Prefer not to say"),
]
GENDER = [
    ("female", "Female"),
    ("male", "Male"),
    ("another", "In another way"),
    ("prefer_not_to_say", "Prefer not to say"),
]
DISABILITY = [("yes", "Yes"), ("no", "No"), ("prefer_not_to_say", "Prefer not to say")]


class EqualitiesForm(PageForm):
    ethnicity = radio_field("What is your ethnic group? (optional)", ETHNICITY)
    gender = radio_field("How would you describe your gender? (optional)", GENDER)
    disability = radio_field(
        "Do you consider yourself to have a disability? (optional)",
        DISABILITY,
        description="The Equality Act 2010 defines disability as a physical or mental condition that has a "
        "substantial and long-term effect on your ability to do normal daily activities.",
    )


class DeclarationForm(PageForm):
    declaration = single_checkbox_field(
        "I confirm that the information I have given is true to the best of my knowledge",
        "Confirm that the information you have given is true to the best of your knowledge",
    )


# Comment -----------------------------------------------------------------------------------------------------------


class CommentAboutForm(PageForm):
    comment_subject = text_field(
        "What is your comment about?",
        "Enter what your comment is about",
        max_length=200,
        description="For example, 'foster carer training' or 'the contact centre'",
    )


class CommentForm(PageForm):
    comment_text = long_text_field(
        "What would you like us to know?", "Enter what you would like us to know", max_length=10000
    )


class WantsReplyForm(PageForm):
    wants_reply = yes_no_field("Would you like a reply?", "Select yes if you would like a reply")


# Compliment --------------------------------------------------------------------------------------------------------


class ComplimentForForm(PageForm):
    team = radio_field("Who is your compliment for?", [], "Select the team, or 'I'm not sure'")
    worker_name = name_field("Name of the worker, if you know it (optional)", max_length=200)


class WhatTheyDidForm(PageForm):
    compliment_text = long_text_field(
        "What did they do?", "Enter what they did", max_length=5000, description="Tell us what went well."
    )


COMPLIMENT_ROLES = [
    ("parent", "Parent or family member"),
    ("carer", "Carer or foster carer"),
    ("young_person", "Young person"),
    ("professional", "Professional"),
    ("other", "Someone else"),
]


class ComplimentFromForm(PageForm):
    compliment_role = radio_field("Who are you?", COMPLIMENT_ROLES, "Select who you are")
    organisation = name_field("Organisation, if you are a professional (optional)", max_length=200)


class SharingForm(PageForm):
    may_share_with_team = yes_no_field(
        "Can we share your compliment with the team and their managers?",
        "Select yes if we can share your compliment with the team",
    )
    may_publish = yes_no_field(
        "Can we publish your compliment without any names?",
        "Select yes if we can publish your compliment without any names",
        description="For example, in our annual report. We remove names and anything that could identify you.",
    )


class OptionalContactForm(PageForm):
    full_name = name_field("Full name (optional)", max_length=200)
    email = email_field("Email address (optional)")
    phone = phone_field("Phone number (optional)")
