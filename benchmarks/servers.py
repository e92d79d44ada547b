"""App servers for the benchmarks and the load test: gunicorn started on a free loopback port, its workers found,
measured and, for the load test, killed."""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
STARTUP_SECONDS = 60
# What a proxy in front of the portal would send: the request came over HTTPS.
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a deployed portal (every production check on), with a database of the caller's."""
    return {
        **os.environ,
        "PORTAL_ENV": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "BASE_URL": "https://feedback.anytown.example",
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(PROJECT_ROOT),
        **extra,
    }


@dataclass
class Server:
    host: str
    port: int
    process: subprocess.Popen

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def worker_pids(self) -> list[int]:
        return sorted(pid for pid in _all_pids() if parent_of(pid) == self.process.pid)

    def resident_megabytes(self) -> dict[int, float]:
        """Each worker's resident memory (VmRSS), in MB."""
        return {pid: _resident_kilobytes(pid) / 1024 for pid in self.worker_pids()}

    def cpu_seconds(self) -> float:
        """CPU time used so far by gunicorn's master and its workers, user and system, counting workers that have
        ended (a killed worker's time is added to the master's once it has collected it)."""
        return process_tree_cpu_seconds(self.process.pid)

    def kill_a_worker(self) -> int:
        """Kills one worker outright (SIGKILL, as the out-of-memory killer would); gunicorn starts another."""
        pid = self.worker_pids()[0]
        os.kill(pid, signal.SIGKILL)
        return pid


@contextmanager
def gunicorn(app: str, environment: dict[str, str], workers: int = 2, log: Path | None = None) -> Iterator[Server]:
    """Serves the WSGI app `app` ("module:callable") under gunicorn's sync workers until the block ends."""
    port = free_port()
    output = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115  (closed below)
    process = subprocess.Popen(
        [str(GUNICORN), "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--graceful-timeout", "5", app],
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=output,
        stderr=output,
    )
    server = Server("127.0.0.1", port, process)
    try:
        _wait_until_serving(server, workers)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log:
            output.close()


def _wait_until_serving(server: Server, workers: int) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start with exit code {server.process.returncode}")
        connection = http.client.HTTPConnection(server.host, server.port, timeout=5)
        try:
            connection.request("GET", "/", headers=PROXY_HEADERS)
            connection.getresponse().read()
            if len(server.worker_pids()) >= workers:
                return
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer on {server.url} within {STARTUP_SECONDS} seconds")


def _all_pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name, in brackets, may hold spaces: the fields after its closing bracket are plain.
    return int(stat.rsplit(")", 1)[1].split()[1])


def process_tree_cpu_seconds(root_pid: int) -> float:
    """CPU time, user and system, of a process, of its children still running, and of those it has collected."""
    children = [pid for pid in _all_pids() if parent_of(pid) == root_pid]
    ticks = _cpu_ticks(root_pid, collected_children=True) + sum(_cpu_ticks(pid) for pid in children)
    return ticks / os.sysconf("SC_CLK_TCK")


def _cpu_ticks(pid: int, collected_children: bool = False) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    # utime and stime (the 14th and 15th fields of the whole line), then cutime and cstime: children waited for.
    return sum(int(value) for value in fields[11 : 15 if collected_children else 13])


def _resident_kilobytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0
