"""The administrators' forms, with GOV.UK error messages. Rules that need the database (names already taken) are
checked by the services; these check what can be seen in the answer itself."""

from collections.abc import Callable
from urllib.parse import urlsplit

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovTextArea, GovTextInput
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from portal.admin import contrast, placeholders
from portal.common.fields import (
    GovukDateField,
    choices_of,
    long_text_field,
    phone_field,
    radio_field,
    text_field,
    valid_phone_number,
    yes_no_field,
)
from portal.common.sanitise import clean_text
from portal.domain import safeguarding
from portal.domain.types import StaffRole

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"
# Characters that may appear in a path on this site without needing to be escaped.
_SAFE_PATH_CHARACTERS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/%")


def _clean(value):
    return clean_text(value) if isinstance(value, str) else value


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def required_email_field(label: str, required_message: str) -> StringField:
    return StringField(
        label,
        validators=[
            InputRequired(required_message),
            Length(max=320, message=f"{label} must be 320 characters or fewer"),
            Email(EMAIL_FORMAT, check_deliverability=False),
        ],
        filters=[_clean],
        widget=GovTextInput(),
        render_kw={"spellcheck": "false", "type": "email"},
    )


def optional_email_field(label: str) -> StringField:
    return StringField(
        label,
        validators=[
            Optional(),
            Length(max=320, message=f"{label} must be 320 characters or fewer"),
            Email(EMAIL_FORMAT, check_deliverability=False),
        ],
        filters=[_clean],
        widget=GovTextInput(),
        render_kw={"spellcheck": "false", "type": "email"},
    )


def is_https_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme == "https" and bool(parts.hostname) and " " not in value


def https_url(message: str):
    def check(form, field) -> None:
        if field.data and not is_https_url(field.data):
            raise ValidationError(message)

    return check


def is_logo_location(value: str) -> bool:
    """A path on this site (like /assets/images/logo.svg) or an https address; nothing that could run script."""
    if value.startswith("/"):
        return not value.startswith("//") and set(value) <= _SAFE_PATH_CHARACTERS
    return is_https_url(value) and not set(value) & set("\"'<>\\")


def url_field(label: str, required_message: str | None, message: str, **kwargs) -> StringField:
    validators = [InputRequired(required_message)] if required_message else [Optional()]
    validators += [Length(max=500, message=f"{label} must be 500 characters or fewer"), https_url(message)]
    return StringField(
        label,
        validators=validators,
        filters=[_clean],
        widget=GovTextInput(),
        render_kw={"spellcheck": "false", "type": "url"},
        **kwargs,
    )


def colour_field(label: str, description: str) -> StringField:
    def check(form, field) -> None:
        if not contrast.is_hex_colour(field.data or ""):
            raise ValidationError(f"Enter the {label.lower()} as # and 6 letters or numbers, like #1d70b8")

    return StringField(
        label,
        validators=[InputRequired(f"Enter the {label.lower()}"), check],
        filters=[_clean, _lower],
        widget=GovTextInput(),
        description=description,
        render_kw={"spellcheck": "false"},
    )


def whole_number(name_in_errors: str, minimum: int, maximum: int):
    def check(form, field) -> None:
        value = (field.data or "").strip()
        if not value.isascii() or not value.isdigit():
            raise ValidationError(f"{name_in_errors} must be a whole number, like {minimum}")
        if not minimum <= int(value) <= maximum:
            raise ValidationError(f"{name_in_errors} must be between {minimum} and {maximum}")

    return check


def number_field(label: str, required_message: str, name_in_errors: str, minimum: int, maximum: int, **kwargs):
    return StringField(
        label,
        validators=[InputRequired(required_message), whole_number(name_in_errors, minimum, maximum)],
        filters=[_clean],
        widget=GovTextInput(),
        render_kw={"inputmode": "numeric", "spellcheck": "false"},
        **kwargs,
    )


def select_field(label: str, **kwargs) -> SelectField:
    return SelectField(label, choices=[], validate_choice=True, widget=GovSelect(), **kwargs)


# Council details and branding -----------------------------------------------------------------------------------------


class CouncilDetailsForm(FlaskForm):
    name = text_field("Council name", "Enter the council's name")
    service_name = text_field(
        "Service name", "Enter the name of the service", description="Shown at the top of every page."
    )
    contact_email = required_email_field("Contact email address", "Enter the contact email address")
    contact_phone = StringField(
        "Contact phone number",
        validators=[
            InputRequired("Enter the contact phone number"),
            Length(max=40, message="Contact phone number must be 40 characters or fewer"),
            valid_phone_number,
        ],
        filters=[_clean],
        widget=GovTextInput(),
        render_kw={"type": "tel"},
    )
    contact_address = TextAreaField(
        "Postal address",
        validators=[
            InputRequired("Enter the postal address"),
            Length(max=500, message="Postal address must be 500 characters or fewer"),
        ],
        filters=[_clean],
        widget=GovTextArea(),
        render_kw={"rows": 5},
    )
    contact_hours = text_field(
        "Opening hours", "Enter the opening hours", description="For example, Monday to Friday, 9am to 5pm."
    )
    website_url = url_field(
        "Council website",
        "Enter the address of the council's website",
        "Enter the council's website address starting with https://, like https://www.anytown.gov.uk",
    )
    logo_path = StringField(
        "Logo",
        validators=[Optional(), Length(max=500, message="Logo must be 500 characters or fewer")],
        filters=[_clean],
        widget=GovTextInput(),
        description="Optional. A path on this website, like /assets/images/logo.svg, or an address starting with "
        "https://. The logo sits beside the council's name, at most 40 pixels high.",
        render_kw={"spellcheck": "false"},
    )
    brand_colour = colour_field(
        "Brand colour", "The colour of the header, behind white text. Like #0b0c0c. It must be dark enough to read."
    )
    link_colour = colour_field("Link colour", "Used for the line under the header, on a white page. Like #1d70b8.")
    child_consent_age = number_field(
        "Age from which a child's consent is asked",
        "Enter the age from which a child's consent is asked",
        "The age",
        5,
        18,
        description="When someone complains on a child's behalf, we ask for the child's agreement from this age. "
        "Between 5 and 18.",
    )
    retention_years = number_field(
        "Years to keep records after a case is closed",
        "Enter how many years records are kept",
        "The number of years",
        1,
        100,
        description="The privacy notice tells people this. Between 1 and 100.",
    )
    exit_page_url = url_field(
        "Exit page address",
        "Enter the address of the exit page",
        "Enter the exit page address starting with https://, like https://www.bbc.co.uk/weather",
        description="Where the children's pages' \"Exit this page\" button goes: a harmless website.",
    )
    safeguarding_contact_email = required_email_field(
        "Safeguarding contact email address", "Enter the safeguarding contact email address"
    )
    urgent_read_by_text = long_text_field(
        "When someone will read a message that may mean danger",
        "Enter when someone will read a message that may mean danger",
        max_length=500,
        description="Shown when a message contains a safeguarding phrase, in place of the usual reply date. "
        "Children read it: use short, plain words.",
    )
    urgent_out_of_hours_text = long_text_field(
        "What to do out of hours",
        "Enter what to do out of hours",
        max_length=500,
        description="Shown with the words above: when nobody reads messages, and who to call instead.",
    )
    participation_team_email = required_email_field(
        "Participation Team email address", "Enter the Participation Team's email address"
    )
    not_accepted_needs_approval = yes_no_field(
        "Must a complaints manager approve every “not accepted” letter?",
        "Select yes if a complaints manager must approve every “not accepted” letter",
        description="Staff always check the letter before it goes. If yes, a complaints officer's decision waits for "
        "a complaints manager's approval.",
    )
    corporate_letters_need_check = yes_no_field(
        "Must the Complaints Team check every corporate response before it goes?",
        "Select yes if the Complaints Team must check every corporate response",
        description="Responses under the children's statutory procedure are always checked.",
    )

    def validate_logo_path(self, field) -> None:
        if field.data and not is_logo_location(field.data):
            raise ValidationError(
                "Enter the logo as a path on this website, like /assets/images/logo.svg, or an address starting "
                "with https://"
            )

    def validate_brand_colour(self, field) -> None:
        if contrast.is_hex_colour(field.data) and not contrast.enough_contrast(field.data, contrast.WHITE):
            ratio = contrast.contrast_ratio(field.data, contrast.WHITE)
            raise ValidationError(
                f"Choose a darker brand colour: white text on {field.data} has a contrast ratio of {ratio:.2f} to 1, "
                f"and it must be at least {contrast.MINIMUM_CONTRAST} to 1"
            )

    def validate_link_colour(self, field) -> None:
        if contrast.is_hex_colour(field.data) and not contrast.enough_contrast(field.data, contrast.WHITE):
            ratio = contrast.contrast_ratio(field.data, contrast.WHITE)
            raise ValidationError(
                f"Choose a darker link colour: {field.data} on a white page has a contrast ratio of {ratio:.2f} to 1, "
                f"and it must be at least {contrast.MINIMUM_CONTRAST} to 1"
            )


# Teams, service areas and themes --------------------------------------------------------------------------------------


class ServiceAreaForm(FlaskForm):
    name = text_field("Name of the service area", "Enter the name of the service area")


class TeamForm(FlaskForm):
    name = text_field("Name of the team", "Enter the name of the team")
    service_area = select_field("Service area")
    email = optional_email_field("Team email address")


class ThemeForm(FlaskForm):
    name = text_field("Name", "Enter the name")


# Closure days ---------------------------------------------------------------------------------------------------------


class ClosureDayForm(FlaskForm):
    day = GovukDateField("Date", name_in_errors="The date", required=True, description="For example, 24 12 2027.")
    description = text_field("Description", "Enter a description", description="For example, Christmas Eve closure.")


# Message templates ----------------------------------------------------------------------------------------------------


def balanced_placeholders(form, field) -> None:
    message = placeholders.problem(field.data or "")
    if message:
        raise ValidationError(f"{field.label.text}: {message}")


class MessageTemplateForm(FlaskForm):
    name = text_field("Name", "Enter the name of the template")
    subject = text_field(
        "Subject",
        max_length=300,
        validators=[balanced_placeholders],
        description="The email subject or the heading of the letter.",
    )
    body = long_text_field("Message", "Enter the message", max_length=10000, validators=[balanced_placeholders])

    def __init__(
        self, *args, needs_subject: bool = True, required: Callable[[str, str], list[str]] | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        # Text messages have no subject; emails and letters do.
        self.needs_subject = needs_subject
        # What the law or policy needs the message to keep (message_defaults.missing_required for the template).
        self.required = required

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.needs_subject and not self.subject.data:
            self.subject.errors = [*self.subject.errors, "Enter the subject"]
            return False
        if valid and self.required is not None:
            missing = self.required(self.subject.data or "", self.body.data or "")
            if missing:
                self.body.errors = [*self.body.errors, *missing]
                return False
        return valid


# Advocacy providers ---------------------------------------------------------------------------------------------------


class AdvocacyProviderForm(FlaskForm):
    name = text_field("Name", "Enter the provider's name")
    email = optional_email_field("Email address")
    phone = phone_field("Phone number")
    for_children = yes_no_field(
        "Does it support children and young people?", "Select yes if the provider supports children and young people"
    )


class ChildrenAdvocacyForm(FlaskForm):
    provider = radio_field(
        "Who gets children's requests for an advocate?", [], "Select the provider that gets children's requests"
    )


# Safeguarding phrases -------------------------------------------------------------------------------------------------

PHRASE_MIN_LENGTH = 2
PHRASE_MAX_LENGTH = 100


def normalised_phrases(text: str) -> list[str]:
    """One phrase a line: trimmed, lower case, inner spaces made single, blanks and repeats dropped, order kept."""
    phrases: list[str] = []
    for line in (text or "").splitlines():
        phrase = " ".join(line.split()).lower()
        if phrase and phrase not in phrases:
            phrases.append(phrase)
    return phrases


class SafeguardingPhrasesForm(FlaskForm):
    phrases = TextAreaField(
        "Safeguarding phrases",
        validators=[InputRequired("Enter at least one phrase")],
        filters=[_clean],
        widget=GovTextArea(),
        description="One phrase a line. A message from a child that contains any of them is flagged as a possible "
        "safeguarding concern and the safeguarding contact is told. Capital letters and extra spaces do not matter.",
        render_kw={"rows": 20, "spellcheck": "false"},
    )

    def validate_phrases(self, field) -> None:
        phrases = normalised_phrases(field.data)
        if not phrases:
            raise ValidationError("Enter at least one phrase")
        for phrase in phrases:
            if len(phrase) < PHRASE_MIN_LENGTH:
                raise ValidationError(f"Each phrase must be at least {PHRASE_MIN_LENGTH} characters: “{phrase}” is not")
            if not safeguarding.normalise(phrase):
                raise ValidationError(
                    f"Each phrase needs a letter or a number: “{phrase}” has none, so it could never match"
                )
            if len(phrase) > PHRASE_MAX_LENGTH:
                raise ValidationError(
                    f"Each phrase must be {PHRASE_MAX_LENGTH} characters or fewer: “{phrase[:30]}…” is longer"
                )
        self.cleaned = phrases


# Staff accounts -------------------------------------------------------------------------------------------------------

ROLE_CHOICES = [(role.value, role.label) for role in StaffRole]


class NewStaffForm(FlaskForm):
    name = text_field("Full name", "Enter the person's full name")
    email = required_email_field("Email address", "Enter the person's email address")
    role = radio_field("Role", ROLE_CHOICES, "Select the person's role")
    team = select_field("Team", description="Responding managers see the cases of their team.")


class StaffChangeForm(FlaskForm):
    role = radio_field("Role", ROLE_CHOICES, "Select the person's role")
    team = select_field("Team", description="Responding managers see the cases of their team.")


def set_choices(field: SelectField, pairs) -> None:
    field.choices = choices_of(pairs)
