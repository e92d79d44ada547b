"""Forms for closing the loop (the survey, sending it, answers from a call), the contact log and advocacy referrals."""

import phonenumbers
from flask_wtf import FlaskForm

from portal.common.fields import (
    GovukDateField,
    checkboxes_field,
    email_field,
    long_text_field,
    phone_field,
    radio_field,
    text_field,
)
from portal.domain.closing_the_loop import (
    FACES,
    QUESTIONS,
    Answer,
    AnswerMethod,
    Audience,
    ContactMethod,
    Feeling,
)
from portal.domain.types import AdvocacyStatus, MessageChannel
from portal.participation.services import SurveyAnswers

COMMENT_LIMIT = 2000
NOTHING_ANSWERED = "Choose an answer to at least one question"

# The survey --------------------------------------------------------------------------------------------------------


class SurveyForm(FlaskForm):
    """The questions for one audience, built by `survey_form`. Any question may be skipped, but not all of them."""

    question_keys: tuple[str, ...] = ()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        answered = [self[key].data for key in self.question_keys] + [self.comment.data]
        if "feeling" in self:
            answered.append(self.feeling.data)
        if valid and not any(answered):
            self[self.question_keys[0]].errors.append(NOTHING_ANSWERED)
            return False
        return valid

    def answers(self) -> SurveyAnswers:
        feeling = self.feeling.data if "feeling" in self else None
        return SurveyAnswers(
            answers={key: self[key].data for key in self.question_keys if self[key].data},
            comment=self.comment.data or None,
            feeling=Feeling(feeling) if feeling else None,
        )


def survey_form(audience: Audience, *, child_words: bool, with_method: bool = False, **kwargs) -> SurveyForm:
    """The survey for `audience`: in children's words on the child's own page, in the council's words when staff
    record answers from a call (then `with_method` asks how the answers were given)."""
    questions = QUESTIONS[audience]
    fields: dict = {"question_keys": tuple(question.key for question in questions)}
    if with_method:
        fields["method"] = radio_field(
            "How did they answer?",
            [(method.value, method.label) for method in AnswerMethod if method is not AnswerMethod.ONLINE],
            "Select how they answered",
        )
    for number, question in enumerate(questions, start=1):
        words = question.child_wording if child_words else question.wording
        fields[question.key] = radio_field(f"{number}. {words}", Answer.choices())
    fields["comment"] = long_text_field(
        "Is there anything else you want to tell us?" if child_words else "Anything else they said (optional)",
        max_length=COMMENT_LIMIT,
        too_long_message=f"Use {COMMENT_LIMIT:,} characters or fewer",
        description="You can leave this empty." if child_words else "",
    )
    if audience is Audience.CHILD:
        fields["feeling"] = radio_field("How do you feel now?" if child_words else "How do they feel now?", FEELINGS)
    return type("AudienceSurveyForm", (SurveyForm,), fields)(**kwargs)


FEELINGS = Feeling.choices()
FEELING_FACES = {feeling.value: face for feeling, face in FACES.items()}


# Sending the survey ----------------------------------------------------------------------------------------------

SMS, EMAIL = MessageChannel.SMS.value, MessageChannel.EMAIL.value
MOBILE_TYPES = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}


def is_mobile(number: phonenumbers.PhoneNumber) -> bool:
    """Whether a text message can reach the number. UK mobiles start 07 (including Ofcom's 07700 900 drama numbers,
    which the phonenumbers data does not know); elsewhere, anything not known to be another kind of line."""
    kind = phonenumbers.number_type(number)
    if kind in MOBILE_TYPES:
        return True
    if number.country_code == 44:
        return str(number.national_number).startswith("7")
    return kind == phonenumbers.PhoneNumberType.UNKNOWN


class SendSurveyForm(FlaskForm):
    channel = radio_field("How should we send it?", [(SMS, "Text message"), (EMAIL, "Email")], "Select text or email")
    phone = phone_field("Mobile phone number")
    email = email_field("Email address")
    remind = checkboxes_field("Reminder", [("yes", "Send one reminder if there is no answer")])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.channel.data == SMS and not self.phone.errors:
            if not self.phone.data:
                self.phone.errors.append("Enter a mobile phone number to send a text message")
                valid = False
            elif not is_mobile(phonenumbers.parse(self.phone.data, "GB")):
                self.phone.errors.append("Enter a mobile phone number, like 07700 900 982")
                valid = False
        if self.channel.data == EMAIL and not self.email.errors and not self.email.data:
            self.email.errors.append("Enter an email address to send an email")
            valid = False
        return valid

    @property
    def recipient(self) -> str:
        return self.phone.data if self.channel.data == SMS else self.email.data


class AdvocateCheckForm(FlaskForm):
    provider = text_field("Which advocacy service runs the check?", "Enter the advocacy service", max_length=200)


class NotAnsweredForm(FlaskForm):
    note = long_text_field(
        "Why is there no answer?",
        "Enter why there is no answer",
        max_length=2000,
        description="For example, they did not want to answer, or we could not reach them after 3 tries.",
    )


# Contact log -----------------------------------------------------------------------------------------------------

EXPLAINED = [
    ("rights", "Their rights, including the right to an advocate"),
    ("process", "How the process works and what happens next"),
]


class ContactForm(FlaskForm):
    contacted_on = GovukDateField(
        "Date of the contact",
        name_in_errors="The date of the contact",
        required=True,
        past_only=True,
        description="For example, 27 3 2027",
    )
    method = radio_field("How were you in touch?", ContactMethod.choices(), "Select how you were in touch")
    explained = checkboxes_field("What did you explain?", EXPLAINED, description="Select all that apply.")
    notes = long_text_field("Notes (optional)", max_length=5000)


# Advocacy referrals ----------------------------------------------------------------------------------------------

BOARD_STATUS_WORDS = {
    AdvocacyStatus.REQUESTED: "Requested: not referred yet",
    AdvocacyStatus.REFERRED: "Referred to the provider",
    AdvocacyStatus.ACCEPTED: "Active: the advocate is working with the child",
    AdvocacyStatus.DECLINED: "Declined by the child or the provider",
    AdvocacyStatus.ENDED: "Ended",
}
NEEDS_REFERRAL_DATE = {AdvocacyStatus.REFERRED, AdvocacyStatus.ACCEPTED}
NEEDS_END_DATE = {AdvocacyStatus.DECLINED, AdvocacyStatus.ENDED}


def _optional_date(label: str, name: str) -> GovukDateField:
    return GovukDateField(label, name_in_errors=name, past_only=True, description="For example, 27 3 2027")


class ReferralForm(FlaskForm):
    status = radio_field(
        "Where is the referral now?",
        [(status.value, words) for status, words in BOARD_STATUS_WORDS.items()],
        "Select where the referral is now",
    )
    provider = text_field("Advocacy provider", "Enter the advocacy provider", max_length=200)
    referred_on = _optional_date("Date referred (optional)", "The date referred")
    responded_on = _optional_date("Date the provider answered (optional)", "The date the provider answered")
    ended_on = _optional_date("Date it ended (optional)", "The date it ended")
    notes = long_text_field("Notes (optional)", max_length=5000)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        status = AdvocacyStatus._value2member_map_.get(self.status.data)
        if status in NEEDS_REFERRAL_DATE and not self.referred_on.data and not self.referred_on.errors:
            self.referred_on.errors.append("Enter the date referred")
            valid = False
        if status in NEEDS_END_DATE and not self.ended_on.data and not self.ended_on.errors:
            self.ended_on.errors.append("Enter the date it ended")
            valid = False
        if self.referred_on.data and self.ended_on.data and self.ended_on.data < self.referred_on.data:
            self.ended_on.errors.append("The date it ended must be on or after the date referred")
            valid = False
        return valid

    def values(self) -> dict:
        return {
            "status": AdvocacyStatus(self.status.data),
            "provider": self.provider.data,
            "referred_on": self.referred_on.data,
            "responded_on": self.responded_on.data,
            "ended_on": self.ended_on.data,
            "notes": self.notes.data or None,
        }


class NewReferralForm(FlaskForm):
    provider = text_field("Advocacy provider", "Enter the advocacy provider", max_length=200)
    requested_on = GovukDateField(
        "Date the child asked for an advocate",
        name_in_errors="The date the child asked",
        required=True,
        past_only=True,
        description="For example, 27 3 2027",
    )
