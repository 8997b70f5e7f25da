"""Count the engine's work per Budget grid edit, per plain rerun and per deck build; and time two ratios.

    .venv/bin/python bench/bench_engine_work.py            # counts and both ratios (about a minute)
    .venv/bin/python bench/bench_engine_work.py --counts   # counts only (a few seconds)

Counts, not times: wrappers installed in this process only (never in the
tests) count each call of the engine's entry points, wherever a module
bound them by name:

- evaluations: ``evaluate_items`` (every evaluation, the tornado's included);
- scenario sets: ``scenarios``; tornados: ``tornado``;
- validations: whole-pitch validations (the ``Pitch`` model's validator);
- roundings: ``round_money``.

Three cases, for ``sales_mobile`` and the largest example: (a) one edit of a
cost cell in the Budget grid, driven through the real page with AppTest the
way ``tests/app/test_pages.py`` does; (b) a plain rerun of Budget with no
change; (c) one full-length deck build (``build_deck(pitch, length="full")``).
Goals: per change 1 evaluation, 1 scenario set, 1 tornado, 1 validation; per
rerun no engine work at all; per deck 1 / 1 / 1.

Then two timing ratios, each against a floor measured in the same run (they
reuse ``bench_app.py`` and ``bench_deck.py``): an AppTest rerun of Budget with
the largest example against a one-widget page (goal at most 4x), and
``python -m ldpitch deck`` (full, largest example) as a whole process
against the bare python-pptx script of ``bench_deck.py`` (goal at most 1.5x),
with Python's bytecode cache as installed Pythons have it, then again with
every module compiled in every process (PYTHONDONTWRITEBYTECODE=1, which
this machine sets and which only ldpitch pays: python-pptx comes compiled).
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import tempfile
import threading
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

COUNTS = Counter()
#: (module, function) -> the name its calls are counted under.
COUNTED = {
    ("ldpitch.engine.evaluation", "evaluate_items"): "evaluations",
    ("ldpitch.engine.sensitivity", "scenarios"): "scenario sets",
    ("ldpitch.engine.sensitivity", "tornado"): "tornados",
    ("ldpitch.pitch.money", "round_money"): "roundings",
}
#: Evaluations made inside a scenario set or a tornado are theirs: counted apart from the expected case's.
NESTING = {"scenario sets", "tornados"}
COLUMNS = ("evaluations", "scenario sets", "tornados", "validations", "roundings", "in scenarios+tornado")
GOALS = {"change": (1, 1, 1, 1), "rerun": (0, 0, 0, 0), "deck": (1, 1, 1, None)}
_depth = threading.local()


def counting(fn, name: str):
    @functools.wraps(fn)
    def counted(*args, **kwargs):
        inside = getattr(_depth, "n", 0)
        COUNTS["in scenarios+tornado" if name == "evaluations" and inside else name] += 1
        if name not in NESTING:
            return fn(*args, **kwargs)
        _depth.n = inside + 1
        try:
            return fn(*args, **kwargs)
        finally:
            _depth.n = inside
    return counted


class CountingValidator:
    """The Pitch model's validator, counting every whole-pitch validation (``Pitch(...)``, ``model_validate``...)."""

    def __init__(self, inner):
        self._inner = inner

    def __getattr__(self, name):
        attr = getattr(self._inner, name)
        if name.startswith("validate_"):
            @functools.wraps(attr)
            def counted(*args, **kwargs):
                COUNTS["validations"] += 1
                return attr(*args, **kwargs)
            return counted
        return attr


_ORIGINALS: dict[tuple[str, str], tuple[object, object]] = {}  # (module, name) -> (original, its counting wrapper)


def install() -> None:
    """Wrap each counted function in its home module and wherever another loaded module bound it by name.

    Idempotent: call again after new modules were imported (a page imports the shell on its first run).
    """
    import importlib

    from ldpitch.pitch.model import Pitch

    if not isinstance(Pitch.__pydantic_validator__, CountingValidator):
        Pitch.__pydantic_validator__ = CountingValidator(Pitch.__pydantic_validator__)
    for (module, name), counter in COUNTED.items():
        if (module, name) not in _ORIGINALS:
            original = getattr(importlib.import_module(module), name)
            _ORIGINALS[module, name] = (original, counting(original, counter))
        original, wrapped = _ORIGINALS[module, name]
        for mod in list(sys.modules.values()):
            for attr, value in list(getattr(mod, "__dict__", {}).items()):
                if value is original:
                    setattr(mod, attr, wrapped)


@contextmanager
def counted():
    install()
    COUNTS.clear()
    found: dict[str, int] = {}
    try:
        yield found
    finally:
        found.update({c: COUNTS[c] for c in COLUMNS})


# --- the three cases -------------------------------------------------------------------------------


def budget_page(example: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    logging.getLogger("streamlit").setLevel(logging.ERROR)  # set again: importing streamlit set its own levels
    at.button(key=f"start.example.{example}").click().run()
    at.switch_page("pages/budget.py").run()
    assert not at.exception and not at.error, (at.exception, at.error)
    at.run()  # a settled page: what a person sees before editing
    return at


def editor_key(at, key: str) -> str:
    """The widget key of a table editor now (it changes each time its table is rebuilt), as tests/app does."""
    version = at.session_state["ui.tables"][key]["version"] if "ui.tables" in at.session_state else 0
    return key if version == 0 else f"{key}~{version}"


def edit_a_cost(at, n: int) -> dict[str, int]:
    """One edit of the first cost line's amount in the Budget grid, then the rerun it triggers."""
    from ldpitch.editing import parse as editing

    pitch = at.session_state["pitch"]
    amount = editing.money_text(pitch.costs[0].amount + 100 * (n + 1), pitch.currency, pitch.locale)
    with counted() as found:
        at.session_state[editor_key(at, "budget.costs")] = {"edited_rows": {0: {"Amount": amount}}, "added_rows": [], "deleted_rows": []}
        at.run()
    assert not at.exception and not at.error, (at.exception, at.error)
    assert editing.money_text(at.session_state["pitch"].costs[0].amount, pitch.currency, pitch.locale) == amount
    return found


def plain_rerun(at) -> dict[str, int]:
    with counted() as found:
        at.run()
    assert not at.exception, at.exception
    return found


def deck_build(example: str) -> dict[str, int]:
    from ldpitch.deck.build import build_deck
    from ldpitch.pitch import examples

    pitch = examples.load(example)
    build_deck(pitch, length="full")  # warm: imports, fonts, template
    # A version no one analysed yet (the title is not a figure), so the build starts from nothing.
    fresh = pitch.model_copy(update={"title": f"{pitch.title} (deck bench)"})
    with counted() as found:
        build_deck(fresh, length="full")
    return found


def show(case: str, example: str, found: dict[str, int]) -> None:
    cells = []
    for column, goal in zip(COLUMNS, (*GOALS[case], None, None), strict=False):
        if column == "in scenarios+tornado":
            continue
        mark = "" if goal is None else (" ok" if found[column] <= goal else f" (goal {goal})")
        cells.append(f"{column} {found[column]:>3}{mark}")
    inside = found["in scenarios+tornado"]
    print(f"  {case:<6} {example:<13} " + "  ".join(cells)
          + f"  | evaluate_items in all {found['evaluations'] + inside} ({inside} inside scenarios and tornado)")


def counts() -> bool:
    from ldpitch.pitch import examples

    met = True
    print("Engine work, counted (goals: per change 1 expected-case evaluation, 1 scenario set, 1 tornado, 1 validation;"
          " per rerun none; per deck 1/1/1)")
    for example in ("sales_mobile", examples.largest()):
        at = budget_page(example)
        edit_a_cost(at, 0)  # warm: the first edit imports and rebuilds what later edits reuse
        at.run()
        change = edit_a_cost(at, 1)
        at.run()
        rerun = plain_rerun(at)
        deck = deck_build(example)
        for case, found in (("change", change), ("rerun", rerun), ("deck", deck)):
            show(case, example, found)
            met &= all(goal is None or found[c] <= goal for c, goal in zip(COLUMNS, GOALS[case], strict=False))
    return met


# --- the two ratios ------------------------------------------------------------------------------


def budget_ratio() -> tuple[float, float, float]:
    import bench_app

    with tempfile.TemporaryDirectory(prefix="ldpitch-bench-engine-") as tmp:
        floor = bench_app.trivial_rerun(Path(tmp))
        budget = bench_app.median_rerun(bench_app.budget_app())
    return budget, floor, budget / floor


def deck_ratio(runs: int = 7, *, bytecode: bool = True) -> tuple[float, float, float]:
    """``bench_deck.py``'s whole-process times (deck command, bare python-pptx floor, alternated) and their ratio.

    ``bytecode``: both run with Python's bytecode cache (in a temporary folder, so nothing is written into
    the tree), as any installed Python does; without it every ldpitch module is compiled again in every
    process (this machine sets PYTHONDONTWRITEBYTECODE), while python-pptx comes precompiled.
    """
    import bench_deck

    with tempfile.TemporaryDirectory(prefix="ldpitch-bench-engine-") as tmp:
        env = dict(os.environ)
        if bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        else:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        _, _, _, ours, floor = bench_deck.measure(runs, env)
    return ours, floor, ours / floor


def main(argv: list[str]) -> int:
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="ldpitch-bench-engine-") as tmp:
        os.environ["LDPITCH_DATA_DIR"] = tmp
        os.environ.pop("LDPITCH_DATABASE_URL", None)
        os.environ.pop("LDPITCH_SAVING", None)  # autosave on, as people use the app
        met = counts()
        if "--counts" in argv:
            return 0 if met else 1
        budget, floor, ratio = budget_ratio()
    print("Timing ratios, floors measured in this run")
    print(f"  AppTest rerun of Budget (largest example) {budget * 1000:7.1f} ms against a one-widget page "
          f"{floor * 1000:6.1f} ms: {ratio:4.1f}x  (goal <= 4x) {'ok' if ratio <= 4 else 'MISSED'}")
    ours, bare, ratio2 = deck_ratio()
    print(f"  python -m ldpitch deck, full, largest      {ours * 1000:7.1f} ms against bare python-pptx "
          f"{bare * 1000:6.1f} ms: {ratio2:4.2f}x  (goal <= 1.5x) {'ok' if ratio2 <= 1.5 else 'MISSED'}")
    cold, cold_bare, cold_ratio = deck_ratio(bytecode=False)
    print(f"      the same, every module compiled anew   {cold * 1000:7.1f} ms against bare python-pptx "
          f"{cold_bare * 1000:6.1f} ms: {cold_ratio:4.2f}x  (PYTHONDONTWRITEBYTECODE=1, as on this machine)")
    return 0 if met and ratio <= 4 and ratio2 <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
