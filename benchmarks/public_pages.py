"""How close the portal's public pages come to the bare-Flask limit: `make benchmark-pages`.

The portal runs with its production settings (HTTPS assumed from the proxy's header, security headers, CSRF, rate
limiter) under gunicorn with 2 sync workers; a bare Flask app returning the very bytes the portal served runs under
the same gunicorn. wrk loads each in turn, as first-time visitors (no cookies), and the requests-per-second ratio is
printed for the start page and the first question page: the median of 3 runs. The goal is 0.7 or more.

Beside the ratio of requests per second it prints the ratio of requests per CPU-second the servers used. On a quiet
machine the two agree; on a shared one, where other work takes the cores in bursts, the second is the steadier.
"""

from __future__ import annotations

import argparse
import http.client
import re
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.servers import PROXY_HEADERS, Server, gunicorn, production_environment

PAGES = {"start page": "/", "question page": "/complaint/who-are-you"}
TARGET_RATIO = 0.7


def prepare_database(folder: Path) -> str:
    """A migrated SQLite database with the default lists, as `make run` would have it before the demo data."""
    from flask_migrate import upgrade

    from portal import create_app
    from portal.data.database import db
    from portal.data.defaults import ensure_default_lists
    from portal.data.queries.settings import council_settings

    url = f"sqlite:///{folder / 'portal.db'}"
    app = create_app({"ENVIRONMENT": "test", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        ensure_default_lists()
        council_settings()
        db.session.remove()
        db.engine.dispose()
    return url


def fetch(server: Server, path: str) -> bytes:
    connection = http.client.HTTPConnection(server.host, server.port, timeout=10)
    try:
        connection.request("GET", path, headers=PROXY_HEADERS)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise RuntimeError(f"GET {path} answered {response.status}")
    return body


@dataclass(frozen=True)
class Rate:
    per_second: float
    per_cpu_second: float


def measure(server: Server, path: str, seconds: int, connections: int) -> Rate:
    """Loads `path` with wrk; returns requests per second and per CPU-second of the server."""
    cpu_before = server.cpu_seconds()
    headers = [argument for name, value in PROXY_HEADERS.items() for argument in ("-H", f"{name}: {value}")]
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", *headers, server.url + path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx or 3xx responses" in output:
        raise RuntimeError(f"{path} gave errors under load:\n{output}")
    cpu = server.cpu_seconds() - cpu_before
    requests = int(re.search(r"(\d+) requests in", output)[1])
    return Rate(float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]), requests / cpu)


def run(runs: int = 3, seconds: int = 5, connections: int = 8) -> dict[str, float]:
    """Prints requests per second for each page on the portal and on the bare app; returns the median ratios."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed to load the servers: apt-get install -y wrk (make benchmark-pages does)")
    ratios: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        environment = production_environment(prepare_database(folder), PORTAL_INSTANCE_PATH=str(folder))
        with gunicorn("wsgi:app", environment) as portal:
            pages = {name: (path, fetch(portal, path)) for name, path in PAGES.items()}
            for name, (path, body) in pages.items():
                page_file = folder / f"{abs(hash(path))}.html"
                page_file.write_bytes(body)
                bare_environment = {**environment, "BARE_PAGE": str(page_file)}
                with gunicorn("benchmarks.bare_app:app", bare_environment) as bare:
                    if fetch(bare, path) != body:
                        raise RuntimeError("the bare app does not serve the portal's bytes")
                    portal_rates, bare_rates = [], []
                    for _ in range(runs):
                        portal_rates.append(measure(portal, path, seconds, connections))
                        bare_rates.append(measure(bare, path, seconds, connections))
                ratios[name] = report(name, path, len(body), portal_rates, bare_rates)
    return ratios


def report(name: str, path: str, size: int, portal: list[Rate], bare: list[Rate]) -> float:
    """Prints the medians and ratios; returns the median ratio of requests per second."""
    ratio = statistics.median(p.per_second / b.per_second for p, b in zip(portal, bare, strict=True))
    cpu_ratio = statistics.median(p.per_cpu_second / b.per_cpu_second for p, b in zip(portal, bare, strict=True))
    print(
        f"{name} {path} ({size} bytes), median of {len(portal)} runs:\n"
        f"  portal     {statistics.median(p.per_second for p in portal):7.0f} req/s"
        f"   {statistics.median(p.per_cpu_second for p in portal):7.0f} req/CPU-s\n"
        f"  bare Flask {statistics.median(b.per_second for b in bare):7.0f} req/s"
        f"   {statistics.median(b.per_cpu_second for b in bare):7.0f} req/CPU-s\n"
        f"  ratio      {ratio:7.2f}         {cpu_ratio:7.2f}          (target {TARGET_RATIO})"
    )
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    options = parser.parse_args()
    run(options.runs, options.seconds, options.connections)


if __name__ == "__main__":
    main()
