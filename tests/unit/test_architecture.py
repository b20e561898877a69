"""The floors of the architecture, as the import-linter contracts of pyproject.toml state them.

The real tree keeps every contract; a copy of it with one forbidden import added breaks
exactly the contract that forbids it, and the report names the import.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PYPROJECT = REPO / "pyproject.toml"
CONTRACTS = {c["id"]: c["name"] for c in
             tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
             ["contracts"]}


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` of this interpreter's environment on the tree `root/src/privacydesk`."""
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "COLUMNS": "1000", "NO_COLOR": "1",
           "TERM": "dumb"}
    return subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command as c; c()",
         "--no-logo", "--no-cache", str(root / "pyproject.toml")],
        cwd=root, env=env, capture_output=True, text=True, timeout=60,
        stdin=subprocess.DEVNULL)


def verdicts(output: str) -> dict[str, str]:
    """{contract name: "KEPT" | "BROKEN"} from the report."""
    found = {}
    for line in output.splitlines():
        name, _, verdict = line.rstrip().rpartition(" ")
        if verdict in ("KEPT", "BROKEN") and name in CONTRACTS.values():
            found[name] = verdict
    return found


def test_the_source_tree_keeps_every_contract():
    r = lint_imports(REPO)
    assert r.returncode == 0, r.stdout + r.stderr
    assert verdicts(r.stdout) == dict.fromkeys(CONTRACTS.values(), "KEPT")


# (module the import is added to, the import, the contracts it breaks, what the report names)
BREAKS = {
    "layers": ("ui/__init__.py", "from privacydesk import cli",
               {"layers"}, "privacydesk.ui -> privacydesk.cli"),
    "domain-pure": ("domain/__init__.py", "import sqlalchemy",
                    {"domain-pure"}, "privacydesk.domain -> sqlalchemy"),
    "store-below-services": ("store/__init__.py", "import privacydesk.services",
                             {"layers", "store-below-services"},
                             "privacydesk.store -> privacydesk.services"),
    "services-qt-free": ("services/__init__.py", "import PySide6",
                         {"services-qt-free"}, "privacydesk.services -> PySide6"),
    "reports-no-window": ("reports/__init__.py", "import PySide6",
                          {"reports-no-window"}, "privacydesk.reports -> PySide6"),
    "reports-through-services": ("reports/__init__.py", "import privacydesk.store",
                                 {"reports-through-services"},
                                 "privacydesk.reports -> privacydesk.store"),
    "ui-through-services": ("ui/__init__.py", "import privacydesk.store",
                            {"ui-through-services"}, "privacydesk.ui -> privacydesk.store"),
}


def test_every_contract_is_tested():
    assert set(BREAKS) == set(CONTRACTS)


@pytest.fixture(scope="module")
def broken_runs(tmp_path_factory) -> dict[str, subprocess.CompletedProcess[str]]:
    """One copy of the tree per case, each with its forbidden import, linted in parallel."""
    roots = {}
    for case, (module, statement, _, _) in BREAKS.items():
        root = tmp_path_factory.mktemp(case)
        shutil.copy2(PYPROJECT, root / "pyproject.toml")
        shutil.copytree(REPO / "src" / "privacydesk", root / "src" / "privacydesk",
                        ignore=shutil.ignore_patterns("__pycache__"))
        target = root / "src" / "privacydesk" / module
        target.write_text(target.read_text(encoding="utf-8") + f"\n{statement}  # noqa\n",
                          encoding="utf-8")
        roots[case] = root
    with ThreadPoolExecutor(max_workers=len(roots)) as pool:
        runs = dict(zip(roots, pool.map(lint_imports, roots.values()), strict=True))
    return runs


@pytest.mark.parametrize("case", list(BREAKS))
def test_a_forbidden_import_breaks_its_contract(broken_runs, case):
    _, _, broken, named = BREAKS[case]
    r = broken_runs[case]
    assert r.returncode == 1, r.stdout + r.stderr
    expected = {CONTRACTS[c]: "BROKEN" if c in broken else "KEPT" for c in CONTRACTS}
    assert verdicts(r.stdout) == expected, r.stdout
    assert named in r.stdout, r.stdout
