"""Virus scanning with ClamAV, through the clamd daemon, before a file is stored.

Switched on by setting CLAMD_SOCKET (the path of clamd's local socket) or CLAMD_HOST (and CLAMD_PORT, 3310 by default)
in the environment; CLAMD_TIMEOUT_SECONDS (default 30) bounds each scan. The files go to clamd with its INSTREAM
command through the `clamav-client` package (maintained, MIT licensed), never as a path, so clamd needs no access to
our storage.

A scanner that does not answer, or answers with an error, never costs anyone their file: the file is kept, marked
as in quarantine, and staff cannot download it until `flask uploads rescan` has passed it.
"""

import io
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from clamav_client.clamd import ClamdError, ClamdNetworkSocket, ClamdUnixSocket

logger = logging.getLogger(__name__)

DEFAULT_PORT = 3310
DEFAULT_TIMEOUT_SECONDS = 30


class ScanStatus(StrEnum):
    """What is known of a stored file. Kept on its Attachment row."""

    CLEAN = "clean"  # scanned, nothing found
    NOT_SCANNED = "not_scanned"  # no scanner is set up
    QUARANTINED = "quarantined"  # the scanner did not answer: kept, but not given to anyone until scanned
    INFECTED = "infected"  # a later scan found a virus: the file was deleted, the row says so

    @property
    def may_be_downloaded(self) -> bool:
        return self in (ScanStatus.CLEAN, ScanStatus.NOT_SCANNED)


class Verdict(StrEnum):
    CLEAN = "clean"
    INFECTED = "infected"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class ScanResult:
    verdict: Verdict
    signature: str | None = None


class ClamdScanner:
    """Scans bytes with a running clamd, over its Unix socket or TCP."""

    def __init__(self, client: ClamdUnixSocket | ClamdNetworkSocket) -> None:
        self.client = client

    def scan(self, data: bytes) -> ScanResult:
        try:
            report = self.client.instream(io.BytesIO(data))
        except (ClamdError, OSError) as error:
            logger.error("The virus scanner did not answer: %s", error)
            return ScanResult(Verdict.UNAVAILABLE)
        status, signature = report.get("stream", (None, None))
        if status == "OK":
            return ScanResult(Verdict.CLEAN)
        if status == "FOUND":
            return ScanResult(Verdict.INFECTED, signature)
        logger.error("The virus scanner could not scan a file: %s %s", status, signature)
        return ScanResult(Verdict.UNAVAILABLE)


def _setting(config: Mapping, name: str) -> str:
    """A scanner setting from the app's configuration (tests set it there), else from the environment."""
    return str(config.get(name) or os.environ.get(name) or "")


def scanner_from(config: Mapping) -> ClamdScanner | None:
    """The configured scanner, or None when neither CLAMD_SOCKET nor CLAMD_HOST is set."""
    timeout = float(_setting(config, "CLAMD_TIMEOUT_SECONDS") or DEFAULT_TIMEOUT_SECONDS)
    if socket_path := _setting(config, "CLAMD_SOCKET"):
        return ClamdScanner(ClamdUnixSocket(path=socket_path, timeout=max(1, int(timeout))))
    if host := _setting(config, "CLAMD_HOST"):
        port = int(_setting(config, "CLAMD_PORT") or DEFAULT_PORT)
        return ClamdScanner(ClamdNetworkSocket(host=host, port=port, timeout=timeout))
    return None
