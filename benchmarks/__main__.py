"""Measures the working-day arithmetic, the time to serve the busiest public pages, staff sign-in and the look-up that
signs people in to follow their case.

Runs against a throwaway SQLite database, prints medians and 95th percentiles, and exits 0: the numbers are for
people to compare between changes, not pass/fail thresholds. The sign-in section says whether an unknown email, a
wrong password and a locked account take the same time (medians within 20 % of each other), so response times
cannot tell an attacker which accounts exist. The look-up section says the same of a reference that does not exist and
a real one with the wrong address.
"""

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade

from portal import create_app
from portal.common.clock import utc_now
from portal.common.passwords import hash_password
from portal.common.working_calendar import england_and_wales_bank_holidays
from portal.data.database import db
from portal.data.defaults import ensure_default_lists
from portal.data.models import Case, Person, StaffUser
from portal.domain.calendar import add_working_days, working_days_between
from portal.domain.references import new_reference
from portal.domain.types import Channel, FeedbackKind, StaffRole, SubmitterRole
from portal.extensions import limiter

ENUMERATION_TOLERANCE = 0.20


def report(name: str, timings: list[float]) -> float:
    timings = sorted(timings)
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    median = statistics.median(timings)
    print(f"{name:<55} median {median:8.3f} ms   p95 {p95:8.3f} ms   ({len(timings)} runs)")
    return median


def measure(name: str, action: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return report(name, timings)


def measure_together(actions: dict[str, Callable[[], object]], repeat: int, between=lambda: None) -> dict[str, float]:
    """Times each action in turn, round after round, so a slow spell of the machine falls on all of them alike."""
    timings: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(repeat):
        for name, action in actions.items():
            between()
            started = time.perf_counter()
            action()
            timings[name].append((time.perf_counter() - started) * 1000)
    return {name: report(name, values) for name, values in timings.items()}


def say_whether_alike(what: str, medians: list[float]) -> None:
    """Prints whether the medians are within ENUMERATION_TOLERANCE of each other: if not, timing tells them apart."""
    spread = max(medians) / min(medians) - 1
    verdict = "yes" if spread <= ENUMERATION_TOLERANCE else "NO"
    print(f"{what} within {ENUMERATION_TOLERANCE:.0%} of each other: {verdict} (spread {spread:.1%})")


def scratch_app(folder: str) -> Flask:
    app = create_app(
        {
            "ENVIRONMENT": "test",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.db'}",
            "WTF_CSRF_ENABLED": False,
        }
    )
    # Off after set-up rather than by RATELIMIT_ENABLED, which would leave the shared limiter without its storage.
    limiter.enabled = False
    with app.app_context():
        upgrade()
        ensure_default_lists()
    return app


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
        app = scratch_app(folder)
        client = app.test_client()
        measure("GET / (start page)", lambda: client.get("/"), 300)
        measure("GET /complaint/who-are-you", lambda: client.get("/complaint/who-are-you"), 300)
        measure(
            "POST /complaint/who-are-you (saves the draft)",
            lambda: client.post("/complaint/who-are-you", data={"role": "parent"}),
            300,
        )


def sign_in_benchmarks(repeat: int = 40) -> dict[str, float]:
    """Median milliseconds of a refused sign-in for each kind of refusal, and whether they are alike."""
    with tempfile.TemporaryDirectory() as folder:
        app = scratch_app(folder)
        with app.app_context():
            password_hash = hash_password("the right passphrase for this")
            for email, locked in (("known@anytown.example", False), ("locked@anytown.example", True)):
                db.session.add(
                    StaffUser(
                        email=email,
                        name="Benchmark Person",
                        role=StaffRole.COMPLAINTS_OFFICER,
                        password_hash=password_hash,
                        failed_sign_ins=0,
                        locked_until=utc_now() + timedelta(days=365) if locked else None,
                    )
                )
            db.session.commit()

            def keep_the_known_account_unlocked() -> None:
                db.session.execute(
                    db.update(StaffUser).where(StaffUser.locked_until.is_(None)).values(failed_sign_ins=0)
                )
                db.session.commit()

        client = app.test_client()

        def attempt(email: str) -> Callable[[], object]:
            return lambda: client.post("/staff/sign-in", data={"email": email, "password": "a wrong guess at it"})

        with app.app_context():
            medians = measure_together(
                {
                    "POST /staff/sign-in: no such account": attempt("nobody@anytown.example"),
                    "POST /staff/sign-in: wrong password": attempt("known@anytown.example"),
                    "POST /staff/sign-in: locked account": attempt("locked@anytown.example"),
                },
                repeat,
                between=keep_the_known_account_unlocked,
            )
        say_whether_alike("Sign-in medians", list(medians.values()))
        reset = {
            "POST /staff/reset-password: no such account": lambda: client.post(
                "/staff/reset-password", data={"email": "nobody@anytown.example"}
            ),
            "POST /staff/reset-password: known account": lambda: client.post(
                "/staff/reset-password", data={"email": "known@anytown.example"}
            ),
        }
        with app.app_context():
            measure_together(reset, repeat)
        return medians


def tracking_look_up_benchmarks(repeat: int = 40) -> dict[str, float]:
    """Median milliseconds of a tracking look-up (issue 12) for a reference that does not exist, a real reference with
    an address it was not given with, and the right address, and whether the first two are alike: the answer must not
    tell anyone which references exist or which address goes with one."""
    with tempfile.TemporaryDirectory() as folder:
        app = scratch_app(folder)
        with app.app_context():
            reference = new_reference(random.Random(7))
            db.session.add(
                Case(
                    reference=reference,
                    kind=FeedbackKind.COMPLAINT,
                    channel=Channel.ONLINE,
                    received_on=date(2027, 1, 4),
                    submitter=Person(role=SubmitterRole.PARENT, name="Benchmark Person", email="known@example.com"),
                )
            )
            db.session.commit()
        client = app.test_client()
        unknown = random.Random(8)

        def look_up(reference: Callable[[], str], contact: str) -> Callable[[], object]:
            return lambda: client.post("/track", data={"reference": reference(), "contact": contact}).close()

        with app.app_context():
            medians = measure_together(
                {
                    "POST /track: no such reference": look_up(lambda: new_reference(unknown), "known@example.com"),
                    "POST /track: real reference, wrong address": look_up(lambda: reference, "someone@example.com"),
                    "POST /track: real reference, right address": look_up(lambda: reference, "known@example.com"),
                },
                repeat,
            )
        say_whether_alike(
            "Look-up medians (no such reference, wrong address)",
            [medians["POST /track: no such reference"], medians["POST /track: real reference, wrong address"]],
        )
        return medians


if __name__ == "__main__":
    domain_benchmarks()
    page_benchmarks()
    sign_in_benchmarks()
    tracking_look_up_benchmarks()
