"""How long `python -m ldpitch evaluate` takes on the largest example, against `python -c "import pydantic"`.

Both are whole processes, timed in the same run on the same machine and
alternated so that a busy moment hits both alike; the figure is the ratio of
the medians. The floor is the cheapest process that could read a pitch at all
(Python plus pydantic's package); the target is at most 1.5 times it. When the
ratio is over target, the imports that cost most (``python -X importtime``)
are printed, to show what could be deferred.

    .venv/bin/python bench/bench_evaluate.py [--runs N] [--strict]

``--strict`` exits 1 when the ratio is over target (for CI); by default the
script only reports.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.5


def run_once(args: list[str]) -> float:
    """Seconds one run of ``args`` took, from the repository root."""
    start = time.perf_counter()
    subprocess.run(args, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def pitch_file(folder: Path) -> tuple[Path, str]:
    """The largest example as a pitch file, or a sizeable synthetic pitch if the examples are not there."""
    sys.path.insert(0, str(ROOT))
    from ldpitch.pitch.files import dump_pitch

    try:
        from ldpitch.pitch import examples
    except ImportError:
        examples = None
    if examples is not None:
        name = examples.largest()
        pitch = examples.load(name)
        label = f"example {name} ({examples.rows(pitch)} rows)"
    else:
        pitch = synthetic_pitch()
        label = "synthetic pitch (ldpitch.pitch.examples not importable)"
    path = folder / "pitch.json"
    path.write_bytes(dump_pitch(pitch))
    label += f", {len(pitch.costs)} cost lines, {len(pitch.benefits)} benefit lines, {path.stat().st_size / 1024:.1f} KiB"
    return path, label


def synthetic_pitch():
    """A pitch about as big as a real one gets: many cost lines, one benefit line per template, options, measures."""
    from ldpitch.pitch.benefits import TEMPLATES
    from ldpitch.pitch.model import CostCategory, Pitch

    categories = list(CostCategory)
    return Pitch.model_validate({
        "schema_version": 1, "title": "Synthetic benchmark pitch", "horizon_years": 3,
        "costs": [{"category": categories[i % len(categories)].value, "label": f"Cost {i}", "amount": f"{1000 + 37 * i}.50",
                   "cadence": "per_year" if i % 3 == 0 else "one_time"} for i in range(40)],
        "learner_groups": [{"name": f"Group {i}", "headcount": 10 + i, "hours_away": "6", "loaded_hourly_rate": "48.20"} for i in range(8)],
        "benefits": [{"label": t.title, "template": t.id, "attribution": "0.5", "confidence": "0.7",
                      "inputs": {i.name: "0.1" if i.kind == "share" else "12" for i in t.inputs}} for t in TEMPLATES.values()],
        "stakeholders": [{"name": f"Person {i}", "kpis": ["Margin", "Turnover"], "pain_points": ["Cost"]} for i in range(10)],
        "criteria": [{"name": c, "weight": 25} for c in ("Cost", "Impact", "Speed", "Risk")],
        "options": [{"name": f"Option {i}", "scores": {"Cost": 1 + i, "Impact": 9 - i}} for i in range(6)],
        "measures": [{"level": "business impact", "measure": f"KPI {i}", "baseline": "10", "target": "12", "owner": "Ops"} for i in range(20)],
    })


def heaviest_imports(args: list[str], top: int = 12) -> list[tuple[int, int, str]]:
    """The ``top`` imports of ``args`` by their own time: (self, cumulative) microseconds and the module, from ``-X importtime``."""
    result = subprocess.run([args[0], "-X", "importtime", *args[1:]], cwd=ROOT, capture_output=True, text=True, check=True)
    rows = []
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            own, cumulative, name = (part.strip() for part in line.removeprefix("import time:").split("|"))
            rows.append((int(own), int(cumulative), name))
    return sorted(rows, reverse=True)[:top]


#: Where the time of one evaluate goes, phase by phase, measured inside one process.
_PHASES = """
import sys, time
marks = [("start", time.perf_counter())]
def mark(name): marks.append((name, time.perf_counter()))
import pydantic; mark("import pydantic (the floor's work)")
from pydantic import BaseModel; mark("pydantic's model machinery (BaseModel)")
import ldpitch.pitch.model; mark("building the pitch model's classes")
import ldpitch.cli, ldpitch.engine.summary, ldpitch.engine.review; mark("the rest of ldpitch's imports")
from ldpitch.pitch.files import load_pitch
pitch = load_pitch(open(sys.argv[1], "rb").read()); mark("reading and validating the pitch file")
from ldpitch.engine.summary import summary_text
summary_text(pitch); mark("evaluating and formatting (babel loads here)")
for (_, before), (name, after) in zip(marks, marks[1:]):
    print(f"{(after - before) * 1000:7.1f}  {name}")
"""


def phases(path: Path) -> str:
    """The phase breakdown of one evaluate, as printed lines (milliseconds)."""
    return subprocess.run([sys.executable, "-c", _PHASES, str(path)], cwd=ROOT, capture_output=True, text=True, check=True).stdout.rstrip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--strict", action="store_true", help="exit 1 when the ratio is over target")
    opts = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path, label = pitch_file(Path(tmp))
        commands = {
            "floor": [sys.executable, "-c", "import pydantic"],
            "models": [sys.executable, "-c", "from pydantic import BaseModel"],
            "evaluate": [sys.executable, "-m", "ldpitch", "evaluate", str(path)],
        }
        for args in commands.values():
            run_once(args)  # warm the file cache and the .pyc files
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(opts.runs):  # alternate, so that load on the machine hits each alike
            for name, args in commands.items():
                times[name].append(run_once(args))
        median = {name: statistics.median(t) for name, t in times.items()}
        ratio = median["evaluate"] / median["floor"]
        over = ratio > TARGET_RATIO
        breakdown = phases(path) if over else ""
        heavy = heaviest_imports(commands["evaluate"]) if over else []

    print(f"pitch: {label}")
    print(f'python -c "import pydantic":              median {median["floor"] * 1000:7.1f} ms over {opts.runs} runs (the floor)')
    print(f'python -c "from pydantic import BaseModel": median {median["models"] * 1000:7.1f} ms '
          f'({median["models"] / median["floor"]:.2f}x the floor: pydantic before any model is defined)')
    print(f"python -m ldpitch evaluate FILE:           median {median['evaluate'] * 1000:7.1f} ms over {opts.runs} runs")
    print(f"ratio: {ratio:.2f}x the floor (target <= {TARGET_RATIO}x): {'OVER TARGET' if over else 'within target'}")
    if over:
        print("where one evaluate spends its time (ms, in-process, after interpreter start-up):")
        print(breakdown)
        print("heaviest imports by their own time (self ms / cumulative ms, python -X importtime):")
        for own, cumulative, name in heavy:
            print(f"  {own / 1000:6.1f} / {cumulative / 1000:6.1f}  {name}")
    return 1 if opts.strict and ratio > TARGET_RATIO else 0


if __name__ == "__main__":
    raise SystemExit(main())
