"""Forms for the compliments register."""

from flask_wtf import FlaskForm

from portal.common.fields import (
    GovukDateField,
    checkboxes_field,
    email_field,
    long_text_field,
    radio_field,
    text_field,
)
from portal.domain.compliments import ComplimentSource
from portal.domain.types import Channel

CONSENT = [("yes", "Yes"), ("no", "No"), ("not_asked", "Not asked")]
INTERNAL, EXTERNAL = "internal", "external"


def consent_value(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def consent_choice(value: bool | None) -> str:
    return {True: "yes", False: "no"}.get(value, "not_asked")


def _consent_fields():
    return (
        radio_field(
            "Did they agree to it being shared with the team and the staff it names?",
            CONSENT,
            "Select whether they agreed to it being shared",
        ),
        radio_field(
            "Did they agree to it being published without names?",
            CONSENT,
            "Select whether they agreed to it being published",
            description="For example, on the council's website or in the annual report.",
        ),
    )


def _staff_fields(required: bool):
    return (
        text_field(
            "Name of the member of staff" if required else "Name of a member of staff it is about (optional)",
            "Enter the name of the member of staff" if required else None,
            max_length=200,
        ),
        text_field("Their job (optional)", max_length=200, description="For example, social worker"),
        email_field("Their email address (optional)"),
    )


class ComplimentForm(FlaskForm):
    received_on = GovukDateField(
        "When was it received?",
        name_in_errors="The date it was received",
        required=True,
        past_only=True,
        description="For example, 27 3 2027",
    )
    channel = radio_field("How did it come in?", Channel.choices(), "Select how it came in")
    source = radio_field("Who gave it?", ComplimentSource.choices(), "Select who gave it")
    internal = radio_field(
        "Is it from inside the council?",
        [(EXTERNAL, "No, from outside the council"), (INTERNAL, "Yes, from a colleague in the council")],
        "Select whether it is from inside the council",
    )
    teams = checkboxes_field("Which teams is it for? (optional)", [], description="Select all that apply.")
    giver_name = text_field("Name of the person who gave it (optional)", max_length=200)
    text = long_text_field(
        "The compliment",
        "Enter the compliment",
        max_length=10000,
        description="Copy it as it was given. Names stay here; they are taken out before anything is published.",
    )
    staff_name, staff_job_title, staff_email = _staff_fields(required=False)
    children_named = long_text_field(
        "Names of children it mentions (optional)",
        max_length=2000,
        description="One name on each line, so that they can be found and left out of anything published.",
    )
    others_named = long_text_field(
        "Names of anyone else it mentions (optional)", max_length=2000, description="One name on each line."
    )
    may_share, may_publish = _consent_fields()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if (self.staff_job_title.data or self.staff_email.data) and not self.staff_name.data:
            self.staff_name.errors.append("Enter the name of the member of staff")
            valid = False
        return valid


class StaffMemberForm(FlaskForm):
    name, job_title, email = _staff_fields(required=True)


class ConsentForm(FlaskForm):
    may_share, may_publish = _consent_fields()


class AnonymisedForm(FlaskForm):
    anonymised_text = long_text_field(
        "Anonymised version",
        "Enter the anonymised version",
        max_length=10000,
        description="Check that nobody can be identified from it, including by where they live or go to school.",
    )
