"""Forms of the reports' pages: the period (sent with GET, so no CSRF token), the annual report's words and chosen
examples, the census figures and the history file."""

from datetime import date

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovTextInput
from wtforms import StringField
from wtforms.validators import NumberRange, Optional, ValidationError

from portal.common.fields import WholeNumberField, checkboxes_field, long_text_field
from portal.domain.reporting import ETHNIC_GROUPS

WORDS_MAX_LENGTH = 20_000


def _iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip()) if (value or "").strip() else None
    except ValueError:
        return None


class PeriodForm(FlaskForm):
    class Meta:
        csrf = False

    first_day = StringField("From", widget=GovTextInput(), description="For example, 2022-04-01")
    last_day = StringField("To", widget=GovTextInput(), description="For example, 2023-03-31")

    def dates(self) -> tuple[date | None, date | None]:
        return _iso_date(self.first_day.data), _iso_date(self.last_day.data)

    def validate_first_day(self, field) -> None:
        if field.data and _iso_date(field.data) is None:
            raise ValidationError("Enter the first day as a date like 2022-04-01")

    def validate_last_day(self, field) -> None:
        if field.data and _iso_date(field.data) is None:
            raise ValidationError("Enter the last day as a date like 2023-03-31")
        first, last = self.dates()
        if first and last and last < first:
            raise ValidationError("The last day must be on or after the first day")


class WordsForm(FlaskForm):
    introduction = long_text_field("Introduction", max_length=WORDS_MAX_LENGTH)
    commentary = long_text_field("Commentary on the figures", max_length=WORDS_MAX_LENGTH)
    learning_text = long_text_field("Learning from complaints", max_length=WORDS_MAX_LENGTH)
    compliments = checkboxes_field("Compliments to quote (their approved anonymised words)", [])
    learning = checkboxes_field("Learning to give as examples", [])


def census_form(values: dict[str, int]) -> FlaskForm:
    """A form with one whole-number field per ethnic group, filled with the figures kept for the year."""

    class CensusForm(FlaskForm):
        pass

    for key, label in ETHNIC_GROUPS:
        field = WholeNumberField(
            label,
            not_a_number_message=f"Enter the number of {label} children as a whole number, like 120",
            validators=[Optional(), NumberRange(min=0, max=1_000_000, message="Enter a number from 0 to 1,000,000")],
            widget=GovTextInput(),
            render_kw={"inputmode": "numeric", "spellcheck": "false"},
            default=values.get(key),
        )
        setattr(CensusForm, key, field)
    return CensusForm()


class ImportForm(FlaskForm):
    file = FileField(
        "CSV file of case history",
        widget=GovFileInput(),
        description="Format version 1 (see the import guide). Up to 50 MB.",
    )
