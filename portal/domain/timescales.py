"""The timescale policy: how many working days each step of each procedure may take, and whether the council's
closure days stop each procedure's clocks.

Every number here is a default a council may change (domain.md: "configuration with a default, never a constant
buried in code"), within the law: a statutory timescale the 2006 Regulations set can be made shorter, never longer,
and the complainant's time to ask for the next stage never shorter; a corporate timescale cannot exceed the
Ombudsman's Complaint Handling Code. The policy is a tree of frozen dataclasses; councils store only their overrides
as a nested dict such as ``{"statutory": {"stage_1": 8}}`` and the app builds the policy with
``TimescalePolicy.default().with_overrides(overrides)``. Each field carries a plain-English ``label`` (and a
``hint``, and any legal limit) in its metadata for the admin screen; ``TimescalePolicy.settings()`` lists them.

All periods are in working days, counted as in ``portal.domain.calendar``: day 1 is the first working day after
the event the period starts from.
"""

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Self

# About one year of working days: anything longer is almost certainly a typing mistake on the admin screen.
MAX_WORKING_DAYS = 260

SECTION_LABELS: dict[str, str] = {
    "statutory": "Statutory children's complaints procedure",
    "corporate": "Corporate complaints procedure",
    "comment": "Comments and representations",
}

REGULATIONS = "the 2006 Regulations"
CODE = "the Complaint Handling Code"


def _days(
    default: int, label: str, hint: str, *, at_most: int | None = None, at_least: int | None = None, source: str = ""
) -> Any:
    """A period in working days. ``at_most`` is a ceiling the law sets for the council's own deadline; ``at_least``
    is a floor the law sets for the time the complainant is given; ``source`` names the law."""
    return field(
        default=default,
        metadata={
            "label": label,
            "hint": hint,
            "unit": "working days",
            "at_most": at_most,
            "at_least": at_least,
            "source": source,
        },
    )


def _yes_no(default: bool, label: str, hint: str, *, fixed_by: str | None = None) -> Any:
    """A yes/no setting. ``fixed_by`` says why the law allows only the default."""
    return field(default=default, metadata={"label": label, "hint": hint, "unit": None, "fixed_by": fixed_by})


def _closure_days(default: bool, fixed_by: str | None = None) -> Any:
    return _yes_no(
        default,
        "Council closure days do not count as working days",
        "Closure days are the council's own days off, such as 29 to 31 December, listed on the closure days "
        "screen. Bank holidays never count.",
        fixed_by=fixed_by,
    )


def _limit(metadata: Mapping[str, Any]) -> str | None:
    """The legal limit of a period, e.g. "the 2006 Regulations allow at most 10 working days", or None."""
    source = str(metadata.get("source") or "")
    plural = source.endswith("Regulations")
    if metadata.get("at_most") is not None:
        return f"{source} {'allow' if plural else 'allows'} at most {metadata['at_most']} working days"
    if metadata.get("at_least") is not None:
        return f"{source} {'give' if plural else 'gives'} the complainant at least {metadata['at_least']} working days"
    return None


def limit_text(metadata: Mapping[str, Any]) -> str | None:
    """The legal limit of a setting as a sentence, e.g. "The 2006 Regulations allow at most 10 working days.", or
    None when the law sets none."""
    if metadata.get("fixed_by"):
        return str(metadata["fixed_by"])
    limit = _limit(metadata)
    return f"{limit[0].upper()}{limit[1:]}." if limit else None


def _validate_fields(instance: object) -> None:
    """Checks every field: periods are whole numbers from 1 to MAX_WORKING_DAYS within their legal limits; yes/no
    settings are booleans, and a setting the law fixes keeps its default."""
    for item in fields(instance):
        value = getattr(instance, item.name)
        meta = item.metadata
        label = meta["label"]
        if isinstance(item.default, bool):
            if not isinstance(value, bool):
                raise ValueError(f"{label}: must be true or false, not {value!r}.")
            if meta.get("fixed_by") and value is not item.default:
                raise ValueError(f"{label}: {_lower_first(meta['fixed_by'])}")
        elif isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{label}: must be a whole number of working days, not {value!r}.")
        elif not 1 <= value <= MAX_WORKING_DAYS:
            raise ValueError(f"{label}: must be between 1 and {MAX_WORKING_DAYS} working days, not {value}.")
        elif meta.get("at_most") is not None and value > meta["at_most"]:
            raise ValueError(f"{label}: {_limit(meta)}, not {value}. A council may be quicker, never slower.")
        elif meta.get("at_least") is not None and value < meta["at_least"]:
            raise ValueError(f"{label}: {_limit(meta)}, not {value}. A council may allow longer, never less.")


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:]


def _require_not_shorter(extended: int, normal: int, what: str) -> None:
    if extended < normal:
        raise ValueError(
            f"{what}: the extended timescale ({extended} working days) cannot be shorter than the usual one "
            f"({normal} working days)."
        )


@dataclass(frozen=True)
class StatutoryTimescales:
    """Children Act 1989 Representations Procedure (England) Regulations 2006 and "Getting the Best from
    Complaints" guidance; defaults from domain.md section 4."""

    acknowledge: int = _days(
        3, "Acknowledge the complaint", "From the day the complaint is received. Councils use 2 to 5 working days."
    )
    stage_1: int = _days(
        10,
        "Stage 1 response",
        "From the day the complaint is received (the start date).",
        at_most=10,
        source=REGULATIONS,
    )
    stage_1_extended: int = _days(
        20,
        "Stage 1 response when extended",
        "In total, from the start date, when the complaint is complex or the child asks for an advocate.",
        at_most=20,
        source=REGULATIONS,
    )
    request_stage_2: int = _days(
        20,
        "Time to ask for Stage 2",
        "From the day the Stage 1 response is sent to the complainant.",
        at_least=20,
        source=REGULATIONS,
    )
    stage_2: int = _days(
        25, "Stage 2 investigation", "From the day the terms of reference are agreed.", at_most=25, source=REGULATIONS
    )
    stage_2_extended: int = _days(
        65,
        "Stage 2 investigation when extended",
        "In total, from the day the terms of reference are agreed.",
        at_most=65,
        source=REGULATIONS,
    )
    request_stage_3: int = _days(
        20,
        "Time to ask for a review panel (Stage 3)",
        "From the day the Stage 2 adjudication is sent.",
        at_least=20,
        source=REGULATIONS,
    )
    stage_3_panel: int = _days(
        30,
        "Review panel meets",
        "From the day the request for a review panel is received (regulation 19).",
        at_most=30,
        source=REGULATIONS,
    )
    stage_3_findings: int = _days(
        5, "Review panel sends its findings", "From the day the panel meets.", at_most=5, source=REGULATIONS
    )
    stage_3_response: int = _days(
        15,
        "Council responds to the review panel",
        "From the day the council receives the panel's findings.",
        at_most=15,
        source=REGULATIONS,
    )
    # Regulation 2 defines a working day as any day but a weekend, Christmas Day, Boxing Day, Good Friday or a bank
    # holiday: a council's closure days are working days for every statutory clock.
    skip_closure_days: bool = _closure_days(
        False,
        fixed_by="Regulation 2 of the 2006 Regulations counts the council's closure days as working days, so they "
        "never move a statutory deadline.",
    )

    def __post_init__(self) -> None:
        _validate_fields(self)
        _require_not_shorter(self.stage_1_extended, self.stage_1, "Stage 1 response")
        _require_not_shorter(self.stage_2_extended, self.stage_2, "Stage 2 investigation")


@dataclass(frozen=True)
class CorporateTimescales:
    """Local Government and Social Care Ombudsman Complaint Handling Code, which the Ombudsman applies to councils
    from 1 April 2026 (domain.md section 4)."""

    acknowledge: int = _days(
        5, "Acknowledge the complaint", "From the day the complaint is received.", at_most=5, source=CODE
    )
    stage_1: int = _days(10, "Stage 1 response", "From the day the complaint is acknowledged.", at_most=10, source=CODE)
    stage_1_max_extension: int = _days(
        10,
        "Longest Stage 1 extension",
        "Added once to the Stage 1 timescale, with the reason given to the complainant.",
        at_most=10,
        source=CODE,
    )
    request_stage_2: int = _days(
        20,
        "Time to ask for Stage 2",
        "From the day the Stage 1 response is sent. The Code sets no limit: the Stage 1 letter gives this date, and a "
        "later request can still be accepted.",
    )
    stage_2_acknowledge: int = _days(
        5,
        "Acknowledge a Stage 2 request",
        "From the day the request to escalate is received.",
        at_most=5,
        source=CODE,
    )
    stage_2: int = _days(
        20, "Stage 2 response", "From the day the Stage 2 request is acknowledged.", at_most=20, source=CODE
    )
    stage_2_max_extension: int = _days(
        20,
        "Longest Stage 2 extension",
        "Added to the Stage 2 timescale, with the reason given to the complainant. A portal default: the Code "
        "asks for any extension to be explained.",
    )
    stage_1_handler_may_handle_stage_2: bool = _yes_no(
        False,
        "The Stage 1 handler may also answer Stage 2",
        "The Code says Stage 2 is answered by someone other than the Stage 1 handler.",
    )
    skip_closure_days: bool = _closure_days(True)

    def __post_init__(self) -> None:
        _validate_fields(self)

    @property
    def stage_1_extended(self) -> int:
        """The longest Stage 1 timescale in total, from the acknowledgement."""
        return self.stage_1 + self.stage_1_max_extension

    @property
    def stage_2_extended(self) -> int:
        """The longest Stage 2 timescale in total, from the Stage 2 acknowledgement."""
        return self.stage_2 + self.stage_2_max_extension


@dataclass(frozen=True)
class CommentTimescales:
    """Comments and representations: portal defaults, not set by regulation (domain.md section 2). A comment, like
    a compliment, is acknowledged by the receipt sent when it arrives, so only its response is timed."""

    response: int = _days(
        10, "Response to the comment", "From the day the comment is received, by the Team Manager it is sent to."
    )
    skip_closure_days: bool = _closure_days(True)

    def __post_init__(self) -> None:
        _validate_fields(self)


@dataclass(frozen=True)
class TimescaleSetting:
    """One row of the admin screen: a setting, its label and hint, its current value and its default."""

    section: str
    name: str
    label: str
    hint: str
    unit: str | None
    value: int | bool
    default: int | bool
    limit: str | None = None
    fixed: bool = False


@dataclass(frozen=True)
class TimescalePolicy:
    """The complete timescale policy of a council, one section per procedure (domain.md section 4)."""

    statutory: StatutoryTimescales = field(default_factory=StatutoryTimescales)
    corporate: CorporateTimescales = field(default_factory=CorporateTimescales)
    comment: CommentTimescales = field(default_factory=CommentTimescales)

    @classmethod
    def default(cls) -> Self:
        """The defaults from domain.md section 4 and the Ombudsman's Complaint Handling Code."""
        return cls()

    def with_overrides(self, overrides: Mapping[str, Mapping[str, Any]]) -> Self:
        """A copy of this policy with some values changed, e.g. ``{"statutory": {"stage_1": 15}}``.

        Raises ``ValueError`` with a message naming the problem for an unknown section or setting, a value of the
        wrong type, a period outside 1 to MAX_WORKING_DAYS working days or beyond its legal limit, a setting the law
        fixes, or an extended timescale shorter than the usual one.
        """
        if not isinstance(overrides, Mapping):
            raise ValueError("Timescale overrides must be a mapping of section names to settings.")
        changes = {}
        for section, values in overrides.items():
            if section not in SECTION_LABELS:
                raise ValueError(f"Unknown timescale section {section!r}: expected one of {', '.join(SECTION_LABELS)}.")
            if not isinstance(values, Mapping):
                raise ValueError(f"The {section} timescales must be a mapping of setting names to values.")
            current = getattr(self, section)
            known = [item.name for item in fields(current)]
            unknown = sorted(str(name) for name in values if name not in known)
            if unknown:
                raise ValueError(
                    f"Unknown {section} timescale {', '.join(repr(name) for name in unknown)}: "
                    f"expected one of {', '.join(known)}."
                )
            changes[section] = replace(current, **values)
        return replace(self, **changes)

    def as_dict(self) -> dict[str, dict[str, int | bool]]:
        """Every value, as a nested dict of plain ints and bools (the shape ``with_overrides`` accepts)."""
        return asdict(self)

    def overrides(self) -> dict[str, dict[str, int | bool]]:
        """Only the values that differ from the defaults, as a nested dict: what a council needs to store."""
        defaults = self.default().as_dict()
        changed: dict[str, dict[str, int | bool]] = {}
        for section, values in self.as_dict().items():
            different = {name: value for name, value in values.items() if defaults[section][name] != value}
            if different:
                changed[section] = different
        return changed

    def settings(self) -> list[TimescaleSetting]:
        """Every setting with its plain-English label, hint, value and default, in a stable order."""
        defaults = self.default()
        rows = []
        for section in SECTION_LABELS:
            current = getattr(self, section)
            for item in fields(current):
                rows.append(
                    TimescaleSetting(
                        section=section,
                        name=item.name,
                        label=item.metadata["label"],
                        hint=item.metadata["hint"],
                        unit=item.metadata["unit"],
                        value=getattr(current, item.name),
                        default=getattr(getattr(defaults, section), item.name),
                        limit=limit_text(item.metadata),
                        fixed=bool(item.metadata.get("fixed_by")),
                    )
                )
        return rows
