"""How long previewing and importing a 10,000-row CSV takes, against reading the same file with the csv module.

Three files of 10,000 rows each, as people bring them: a budget (item,
category, cadence, amount as "$12,500"), a benefits sheet (template and
inputs) and an LMS export of KPI actuals (measure, date, value; four measures,
readings repeated as a daily export repeats them). For each: "preview" is
reading the bytes into a sheet, guessing the mapping and checking every row
(what the app shows before the user confirms); "import" is the preview plus
making the new pitch. The floor is `csv.reader` over the same decoded text,
measured in the same run. Median of several runs. Targets: preview under 1 s,
import under 2 s. A pitch holds at most 200 cost and 200 benefit lines, so the
rows past those are refused without being read; the actuals file has every
one of its rows read. Last, once, the preview of 100,000 rows of actuals (the
row cap: a sheet this long is read, a longer one refused).

    .venv/bin/python bench/bench_import.py [--runs N]
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROWS = 10_000
PREVIEW_TARGET, IMPORT_TARGET = 1.0, 2.0
MEASURES = ["Simulation assessment passed first time", "Sandbox claims completed without help", "Months to proficiency",
            "Quality score of new advisers at month 3"]


def _csv(rows: list[list[object]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def files(rows: int = ROWS) -> dict[str, bytes]:
    """The three files of ``rows`` rows, written by the csv module."""
    categories = ["design and development", "delivery", "venue", "licence", "admin"]
    costs = [["Line item", "Category", "Cadence", "Cost"]] + [
        [f"Item {i}", categories[i % 5], "monthly" if i % 3 == 0 else "one-time", f"${1000 + i:,}.50"] for i in range(rows)]
    benefits = [["Benefit", "Template", "Errors avoided a year", "Cost per error", "Attribution", "Confidence"]] + [
        [f"Benefit {i}", "Errors avoided", str(10 + i % 50), f"${200 + i % 300}", "50%", "0.8"] for i in range(rows)]
    start = date(2027, 1, 1)
    actuals = [["Course completion report"], [], ["KPI", "Reporting date", "Value"]] + [
        [MEASURES[i % 4], (start + timedelta(days=(i // 4) % 1000)).strftime("%d/%m/%Y"), f"{50 + i % 40}.5"] for i in range(rows)]
    return {"costs": _csv(costs), "benefits": _csv(benefits), "actuals": _csv(actuals)}


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    runs = ap.parse_args().runs

    sys.path.insert(0, str(ROOT))
    from ldpitch.intake import imported, preview_import, read_sheet
    from ldpitch.pitch import Pitch

    plan = Pitch.model_validate({"locale": "en_GB", "measures": [{"level": "learning", "measure": m} for m in MEASURES]})
    ok = True
    print(f"{ROWS:,} rows per file; median of {runs} runs")
    for what, data in files().items():
        floor = timed(lambda data=data: sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8")))), runs)

        def preview(data=data, what=what):
            return preview_import(plan, read_sheet(data, f"{what}.csv"), what)

        shown = preview()
        previewed = timed(preview, runs)
        done = timed(lambda: imported(plan, preview()), runs)
        ok &= previewed < PREVIEW_TARGET and done < IMPORT_TARGET
        print(f"{what:9s} floor (csv.reader) {floor * 1000:7.1f} ms | preview {previewed * 1000:7.1f} ms = {previewed / floor:5.1f} x floor "
              f"(target < {PREVIEW_TARGET:.0f} s) | import {done * 1000:7.1f} ms = {done / floor:5.1f} x floor (target < {IMPORT_TARGET:.0f} s) "
              f"| {shown.summary()}")
    largest = files(100_000)["actuals"]  # the most rows a sheet may have: read, not refused
    start = time.perf_counter()
    shown = preview_import(plan, read_sheet(largest, "actuals.csv"), "actuals")
    print(f"actuals, 100,000 rows (the row cap; no target): preview {time.perf_counter() - start:.2f} s | {shown.summary()}")
    print("within targets" if ok else "OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
