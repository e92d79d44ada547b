"""Times the reports on a synthetic history: the dashboard and the full annual report on SQLite and PostgreSQL, each
against one raw SQL GROUP BY pass over the same cases table (the target: at most three times it, and at most 2 s).

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
from portal.common.clock import uk_today
from portal.data.database import db
from portal.data.models import Case, StageRecord
from portal.domain.reporting import default_period
from portal.domain.types import CaseState, Channel, ClockEvent, FeedbackKind, Finding, Procedure, TimescaleStep
from portal.extensions import limiter
from portal.reporting.annual import annual_report
from portal.reporting.dashboard import dashboard

BATCH = 20_000
PROCEDURES = (Procedure.STATUTORY, Procedure.CORPORATE, Procedure.COMMENT)
FINDINGS = (Finding.UPHELD, Finding.PARTIALLY_UPHELD, Finding.NOT_UPHELD, None)
RAW_GROUP_BY = "SELECT procedure, finding, COUNT(*) FROM cases GROUP BY procedure, finding"


def fill(cases: int, years: int, seed: int = 7) -> None:
    """``cases`` cases received evenly over the last ``years`` years, most answered at Stage 1 (a timed step each)."""
    rng = random.Random(seed)
    last = uk_today()
    first = last - timedelta(days=365 * years)
    span = (last - first).days
    next_id = 1
    while next_id <= cases:
        size = min(BATCH, cases - next_id + 1)
        case_rows, step_rows = [], []
        for case_id in range(next_id, next_id + size):
            received = first + timedelta(days=rng.randrange(span))
            procedure = rng.choice(PROCEDURES)
            answered = received + timedelta(days=rng.randrange(5, 40))
            done = answered <= last and rng.random() < 0.95
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
                    "finding": rng.choice(FINDINGS) if done else None,
                    "answers": {},
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
                    "due_on": received + timedelta(days=28),
                    "completed_on": answered if done else None,
                    "completed_by": ClockEvent.STAGE_1_RESPONSE_SENT if done else None,
                }
            )
        db.session.execute(insert(Case), case_rows)
        db.session.execute(insert(StageRecord), step_rows)
        db.session.commit()
        next_id += size
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("ANALYZE"))
        db.session.commit()


def _median_ms(action, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def run(name: str, url: str, cases: int, years: int, repeat: int) -> None:
    app = create_app({"ENVIRONMENT": "test", "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False})
    limiter.enabled = False
    with app.app_context(), app.test_request_context():
        upgrade()
        started = time.perf_counter()
        fill(cases, years)
        print(f"{name}: {cases:,} cases over {years} years made in {time.perf_counter() - started:.0f} s")
        period = default_period(uk_today())
        annual_report(period)  # builds the working-day calendar once, as the first report of a day would
        raw = _median_ms(lambda: db.session.execute(text(RAW_GROUP_BY)).all(), repeat)
        report = _median_ms(lambda: annual_report(period), repeat)
        board = _median_ms(lambda: dashboard(uk_today()), repeat)
        print(f"  raw GROUP BY over cases       {raw:9.1f} ms")
        print(f"  annual report ({period.label})      {report:9.1f} ms   {report / raw:5.1f} x the GROUP BY")
        print(f"  dashboard                     {board:9.1f} ms   {board / raw:5.1f} x the GROUP BY")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgresql", help="A PostgreSQL database URL to run on too (emptied first)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        run("SQLite", f"sqlite:///{Path(folder) / 'reports.db'}", args.cases, args.years, args.repeat)
    if args.postgresql:
        run("PostgreSQL", args.postgresql, args.cases, args.years, args.repeat)


if __name__ == "__main__":
    main()
