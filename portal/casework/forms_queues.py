"""The search and filter form on the work queues, and how its query string becomes a `CaseSearch`.

The form is sent with GET and changes nothing, so it needs no CSRF token. Anything in the query string that is not
one of the choices offered is ignored rather than refused: people share and bookmark these addresses, and a team
or theme that has since gone should not break them.
"""

from collections.abc import Iterable, Mapping

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovTextInput
from wtforms import SelectField, StringField

from portal.common.fields import checkboxes_field, choices_of, kept_choice, radio_field
from portal.common.sanitise import clean_text
from portal.data.models import Team, Theme
from portal.data.queries.queues import CaseSearch, Direction, Queue, SortKey, Status
from portal.domain.references import normalise_reference
from portal.domain.types import CaseState, FeedbackKind, Procedure

MAX_SEARCH_LENGTH = 100
NOT_DECIDED = "none"
ANY = ""
CHILD = "child"
FLAGGED = "flagged"

# What each queue is sorted by until someone chooses: the newest first for all cases, the oldest first for screening
# (it has waited longest), and the nearest deadline (for a hold, its review date) first for the rest.
DEFAULT_SORT = {
    Queue.ALL: (SortKey.RECEIVED, Direction.DESCENDING),
    Queue.TO_SCREEN: (SortKey.RECEIVED, Direction.ASCENDING),
    Queue.MINE: (SortKey.DUE, Direction.ASCENDING),
    Queue.DUE: (SortKey.DUE, Direction.ASCENDING),
    Queue.ON_HOLD: (SortKey.DUE, Direction.ASCENDING),
}
# The direction a column sorts in when its heading is first chosen.
FIRST_DIRECTION = {
    SortKey.RECEIVED: Direction.DESCENDING,
    SortKey.DUE: Direction.ASCENDING,
    SortKey.REFERENCE: Direction.ASCENDING,
}


class CaseFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(
        "Search",
        description="Reference, name, email address or child's name",
        widget=GovTextInput(),
        render_kw={"type": "search", "maxlength": MAX_SEARCH_LENGTH, "spellcheck": "false", "autocomplete": "off"},
    )
    kind = checkboxes_field("Kind", FeedbackKind.choices())
    procedure = checkboxes_field("Procedure", [*Procedure.choices(), (NOT_DECIDED, "Not decided yet")])
    stage = checkboxes_field("Stage", CaseState.choices())
    status = radio_field("Status", [(ANY, "Open or closed"), (Status.OPEN, "Open"), (Status.CLOSED, "Closed")])
    team = SelectField("Team", widget=GovSelect())
    theme = SelectField("Theme", widget=GovSelect())
    only = checkboxes_field("Only show", [(CHILD, "Made by a child"), (FLAGGED, "Possible safeguarding concern")])

    def __init__(self, *args, teams: Iterable[Team] = (), themes: Iterable[Theme] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.team.choices = choices_of([(ANY, "Any team"), *((str(team.id), team.name) for team in teams)])
        self.theme.choices = choices_of(
            [(ANY, "Any theme"), *((str(theme.id), f"{theme.name} ({theme.scope.label})") for theme in themes)]
        )

    def search(self, queue: Queue, args: Mapping[str, str]) -> CaseSearch:
        """The search the form describes, keeping only values that are among its choices. Sets each field's data to
        what was kept, so the form shows exactly the filters applied."""
        text = _search_text(self.q.data)
        self.q.data = text
        kinds = self._kept(self.kind)
        procedures = self._kept(self.procedure)
        states = self._kept(self.stage)
        status = kept_choice(self.status, ANY)
        team = kept_choice(self.team, ANY)
        theme = kept_choice(self.theme, ANY)
        only = self._kept(self.only)
        sort, direction = sort_order(queue, args.get("sort"), args.get("direction"))
        return CaseSearch(
            queue=queue,
            text=text,
            reference=normalise_reference(text) if text else None,
            kinds=frozenset(FeedbackKind(kind) for kind in kinds),
            procedures=frozenset(None if value == NOT_DECIDED else Procedure(value) for value in procedures),
            states=frozenset(CaseState(state) for state in states),
            status=Status(status) if status else None,
            team_id=int(team) if team else None,
            theme_id=int(theme) if theme else None,
            made_by_child=CHILD in only,
            flagged=FLAGGED in only,
            sort=sort,
            direction=direction,
        )

    @staticmethod
    def _kept(field) -> list[str]:
        offered = {choice.value for choice in field.choices}
        kept = [value for value in dict.fromkeys(field.data or []) if value in offered]
        field.data = kept
        return kept


def _search_text(value: str | None) -> str:
    """The search words cleaned as stored text is (kept as typed, without control characters), with runs of spaces
    made one."""
    text = " ".join((clean_text(value) or "").split()) if isinstance(value, str) else ""
    return text[:MAX_SEARCH_LENGTH]


def sort_order(queue: Queue, sort: str | None, direction: str | None) -> tuple[SortKey, Direction]:
    """The column and direction asked for, or the queue's default for anything not recognised."""
    if sort not in set(SortKey):
        return DEFAULT_SORT[queue]
    key = SortKey(sort)
    return key, Direction(direction) if direction in set(Direction) else FIRST_DIRECTION[key]
