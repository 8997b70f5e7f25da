"""How much CPU the simulation's 10,000 trials take on the largest example, against numpy drawing as many numbers.

The target is under 0.3 s of CPU (``time.process_time``) in the core, so the
Budget page stays interactive. The floor is the cheapest work the simulation
cannot avoid: numpy's PCG64 generator drawing the same number of beta
variates (one per drawn input per trial), timed in the same run; the ratio
says how much the money formulas, percentiles and drivers add on top. Runs
are alternated and the medians compared, so a busy moment hits both alike.
The same is timed for the example with the most drawn inputs too, and for a
large synthetic pitch (every template, ranges on every input, 40 ranged cost
lines) to show how the time grows.

    .venv/bin/python bench/bench_simulation.py [--runs N] [--strict]

``--strict`` exits 1 when a time is over target (for CI); by default the script only reports.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ldpitch.engine import DEFAULT_SEED, DEFAULT_TRIALS, evaluate, simulate  # noqa: E402
from ldpitch.pitch import TEMPLATES, Pitch, examples  # noqa: E402

TARGET_SECONDS = 0.3


def cpu(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def synthetic_pitch() -> Pitch:
    """Every template once with a range on every input, attribution and confidence, and 40 cost lines with ranges."""
    benefits = []
    for t in TEMPLATES.values():
        inputs = {i.name: Decimal("0.5") if i.kind == "share" else Decimal(100) for i in t.inputs}
        if t.id in ("turnover_reduction", "membership_renewals", "compliance_risk_avoided"):
            inputs = {**inputs, **{k: Decimal(v) for k, v in {"turnover_after": "0.3", "renewal_rate_before": "0.3", "probability_after": "0.3"}.items() if k in inputs}}
        ranges = {n: {"low": v * Decimal("0.8"), "high": v * Decimal("1.2")} for n, v in inputs.items()}
        ranges |= {"attribution": {"low": "0.3", "high": "0.6"}, "confidence": {"low": "0.6", "high": "0.8"}}
        benefits.append({"label": t.title, "template": t.id, "inputs": inputs, "ranges": ranges, "attribution": "0.5", "confidence": "0.7"})
    costs = [{"category": "other", "label": f"Cost {i}", "amount": "1000", "cadence": "per_year" if i % 2 else "one_time",
              "amount_range": {"low": "900", "high": "1400"}} for i in range(40)]
    return Pitch.model_validate({"horizon_years": 3, "benefits": benefits, "costs": costs})


def measure(label: str, pitch: Pitch, runs: int) -> float:
    expected = evaluate(pitch)
    draws = len(simulate(pitch, expected=expected).inputs)
    rng = np.random.Generator(np.random.PCG64(DEFAULT_SEED))
    sims, floors = [], []
    for _ in range(runs):
        sims.append(cpu(lambda: simulate(pitch, DEFAULT_TRIALS, DEFAULT_SEED, expected)))
        floors.append(cpu(lambda: [rng.beta(3.0, 3.0, DEFAULT_TRIALS) for _ in range(max(draws, 1))]))
    sim, floor = statistics.median(sims), statistics.median(floors)
    verdict = "ok" if sim < TARGET_SECONDS else "OVER TARGET"
    print(f"{label}: {draws} drawn inputs x {DEFAULT_TRIALS:,} trials")
    print(f"  simulate  {sim * 1000:8.1f} ms CPU (median of {runs}); target < {TARGET_SECONDS * 1000:.0f} ms: {verdict}")
    print(f"  floor     {floor * 1000:8.1f} ms CPU: numpy drawing {max(draws, 1) * DEFAULT_TRIALS:,} beta variates")
    print(f"  ratio     {sim / floor if floor else float('inf'):8.1f} x the floor")
    return sim


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--strict", action="store_true")
    args = ap.parse_args()
    largest = examples.largest()
    most = max(examples.names(), key=lambda n: len(simulate(examples.load(n), trials=100).inputs))
    times = [measure(f"largest example {largest}", examples.load(largest), args.runs)]
    if most != largest:
        times.append(measure(f"example with the most drawn inputs, {most}", examples.load(most), args.runs))
    times.append(measure("synthetic pitch (every template, every input ranged, 40 ranged costs, 3 years)", synthetic_pitch(), args.runs))
    return 1 if args.strict and max(times) >= TARGET_SECONDS else 0


if __name__ == "__main__":
    raise SystemExit(main())
