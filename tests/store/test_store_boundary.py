"""One part of the core talks to the database: only ``ldpitch/store/`` may import SQLAlchemy or a driver."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "ldpitch"
DATABASE_MODULES = ("sqlalchemy", "psycopg", "sqlite3")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_store_modules_import_the_database():
    offenders = {
        str(path.relative_to(PACKAGE.parent)): sorted(_imports(path) & set(DATABASE_MODULES))
        for path in PACKAGE.rglob("*.py")
        if path.parent.name != "store" and _imports(path) & set(DATABASE_MODULES)
    }
    assert offenders == {}


def test_the_pure_change_summary_needs_no_database():
    assert not _imports(PACKAGE / "store" / "changes.py") & set(DATABASE_MODULES)
