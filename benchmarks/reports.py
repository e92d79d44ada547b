"""Times the reports on a synthetic history: the dashboard and the full annual report on SQLite and PostgreSQL, each
against one raw SQL GROUP BY pass over the same cases table (the target: at most three times it, and at most 2 s),
and the staff case list, each of its filters and its search, as 95th percentiles (the target: 100 ms on PostgreSQL).

    python -m benchmarks.reports [--cases 1000000] [--years 10] [--postgresql URL]

`./scripts/benchmark-reports.sh` (or `make benchmark-reports`) starts a throwaway PostgreSQL and runs both.
"""

import argparse
import random
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import insert, text

from portal import create_app
from portal.casework.services import CASES_COUNTED_AHEAD, CASES_PER_PAGE
from portal.common.clock import uk_today, utc_now
from portal.data.database import db
from portal.data.models import Case, CaseChild, Person, StaffUser, StageRecord, Team
from portal.data.next_due import refresh_next_due_on
from portal.data.queries.queues import CaseSearch, Direction, Queue, SortKey, Status, find_cases
from portal.domain.reporting import complainant_key, default_period
from portal.domain.types import (
    CaseState,
    Channel,
    ClockEvent,
    FeedbackKind,
    Finding,
    Procedure,
    StaffRole,
    SubmitterRole,
    TimescaleStep,
)
from portal.extensions import limiter
from portal.reporting.annual import annual_report
from portal.reporting.dashboard import dashboard

BATCH = 20_000
PROCEDURES = (Procedure.STATUTORY, Procedure.CORPORATE, Procedure.COMMENT)
FINDINGS = (Finding.UPHELD, Finding.PARTIALLY_UPHELD, Finding.NOT_UPHELD, None)
RAW_GROUP_BY = "SELECT procedure, finding, COUNT(*) FROM cases GROUP BY procedure, finding"
# The database may answer RAW_GROUP_BY from an index that holds both columns (on PostgreSQL, ix_cases_received_on_kind
# since it holds the finding; on SQLite, the report's wide index) rather than from the table: the benchmark times it
# both ways, the second reading every row of the table.
NO_INDEX_SCANS = ("enable_indexscan", "enable_indexonlyscan", "enable_bitmapscan")
TEAMS = 12
# Fictional names: a first name and a surname of three syllables, so that a full name matches a handful of cases.
FIRST_NAMES = ("Alex", "Sam", "Jordan", "Casey", "Robin", "Morgan", "Taylor", "Jamie", "Riley", "Drew")
SYLLABLES = ("ash", "brin", "cor", "dun", "el", "fen", "gar", "hol", "ing", "kel", "lor", "mar", "nor", "pel", "quin")


def _name(rng: random.Random) -> str:
    surname = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
    return f"{rng.choice(FIRST_NAMES)} {surname}"


def fill(cases: int, years: int, seed: int = 7) -> None:
    """``cases`` cases received evenly over the last ``years`` years, most answered at Stage 1 (a timed step each)."""
    rng = random.Random(seed)
    last = uk_today()
    first = last - timedelta(days=365 * years)
    span = (last - first).days
    # Given once rather than left to the columns' defaults, which would be worked out again for every row.
    stamped = {"created_at": utc_now()}
    db.session.execute(insert(Team), [{"id": number, "name": f"Team {number}"} for number in range(1, TEAMS + 1)])
    next_id = 1
    while next_id <= cases:
        size = min(BATCH, cases - next_id + 1)
        case_rows, step_rows, people_rows, child_rows = [], [], [], []
        for case_id in range(next_id, next_id + size):
            received = first + timedelta(days=rng.randrange(span))
            procedure = rng.choice(PROCEDURES)
            answered = received + timedelta(days=rng.randrange(5, 40))
            done = answered <= last and rng.random() < 0.95
            due = received + timedelta(days=28)
            name, role = _name(rng), rng.choice(list(SubmitterRole))
            email = f"{name.replace(' ', '.').lower()}{case_id}@example.org"
            people_rows.append(
                {
                    "id": case_id,
                    "role": role,
                    "name": name,
                    "email": email,
                    "contact_methods": [],
                    "support_needs": {},
                    **stamped,
                }
            )
            if case_id % 3 == 0:
                child_rows.append({"case_id": case_id, "name": _name(rng)})
            case_rows.append(
                {
                    "id": case_id,
                    "reference": f"BM-{case_id:09d}",
                    "kind": FeedbackKind.COMMENT if procedure is Procedure.COMMENT else FeedbackKind.COMPLAINT,
                    "procedure": procedure,
                    "state": CaseState.CLOSED if done else CaseState.STAGE_1,
                    "channel": rng.choice(list(Channel)),
                    "received_on": received,
                    "closed_on": answered if done else None,
                    "stage_1_answered_on": answered if done else None,
                    "stage_1_clock_started_on": received if done else None,
                    "stage_1_due_on": due if done else None,
                    "stage_1_extended": False if done else None,
                    "finding": rng.choice(FINDINGS) if done else None,
                    "answers": {},
                    "submitter_id": case_id,
                    "submitter_role": role,
                    "submitter_key": complainant_key(email, None, name),
                    "team_id": rng.randrange(1, TEAMS + 1),
                    "made_by_child": case_id % 10 == 0,
                    "safeguarding_flag": case_id % 200 == 0,
                    "safeguarding_matches": [],
                    "screening": {},
                    "hold_proceedings": [],
                    "tracking_shared": [],
                    "updated_at": stamped["created_at"],
                    **stamped,
                }
            )
            step_rows.append(
                {
                    "case_id": case_id,
                    "state": CaseState.STAGE_1,
                    "procedure": procedure,
                    "step": TimescaleStep.STAGE_1_RESPONSE,
                    "started_on": received,
                    "clock_started_on": received,
                    "due_on": due,
                    "completed_on": answered if done else None,
                    "completed_by": ClockEvent.STAGE_1_RESPONSE_SENT if done else None,
                }
            )
        # Into the tables, not through the ORM's bulk insert: that splits a batch wherever a row has other columns
        # left empty than the row before, which made filling ten times slower.
        for model, rows in (
            (Person, people_rows),
            (Case, case_rows),
            (StageRecord, step_rows),
            (CaseChild, child_rows),
        ):
            db.session.execute(insert(model.__table__), rows)
        db.session.commit()
        next_id += size
    if db.engine.dialect.name == "postgresql":
        # What autovacuum does after a bulk load: statistics for the planner, and the visibility map that lets the
        # reports read their indexes without visiting the table.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))


def _table_pass() -> None:
    """RAW_GROUP_BY reading the table itself: a pass over every case's row."""
    if db.engine.dialect.name == "postgresql":
        for setting in NO_INDEX_SCANS:
            db.session.execute(text(f"SET LOCAL {setting} = off"))
        db.session.execute(text(RAW_GROUP_BY)).all()
    else:
        db.session.execute(text(RAW_GROUP_BY.replace("FROM cases", "FROM cases NOT INDEXED"))).all()
    db.session.commit()


def _timings_ms(action, repeat: int) -> list[float]:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _median_ms(action, repeat: int) -> float:
    return statistics.median(_timings_ms(action, repeat))


def case_list_searches(cases: int) -> dict[str, CaseSearch]:
    """The staff case list as staff use it: the default list, each filter alone, the search by each thing it
    searches (a reference, a submitter's full name and email address, a child's name), and the other orders."""
    rng = random.Random(cases)
    some = rng.randrange(1, cases + 1)
    child_case = db.session.get(CaseChild, db.session.scalar(text("SELECT min(id) FROM case_children")))
    person = db.session.get(Person, some)
    return {
        "the whole list": CaseSearch(),
        "to screen": CaseSearch(queue=Queue.TO_SCREEN),
        "due soon": CaseSearch(queue=Queue.DUE),
        "on hold": CaseSearch(queue=Queue.ON_HOLD),
        "kind: complaint": CaseSearch(kinds=frozenset({FeedbackKind.COMPLAINT})),
        "procedure: statutory": CaseSearch(procedures=frozenset({Procedure.STATUTORY})),
        "stage: Stage 1": CaseSearch(states=frozenset({CaseState.STAGE_1})),
        "status: open": CaseSearch(status=Status.OPEN),
        "status: closed": CaseSearch(status=Status.CLOSED),
        "team": CaseSearch(team_id=3),
        "theme": CaseSearch(theme_id=1),
        "made by a child": CaseSearch(made_by_child=True),
        "safeguarding flag": CaseSearch(flagged=True),
        "search: reference": CaseSearch(text=f"BM-{some:09d}", reference=f"BM-{some:09d}"),
        "search: name": CaseSearch(text=person.name),
        "search: email": CaseSearch(text=person.email),
        "search: child's name": CaseSearch(text=child_case.name),
        "oldest first": CaseSearch(direction=Direction.ASCENDING),
        "by reference": CaseSearch(sort=SortKey.REFERENCE, direction=Direction.ASCENDING),
        "by due date": CaseSearch(sort=SortKey.DUE, direction=Direction.ASCENDING),
    }


def time_case_list(cases: int, repeat: int) -> None:
    # fill() writes with Core inserts, which skip the session's flush that keeps each case's next deadline.
    refresh_next_due_on(db.session.connection())
    viewer = StaffUser(email="bench@example.org", name="Bench", role=StaffRole.COMPLAINTS_MANAGER, password_hash="x")
    db.session.add(viewer)
    db.session.commit()
    today = uk_today()
    due_before = {what: today + timedelta(days=5) for what in (*Procedure, *FeedbackKind)}
    worst = 0.0
    for label, search in case_list_searches(cases).items():
        timings = _timings_ms(
            lambda search=search: find_cases(
                viewer,
                search,
                due_before=due_before,
                limit=CASES_PER_PAGE,
                offset=0,
                count_past=CASES_COUNTED_AHEAD,
            ),
            repeat,
        )
        p95 = statistics.quantiles(timings, n=20)[-1]
        worst = max(worst, p95)
        # On a shared machine one slow sample of the 20 can set the 95th percentile; the median shows whether it did.
        print(f"  case list, {label:24s} p95 {p95:7.1f} ms   median {statistics.median(timings):7.1f} ms")
    print(f"  case list, slowest            p95 {worst:7.1f} ms")


def run(name: str, url: str, cases: int, years: int, repeat: int, *, reports: bool = True) -> None:
    app = create_app({"ENVIRONMENT": "test", "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False})
    limiter.enabled = False
    with app.app_context(), app.test_request_context():
        upgrade()
        started = time.perf_counter()
        fill(cases, years)
        print(f"{name}: {cases:,} cases over {years} years made in {time.perf_counter() - started:.0f} s")
        if not reports:
            time_case_list(cases, repeat=max(repeat, 20))
            return
        period = default_period(uk_today())
        annual_report(period)  # builds the working-day calendar once, as the first report of a day would
        raw = _median_ms(lambda: db.session.execute(text(RAW_GROUP_BY)).all(), repeat)
        table = _median_ms(_table_pass, repeat)
        report = _median_ms(lambda: annual_report(period), repeat)
        board = _median_ms(lambda: dashboard(uk_today()), repeat)
        print(f"  raw GROUP BY over cases       {raw:9.1f} ms")
        print(f"  the same, reading the table   {table:9.1f} ms")
        for name, took in ((f"annual report ({period.label})", report), ("dashboard", board)):
            print(
                f"  {name:28s}  {took:9.1f} ms   {took / raw:5.1f} x the GROUP BY, {took / table:5.1f} x the table pass"
            )
        time_case_list(cases, repeat=max(repeat, 20))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgresql", help="A PostgreSQL database URL to run on too (emptied first)")
    parser.add_argument("--only", choices=["case-list"], help="Time only the staff case list, not the reports")
    args = parser.parse_args()
    reports = args.only != "case-list"
    with tempfile.TemporaryDirectory() as folder:
        run("SQLite", f"sqlite:///{Path(folder) / 'reports.db'}", args.cases, args.years, args.repeat, reports=reports)
    if args.postgresql:
        run("PostgreSQL", args.postgresql, args.cases, args.years, args.repeat, reports=reports)


if __name__ == "__main__":
    main()
