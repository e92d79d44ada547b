"""Measures the working-day arithmetic and the time to serve the busiest public pages.

Runs against a throwaway SQLite database, prints medians and 95th percentiles, and exits 0: the numbers are for
people to compare between changes, not pass/fail thresholds.
"""

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from flask_migrate import upgrade

from portal import create_app
from portal.common.working_calendar import england_and_wales_bank_holidays
from portal.data.defaults import ensure_default_lists
from portal.domain.calendar import add_working_days, working_days_between


def measure(name: str, action: Callable[[], object], repeat: int) -> None:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"{name:<55} median {statistics.median(timings):8.3f} ms   p95 {p95:8.3f} ms   ({repeat} runs)")


def domain_benchmarks() -> None:
    holidays = england_and_wales_bank_holidays()
    start = date(2026, 12, 18)
    measure("add_working_days: 65 working days (Stage 2 extended)", lambda: add_working_days(start, 65, holidays), 5000)
    measure("add_working_days: 260 working days", lambda: add_working_days(start, 260, holidays), 5000)
    measure(
        "working_days_between: one year",
        lambda: working_days_between(date(2022, 4, 1), date(2023, 3, 31), holidays),
        5000,
    )


def page_benchmarks() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "ENVIRONMENT": "test",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.db'}",
                "WTF_CSRF_ENABLED": False,
                "RATELIMIT_ENABLED": False,
            }
        )
        with app.app_context():
            upgrade()
            ensure_default_lists()
        client = app.test_client()
        measure("GET / (start page)", lambda: client.get("/"), 300)
        measure("GET /complaint/who-are-you", lambda: client.get("/complaint/who-are-you"), 300)
        measure(
            "POST /complaint/who-are-you (saves the draft)",
            lambda: client.post("/complaint/who-are-you", data={"role": "parent"}),
            300,
        )


if __name__ == "__main__":
    domain_benchmarks()
    page_benchmarks()
