"""Forms for the steps after Stage 1: a request for the next stage, mediation, the Stage 2 people, terms of reference,
screening and report, the review panel, recommendations, and the Ombudsman.

Choices that come from the database (staff, how to send) are set per request; anything else is refused with a
GOV.UK message rather than WTForms' "Not a valid choice".
"""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovFileInput, GovSelect
from wtforms import BooleanField, FileField, SelectField

from portal.casework.forms_screening import SendingForm
from portal.casework.forms_stages import MoneyField, RemedyForm
from portal.common.fields import (
    GovukDateField,
    choices_of,
    email_field,
    long_text_field,
    name_field,
    radio_field,
    text_field,
    yes_no_field,
)
from portal.domain.outcomes import PANEL_SIZE
from portal.domain.types import OmbudsmanDecision, OmbudsmanStatus, RemedyKind

REASON_MAX_LENGTH = 2000
NOTES_MAX_LENGTH = 5000
NOBODY = ""


def date_field(label: str, name: str, *, required: bool = True, past_only: bool = True, example: str = "4 3 2027"):
    return GovukDateField(
        label, name_in_errors=name, required=required, past_only=past_only, description=f"For example, {example}"
    )


class StaffChoices:
    """Select fields whose choices are the staff who may be chosen, set per request; "" means nobody yet."""

    staff_fields: tuple[str, ...] = ()

    def set_staff(self, people: list[tuple[str, str]]) -> None:
        for name in self.staff_fields:
            getattr(self, name).choices = choices_of([(NOBODY, "Not chosen yet"), *people])

    def validate_staff(self) -> bool:
        valid = True
        for name in self.staff_fields:
            field = getattr(self, name)
            offered = {choice.value for choice in field.choices}
            if field.data not in offered:
                field.errors.append(f"Select the {field.label.text.lower()} from the list")
                valid = False
        return valid


def staff_select(label: str) -> SelectField:
    return SelectField(label, widget=GovSelect(), validate_choice=False, default=NOBODY)


# Requests -------------------------------------------------------------------------------------------------------------


class StageRequestForm(FlaskForm):
    requested_on = date_field("When did they ask?", "The date they asked")
    details = long_text_field(
        "What are they still unhappy about?",
        max_length=NOTES_MAX_LENGTH,
        description="In their words, as closely as you can.",
    )
    late_reason = long_text_field(
        "Why does the council accept a late request?",
        max_length=REASON_MAX_LENGTH,
        description="Needed only when they asked after the last day. For example, they were in hospital.",
    )


# Mediation -----------------------------------------------------------------------------------------------------------


class MediationOfferForm(FlaskForm):
    offered_on = date_field("When was mediation offered?", "The date of the offer")
    mediator_name = name_field(
        "Who would meet them?", description="A senior manager from the service, if you know who it will be."
    )


class MediationAnswerForm(FlaskForm):
    accepted = yes_no_field("Did they accept mediation?", "Select yes if they accepted mediation")
    answered_on = date_field("When did they answer?", "The date they answered")


class MediationOutcomeForm(FlaskForm):
    held_on = date_field("When was the mediation meeting?", "The date of the meeting")
    resolved = yes_no_field(
        "Did mediation resolve the complaint?",
        "Select yes if mediation resolved the complaint",
        description="Yes closes the case as resolved by mediation. No means Stage 2 goes ahead.",
    )
    notes = long_text_field(
        "What was agreed?", max_length=NOTES_MAX_LENGTH, description="The actions and outcome of the meeting."
    )


# Stage 2 --------------------------------------------------------------------------------------------------------------


class InvestigationPeopleForm(StaffChoices, FlaskForm):
    """The statutory Stage 2's people (2006 Regulations; seeds 003 and 004)."""

    staff_fields = ("investigating_officer", "independent_person", "adjudicating_officer")
    investigating_officer = staff_select("Investigating Officer")
    independent_person = staff_select("Independent Person")
    adjudicating_officer = staff_select("Adjudicating Officer")

    def validate(self, extra_validators=None) -> bool:
        return super().validate(extra_validators) & self.validate_staff()


class ReviewerForm(StaffChoices, FlaskForm):
    """Who reviews a corporate complaint at Stage 2 (Complaint Handling Code)."""

    staff_fields = ("reviewer",)
    reviewer = staff_select("Stage 2 reviewer")

    def validate(self, extra_validators=None) -> bool:
        return super().validate(extra_validators) & self.validate_staff()


class InvestigatorAccountForm(FlaskForm):
    """An account for an investigator or Independent Person from outside the council: they see only the cases they
    are given."""

    name = name_field("Their name", "Enter their name")
    email = email_field("Their email address", required=True, required_message="Enter their email address")


class TermsOfReferenceForm(FlaskForm):
    agreed_on = date_field(
        "When were the terms of reference agreed?",
        "The date the terms of reference were agreed",
    )


ACCEPT, REFUSE = "accept", "refuse"


class ScreenRequestForm(SendingForm):
    """The Complaints Team's screening of a corporate Stage 2 request (seed 003): accepted and acknowledged, or
    refused with the reason and the Ombudsman's details."""

    decision = radio_field(
        "Does the council accept the request for a Stage 2 review?",
        [(ACCEPT, "Yes, accept it and send the acknowledgement"), (REFUSE, "No, refuse it")],
        "Select whether the council accepts the request",
    )
    refusal_reason = long_text_field(
        "Why is it refused?",
        max_length=REASON_MAX_LENGTH,
        description="We tell them these words, with how to ask the Ombudsman to look at their complaint.",
    )
    method = radio_field("How do you want to send it?", [], "Select how to send it", validate_choice=False)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.decision.data == REFUSE and not self.refusal_reason.data and not self.refusal_reason.errors:
            self.refusal_reason.errors.append("Enter why the request is refused")
            valid = False
        return valid


class ReportForm(FlaskForm):
    report = FileField("Investigation report", widget=GovFileInput(), description="A PDF or Word document.")


class CloseOutForm(FlaskForm):
    closed_on = date_field("Closing date", "The closing date", required=False)
    cost = MoneyField(
        "Cost of the investigation, in pounds",
        allow_zero=True,
        description="Enter 0 when an internal investigator worked at no cost. For example, 1250.00",
        render_kw={"inputmode": "decimal", "spellcheck": "false"},
    )


# Recommendations --------------------------------------------------------------------------------------------------


class RecommendationForm(StaffChoices, FlaskForm):
    """A recommendation, the council's answer, and the action it plans: a learning action with its category, owner
    and due date (set per request from the learning lists)."""

    staff_fields = ("action_owner",)
    text = long_text_field("Recommendation", "Enter the recommendation", max_length=REASON_MAX_LENGTH)
    accepted = yes_no_field("Does the council accept it?", "Select yes if the council accepts the recommendation")
    response = long_text_field(
        "What will the council do?",
        max_length=REASON_MAX_LENGTH,
        description="The action planned, or why the council does not accept it.",
    )
    action_category = SelectField("Learning category", widget=GovSelect(), validate_choice=False, default="")
    action_owner = staff_select("Who owns the action?")
    action_due_on = date_field("When is the action due?", "The action's due date", required=False, past_only=False)

    def set_categories(self, categories: list[tuple[str, str]]) -> None:
        self.action_category.choices = choices_of([("", "Choose a category"), *categories])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators) & self.validate_staff()
        if self.accepted.data == "no" and not self.response.data and not self.response.errors:
            self.response.errors.append("Enter why the council does not accept the recommendation")
            valid = False
        offered = {choice.value for choice in self.action_category.choices} - {""}
        if self.action_category.data and self.action_category.data not in offered:
            self.action_category.errors.append("Choose a learning category from the list")
            valid = False
        if self.action_owner.data != NOBODY and not self.action_owner.errors:
            if not self.action_category.data and not self.action_category.errors:
                self.action_category.errors.append("Choose the learning category of the action")
                valid = False
            if self.action_due_on.data is None and not self.action_due_on.errors:
                self.action_due_on.errors.append("Enter the action's due date")
                valid = False
        elif self.action_due_on.data is not None and not self.action_owner.errors:
            self.action_owner.errors.append("Select who owns the action")
            valid = False
        return valid


# Stage 3 ------------------------------------------------------------------------------------------------------------


def panel_form(formdata=None, data: dict | None = None) -> FlaskForm:
    """The three members of a review panel: `name-<n>`, `independent-<n>`, and which of them chairs it."""

    class PanelForm(FlaskForm):
        chair = radio_field(
            "Who chairs the panel?",
            [(str(number), f"Member {number}") for number in range(1, PANEL_SIZE + 1)],
            "Select who chairs the panel",
        )

    for number in range(1, PANEL_SIZE + 1):
        setattr(PanelForm, f"name-{number}", name_field(f"Member {number}: name", f"Enter member {number}'s name"))
        setattr(
            PanelForm,
            f"independent-{number}",
            BooleanField(f"Member {number} is independent of the council", widget=GovCheckboxInput()),
        )
    return PanelForm(formdata=formdata, data=data)


class PanelHeldForm(FlaskForm):
    held_on = date_field("When did the panel meet?", "The date the panel met")


class PanelFindingsForm(FlaskForm):
    received_on = date_field("When did the council receive the panel's findings?", "The date the findings came")


# The Ombudsman ------------------------------------------------------------------------------------------------------


class OmbudsmanForm(FlaskForm):
    reference = text_field("Ombudsman's reference", max_length=40, description="For example, 26 012 345")
    status = radio_field(
        "What is the Ombudsman doing?", OmbudsmanStatus.choices(), "Select what the Ombudsman is doing"
    )
    received_on = date_field("When did the council hear from the Ombudsman?", "The date the council heard")
    investigation_started_on = date_field(
        "When did the Ombudsman start investigating?", "The date the investigation started", required=False
    )
    reply_due_on = date_field(
        "When does the Ombudsman want the council's reply by?",
        "The reply date",
        required=False,
        past_only=False,
    )
    replied_on = date_field("When did the council reply?", "The date the council replied", required=False)


class OmbudsmanDecisionForm(FlaskForm):
    decision = radio_field("The Ombudsman's decision", OmbudsmanDecision.choices(), "Select the Ombudsman's decision")
    decided_on = date_field("Date of the decision", "The date of the decision")
    summary = long_text_field(
        "What the Ombudsman found and recommended",
        max_length=NOTES_MAX_LENGTH,
        description="In the Ombudsman's words.",
    )


class OmbudsmanRemedyForm(RemedyForm):
    """A remedy the Ombudsman asked for, like an apology or a time and trouble payment, with its due date."""

    kind = radio_field("What has the council agreed to do?", RemedyKind.choices(), "Select what the council will do")
    description = long_text_field(
        "Details", max_length=REASON_MAX_LENGTH, description="For example, a time and trouble payment."
    )
    due_on = date_field("When is it due?", "The due date", past_only=False)


class RemedyEvidenceForm(FlaskForm):
    evidence = long_text_field(
        "Evidence that it was done",
        "Enter the evidence that it was done",
        max_length=REASON_MAX_LENGTH,
        description="For example, the date the payment was made and its reference, or the letter of apology.",
    )
    completed_on = date_field("When was it done?", "The date it was done")
