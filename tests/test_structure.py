"""The house's rules, checked from the source: no import cycle, packages used through their fronts, a guarded surface, a README that shows every package.

Imports are read with ``ast`` (those inside functions count too: a cycle broken
by a late import is still a cycle). ``from ldpitch.engine import evaluate``
is an arrow to the module the engine's front names for ``evaluate``.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

import ldpitch

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "ldpitch"
SHELL = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").rglob("*.py"))]
#: The core's concept packages: other packages may use only their fronts (``__init__``).
PACKAGES = sorted(p.parent.relative_to(ROOT).as_posix().replace("/", ".") for p in CORE.rglob("__init__.py") if p.parent != CORE)

#: What ``import ldpitch`` offers a Python caller; a change here is a change of the public API (say it in CHANGELOG).
SURFACE = [
    "AccessDenied", "Branding", "Evaluation", "InvalidPitch", "LdpitchError", "NotJson", "NothingToUndo", "NothingTracked", "Pitch",
    "PitchFileError", "PitchNotFound", "PitchTooLarge", "PreviewFailed", "PreviewUnavailable", "SaveConflict",
    "SheetRefused", "SimulationRefused", "StoreError", "StoreUnavailable", "TemplateError", "UnknownExample", "UnsupportedVersion", "build_deck",
    "dump_pitch", "evaluate", "examples", "findings", "load_pitch", "update_deck_bytes", "workbook_bytes",
]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _front(package: str) -> dict[str, str]:
    """A package's front as written in its ``__init__``: name -> module (relative), read from the source."""
    init = ROOT / package.replace(".", "/") / "__init__.py"
    found: dict[str, str] = {}
    for node in ast.walk(ast.parse(init.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "front" and isinstance(node.args[1], ast.Dict):
            found = {k.value: v.value for k, v in zip(node.args[1].keys, node.args[1].values, strict=True)}
    return found


def imports(path: Path, text: str | None = None) -> list[tuple[str, str, int]]:
    """(module imported, name taken or "", line) for every ldpitch or shell import in a file (or in ``text`` placed there)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8") if text is None else text)):
        if isinstance(node, ast.Import):
            out += [(a.name, "", node.lineno) for a in node.names if a.name.split(".")[0] in {"ldpitch", "ui"}]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and node.module.split(".")[0] in {"ldpitch", "ui"}:
            out += [(node.module, a.name, node.lineno) for a in node.names]
    return out


def _target(module: str, name: str) -> str:
    """The module an import really reaches: a submodule, the module a front maps the name to, or the module itself."""
    base = ROOT / module.replace(".", "/")
    if name and ((base / f"{name}.py").exists() or (base / name / "__init__.py").exists()):
        return f"{module}.{name}"
    if name and (base / "__init__.py").exists():
        mapped = _front(module).get(name)
        if mapped is not None:
            return _target(f"{module}.{mapped}", "") if mapped else f"{module}.{name}"
    return module


def _graph() -> dict[str, set[str]]:
    files = [*CORE.rglob("*.py"), *SHELL]
    graph: dict[str, set[str]] = {module_name(f): set() for f in files}
    for f in files:
        me = module_name(f)
        for module, name, _ in imports(f):
            target = _target(module, name)
            while target not in graph and "." in target:
                target = target.rsplit(".", 1)[0]
            if target != me and target in graph:
                graph[me].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_cycle_and_spares_a_chain():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_there_is_no_import_cycle_in_the_core_or_the_shell():
    assert cycles(_graph()) == []


def _package_of(module: str) -> str | None:
    """The innermost concept package holding ``module`` (``None`` for the core's top-level modules and the shell)."""
    return max((p for p in PACKAGES if module == p or module.startswith(p + ".")), key=len, default=None)


def _deep_imports(files: list[Path], text: str | None = None) -> list[str]:
    """Imports that reach past another package's front into its modules, or take a private name."""
    bad = []
    for f in files:
        mine = _package_of(module_name(f))
        for module, name, line in imports(f, text):
            if not module.startswith("ldpitch.") or module == "ldpitch.fronts":
                continue
            theirs = _package_of(module)
            inside = mine is not None and theirs is not None and (mine == theirs or mine.startswith(theirs + "."))
            if theirs is not None and not inside and module != theirs:
                bad.append(f"{f.relative_to(ROOT)}:{line} imports {module} (use the front, {theirs})")
            if name.startswith("_") and not inside:
                bad.append(f"{f.relative_to(ROOT)}:{line} takes the private name {name} from {module}")
    return bad


def test_packages_use_each_other_only_through_their_fronts():
    assert _deep_imports(sorted(CORE.rglob("*.py"))) == []


def test_the_shell_imports_the_core_through_package_fronts():
    assert _deep_imports(SHELL) == []


def test_the_rule_catches_a_deep_import_and_a_private_name_and_spares_a_front():
    text = "from ldpitch.engine.finance import cost_items\nfrom ldpitch.engine import _hidden\nfrom ldpitch.engine import evaluate\n"
    found = _deep_imports([CORE / "charts" / "spec.py"], text)  # as if the charts package wrote these lines
    assert found == ["ldpitch/charts/spec.py:1 imports ldpitch.engine.finance (use the front, ldpitch.engine)",
                     "ldpitch/charts/spec.py:2 takes the private name _hidden from ldpitch.engine"]


@pytest.mark.parametrize("package", ["ldpitch", *PACKAGES])
def test_each_front_is_sorted_and_every_name_in_it_resolves(package):
    module = importlib.import_module(package)
    assert module.__all__ == sorted(module.__all__)
    missing = [name for name in module.__all__ if getattr(module, name, None) is None]
    assert missing == []


@pytest.mark.parametrize("package", PACKAGES)
def test_each_package_says_its_role_in_one_line(package):
    doc = importlib.import_module(package).__doc__ or ""
    assert doc.strip() and "\n" not in doc.strip().split("\n\n")[0].strip(), f"{package} needs a one-line docstring"


def test_the_public_surface_is_what_python_callers_were_promised():
    assert ldpitch.__all__ == SURFACE


def test_the_readme_python_example_runs(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert blocks, "the README shows a Python example"
    monkeypatch.chdir(tmp_path)
    exec(compile(blocks[0], "README.md", "exec"), {})  # noqa: S102 - our own README's example


def test_the_readme_layout_shows_every_package():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout", 1)[1]
    shown = {p for p in PACKAGES if re.search(rf"\b{re.escape(p.split('.')[-1])}/", layout)}
    assert sorted(set(PACKAGES) - shown) == []
    assert re.search(r"^ui/", layout, flags=re.M), "the shell package is in the layout"


def test_the_core_has_no_flat_prefix_families():
    """Packages, not name prefixes: no two modules side by side share a ``word_`` prefix (``store_*``, ``pptx_*``)."""
    families = {}
    for folder in sorted({p.parent for p in CORE.rglob("__init__.py")}):
        for f in folder.glob("[!_]*_*.py"):
            families.setdefault((folder, f.name.split("_")[0]), []).append(f.name)
    assert {f"{k[0].relative_to(ROOT)}/{k[1]}_*": v for k, v in families.items() if len(v) > 1} == {}
