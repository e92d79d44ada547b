"""Forms for learning records, their actions, completing an action, and the filters of the learning lists.

The filter forms are sent with GET and change nothing, so they need no CSRF token. As on the work queues, anything
in their query string that is not among the choices offered is ignored rather than refused: people bookmark these
addresses, and an owner or team that has since gone should not break them.
"""

from collections.abc import Iterable

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect
from wtforms import SelectField
from wtforms.validators import DataRequired

from portal.common.fields import GovukDateField, choices_of, long_text_field, radio_field
from portal.data.models import StaffUser, Team, Theme
from portal.domain.learning import OPEN_ACTION_STATUSES
from portal.domain.types import LearningActionStatus
from portal.learning_records.services import DESCRIPTION_MAX_LENGTH, EVIDENCE_MAX_LENGTH, SUMMARY_MAX_LENGTH

ANY = ""
OVERDUE = "overdue"


class RecordForm(FlaskForm):
    category = radio_field("Category", [], "Select a category", invalid_choice_message="Select a category")
    summary = long_text_field(
        "What was learnt",
        "Enter what was learnt",
        max_length=SUMMARY_MAX_LENGTH,
        description="What went wrong and what should change, in a few sentences.",
    )

    def __init__(self, *args, categories: Iterable[Theme] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = choices_of((str(category.id), category.name) for category in categories)


class ActionForm(FlaskForm):
    description = long_text_field(
        "What needs to be done",
        "Enter what needs to be done",
        max_length=DESCRIPTION_MAX_LENGTH,
        description="For example, training for the team on keeping families up to date.",
    )
    owner = SelectField(
        "Who owns the action",
        widget=GovSelect(),
        default="",
        validators=[DataRequired("Select who owns the action")],
        invalid_choice_message="Select who owns the action from the list",
    )
    due_on = GovukDateField(
        "Due date", name_in_errors="The due date", required=True, description="For example, 31 3 2027."
    )

    def __init__(self, *args, owners: Iterable[StaffUser] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.owner.choices = choices_of(
            [(ANY, "Choose someone"), *((str(person.id), f"{person.name} ({person.role.label})") for person in owners)]
        )


class ChangeActionForm(ActionForm):
    status = radio_field(
        "Status",
        [(status.value, status.label) for status in LearningActionStatus if status in OPEN_ACTION_STATUSES],
        "Select the status",
        invalid_choice_message="Select open or in progress: to mark the action as done, record its evidence",
        description="To mark the action as done, record its evidence instead.",
    )


class CompleteActionForm(FlaskForm):
    evidence = long_text_field(
        "Evidence that it is done",
        "Enter the evidence that the action is done",
        max_length=EVIDENCE_MAX_LENGTH,
        description="What was done and where the proof is kept, for example the date of the training and who went.",
    )
    completed_on = GovukDateField(
        "Date it was done",
        name_in_errors="The date it was done",
        required=True,
        past_only=True,
        description="For example, 27 3 2027.",
    )


class ActionFilterForm(FlaskForm):
    class Meta:
        csrf = False

    owner = SelectField("Owner", widget=GovSelect())
    team = SelectField("Team", description="The team the complaint was about", widget=GovSelect())
    status = SelectField("Status", widget=GovSelect())

    def __init__(self, *args, owners: Iterable[StaffUser] = (), teams: Iterable[Team] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.owner.choices = choices_of([(ANY, "Anyone"), *((str(person.id), person.name) for person in owners)])
        self.team.choices = choices_of([(ANY, "Any team"), *((str(team.id), team.name) for team in teams)])
        self.status.choices = choices_of(
            [
                (ANY, "Open or in progress"),
                *((status.value, status.label) for status in LearningActionStatus if status in OPEN_ACTION_STATUSES),
                (OVERDUE, "Overdue"),
            ]
        )


class RecordFilterForm(FlaskForm):
    class Meta:
        csrf = False

    category = SelectField("Category", widget=GovSelect())

    def __init__(self, *args, categories: Iterable[Theme] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = choices_of(
            [(ANY, "Any category"), *((str(category.id), category.name) for category in categories)]
        )
