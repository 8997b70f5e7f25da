"""The boundary of the pure core: no Streamlit anywhere in ldpitch/, each heavy library fenced into one module.

Scanned from the source with ``ast`` (imports inside functions count too) and
checked again by importing every module in a fresh interpreter. Modules that
do not exist yet pass; a violation names the file and the line.
"""

import ast
import json
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "ldpitch"

#: Which files of the core may import each fenced library (patterns relative to the repository).
ALLOWED = {
    "streamlit": [],
    "pptx": ["ldpitch/deck/pptx/*.py"],
    "altair": ["ldpitch/charts/render.py"],
    "jinja2": ["ldpitch/narrative/notes.py"],
    # The library is one concept split by size: the store facade, its engine set-up and its schema.
    "sqlalchemy": ["ldpitch/store/*.py"],
    # The locale's CLDR data (currency placement, number marks, reading typed numbers): one place.
    "babel": ["ldpitch/format.py"],
    # Reading the user's .xlsx files (writing one is XlsxWriter's, in workbook/): one place.
    "openpyxl": ["ldpitch/intake/sheets.py"],
}


def _imports(path: Path) -> list[tuple[str, int]]:
    """Top-level package names a file imports, with line numbers (absolute imports only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name.split(".")[0], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module.split(".")[0], node.lineno))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "import_module"
              and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.append((node.args[0].value.split(".")[0], node.lineno))  # importlib.import_module("streamlit")
    return found


def _violations(library: str, files: list[Path], root: Path = ROOT) -> list[str]:
    out = []
    for path in files:
        rel = path.relative_to(root).as_posix()
        if any(fnmatch(rel, pattern) for pattern in ALLOWED[library]):
            continue
        out += [f"{rel}:{line} imports {library}" for name, line in _imports(path) if name == library]
    return out


def _core_files() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


def test_the_scan_sees_every_kind_of_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os, streamlit.components\nfrom altair import Chart\ndef f():\n    import jinja2\n"
                      "from . import sibling\nimport importlib\nimportlib.import_module('sqlalchemy.orm')\n")
    # relative imports (from . import sibling) stay inside ldpitch and are not listed
    assert sorted(_imports(sample)) == [("altair", 2), ("importlib", 6), ("jinja2", 4), ("os", 1), ("sqlalchemy", 7), ("streamlit", 1)]


def test_the_rule_catches_a_violation_and_spares_allowed_files(tmp_path):
    (tmp_path / "ldpitch" / "deck" / "pptx").mkdir(parents=True)
    bad = tmp_path / "ldpitch" / "finance.py"
    bad.write_text("import math\n\ndef chart():\n    import pptx\n")
    good = tmp_path / "ldpitch" / "deck" / "pptx" / "writer.py"
    good.write_text("from pptx import Presentation\n")
    assert _violations("pptx", [bad, good], root=tmp_path) == ["ldpitch/finance.py:4 imports pptx"]
    assert _violations("altair", [bad, good], root=tmp_path) == []


@pytest.mark.parametrize("library", sorted(ALLOWED))
def test_each_fenced_library_is_imported_only_where_allowed(library):
    violations = _violations(library, _core_files())
    where = ", ".join(ALLOWED[library]) or "no module of the core"
    assert violations == [], f"{library} may be imported only in {where}:\n" + "\n".join(violations)


_IMPORT_ALL = """
import importlib, json, pkgutil, sys
import ldpitch
failed = {}
for info in pkgutil.walk_packages(ldpitch.__path__, "ldpitch."):
    if info.name.endswith("__main__"):
        continue  # running it would start the command line
    try:
        importlib.import_module(info.name)
    except Exception as e:
        failed[info.name] = f"{type(e).__name__}: {e}"
print(json.dumps({"failed": failed, "streamlit": sorted(m for m in sys.modules if m.split(".")[0] == "streamlit")}))
"""


def test_importing_every_core_module_never_loads_streamlit():
    result = subprocess.run([sys.executable, "-c", _IMPORT_ALL], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["streamlit"] == []
    assert report["failed"] == {}


_EVALUATE = """
import runpy, sys
sys.argv = ["ldpitch", "evaluate", sys.argv[1]]
try:
    runpy.run_module("ldpitch", run_name="__main__", alter_sys=True)
except SystemExit as e:
    code = e.code
heavy = ("streamlit", "altair", "pandas", "pptx", "jinja2", "sqlalchemy")
print("LOADED:" + ",".join(sorted({m.split(".")[0] for m in sys.modules} & set(heavy))), file=sys.stderr)
sys.exit(code)
"""


def test_the_evaluate_command_loads_no_ui_chart_or_database_library(write_file):
    pitch = write_file({"schema_version": 1, "costs": [{"category": "other", "amount": "100"}]})
    result = subprocess.run([sys.executable, "-c", _EVALUATE, str(pitch)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Fully loaded costs" in result.stdout
    assert result.stderr.strip().splitlines()[-1] == "LOADED:"
