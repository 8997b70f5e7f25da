"""How long `python -m ldpitch workbook` takes on the largest example, over bare Python start-up.

Whole-process wall time (imports included: pydantic, XlsxWriter, babel), as a
user of the command line waits for it, minus the time of `python -c pass`
measured in the same run on the same machine. Median of several runs of each.
Target: under 0.5 s over start-up.

    .venv/bin/python bench/bench_workbook.py [--runs N]
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
TARGET_SECONDS = 0.5


def wall_time(args: list[str], runs: int) -> list[float]:
    """Seconds each of ``runs`` runs of ``args`` took, from the repository root."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    runs = ap.parse_args().runs

    sys.path.insert(0, str(ROOT))
    from ldpitch.pitch import examples
    from ldpitch.pitch.files import dump_pitch

    name = examples.largest()
    pitch = examples.load(name)
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / f"{name}.json", Path(tmp) / f"{name}.xlsx"
        source.write_bytes(dump_pitch(pitch))
        command = [sys.executable, "-m", "ldpitch", "workbook", str(source), "-o", str(out)]
        wall_time(command, 1)  # warm the file cache and the .pyc files
        floor = wall_time([sys.executable, "-c", "pass"], runs)
        whole = wall_time(command, runs)
        size = out.stat().st_size

    floor_s, whole_s = statistics.median(floor), statistics.median(whole)
    over = whole_s - floor_s
    print(f"example: {name} ({examples.rows(pitch)} rows, {len(pitch.costs)} cost lines, {len(pitch.benefits)} benefit lines); "
          f"workbook {size / 1024:.1f} KiB")
    print(f"python -c pass:               median {floor_s * 1000:7.1f} ms over {runs} runs")
    print(f"python -m ldpitch workbook:   median {whole_s * 1000:7.1f} ms over {runs} runs "
          f"(min {min(whole) * 1000:.1f}, max {max(whole) * 1000:.1f})")
    print(f"over start-up:                {over * 1000:7.1f} ms  (target < {TARGET_SECONDS * 1000:.0f} ms, "
          f"{over / TARGET_SECONDS:.0%} of it; {whole_s / floor_s:.1f}x bare start-up)")
    return 0 if over < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
