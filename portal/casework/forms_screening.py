"""Forms for screening, duty matters, complaint points, the acknowledgement and allocation.

Rules that need the recommendation or the case (a reason when staff differ from the recommendation, the discretion
reason for a late complaint) are checked by the screening service, which adds its messages to these fields.
"""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovTextInput
from wtforms import IntegerField, SelectField
from wtforms.validators import NumberRange, Optional

from portal.common.fields import (
    GovukDateField,
    checkboxes_field,
    choices_of,
    email_field,
    long_text_field,
    phone_field,
    radio_field,
    text_field,
    yes_no_field,
)
from portal.domain.screening import SUFFICIENT_INTEREST_QUESTIONS
from portal.domain.types import Channel, ChildStatus, ConcurrentProceedings, Procedure, SubmitterRole

YES, NO, NOT_KNOWN = "yes", "no", "not_known"
YES_NO_NOT_KNOWN = [(YES, "Yes"), (NO, "No"), (NOT_KNOWN, "Not known")]

RECOMMEND, DECIDE = "recommend", "decide"

POINT_MAX_LENGTH = 2000

# The sufficient-interest questions as staff are asked them (Staffordshire seed 003, "Criteria").
SUFFICIENT_INTEREST_LABELS = {
    "party_to_proceedings": "Is the complainant party to any court proceedings about the child?",
    "attends_conferences": (
        "Does the complainant attend child protection conferences, family group conferences or core groups?"
    ),
    "frequent_contact_with_social_worker": (
        "Is there evidence on the file of frequent communication between the complainant and the social worker?"
    ),
    "plans_shared": "Is there evidence on the file that the plans for the child are shared with the complainant?",
    "has_cared_for_child": "Has the complainant, at any time, had care of the child?",
    "directly_involved": (
        "Did the matters complained about directly involve the complainant, rather than being passed on by someone "
        "else?"
    ),
}
assert SUFFICIENT_INTEREST_LABELS.keys() == SUFFICIENT_INTEREST_QUESTIONS.keys()

DECISIONS = [
    (Procedure.STATUTORY.value, "Statutory children's complaints procedure"),
    (Procedure.CORPORATE.value, "Corporate complaints procedure"),
    (Procedure.COMMENT.value, "Comment or representation"),
    (Procedure.COMPLIMENT.value, "Compliment"),
    (Procedure.NOT_ACCEPTED.value, "Not accepted"),
    (Procedure.OUTSIDE_PROCEDURES.value, "Outside the procedures: signposted elsewhere"),
]
DECISION_HINTS = {
    Procedure.NOT_ACCEPTED.value: "We tell the person why, and that they can go to the Local Government and Social "
    "Care Ombudsman.",
    Procedure.OUTSIDE_PROCEDURES.value: "For example, a school, which has its own complaints procedure.",
}


def _not_known_radio(label: str, what: str):
    """A yes, no or not known question; `what` finishes the error message "Select whether ..."."""
    return radio_field(label, YES_NO_NOT_KNOWN, f"Select whether {what}, or not known")


class ScreeningForm(FlaskForm):
    """The eligibility checklist, the sufficient-interest questions, the time limit, repeats, the child's consent
    and the decision. Every answer is pre-filled from the submission, so staff change only what they know better."""

    # Who is complaining (Children Act 1989 s26(3); seed 003 "Who can complain?")
    submitter_role = radio_field("Who is the complainant?", SubmitterRole.choices(), "Select who the complainant is")
    has_parental_responsibility = _not_known_radio(
        "Does the complainant have parental responsibility for the child?",
        "the complainant has parental responsibility",
    )
    about_child = yes_no_field("Is the complaint about a child or young person?", "Select yes if it is about a child")
    child_status = radio_field(
        "What is the child's status in our records?", ChildStatus.choices(), "Select the child's status"
    )
    about_statutory_function = _not_known_radio(
        "Is it about a statutory children's social care function?", "it is about a statutory function"
    )
    about_own_service = yes_no_field(
        "Is it about a service the complainant received themselves?",
        "Select yes if it is about a service the complainant received themselves",
    )
    contact_dispute = yes_no_field(
        "Is it a relative's complaint about their own contact with the child?",
        "Select yes if it is a relative's complaint about their own contact with the child",
    )
    about_school = yes_no_field("Is it about a school?", "Select yes if the complaint is about a school")

    # Regulation 8 of the 2006 Regulations.
    concurrent_proceedings = yes_no_field(
        "Would looking into it now prejudice court, criminal or disciplinary proceedings or a police enquiry running "
        "at the same time?",
        "Select yes if looking into it now would prejudice proceedings running at the same time",
        description="If so, the complaint goes on hold until they end, and we tell the complainant why.",
    )

    # Sufficient interest, answered from the social work records.
    party_to_proceedings = _not_known_radio(
        SUFFICIENT_INTEREST_LABELS["party_to_proceedings"], "the complainant is party to court proceedings"
    )
    attends_conferences = _not_known_radio(
        SUFFICIENT_INTEREST_LABELS["attends_conferences"], "the complainant attends conferences or core groups"
    )
    frequent_contact_with_social_worker = _not_known_radio(
        SUFFICIENT_INTEREST_LABELS["frequent_contact_with_social_worker"],
        "the complainant is in frequent contact with the social worker",
    )
    plans_shared = _not_known_radio(
        SUFFICIENT_INTEREST_LABELS["plans_shared"], "the plans for the child are shared with the complainant"
    )
    has_cared_for_child = _not_known_radio(
        SUFFICIENT_INTEREST_LABELS["has_cared_for_child"], "the complainant has had care of the child"
    )
    directly_involved = _not_known_radio(
        SUFFICIENT_INTEREST_LABELS["directly_involved"], "the matters directly involved the complainant"
    )

    # Time limit (regulation 9 of the 2006 Regulations).
    grounds_arose_on = GovukDateField(
        "When did the grounds for the complaint arise? (optional)",
        name_in_errors="The date the grounds arose",
        past_only=True,
        description="For example, 14 9 2026. A complaint must normally be made within one year.",
    )
    discretion_reason = long_text_field(
        "Why accept it after more than one year? (only if it is late)",
        max_length=2000,
        description="Say why it was not reasonable to complain sooner and why it can still be considered fairly.",
    )

    # Repeats.
    repeat_of_investigated_case = yes_no_field(
        "Is it the same as a complaint already investigated and answered?",
        "Select yes if it is the same as a complaint already investigated",
    )
    repeat_reference = text_field("Reference of the earlier complaint (optional)", max_length=40)

    # On behalf of a child.
    on_behalf_of_child = yes_no_field(
        "Is the complaint made on behalf of a child or young person?",
        "Select yes if the complaint is made on behalf of a child",
    )
    child_age = IntegerField(
        "Child's age (optional)",
        validators=[Optional(), NumberRange(min=0, max=25, message="Child's age must be between 0 and 25")],
        widget=GovTextInput(),
        render_kw={"inputmode": "numeric", "spellcheck": "false"},
    )
    child_consents = _not_known_radio("Does the child agree to the complaint being made for them?", "the child agrees")
    advocate_requested = yes_no_field(
        "Has the child asked for an advocate?", "Select yes if the child has asked for an advocate"
    )

    # Decision: checked only when staff press "Save decision".
    decision = radio_field("What happens to this case?", DECISIONS)
    reason = long_text_field(
        "Reason for the decision",
        max_length=5000,
        description="Needed when the case is not accepted, and when you choose differently from the recommendation.",
    )
    signposted_to = text_field(
        "Where did you signpost the person?",
        max_length=200,
        description="Only if it is outside the procedures. For example, the school's complaints procedure.",
    )

    def answers(self) -> dict:
        """The checklist answers as stored in `Case.screening["answers"]` (JSON values)."""
        names = [name for name in self._fields if name not in ("csrf_token", "decision", "reason", "signposted_to")]
        values = {name: self[name].data for name in names}
        values["grounds_arose_on"] = self.grounds_arose_on.data.isoformat() if self.grounds_arose_on.data else None
        return values


class DutyMatterForm(FlaskForm):
    """A contact that enters no procedure: answered or signposted (Staffordshire seed 003, "Duty Matters")."""

    name = text_field("Name of the person who contacted us", "Enter the name of the person who contacted us")
    role = radio_field("Who are they?", SubmitterRole.choices(), "Select who they are")
    email = email_field("Email address (optional)")
    phone = phone_field("Phone number (optional)")
    channel = radio_field("How did they contact us?", Channel.choices(), "Select how they contacted us")
    received_on = GovukDateField(
        "Date received",
        name_in_errors="Date received",
        required=True,
        past_only=True,
        description="For example, 27 3 2027",
    )
    about = long_text_field("What was it about?", "Enter what it was about", max_length=5000)
    outcome = radio_field(
        "What did we do?",
        [("answered", "Answered it"), ("signposted", "Signposted them elsewhere")],
        "Select what we did",
    )
    signposted_to = text_field("Where did we signpost them? (only if signposted)", max_length=200)
    notes = long_text_field("Notes (optional)", max_length=5000)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.outcome.data == "signposted" and not self.signposted_to.data:
            self.signposted_to.errors.append("Enter where we signposted them")
            return False
        return valid


class PointForm(FlaskForm):
    text = long_text_field(
        "Complaint point",
        "Enter the complaint point",
        max_length=POINT_MAX_LENGTH,
        description="Say it in plain words.",
    )


class SendingForm(FlaskForm):
    """A form that sends the person something. `method` offers only the ways that are safe for them, set per
    request (`portal.casework.messaging.methods_for`); anything else is refused with a GOV.UK message."""

    method = radio_field("How do you want to send it?", [], "Select how to send it", validate_choice=False)

    def set_methods(self, methods: list[tuple[str, str]]) -> None:
        self.method.choices = choices_of(methods)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        offered = {choice.value for choice in self.method.choices}
        if not self.method.errors and self.method.data not in offered:
            self.method.errors.append(self.method.validators[0].message)
            valid = False
        return valid


class AcknowledgementForm(SendingForm):
    method = radio_field(
        "How do you want to send it?", [], "Select how to send the acknowledgement", validate_choice=False
    )


class AllocationForm(FlaskForm):
    """Choices are set per request from the active teams and responding managers; anything else is refused with a
    GOV.UK message rather than WTForms' "Not a valid choice"."""

    team = SelectField("Team", validate_choice=False, widget=GovSelect())
    manager = SelectField("Responding manager", validate_choice=False, widget=GovSelect())

    def set_choices(self, teams: list[tuple[str, str]], managers: list[tuple[str, str]]) -> None:
        self.team.choices = choices_of([("", "Choose a team"), *teams])
        self.manager.choices = choices_of([("", "Choose a responding manager"), *managers])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field, message in ((self.team, "Select a team"), (self.manager, "Select a responding manager")):
            offered = {choice.value for choice in field.choices if choice.value}
            if field.data not in offered:
                field.errors.append(message)
                valid = False
        return valid


class StaffChoiceForm(FlaskForm):
    """One member of staff from a list set per request; anything else gets a GOV.UK message."""

    staff = SelectField("Member of staff", validate_choice=False, widget=GovSelect())

    def set_choices(self, people: list[tuple[str, str]], prompt: str, message: str) -> None:
        self.staff.choices = choices_of([("", prompt), *people])
        self._message = message

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        offered = {choice.value for choice in self.staff.choices if choice.value}
        if self.staff.data not in offered:
            self.staff.errors.append(self._message)
            valid = False
        return valid


ADVOCACY_STEPS = [
    ("offered", "We offered the child an advocate"),
    ("accepted", "The child accepted an advocate"),
    ("referred", "We referred the child to an advocacy provider"),
    ("declined", "The child did not want an advocate"),
]


class AdvocacyForm(FlaskForm):
    """A step in arranging advocacy for a child (Children Act 1989 s26A): offered, accepted, referred or declined."""

    step = radio_field("What happened?", ADVOCACY_STEPS, "Select what happened")
    provider = SelectField(
        "Advocacy provider", validate_choice=False, widget=GovSelect(), description="Needed for a referral."
    )
    happened_on = GovukDateField(
        "Date", name_in_errors="The date", required=True, past_only=True, description="For example, 27 3 2027"
    )

    def set_providers(self, names: list[str]) -> None:
        self.provider.choices = choices_of([("", "Choose a provider"), *((name, name) for name in names)])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        offered = {choice.value for choice in self.provider.choices if choice.value}
        if self.provider.data and self.provider.data not in offered:
            self.provider.errors.append("Select an advocacy provider from the list")
            valid = False
        elif self.step.data == "referred" and not self.provider.data:
            self.provider.errors.append("Select the advocacy provider the child was referred to")
            valid = False
        return valid


class HoldForm(SendingForm):
    """Putting a complaint on hold while concurrent proceedings run (regulation 8 of the 2006 Regulations)."""

    proceedings = checkboxes_field(
        "Which proceedings would considering the complaint prejudice?",
        ConcurrentProceedings.choices(),
        "Select the proceedings the complaint would prejudice",
    )
    reason = long_text_field(
        "Why is the complaint on hold?",
        "Enter why the complaint is on hold",
        max_length=2000,
        description="We tell the complainant these words. Do not include anything they should not know.",
    )
    review_on = GovukDateField(
        "When will you check whether the proceedings have ended?",
        name_in_errors="The review date",
        required=True,
        description="For example, 27 3 2027",
    )
    method = radio_field(
        "How do you want to tell the complainant?", [], "Select how to tell the complainant", validate_choice=False
    )


class HoldReviewForm(FlaskForm):
    review_on = GovukDateField(
        "New review date", name_in_errors="The new review date", required=True, description="For example, 27 3 2027"
    )


class EndHoldForm(SendingForm):
    ended_on = GovukDateField(
        "When did the proceedings end?",
        name_in_errors="The date the proceedings ended",
        required=True,
        past_only=True,
        description="The complaint's clock starts again from this day. For example, 27 3 2027",
    )
    method = radio_field(
        "How do you want to tell the complainant?", [], "Select how to tell the complainant", validate_choice=False
    )
