"""The architecture rules in pyproject.toml [tool.importlinter] hold, and each of them fails on a deliberate breach.

Each breach is written into a copy of the package in a temporary folder, so the real tree is never touched.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

DOMAIN = "The domain is pure Python: it imports only the standard library"
DATABASE = "Only portal.data touches the database session"
JOURNEYS = "Journeys do not import each other"
SHARED = "Shared packages do not reach up into a journey"


def lint_imports(tree: Path) -> str:
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"], cwd=tree, capture_output=True, text=True, timeout=120
    )
    return result.stdout + result.stderr


def copy_of_the_project(tmp_path: Path) -> Path:
    tree = tmp_path / "project"
    shutil.copytree(ROOT / "portal", tree / "portal", ignore=shutil.ignore_patterns("__pycache__"))
    (tree / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "import_contracts.py", tree / "scripts" / "import_contracts.py")
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def status_of(contract: str, output: str) -> str:
    """KEPT or BROKEN, as the report's list of contracts gives it (long names wrap onto a second line)."""
    report = " ".join(output.split())
    after = report[report.index(contract) :]
    positions = {word: after.find(f" {word}") for word in ("KEPT", "BROKEN")}
    return min((position, word) for word, position in positions.items() if position != -1)[1]


def test_the_real_tree_keeps_every_contract(tmp_path):
    output = lint_imports(copy_of_the_project(tmp_path))
    assert "Contracts: 4 kept, 0 broken." in output, output


BREACHES = [
    (DOMAIN, "portal/domain/breach.py", "from flask import current_app\n"),
    (DOMAIN, "portal/domain/breach.py", "from portal.data.models import Case\n"),
    (DATABASE, "portal/casework/breach.py", "from portal.data.database import db\n"),
    (DATABASE, "portal/intake/breach.py", "from sqlalchemy import select\n"),
    (JOURNEYS, "portal/intake/breach.py", "from portal.casework import screening\n"),
    (JOURNEYS, "portal/admin/breach.py", "import portal.auth.services\n"),
    (SHARED, "portal/common/breach.py", "from portal.participation import services\n"),
]


@pytest.mark.parametrize(
    ("contract", "path", "source"), BREACHES, ids=[f"{c[:20]}: {s.strip()}" for c, _, s in BREACHES]
)
def test_a_deliberate_breach_breaks_its_contract(tmp_path, contract, path, source):
    tree = copy_of_the_project(tmp_path)
    (tree / path).write_text(f'"""A deliberate breach of an architecture rule."""\n\n{source}')
    output = lint_imports(tree)
    assert "Contracts: 3 kept, 1 broken." in output, output
    assert status_of(contract, output) == "BROKEN", output
    assert f"{path.removesuffix('.py').replace('/', '.')}" in output
