"""Forms for the case page (notes and messages), assisted entry and the audit trail filter."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovFileInput, GovSelect
from wtforms import BooleanField, MultipleFileField, SelectField

from portal.common.fields import (
    EARLIEST_BIRTH_DATE,
    SUPPORT_NEEDS,
    GovukDateField,
    age_field,
    checkboxes_field,
    choices_of,
    email_field,
    long_text_field,
    name_field,
    phone_field,
    radio_field,
    text_field,
    yes_no_field,
)
from portal.domain.types import Channel, FeedbackKind, SubmitterRole

# Notes and messages ------------------------------------------------------------------------------------------------


class NoteForm(FlaskForm):
    body = long_text_field("Add an internal note", "Enter the note", max_length=10000)


class MessageForm(FlaskForm):
    body = long_text_field("Write a message to the person who sent it", "Enter the message", max_length=10000)


# Assisted entry ----------------------------------------------------------------------------------------------------

RECORDED_KINDS = [FeedbackKind.COMPLAINT, FeedbackKind.COMMENT, FeedbackKind.COMPLIMENT]
# Online and QR code submissions come in through the public forms by themselves.
RECORDED_CHANNELS = [channel for channel in Channel if channel not in (Channel.ONLINE, Channel.QR_CODE)]
CONTACT_METHODS = [("email", "Email"), ("phone", "Phone call"), ("text", "Text message"), ("post", "Letter")]
# Which detail each way of contacting someone needs.
DETAIL_FOR_METHOD = {"email": "email", "phone": "phone", "text": "phone", "post": "address"}
NOT_KNOWN = ""
SAFE_TO_CONTACT = [("yes", "Yes"), ("no", "No, it is not safe"), ("not_asked", "We did not ask")]


class WhatCameInForm(FlaskForm):
    """What came in, how and when. Declared before the other parts so its questions come first in error summaries
    (WTForms orders fields by when they were created)."""

    kind = radio_field(
        "What is it?",
        [(kind.value, kind.label) for kind in RECORDED_KINDS],
        "Select whether it is a complaint, comment or compliment",
    )
    channel = radio_field(
        "How did it come in?",
        [(channel.value, channel.label) for channel in RECORDED_CHANNELS],
        "Select how it came in",
    )
    received_on = GovukDateField(
        "When was it received?",
        name_in_errors="The date it was received",
        required=True,
        past_only=True,
        description="The date it reached the council, not today's date if it came in earlier. The acknowledgement "
        "deadline counts from this date. For example, 27 3 2027",
    )


class WhoItIsFromForm(FlaskForm):
    """Who sent it and how it is safe to reach them: shared by assisted entry and corrections."""

    submitter_role = radio_field("Who is it from?", SubmitterRole.choices(), "Select who it is from")
    made_by_child = yes_no_field(
        "Did a child or young person make it themselves?",
        "Select yes if a child or young person made it themselves",
    )
    full_name = name_field("Full name (optional)", max_length=200, description="Leave blank if they did not give it.")
    organisation = name_field("Organisation (optional)", max_length=200)
    email = email_field("Email address (optional)")
    phone = phone_field("Phone number (optional)")
    address = long_text_field("Address (optional)", max_length=500)
    postcode = text_field("Postcode (optional)", max_length=10)
    contact_methods = checkboxes_field(
        "How can we contact them? (optional)", CONTACT_METHODS, description="Select all that they agreed to."
    )
    letters_ok = radio_field("Is it safe to send them letters? (optional)", SAFE_TO_CONTACT)
    voicemail_ok = radio_field("Is it safe to leave them a voicemail? (optional)", SAFE_TO_CONTACT)
    safe_contact_times = text_field(
        "When is it safe to contact them? (optional)",
        max_length=500,
        description="For example, 'weekdays after 3pm' or 'not on Mondays'",
    )
    about_child = yes_no_field(
        "Is it about a child or young person?", "Select yes if it is about a child or young person"
    )
    on_behalf_of_child = radio_field(
        "Are they making it on the child's behalf? (only if it is about a child)",
        [("yes", "Yes"), ("no", "No, for themselves (for example, about their own contact with the child)")],
    )
    child_name = name_field(
        "Child's name (optional)", max_length=200, description="If it is about a particular child or young person."
    )
    child_date_of_birth = GovukDateField(
        "Child's date of birth (optional)",
        name_in_errors="The child's date of birth",
        past_only=True,
        not_before=EARLIEST_BIRTH_DATE,
        description="For example, 27 3 2015",
    )
    child_age = age_field(
        "Child's age, if the date of birth is not known (optional)", "The child's age must be between 0 and 25"
    )

    def validate(self, extra_validators=None) -> bool:
        fields_valid = super().validate(extra_validators)
        return (
            self._child_is_consistent() & self._on_behalf_is_consistent() & self._contact_details_given() & fields_valid
        )

    def _child_is_consistent(self) -> bool:
        if self.submitter_role.data == SubmitterRole.CHILD.value and self.made_by_child.data == "no":
            self.made_by_child.errors.append(
                "Select yes if a child or young person made it themselves: you said it is from a child or young person"
            )
            return False
        return True

    def _on_behalf_is_consistent(self) -> bool:
        """Naming a child does not make someone their representative: "about a child" and "on the child's behalf"
        are asked apart, and the second only means something when the first is yes (domain.md section 3)."""
        if self.about_child.data == "no" and self.on_behalf_of_child.data == "yes":
            self.on_behalf_of_child.errors.append(
                "Select no: you said it is not about a child, so it cannot be made on a child's behalf"
            )
            return False
        if self.about_child.data == "no" and self._child_given():
            self.child_name.errors.append("Leave the child's details blank, or select yes: it is about a child")
            return False
        if (
            self.about_child.data == "yes"
            and self.made_by_child.data == "no"
            and self.on_behalf_of_child.data not in ("yes", "no")
        ):
            self.on_behalf_of_child.errors.append("Select whether they are making it on the child's behalf")
            return False
        return True

    def _child_given(self) -> bool:
        return bool((self.child_name.data or "").strip() or self.child_date_of_birth.data or self.child_age.data)

    def _contact_details_given(self) -> bool:
        missing = [
            label
            for value, label in CONTACT_METHODS
            if value in (self.contact_methods.data or []) and not getattr(self, DETAIL_FOR_METHOD[value]).data
        ]
        if missing:
            self.contact_methods.errors.append(
                f"Enter their details for: {', '.join(missing).lower()}, or do not select "
                f"{'it' if len(missing) == 1 else 'them'}"
            )
            return False
        return True


class AssistedEntryForm(WhatCameInForm, WhoItIsFromForm):
    summary = text_field("Summary", "Enter a summary", max_length=200, description="One line, for lists of cases.")
    description = long_text_field(
        "What did they tell us?",
        "Enter what they told us",
        max_length=20000,
        description="Their words as closely as you can, or a note of the call or visit.",
    )
    safeguarding_concern = BooleanField(
        "Flag a possible safeguarding concern",
        description="The safeguarding contact is told at once. Cases are also flagged when what they told us "
        "contains a safeguarding phrase.",
        widget=GovCheckboxInput(),
    )
    team = SelectField(
        "Which team is it about? (optional)",
        widget=GovSelect(),
        default="",
        invalid_choice_message="Select a team from the list, or 'Not known'",
    )
    documents = MultipleFileField("Upload documents (optional)", widget=GovFileInput())

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.team.choices = choices_of([(NOT_KNOWN, "Not known"), *((str(team.id), team.name) for team in teams)])


class CorrectionForm(WhoItIsFromForm):
    """What staff may correct in a submission (names, contact details, made by a child, the child, support needs),
    with what told them, for the audit trail."""

    support_needs = checkboxes_field("Help they need to take part (optional)", SUPPORT_NEEDS)
    interpreter_language = text_field("Language they need an interpreter for (optional)", max_length=100)
    other_support = text_field("Other help they need (optional)", max_length=500)
    reason = long_text_field(
        "What told you this? (optional)",
        max_length=2000,
        description="For example, 'they phoned on 4 March to give a new address'.",
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        chosen = self.support_needs.data or []
        if "interpreter" in chosen and not self.interpreter_language.data:
            self.interpreter_language.errors.append("Enter the language they need an interpreter for")
            valid = False
        return valid


# The audit trail ---------------------------------------------------------------------------------------------------


class AuditFilterForm(FlaskForm):
    """The filter on the audit trail page. It is sent with GET and changes nothing, so it needs no CSRF token."""

    class Meta:
        csrf = False

    staff = SelectField(
        "Member of staff",
        widget=GovSelect(),
        default="",
        invalid_choice_message="Select a member of staff from the list",
    )
    since = GovukDateField("From", name_in_errors="The from date", past_only=True, description="For example, 4 1 2027")
    until = GovukDateField("To", name_in_errors="The to date", description="For example, 29 1 2027")

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.staff.choices = choices_of([("", "Everyone"), *((str(user.id), user.name) for user in staff)])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and self.since.data and self.until.data and self.until.data < self.since.data:
            self.until.errors.append("The to date must be the same as or after the from date")
            return False
        return valid
