"""What an export of the staff case list holds, row by row: the same columns for everyone, with the personal data
(names, contact details, the child's name, what was written) only for the roles allowed it; everyone else gets a
stable pseudonym in place of the reference, so that two exports can be compared without naming anyone."""

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

# Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection): such text is written
# with a leading apostrophe, which shows the text exactly as typed and runs nothing.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = (
    "Reference",
    "Received",
    "Kind",
    "Procedure",
    "Stage and status",
    "Team",
    "Due",
    "Closed",
    "Outcome",
    "Made by a child",
    "Possible safeguarding concern",
)
PERSONAL_COLUMNS = ("Submitter", "Submitter's email", "Submitter's phone", "Children", "Summary")
PSEUDONYM_COLUMN = "Pseudonym"


@dataclass(frozen=True)
class ExportCase:
    case_id: int
    reference: str
    received_on: date
    kind: str
    procedure: str
    status: str
    team: str
    due_on: date | None
    closed_on: date | None
    outcome: str
    made_by_child: bool
    flagged: bool
    submitter: str | None
    email: str | None
    phone: str | None
    children: Sequence[str]
    summary: str | None


def pseudonym(secret: bytes, case_id: int) -> str:
    """The same case always gets the same pseudonym under the same secret (the app's secret key), and nobody
    without the secret can turn it back into the case."""
    digest = hmac.new(secret, f"case:{case_id}".encode(), hashlib.sha256).hexdigest()
    return f"P-{digest[:16].upper()}"


def headings(personal: bool) -> list[str]:
    if personal:
        return [*COLUMNS, *PERSONAL_COLUMNS]
    return [PSEUDONYM_COLUMN, *COLUMNS[1:]]


def row(case: ExportCase, personal: bool, secret: bytes) -> list:
    """The cells of one case; ``personal`` says whether the reader may have the personal data."""
    shared = [
        case.received_on,
        case.kind,
        case.procedure,
        case.status,
        case.team,
        case.due_on,
        case.closed_on,
        case.outcome,
        "Yes" if case.made_by_child else "No",
        "Yes" if case.flagged else "No",
    ]
    if not personal:
        return [pseudonym(secret, case.case_id), *shared]
    extra = [case.submitter, case.email, case.phone, "; ".join(case.children), case.summary]
    return [case.reference, *shared, *(safe_cell(value) for value in extra)]


def safe_cell(value: str | None) -> str:
    """Text as typed, never run as a formula by a spreadsheet (see FORMULA_STARTS)."""
    if not value:
        return ""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value
