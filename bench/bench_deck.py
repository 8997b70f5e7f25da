"""Whole-process speed of ``python -m ldpitch deck`` against a bare python-pptx script (the floor).

The issue's target: the full-length deck of the largest example, as a whole
process, takes at most 1.5x a bare python-pptx script, run in the same
session, that writes the same number of slides and native charts with no
computation. Runs alternate so a busy moment hits both alike.

    .venv/bin/python bench/bench_deck.py [--runs N]
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
sys.path.insert(0, str(ROOT))
TARGET = 1.5

FLOOR = '''
import sys
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches
slides, charts, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
prs = Presentation()
prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
for i in range(slides):
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = f"Slide {i + 1} states its takeaway with a number"
    s.notes_slide.notes_text_frame.text = "Speaker notes."
    if i < charts:
        data = CategoryChartData()
        data.categories = ["Year 1", "Year 2", "Year 3"]
        data.add_series("Costs", (1.0, 2.0, 3.0))
        data.add_series("Benefits", (2.0, 3.0, 4.0))
        s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1.5), Inches(8), Inches(5), data)
prs.save(out)
'''


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=env)
    return time.perf_counter() - start


def measure(runs: int, env: dict[str, str] | None = None) -> tuple[str, int, int, float, float]:
    """The example, its slide and chart counts, and the median whole-process times of the deck command and of the floor."""
    from pptx import Presentation

    from ldpitch.pitch import examples

    name = examples.largest()
    with tempfile.TemporaryDirectory() as tmp:
        pitch, deck, floor_out, script = (Path(tmp) / n for n in ("pitch.json", "deck.pptx", "floor.pptx", "floor.py"))
        subprocess.run([sys.executable, "-m", "ldpitch", "example", name, "-o", str(pitch)], check=True, capture_output=True, cwd=ROOT)
        script.write_text(FLOOR)
        deck_cmd = [sys.executable, "-m", "ldpitch", "deck", str(pitch), "-o", str(deck), "--length", "full"]
        timed(deck_cmd, env)
        prs = Presentation(str(deck))
        n_slides = len(prs.slides)
        n_charts = sum(1 for s in prs.slides for sh in s.shapes if getattr(sh, "has_chart", False) and sh.has_chart)
        floor_cmd = [sys.executable, str(script), str(n_slides), str(n_charts), str(floor_out)]
        timed(floor_cmd, env)
        ours, floor = [], []
        for _ in range(runs):
            ours.append(timed(deck_cmd, env))
            floor.append(timed(floor_cmd, env))
    return name, n_slides, n_charts, statistics.median(ours), statistics.median(floor)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    runs = ap.parse_args().runs
    name, n_slides, n_charts, o, f = measure(runs)
    print(f"deck: example {name}, full length, {n_slides} slides, {n_charts} native charts")
    print(f"python -m ldpitch deck (whole process): median {o * 1000:7.1f} ms over {runs} runs")
    print(f"bare python-pptx script (the floor):    median {f * 1000:7.1f} ms over {runs} runs")
    print(f"ratio: {o / f:.2f}x the floor (target <= {TARGET}x): {'ok' if o / f <= TARGET else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
