"""How cases end and who may decide them: the case outcome from the points' findings, the Stage 3 panel, the Stage 2
handler, the Ombudsman's decisions and learning.

Each rule names its source: domain.md sections 4, 5 and 8, the 2006 Regulations, the Ombudsman's Complaint Handling
Code and the seeds. The app passes people in as it knows them (a staff id, a name); nothing here looks them up.
"""

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from portal.domain.timescales import TimescalePolicy
from portal.domain.types import Finding, OmbudsmanDecision, Procedure

# A review panel has three members (2006 Regulations; seeds 003 and 004).
PANEL_SIZE = 3

# Learning categories a council starts with; it may rename them, add its own and retire them (domain.md section 8;
# Dudley's learning table; Sandwell's "improve how we track actions").
DEFAULT_LEARNING_CATEGORIES: tuple[str, ...] = (
    "Provide training",
    "Policy or procedure change",
    "Improve communication",
    "Improve record keeping",
    "Improve timeliness",
    "Other",
)

# The Ombudsman's decisions that find fault: what the annual report counts as "a finding of fault" (seed 003: "40%
# have reached a finding of fault").
FAULT_DECISIONS: frozenset[OmbudsmanDecision] = frozenset(
    {
        OmbudsmanDecision.FAULT_FOUND,
        OmbudsmanDecision.MALADMINISTRATION_INJUSTICE,
        OmbudsmanDecision.MALADMINISTRATION_NO_INJUSTICE,
    }
)

_UPHELD_IN_PART = frozenset({Finding.UPHELD, Finding.PARTIALLY_UPHELD})


def case_outcome(point_findings: Iterable[Finding]) -> Finding | None:
    """The outcome of a case (or of one stage) from the findings on its complaint points (domain.md section 5).

    All the same: that finding (all upheld is upheld, all not upheld is not upheld, all no finding is no finding).
    A mix with at least one point upheld or partially upheld: partially upheld. A mix of not upheld and no finding:
    not upheld, since nothing was found in the complainant's favour. ``None`` when there are no findings yet. Staff
    may override the outcome with a reason (the app records both).
    """
    findings = set(point_findings)
    if not findings:
        return None
    if len(findings) == 1:
        return findings.pop()
    return Finding.PARTIALLY_UPHELD if findings & _UPHELD_IN_PART else Finding.NOT_UPHELD


def needs_learning(outcome: Finding | None) -> bool:
    """Whether a case with ``outcome`` needs a learning record: upheld and partially upheld complaints (domain.md
    section 8)."""
    return outcome in _UPHELD_IN_PART


def finds_fault(decision: OmbudsmanDecision | None) -> bool:
    """Whether the Ombudsman's ``decision`` found fault (``FAULT_DECISIONS``; domain.md section 5)."""
    return decision in FAULT_DECISIONS


# ---------------------------------------------------------------------------------------------------------------
# Stage 3 review panel


@dataclass(frozen=True)
class PanelMember:
    """A member of a Stage 3 review panel: their name and whether they are independent of the council."""

    name: str
    independent: bool


class InvalidPanel(ValueError):
    """A review panel the rules do not allow; ``problems`` lists each in words for the error summary."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(" ".join(problems))


def check_panel(
    members: Sequence[PanelMember], stage_2_independent_person: str | None = None
) -> tuple[PanelMember, ...]:
    """Checks a Stage 3 review panel and returns its members with their names tidied, or raises ``InvalidPanel``.

    Rules: three people (2006 Regulations; seed 003: "made up of 3 independent people"; seed 004: two independent
    persons and an independent chair), each named once and each independent of the council; and the Stage 2
    Independent Person may not sit on it (domain.md section 4). People are told apart by name, ignoring case and
    spacing, since panel members are often outside the council and have no account.
    """
    tidied = tuple(
        PanelMember(name=" ".join((member.name or "").split()), independent=member.independent) for member in members
    )
    problems = []
    if len(tidied) != PANEL_SIZE:
        problems.append(f"A review panel has {PANEL_SIZE} members: enter {PANEL_SIZE}, not {len(tidied)}.")
    if any(not member.name for member in tidied):
        problems.append("Enter the name of each panel member.")
    seen: set[str] = set()
    for member in tidied:
        if not member.name:
            continue
        key = member.name.casefold()
        if key in seen:
            problems.append(f"{member.name} is entered more than once: the panel needs {PANEL_SIZE} different people.")
        seen.add(key)
        if not member.independent:
            problems.append(f"{member.name} is not independent of the council: every panel member must be.")
        if stage_2_independent_person and key == " ".join(stage_2_independent_person.split()).casefold():
            problems.append(f"{member.name} was the Stage 2 Independent Person, who may not sit on the review panel.")
    if problems:
        raise InvalidPanel(problems)
    return tidied


# ---------------------------------------------------------------------------------------------------------------
# Who handles Stage 2


class InvalidHandler(ValueError):
    """Someone who may not handle Stage 2 was chosen to."""


def check_stage_2_handler(
    procedure: Procedure,
    stage_1_handler: Hashable | None,
    stage_2_handler: Hashable | None,
    policy: TimescalePolicy,
) -> None:
    """Raises ``InvalidHandler`` when the person chosen for Stage 2 answered Stage 1 and may not handle Stage 2.

    Corporate: the Complaint Handling Code says Stage 2 is answered by someone other than the Stage 1 handler,
    unless the council's setting allows it (``policy.corporate.stage_1_handler_may_handle_stage_2``). Statutory:
    Stage 2 is an independent investigation (2006 Regulations; seed 003), so the Stage 1 handler can never be its
    Investigating Officer or Independent Person; call this for each. Handlers are whatever identifies a person to the
    caller (a staff id); ``None`` means nobody is recorded yet, which passes.
    """
    if procedure not in (Procedure.STATUTORY, Procedure.CORPORATE):
        raise ValueError(f"{procedure.label}: there is no Stage 2.")
    if stage_1_handler is None or stage_2_handler is None or stage_1_handler != stage_2_handler:
        return
    if procedure is Procedure.CORPORATE:
        if policy.corporate.stage_1_handler_may_handle_stage_2:
            return
        raise InvalidHandler(
            "Choose someone who did not answer Stage 1: the Complaint Handling Code says Stage 2 is answered by "
            "someone else."
        )
    raise InvalidHandler(
        "Choose someone who did not answer Stage 1: a Stage 2 investigation is independent of Stage 1."
    )
