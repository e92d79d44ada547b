"""The load test with faults: `make load` (20,000 complaints), or `python -m benchmarks.load --submissions 200`.

Starts the portal with its production settings under gunicorn (2 workers) on the PostgreSQL database that
DATABASE_URL names (`make load` starts a throwaway cluster for it, as the tests do), and sends simulated people
through the whole complaint journey at once: every question page fetched and answered, check answers, send, and the
confirmation with its reference. Part-way through it kills one gunicorn worker outright, and later ends one of the
PostgreSQL connections of the workers still running (pg_terminate_backend). A person whose request fails does what
a person would: tries the same request again.

Then it checks the database against what the people were shown: every reference shown exists exactly once with that
person's answers, no reference was shown for something not stored, no case was stored that nobody was shown, no
draft was left claimed without its case, and every acknowledgement is in the outbox once. It prints throughput,
the 50th, 95th and 99th percentile time of each page, and each worker's resident memory after the run. It exits 1
if any check fails.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from sqlalchemy import create_engine, make_url, text

from benchmarks.servers import (
    PROXY_HEADERS,
    Server,
    gunicorn,
    parent_of,
    process_tree_cpu_seconds,
    production_environment,
)

MEMORY_TARGET_MB = 150
ATTEMPTS = 20
PROGRESS_EVERY = 1_000  # a line in the log every so many complaints sent, so a long run shows it is going
CSRF_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')
REFERENCE = re.compile(r"class='app-reference'>([^<]+)<")


def complaint_pages(marker: str, team_id: str, about_a_child: bool) -> list[tuple[str, dict]]:
    """One person's answers, page by page, as a browser posts them; `marker` makes their words their own."""
    child = [
        ("on-behalf", {"on_behalf_of_child": "yes"}),
        ("child-details", {"child_name": "Riley", "child_date_of_birth": ["4", "5", "2016"], "child_age": ""}),
        ("child-agrees", {"child_agrees": "yes"}),
    ]
    return [
        ("who-are-you", {"role": "parent"}),
        ("about-a-child", {"about_child": "yes" if about_a_child else "no"}),
        *(child if about_a_child else []),
        ("what-happened", {"what_happened": f"Family time was cancelled with no notice ({marker})."}),
        ("when-it-happened", {"happened_on": ["", "", ""], "happened_when": "Last spring"}),
        ("team", {"team": team_id, "worker_name": "Lee"}),
        ("put-it-right", {"desired_outcome": f"A reliable plan for family time ({marker})."}),
        ("raised-before", {"raised_before": "no", "previous_reference": ""}),
        ("documents", {}),
        ("contact-details", {"full_name": "Sam Fairweather", "email": f"{marker}@example.com", "phone": "",
                             "address": "", "postcode": ""}),
        ("contact-preferences", {"contact_methods": ["email"], "safe_contact_times": "", "voicemail_ok": "no",
                                 "letters_ok": "yes"}),
        ("support", {}),
        ("advocacy", {"wants_advocacy_information": "no"}),
        ("equalities", {}),
    ]  # fmt: skip


class GaveUp(RuntimeError):
    """A request failed every time it was tried."""


@dataclass
class Timings:
    by_page: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    retries: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, page: str, seconds: float) -> None:
        with self.lock:
            self.by_page[page].append(seconds)


class Person:
    """One browser: its session cookie and CSRF token, sending each request again when it fails."""

    def __init__(self, server: Server, timings: Timings) -> None:
        self.server = server
        self.timings = timings
        self.cookie = ""
        self.token = ""

    def request(self, method: str, path: str, page: str, form: dict | None = None) -> tuple[int, str, str]:
        body = (
            urllib.parse.urlencode({**(form or {}), "csrf_token": self.token}, doseq=True) if form is not None else None
        )
        headers = {**PROXY_HEADERS, **({"Cookie": self.cookie} if self.cookie else {})}
        if body is not None:
            # As a browser sends them: Flask-WTF checks over HTTPS that a form came from one of the portal's pages.
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://{self.server.host}:{self.server.port}{path}"
        for attempt in range(ATTEMPTS):
            started = time.perf_counter()
            connection = http.client.HTTPConnection(self.server.host, self.server.port, timeout=60)
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                text_body = response.read().decode()
            except (OSError, http.client.HTTPException):
                status = None
            else:
                status = response.status
            finally:
                connection.close()
            if status is not None and status < 500:
                self.timings.add(f"{method} {page}", time.perf_counter() - started)
                self._remember(response.getheader("Set-Cookie"))
                return status, response.getheader("Location") or "", text_body
            with self.timings.lock:
                self.timings.retries += 1
            time.sleep(min(0.05 * 2**attempt, 1))
        raise GaveUp(f"{method} {path} failed {ATTEMPTS} times")

    def _remember(self, set_cookie: str | None) -> None:
        if set_cookie and set_cookie.startswith("session="):
            self.cookie = set_cookie.split(";", 1)[0]

    def get_page(self, path: str, page: str) -> str:
        status, _, body = self.request("GET", path, page)
        if status != 200:
            raise AssertionError(f"GET {path} answered {status}")
        match = CSRF_TOKEN.search(body)
        if match:
            self.token = match[1] or match[2]
        return body

    def complain(self, marker: str, team_id: str, about_a_child: bool) -> str:
        """Goes through the whole complaint journey; returns the reference the confirmation page showed."""
        for slug, answers in complaint_pages(marker, team_id, about_a_child):
            path = f"/complaint/{slug}"
            self.get_page(path, slug)
            status, location, _ = self.request("POST", path, slug, answers)
            if status != 302:
                raise AssertionError(f"POST {path} answered {status}")
        self.get_page("/complaint/check-answers", "check-answers")
        status, location, _ = self.request("POST", "/complaint/check-answers", "check-answers", {"declaration": "y"})
        if status != 302 or not location.endswith("/complaint/sent"):
            raise AssertionError(f"sending answered {status} {location}")
        match = REFERENCE.search(self.get_page("/complaint/sent", "sent"))
        if not match:
            raise AssertionError("the confirmation showed no reference")
        return match[1]


@dataclass
class Run:
    shown: dict[str, str] = field(default_factory=dict)  # marker -> reference shown
    about_a_child: dict[str, bool] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_number: int = 0

    def take(self, total: int) -> int | None:
        with self.lock:
            if self.next_number >= total:
                return None
            self.next_number += 1
            return self.next_number

    @property
    def done(self) -> int:
        return len(self.shown) + len(self.failures)

    def log(self, message: str) -> None:
        line = f"[{time.strftime('%H:%M:%S')}] {message}"
        print(line, flush=True)
        with self.lock:
            self.events.append(line)


def prepare_database(database_url: str) -> str:
    """Migrates the database and loads the default lists; returns the id of a team to name."""
    from flask_migrate import upgrade

    from portal import create_app
    from portal.data.database import db
    from portal.data.defaults import ensure_default_lists
    from portal.data.queries.settings import council_settings
    from portal.data.queries.teams import active_teams

    app = create_app({"ENVIRONMENT": "test", "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        upgrade()
        ensure_default_lists()
        council_settings()
        team_id = str(active_teams()[0].id)
        # Hand the session's connection back before closing them all, or it is left open until collected.
        db.session.remove()
        db.engine.dispose()
    return team_id


def _psycopg_url(database_url: str) -> str:
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


def postgresql_server_pid(database_url: str) -> int | None:
    """The PostgreSQL server's main process when it runs on this machine (a connection's parent), else None."""
    url = _psycopg_url(database_url)
    with psycopg.connect(url, autocommit=True) as connection:
        backend = connection.execute("SELECT pg_backend_pid()").fetchone()[0]
        server = parent_of(backend)
    return server if server and Path(f"/proc/{server}").exists() else None


@dataclass
class CpuUse:
    """CPU-seconds, user and system, used during the run by each part of it."""

    gunicorn: float
    people: float
    database: float | None

    @classmethod
    def so_far(cls, server: Server, database_pid: int | None) -> CpuUse:
        """What each part has used since it started; the simulated people are this process."""
        database = None if database_pid is None else process_tree_cpu_seconds(database_pid)
        return cls(server.cpu_seconds(), time.process_time(), database)

    def since(self, before: CpuUse) -> CpuUse:
        database = None if self.database is None else self.database - before.database
        return CpuUse(self.gunicorn - before.gunicorn, self.people - before.people, database)

    def lines(self, requests: int) -> list[str]:
        parts = [("gunicorn", self.gunicorn), ("the simulated people", self.people)]
        if self.database is not None:
            parts.append(("PostgreSQL", self.database))
        total = sum(seconds for _, seconds in parts)
        return [
            *(
                f"{name} used {seconds:.0f} CPU-seconds, {seconds / requests * 1000:.1f} ms per request"
                for name, seconds in parts
            ),
            f"In all {total / requests * 1000:.1f} ms of CPU per request: with {os.cpu_count()} cores, at most "
            f"{requests / total * os.cpu_count():.0f} requests a second on this machine",
        ]


def terminate_a_connection(database_url: str, run: Run) -> None:
    """Ends one PostgreSQL connection of the portal's, preferring one in the middle of a query or transaction."""
    url = _psycopg_url(database_url)
    query = (
        "SELECT pid, state FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
        "AND backend_type = 'client backend' ORDER BY (state = 'idle')"
    )
    with psycopg.connect(url, autocommit=True) as connection:
        for _ in range(200):
            rows = connection.execute(query).fetchall()
            if rows and (rows[0][1] != "idle" or _ == 199):
                pid, state = rows[0]
                connection.execute("SELECT pg_terminate_backend(%s)", (pid,))
                run.log(f"Terminated PostgreSQL connection {pid} ({state}) with pg_terminate_backend")
                return
            time.sleep(0.005)
    run.log("Found no PostgreSQL connection of the portal's to terminate")


def faults(server: Server, database_url: str, run: Run, total: int, stop: threading.Event) -> None:
    """Kills a worker a third of the way through and ends a database connection two thirds of the way."""
    steps = [
        (total // 3, lambda: run.log(f"Killed gunicorn worker {server.kill_a_worker()} with SIGKILL")),
        (2 * total // 3, lambda: terminate_a_connection(database_url, run)),
    ]
    for threshold, fault in steps:
        while run.done < max(threshold, 1) and not stop.is_set():
            time.sleep(0.02)
        if stop.is_set():
            return
        fault()


def simulate(server: Server, team_id: str, total: int, people: int, run: Run, timings: Timings, tag: str) -> None:
    def person_loop() -> None:
        while (number := run.take(total)) is not None:
            marker = f"load-{tag}-{number}"
            about_a_child = number % 2 == 0
            try:
                reference = Person(server, timings).complain(marker, team_id, about_a_child)
            except (GaveUp, AssertionError) as error:
                with run.lock:
                    run.failures.append(f"{marker}: {error}")
                continue
            with run.lock:
                run.shown[marker] = reference
                run.about_a_child[marker] = about_a_child
                sent = len(run.shown)
            if sent % PROGRESS_EVERY == 0:
                run.log(f"{sent:,} of {total:,} complaints sent")

    threads = [threading.Thread(target=person_loop, daemon=True) for _ in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def check(database_url: str, run: Run, tag: str, team_id: str) -> list[str]:
    """What the database holds against what people were shown. Returns the problems found."""
    problems = [f"A person could not finish: {failure}" for failure in run.failures]
    engine = create_engine(database_url)
    with engine.connect() as connection:
        cases = connection.execute(
            text("SELECT id, reference, answers FROM cases WHERE description LIKE :tag"),
            {"tag": f"%(load-{tag}-%"},
        ).all()
        by_reference = defaultdict(list)
        for case in cases:
            by_reference[case.reference].append(case)
        stored_markers = set()
        for marker, reference in run.shown.items():
            found = by_reference.get(reference, [])
            if len(found) != 1:
                problems.append(f"{marker} was shown {reference}, stored {len(found)} times")
                continue
            answers = found[0].answers
            stored_markers.add(marker)
            expected = {
                "what_happened": f"Family time was cancelled with no notice ({marker}).",
                "desired_outcome": f"A reliable plan for family time ({marker}).",
                "email": f"{marker}@example.com",
                "about_child": "yes" if run.about_a_child[marker] else "no",
                "team": team_id,
                "happened_when": "Last spring",
            }
            if run.about_a_child[marker]:
                expected |= {"child_name": "Riley", "child_date_of_birth": "2016-05-04", "child_agrees": "yes"}
            wrong = {key: answers.get(key) for key, value in expected.items() if answers.get(key) != value}
            if wrong:
                problems.append(f"{marker} ({reference}) was stored with other answers: {wrong}")
        shown_references = set(run.shown.values())
        unshown = [case.reference for case in cases if case.reference not in shown_references]
        if unshown:
            problems.append(f"{len(unshown)} cases were stored but no person was shown their reference: {unshown[:5]}")
        duplicated = [reference for reference, found in by_reference.items() if len(found) > 1]
        if duplicated:
            problems.append(f"References stored more than once: {duplicated[:5]}")
        half_sent = connection.scalar(
            text("SELECT count(*) FROM drafts WHERE submitted_at IS NOT NULL AND submitted_case_id IS NULL")
        )
        if half_sent:
            problems.append(f"{half_sent} drafts are marked sent but have no case")
        acknowledgements = dict(
            connection.execute(
                text(
                    "SELECT c.reference, count(o.id) FROM cases c LEFT JOIN outbox_messages o ON o.case_id = c.id "
                    "AND o.template = 'complaint_acknowledgement' WHERE c.description LIKE :tag GROUP BY c.reference"
                ),
                {"tag": f"%(load-{tag}-%"},
            ).all()
        )
        not_once = {reference: count for reference, count in acknowledgements.items() if count != 1}
        if not_once:
            problems.append(f"Acknowledgements not in the outbox exactly once: {dict(list(not_once.items())[:5])}")
    engine.dispose()
    return problems


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def report(run: Run, timings: Timings, seconds: float, server: Server, cpu: CpuUse) -> dict[int, float]:
    requests = sum(len(values) for values in timings.by_page.values())
    print(
        f"\n{len(run.shown)} complaints sent by simulated people in {seconds:.1f} s: "
        f"{len(run.shown) / seconds:.1f} complaints/s, {requests / seconds:.0f} requests/s, "
        f"{timings.retries} requests tried again after a fault"
    )
    # On a shared machine the wall-clock rate says more about the neighbours than the portal; CPU time does not.
    for line in cpu.lines(requests):
        print(line)
    print(f"{'page':<32}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for page, values in sorted(timings.by_page.items(), key=lambda item: item[0].split(" ")[::-1]):
        print(
            f"{page:<32}{len(values):>9}{statistics.median(values) * 1000:>9.1f}"
            f"{percentile(values, 0.95) * 1000:>9.1f}{percentile(values, 0.99) * 1000:>9.1f}"
        )
    memory = server.resident_megabytes()
    for pid, megabytes in memory.items():
        verdict = "under" if megabytes < MEMORY_TARGET_MB else "OVER"
        print(f"Worker {pid}: {megabytes:.0f} MB resident after the run ({verdict} the {MEMORY_TARGET_MB} MB target)")
    return memory


def run_load_test(database_url: str, submissions: int, people: int, log: Path | None = None) -> tuple[Run, list[str]]:
    """Runs the whole test; returns the run and the problems the checks found."""
    if not database_url.startswith("postgresql"):
        raise SystemExit("The load test needs PostgreSQL: set DATABASE_URL (make load starts a throwaway cluster)")
    team_id = prepare_database(database_url)
    tag = time.strftime("%Y%m%d%H%M%S")
    run, timings = Run(), Timings()
    with tempfile.TemporaryDirectory() as instance:
        environment = production_environment(database_url, PORTAL_INSTANCE_PATH=instance, SETTINGS_RECHECK_SECONDS="2")
        with gunicorn("wsgi:app", environment, workers=2, log=log) as server:
            run.log(f"Portal under gunicorn on {server.url}, workers {server.worker_pids()}")
            run.log(f"{people} people send {submissions} complaints")
            stop = threading.Event()
            fault_thread = threading.Thread(
                target=faults, args=(server, database_url, run, submissions, stop), daemon=True
            )
            fault_thread.start()
            database_pid = postgresql_server_pid(database_url)
            before = CpuUse.so_far(server, database_pid)
            started = time.perf_counter()
            simulate(server, team_id, submissions, people, run, timings, tag)
            seconds = time.perf_counter() - started
            used = CpuUse.so_far(server, database_pid).since(before)
            stop.set()
            fault_thread.join()
            report(run, timings, seconds, server, used)
    problems = check(database_url, run, tag, team_id)
    return run, problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=20_000)
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--database-url", default=None, help="PostgreSQL; default: the DATABASE_URL variable")
    options = parser.parse_args()
    database_url = options.database_url or os.environ.get("DATABASE_URL", "")
    _, problems = run_load_test(database_url, options.submissions, options.people)
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print("Checks: " + ("all passed: 0 lost, 0 duplicated" if not problems else f"{len(problems)} problems"))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
