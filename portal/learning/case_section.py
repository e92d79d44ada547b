"""The learning section of the case page: the case's learning records and their actions, and whether the member of
staff may record more. The case page includes `learning/partials/_case_learning.html`, which asks the template global
`case_learning(case)` for what to show: casework and learning are journeys that do not import each other."""

from dataclasses import dataclass
from datetime import date

from flask_login import current_user

from portal.common.clock import uk_today
from portal.data.learning_models import LearningRecord
from portal.data.models import Case, StaffUser
from portal.data.queries import learning as queries
from portal.domain.outcomes import needs_learning
from portal.domain.types import FeedbackKind
from portal.learning import bp
from portal.learning.views import STATUS_TAG_COLOURS, ActionRow, action_rows


@dataclass(frozen=True)
class RecordRows:
    record: LearningRecord
    rows: list[ActionRow]


@dataclass(frozen=True)
class CaseLearning:
    """What the case page shows of a case's learning. `shown` is False for feedback that is not a complaint, and for
    staff whose role has no part in learning (investigators and the Participation Team open cases but not their
    learning)."""

    shown: bool
    records: list[RecordRows]
    may_record: bool
    needs_learning: bool
    status_colours: dict


@bp.app_template_global("case_learning")
def case_learning(case: Case) -> CaseLearning:
    """What the case page shows of `case`'s learning to the member of staff signed in, on today's date."""
    return for_case(case, current_user, uk_today())


def for_case(case: Case, user: StaffUser, today: date) -> CaseLearning:
    records = [RecordRows(record=record, rows=action_rows(record.actions, today)) for record in case.learning_records]
    return CaseLearning(
        shown=case.kind is FeedbackKind.COMPLAINT and user.role in queries.LEARNING_ROLES,
        records=records,
        may_record=queries.learning_case(case.reference, user) is not None,
        needs_learning=needs_learning(case.finding) and not records,
        status_colours=STATUS_TAG_COLOURS,
    )
