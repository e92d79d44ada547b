"""portal.domain stays pure: standard library imports only, and no rule reads the clock (style.md)."""

import ast
import sys
from pathlib import Path

import pytest

DOMAIN_DIR = Path(__file__).resolve().parents[3] / "portal" / "domain"
MODULES = sorted(DOMAIN_DIR.glob("*.py"))
CLOCK_CALLS = {"today", "now", "utcnow"}


def impure_imports(source: str) -> list[str]:
    """The imports in ``source`` that are neither standard library nor portal.domain."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 1:
                continue  # relative to portal.domain itself
            if node.level > 1:
                problems.append("." * node.level + (node.module or ""))
                continue
            names = [node.module or ""]
        else:
            continue
        for name in names:
            if name.split(".")[0] not in sys.stdlib_module_names and not _is_domain(name):
                problems.append(name)
    return problems


def clock_calls(source: str) -> list[str]:
    """Calls such as ``date.today()`` or ``datetime.now()`` in ``source``."""
    return [
        ast.unparse(node)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in CLOCK_CALLS
    ]


def _is_domain(name: str) -> bool:
    return name == "portal.domain" or name.startswith("portal.domain.")


def test_the_domain_package_has_modules():
    names = {path.stem for path in MODULES}
    assert {"__init__", "types", "calendar", "timescales", "workflow", "screening", "references"} <= names


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_module_imports_only_the_standard_library_and_the_domain(path):
    assert impure_imports(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_module_never_reads_the_clock(path):
    assert clock_calls(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import flask", ["flask"]),
        ("from sqlalchemy.orm import Session", ["sqlalchemy.orm"]),
        ("import holidays", ["holidays"]),
        ("from portal.data import models", ["portal.data"]),
        ("from portal import create_app", ["portal"]),
        ("from .. import extensions", [".."]),
        ("import datetime, re\nfrom collections.abc import Mapping", []),
        ("from portal.domain.types import Procedure\nfrom . import calendar", []),
        ("def f():\n    import requests", ["requests"]),
    ],
)
def test_the_import_check_catches_what_it_should(source, expected):
    assert impure_imports(source) == expected


def test_the_clock_check_catches_what_it_should():
    source = "from datetime import date, datetime\na = date.today()\nb = datetime.now(tz=None)\nc = date(2026, 1, 1)"
    assert clock_calls(source) == ["date.today()", "datetime.now(tz=None)"]
