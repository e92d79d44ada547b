"""Forms for following a case online, with GOV.UK error messages. Text is kept as typed and its limit is said."""

import re

import phonenumbers
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovTextInput
from wtforms import MultipleFileField, StringField
from wtforms.validators import Email, InputRequired, Length, ValidationError

from portal.common.fields import long_text_field, radio_field
from portal.domain.contacts import ContactChannel, contact_of
from portal.domain.tracking import CODE_DIGITS

REFERENCE_LENGTH = 40
CONTACT_LENGTH = 320
LONG_TEXT = 5000


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class LookUpForm(FlaskForm):
    reference = StringField(
        "Reference",
        validators=[
            InputRequired("Enter your reference"),
            Length(max=REFERENCE_LENGTH, message=f"Reference must be {REFERENCE_LENGTH} characters or fewer"),
        ],
        filters=[_strip],
        widget=GovTextInput(),
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    contact = StringField(
        "Email address or mobile phone number",
        validators=[
            InputRequired("Enter your email address or mobile phone number"),
            Length(
                max=CONTACT_LENGTH,
                message=f"Email address or mobile phone number must be {CONTACT_LENGTH} characters or fewer",
            ),
        ],
        filters=[_strip],
        widget=GovTextInput(),
        render_kw={"autocomplete": "email", "spellcheck": "false"},
    )

    def validate_contact(self, field) -> None:
        """The same checks whatever case it is for: whether it looks like an email address or a UK mobile number."""
        contact = contact_of(field.data)
        if contact is None:
            raise ValidationError(
                "Enter an email address, like name@example.com, or a mobile number, like 07700 900 982"
            )
        if contact.channel is ContactChannel.EMAIL:
            Email("Enter an email address in the correct format, like name@example.com", check_deliverability=False)(
                self, field
            )
            return
        if not _mobile_number(field.data, contact.value):
            raise ValidationError("Enter a mobile phone number, like 07700 900 982 or +44 7700 900 982")


def _mobile_number(typed: str, national: str) -> bool:
    """A UK mobile number (07 and 9 more digits, however it is typed), or a possible number abroad."""
    if re.fullmatch(r"07\d{9}", national):
        return True
    if not typed.strip().startswith("+") or national.startswith("0"):
        return False
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(typed, None))
    except phonenumbers.NumberParseException:
        return False


class CodeForm(FlaskForm):
    code = StringField(
        "Security code",
        validators=[InputRequired("Enter the security code")],
        filters=[lambda value: "".join(value.split()) if isinstance(value, str) else value],
        widget=GovTextInput(),
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"},
    )

    def validate_code(self, field) -> None:
        if not (field.data.isascii() and field.data.isdigit() and len(field.data) == CODE_DIGITS):
            raise ValidationError(f"The security code must be {CODE_DIGITS} numbers")


class PointsForm(FlaskForm):
    answer = radio_field(
        "Have we got your complaint right?",
        [
            ("right", "Yes, these are the points I want you to look into"),
            ("wrong", "No, something is wrong or missing"),
        ],
        "Select yes if these are the points you want us to look into",
    )
    correction = long_text_field("What have we got wrong or missed?", max_length=LONG_TEXT)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.answer.data == "wrong" and not self.correction.data:
            self.correction.errors.append("Enter what we have got wrong or missed")
            return False
        return valid


class InformationForm(FlaskForm):
    information = long_text_field("What would you like to tell us?", max_length=LONG_TEXT)
    documents = MultipleFileField("Upload files", widget=GovFileInput())


class RequestForm(FlaskForm):
    """A request for the next stage: why the person is not happy."""

    reason = long_text_field(
        "Why are you not happy with our response?",
        "Enter why you are not happy with our response",
        max_length=LONG_TEXT,
    )


class AdvocateForm(FlaskForm):
    details = long_text_field("Is there anything the advocate should know? (optional)", max_length=2000)


class MediationForm(FlaskForm):
    answer = radio_field(
        "Would you like mediation?",
        [("yes", "Yes, I would like mediation"), ("no", "No, carry on with my Stage 2 request")],
        "Select yes if you would like mediation",
    )


class WithdrawForm(FlaskForm):
    confirm = radio_field(
        "Are you sure you want to withdraw your complaint?",
        [("yes", "Yes, withdraw my complaint"), ("no", "No, keep my complaint going")],
        "Select yes if you want to withdraw your complaint",
    )
    reason = long_text_field("Why are you withdrawing it? (optional)", max_length=2000)
