"""Forms for the stages of a case: findings per point, remedies, themes and service area, response letters and their
quality check, extensions, comments and closing.

Choices that come from the database (themes, service areas, how to send) are set per request; anything else is
refused with a GOV.UK message rather than WTForms' "Not a valid choice".
"""

import re
from decimal import Decimal, InvalidOperation

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovTextInput
from wtforms import SelectField, StringField

from portal.casework.forms_screening import SendingForm
from portal.common.fields import (
    GovukDateField,
    checkboxes_field,
    choices_of,
    long_text_field,
    radio_field,
    text_field,
)
from portal.domain.types import Closure, Finding, RemedyKind

NOTES_MAX_LENGTH = 5000
LETTER_MAX_LENGTH = 20000
# The largest payment the portal records: anything bigger is almost certainly a typing mistake.
MAX_PAYMENT_PENCE = 10_000_000

FINDING_CHOICES = Finding.choices()
# How a case ends when staff close it; "not accepted" and "signposted" happen only at screening.
CLOSING_REASONS = [
    (closure.value, closure.label) for closure in Closure if closure not in (Closure.NOT_ACCEPTED, Closure.SIGNPOSTED)
]
DERIVED = "derived"


# Findings ------------------------------------------------------------------------------------------------------------


def findings_form(points, formdata=None, data: dict | None = None) -> FlaskForm:
    """A form with a finding and notes for each complaint point: fields `finding-<id>` and `notes-<id>`."""

    class FindingsForm(FlaskForm):
        pass

    for point in points:
        setattr(
            FindingsForm,
            f"finding-{point.id}",
            radio_field(f"Finding on point {point.number}", FINDING_CHOICES),
        )
        setattr(
            FindingsForm,
            f"notes-{point.id}",
            long_text_field(
                f"What you found on point {point.number}",
                max_length=NOTES_MAX_LENGTH,
                description="The response letter gives these words to the complainant.",
            ),
        )
    return FindingsForm(formdata=formdata, data=data)


# Remedies -----------------------------------------------------------------------------------------------------------


class MoneyField(StringField):
    """An amount in pounds and pence, like 50 or 1,250.50, kept as whole pence. Says in GOV.UK words what is wrong.
    With ``allow_zero`` it takes £0 too (an investigation that cost nothing)."""

    widget = GovTextInput()

    def __init__(self, *args, allow_zero: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.allow_zero = allow_zero

    def process_formdata(self, valuelist):
        self.raw = (valuelist[0] if valuelist else "") or ""
        text = re.sub(r"[£,\s]", "", self.raw)
        self.data = None
        if not text:
            return
        try:
            amount = Decimal(text)
        except InvalidOperation as error:
            raise ValueError("Enter the amount in pounds and pence, like 50.00") from error
        if not amount.is_finite() or amount.as_tuple().exponent < -2:
            raise ValueError("Enter the amount in pounds and pence, like 50.00")
        if amount < 0 or (amount == 0 and not self.allow_zero):
            raise ValueError("The amount must be £0 or more" if self.allow_zero else "The amount must be more than £0")
        pence = int(amount * 100)
        if pence > MAX_PAYMENT_PENCE:
            raise ValueError(f"The amount must be £{MAX_PAYMENT_PENCE // 100:,} or less")
        self.data = pence

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return f"{self.data / 100:.2f}" if self.data is not None else ""


class RemedyForm(FlaskForm):
    kind = radio_field("What will the council do?", RemedyKind.choices(), "Select what the council will do")
    description = long_text_field(
        "Details",
        max_length=2000,
        description="For example, who will apologise and how, or what will change. The response letter gives these "
        "words to the complainant.",
    )
    amount = MoneyField(
        "Amount of the payment, in pounds",
        description="Only for a financial payment, for example 50.00",
        render_kw={"inputmode": "decimal", "spellcheck": "false"},
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.kind.data == RemedyKind.FINANCIAL_PAYMENT.value and self.amount.data is None and not self.amount.errors:
            self.amount.errors.append("Enter the amount of the payment")
            valid = False
        return valid


class ClassificationForm(FlaskForm):
    """Themes and service area, which the annual report counts (domain.md sections 6 and 10)."""

    themes = checkboxes_field("Themes", [], validate_choice=False)
    service_area = SelectField("Service area", validate_choice=False, widget=GovSelect())

    def set_choices(self, themes: list[tuple[str, str]], areas: list[tuple[str, str]]) -> None:
        self.themes.choices = choices_of(themes)
        self.service_area.choices = choices_of([("", "Choose a service area"), *areas])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        offered = {choice.value for choice in self.themes.choices}
        if any(value not in offered for value in self.themes.data or []):
            self.themes.errors.append("Select themes from the list")
            valid = False
        areas = {choice.value for choice in self.service_area.choices} - {""}
        if self.service_area.data and self.service_area.data not in areas:
            self.service_area.errors.append("Select a service area from the list")
            valid = False
        return valid


class LearningForm(FlaskForm):
    """What the case taught the council, recorded through portal.learning_records; the category list is the council's
    (set per request)."""

    category = SelectField("Category", validate_choice=False, widget=GovSelect())
    summary = long_text_field("What did the council learn?", "Enter what was learnt", max_length=5000)

    def set_choices(self, categories: list[tuple[str, str]]) -> None:
        self.category.choices = choices_of([("", "Choose a category"), *categories])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        offered = {choice.value for choice in self.category.choices} - {""}
        if self.category.data not in offered:
            self.category.errors.append("Choose a category from the list")
            valid = False
        return valid


# Letters -------------------------------------------------------------------------------------------------------------


class LetterForm(FlaskForm):
    subject = text_field("Subject", "Enter the subject", max_length=300)
    body = long_text_field("Letter", "Enter the letter", max_length=LETTER_MAX_LENGTH)


class CheckForm(FlaskForm):
    comments = long_text_field(
        "What needs to change?",
        max_length=NOTES_MAX_LENGTH,
        description="Needed only when you send it back. The person who wrote it sees these words.",
    )


class SendLetterForm(SendingForm):
    method = radio_field("How do you want to send it?", [], "Select how to send the letter", validate_choice=False)


# Extensions ----------------------------------------------------------------------------------------------------------


class ExtensionForm(SendingForm):
    new_due_on = GovukDateField(
        "New due date", name_in_errors="The new due date", required=True, description="For example, 27 3 2027"
    )
    reason = long_text_field(
        "Why is more time needed?",
        "Enter why more time is needed",
        max_length=2000,
        description="We tell the complainant these words.",
    )
    method = radio_field(
        "How do you want to tell the complainant?", [], "Select how to tell the complainant", validate_choice=False
    )


# Closing -------------------------------------------------------------------------------------------------------------


class CloseForm(FlaskForm):
    closure = radio_field("Why is the case closing?", CLOSING_REASONS, "Select why the case is closing")
    outcome = radio_field("Outcome", [(DERIVED, "As the findings give")] + FINDING_CHOICES)
    override_reason = long_text_field(
        "Why is the outcome different from the findings?",
        max_length=2000,
        description="Needed only for a different outcome.",
    )
