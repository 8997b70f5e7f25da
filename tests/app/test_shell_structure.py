"""The shell's shape: one module owns session state, no import cycle among app.py, ui/ and pages/, a page for every step.

Read from the source with ``ast``: imports inside functions count too. An
import of a submodule (``from ui import state``) is an edge to that submodule,
not to the package's ``__init__`` (which Python runs first either way).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from apptest_support import ROOT

import ui
from ldpitch.steps import WIZARD

STATE_OWNER = ROOT / "ui" / "state.py"


def shell_files(root: Path = ROOT) -> list[Path]:
    return [root / "app.py", *sorted((root / "ui").glob("*.py")), *sorted((root / "pages").glob("*.py"))]


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, known: set[str], root: Path = ROOT) -> set[str]:
    """The shell modules ``path`` imports (anything outside the shell is left out)."""
    me = module_name(path, root)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1] if package else []
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                sub = f"{base}.{alias.name}" if base else alias.name
                found.add(sub if sub in known else base)
    return {name for name in found if name in known}


def import_graph(files: list[Path], root: Path = ROOT) -> dict[str, set[str]]:
    known = {module_name(f, root) for f in files}
    return {module_name(f, root): imported(f, known, root) for f in files}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path that ends where it starts, or None."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str] | None:
        if node in path:
            return path[path.index(node):] + [node]
        if node in done:
            return None
        for nxt in sorted(graph.get(node, ())):
            cycle = visit(nxt, [*path, node])
            if cycle:
                return cycle
        done.add(node)
        return None

    for start in sorted(graph):
        cycle = visit(start, [])
        if cycle:
            return cycle
    return None


def test_the_cycle_finder_sees_a_cycle_through_a_package_front(tmp_path):
    (tmp_path / "ui").mkdir()
    (tmp_path / "pages").mkdir()
    (tmp_path / "app.py").write_text("import ui\n")
    (tmp_path / "ui" / "__init__.py").write_text("from ui.a import f\n")
    (tmp_path / "ui" / "a.py").write_text("from ui import b\n")
    (tmp_path / "ui" / "b.py").write_text("def g():\n    from . import a\n")
    graph = import_graph(shell_files(tmp_path), tmp_path)
    assert graph == {"app": {"ui"}, "ui": {"ui.a"}, "ui.a": {"ui.b"}, "ui.b": {"ui.a"}}
    assert find_cycle(graph) == ["ui.a", "ui.b", "ui.a"]
    (tmp_path / "ui" / "b.py").write_text("import streamlit\n")
    assert find_cycle(import_graph(shell_files(tmp_path), tmp_path)) is None


def test_the_shell_has_no_import_cycle():
    graph = import_graph(shell_files())
    assert graph["ui.state"] == set(), "ui.state is the bottom layer"
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph))


@pytest.mark.parametrize("path", shell_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_only_ui_state_touches_session_state(path):
    if path == STATE_OWNER:
        return
    lines = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if "session_state" in line]
    assert not lines, f"{path.relative_to(ROOT)} mentions session_state on lines {lines}: go through ui.state"


def test_every_step_of_the_wizard_has_a_page_and_every_page_is_in_the_menu():
    menu = ui.menu()
    assert [m.step for m in menu if m.step] == [s.id for s in WIZARD]
    assert [m.title for m in menu if m.step] == [s.title for s in WIZARD]
    assert {m.path for m in menu} == {p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py")}
    assert all((ROOT / m.path).is_file() for m in menu)
