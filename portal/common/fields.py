"""GOV.UK-styled form fields and validators shared by the journeys.

Free text is kept as typed (`portal.common.sanitise.clean_text`), names lose invisible characters as well
(`clean_name`), and templates escape both when they show them. Error messages follow the GOV.UK Design System's wording
for each component and never include "(optional)".

No field carries a `maxlength` attribute: a browser would cut pasted text at the limit without a word. The limit is
checked on the server, the error message names it, and the text stays in the box to be shortened.
"""

from collections.abc import Callable
from datetime import date

import phonenumbers
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovCheckboxInput,
    GovDateInput,
    GovRadioInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, DateField, IntegerField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    StopValidation,
    ValidationError,
)

from portal.common.clock import uk_today
from portal.common.sanitise import clean_name, clean_text

YES_NO = [("yes", "Yes"), ("no", "No")]

# The help a person may ask for to take part (intake asks; staff see and correct it).
SUPPORT_NEEDS = [
    ("interpreter", "An interpreter"),
    ("bsl", "A British Sign Language (BSL) interpreter"),
    ("easy_read", "Information in easy read"),
    ("large_print", "Information in large print"),
    ("other", "Something else"),
]


def choices_of(pairs) -> list[SelectChoice]:
    """WTForms 3.3 wants `SelectChoice` objects; the forms declare plain (value, label) pairs."""
    return [pair if isinstance(pair, SelectChoice) else SelectChoice(*pair) for pair in pairs]


def kept_choice(field, default: str = "") -> str:
    """For filter forms sent with GET: the field's value if it is one of its choices, else `default`. The field is set
    to what was kept, so the form shows exactly the filter applied. Bookmarked addresses may name an option that has
    gone since; they are ignored rather than refused."""
    offered = {choice.value for choice in field.choices}
    value = field.data if field.data in offered else default
    field.data = value
    return value


def _clean(value):
    return clean_text(value) if isinstance(value, str) else value


def _clean_name(value):
    return clean_name(value) if isinstance(value, str) else value


def name_in_errors(label: str) -> str:
    """What an error message calls a field: its label without "(optional)", a question mark or an "if" clause.
    "Name of the worker, if you know it (optional)" becomes "Name of the worker"."""
    name = label.replace("(optional)", "").split(", if ")[0].split(" if ")[0]
    return name.strip().rstrip("?").strip()


def too_long_message(label: str, max_length: int) -> str:
    return f"{name_in_errors(label)} must be {max_length:,} characters or fewer"


def _text_validators(label, required_message, max_length, too_long, extra) -> list:
    validators = [DataRequired(required_message)] if required_message else [Optional()]
    message = too_long or too_long_message(label, max_length)
    return [*validators, Length(max=max_length, message=message), *extra]


def text_field(
    label: str,
    required_message: str | None = None,
    max_length: int = 200,
    too_long_message: str | None = None,
    **kwargs,
) -> StringField:
    validators = _text_validators(label, required_message, max_length, too_long_message, kwargs.pop("validators", []))
    return StringField(label, validators=validators, filters=[_clean], widget=GovTextInput(), **kwargs)


def name_field(label: str, required_message: str | None = None, max_length: int = 200, **kwargs) -> StringField:
    """A person's name: as typed, but without bidirectional or zero-width characters that could disguise it."""
    validators = _text_validators(label, required_message, max_length, None, kwargs.pop("validators", []))
    return StringField(label, validators=validators, filters=[_clean_name], widget=GovTextInput(), **kwargs)


class GovukCharacterCount(GovCharacterCount):
    """GOV.UK's character count, told the field's limit so that it counts with JavaScript and states the limit
    without it."""

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        limits = [rule.max for rule in field.validators if isinstance(rule, Length) and rule.max > 0]
        if limits:
            params.setdefault("maxlength", min(limits))
            params.setdefault("textareaDescriptionText", f"You can enter up to {min(limits):,} characters")
        return params


def long_text_field(
    label: str,
    required_message: str | None = None,
    max_length: int = 5000,
    too_long_message: str | None = None,
    **kwargs,
):
    validators = _text_validators(label, required_message, max_length, too_long_message, kwargs.pop("validators", []))
    return TextAreaField(
        label,
        validators=validators,
        filters=[_clean],
        widget=GovukCharacterCount() if max_length else GovTextArea(),
        **kwargs,
    )


def radio_field(label: str, choices, required_message: str | None = None, **kwargs) -> RadioField:
    validators = [InputRequired(required_message)] if required_message else [Optional()]
    return RadioField(label, choices=choices_of(choices), validators=validators, widget=GovRadioInput(), **kwargs)


def yes_no_field(label: str, required_message: str, **kwargs) -> RadioField:
    return radio_field(label, YES_NO, required_message, **kwargs)


def checkboxes_field(label: str, choices, required_message: str | None = None, **kwargs) -> SelectMultipleField:
    validators = [InputRequired(required_message)] if required_message else [Optional()]
    return SelectMultipleField(
        label, choices=choices_of(choices), validators=validators, widget=GovCheckboxesInput(), **kwargs
    )


def single_checkbox_field(label: str, required_message: str) -> BooleanField:
    return BooleanField(label, validators=[InputRequired(required_message)], widget=GovCheckboxInput())


def email_field(
    label: str = "Email address", required: bool = False, required_message: str = "Enter your email address"
) -> StringField:
    validators = [InputRequired(required_message)] if required else [Optional()]
    validators += [
        Length(max=320, message="Email address must be 320 characters or fewer"),
        Email("Enter an email address in the correct format, like name@example.com", check_deliverability=False),
    ]
    return StringField(
        label,
        validators=validators,
        filters=[_clean],
        widget=GovTextInput(),
        render_kw={"autocomplete": "email", "spellcheck": "false", "type": "email"},
    )


def valid_phone_number(form, field) -> None:
    if not field.data:
        return
    try:
        number = phonenumbers.parse(field.data, "GB")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise ValidationError("Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192")


def phone_field(label: str = "Phone number") -> StringField:
    return StringField(
        label,
        validators=[
            Optional(),
            Length(max=40, message="Phone number must be 40 characters or fewer"),
            valid_phone_number,
        ],
        filters=[_clean],
        widget=GovTextInput(),
        render_kw={"autocomplete": "tel", "type": "tel"},
    )


class WholeNumberField(IntegerField):
    """A whole number that says, in GOV.UK words, when what was typed is not one: "Enter age as a number, like 12"
    rather than WTForms' "Not a valid integer value"."""

    def __init__(self, label: str, *, not_a_number_message: str, **kwargs):
        super().__init__(label, **kwargs)
        self.not_a_number_message = not_a_number_message

    def process_formdata(self, valuelist):
        text = valuelist[0].strip() if valuelist else ""
        self.data = None
        if text:
            try:
                self.data = int(text)
            except ValueError as error:
                raise ValueError(self.not_a_number_message) from error


def age_field(
    label: str, out_of_range_message: str, not_a_number_message: str = "Enter age as a number, like 12"
) -> WholeNumberField:
    return WholeNumberField(
        label,
        not_a_number_message=not_a_number_message,
        validators=[Optional(), NumberRange(min=0, max=25, message=out_of_range_message)],
        widget=GovTextInput(),
        render_kw={"inputmode": "numeric", "spellcheck": "false"},
    )


# Nobody alive was born before this, and no complaint is about something further back than this many years.
EARLIEST_BIRTH_DATE = date(1900, 1, 1)
LONGEST_AGO_YEARS = 100


class GovukDateField(DateField):
    """A day, month and year date input that never errors on missing or malformed parts, and says what is wrong
    in GOV.UK words ("Date must include a month", "Date must be a real date")."""

    widget = GovDateInput()

    def __init__(
        self,
        label: str,
        *,
        name_in_errors: str,
        required: bool = False,
        past_only: bool = False,
        not_before: date | None = None,
        within_years: int | None = None,
        **kwargs,
    ):
        """`not_before` refuses dates before a fixed day (a birth before 1900); `within_years` refuses dates more than
        that many years before today (an event a century ago)."""
        super().__init__(label, format="%d %m %Y", **kwargs)
        self.name_in_errors = name_in_errors
        self.required = required
        self.past_only = past_only
        self.not_before = not_before
        self.within_years = within_years
        self.parse_error: str | None = None

    def process_formdata(self, valuelist):
        parts = [(value or "").strip() for value in valuelist[:3]]
        parts += [""] * (3 - len(parts))
        self.raw_data = parts
        self.data = None
        self.parse_error = None
        if not any(parts):
            return
        missing = [name for name, part in zip(("day", "month", "year"), parts, strict=True) if not part]
        if missing:
            self.parse_error = f"{self.name_in_errors} must include a {' and '.join(missing)}"
            return
        try:
            day, month, year = (int(part) for part in parts)
            if year < 1000:
                raise ValueError
            self.data = date(year, month, day)
        except ValueError:
            self.parse_error = f"{self.name_in_errors} must be a real date"

    def pre_validate(self, form):
        if self.parse_error:
            raise StopValidation(self.parse_error)
        if self.data is None and self.required:
            raise StopValidation(f"Enter {self.name_in_errors.lower()}")

    def post_validate(self, form, validation_stopped):
        if validation_stopped or not self.data:
            return
        today = uk_today()
        if self.past_only and self.data > today:
            self.errors.append(f"{self.name_in_errors} must be today or in the past")
        earliest = self._earliest(today)
        if earliest and self.data < earliest:
            self.errors.append(f"{self.name_in_errors} must be the same as or after {earliest.day} {earliest:%B %Y}")

    def _earliest(self, today: date) -> date | None:
        limits = [self.not_before] if self.not_before else []
        if self.within_years:
            # 29 February falls back to 28 February in a year without one.
            years_ago = today.year - self.within_years
            limits.append(today.replace(year=years_ago, day=min(today.day, 28 if today.month == 2 else today.day)))
        return max(limits) if limits else None

    def _value(self):
        return " ".join(self.raw_data) if self.raw_data else (self.data.strftime("%d %m %Y") if self.data else "")


def at_least_one_of(*field_names: str, message: str) -> Callable:
    """A form-level check that at least one of the named fields was filled in; the error goes on the first."""

    def check(form) -> bool:
        if any(getattr(form, name).data for name in field_names):
            return True
        getattr(form, field_names[0]).errors.append(message)
        return False

    return check
