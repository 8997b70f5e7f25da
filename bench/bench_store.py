"""Benchmark the pitch library on SQLite: listing 1,000 pitches, and the cost of one autosave.

    .venv/bin/python bench/bench_store.py

Prints the figures and their ratio to ``evaluate(pitch)`` measured in the same
run (the floor: the app evaluates on every change anyway). Exits 1 if listing
1,000 pitches takes 0.5 s or more.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ldpitch.engine.evaluation import evaluate  # noqa: E402
from ldpitch.pitch import examples  # noqa: E402
from ldpitch.pitch.files import dump_pitch  # noqa: E402
from ldpitch.store import LOCAL  # noqa: E402
from ldpitch.store.library import open_store  # noqa: E402

LIBRARY_SIZE = 1000
LIST_TARGET_S = 0.5


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def main() -> int:
    pitches = {name: examples.load(name) for name in examples.names()}
    largest_name = max(pitches, key=lambda n: len(dump_pitch(pitches[n])))
    largest = pitches[largest_name]
    with tempfile.TemporaryDirectory(prefix="ldpitch-bench-") as folder, open_store(data_dir=folder) as store:
        start = time.perf_counter()
        names = sorted(pitches)
        for n in range(LIBRARY_SIZE):
            name = names[n % len(names)]
            store.create(LOCAL, pitches[name], name=f"{name} {n:04d}")
        fill = time.perf_counter() - start

        cold = timed(lambda: store.list_pitches(LOCAL), 1)[0]
        listing = statistics.median(timed(lambda: store.list_pitches(LOCAL), 9))
        assert len(store.list_pitches(LOCAL)) == LIBRARY_SIZE

        evaluation = statistics.median(timed(lambda: evaluate(largest), 50))
        serialise = statistics.median(timed(lambda: dump_pitch(largest), 50))

        record = store.create(LOCAL, largest, name="autosave")
        state = {"version": record.version, "n": 0}

        def autosave(summary: str | None):
            state["n"] += 1
            edited = largest.model_copy(update={"title": f"{largest.title} ({state['n']})"})
            state["version"] = store.save(LOCAL, record.id, edited, state["version"], summary)

        save_described = statistics.median(timed(lambda: autosave(None), 50))
        save_given = statistics.median(timed(lambda: autosave("Pitch: title changed"), 50))
        load = statistics.median(timed(lambda: store.load(LOCAL, record.id), 50))
        size = Path(store.location).stat().st_size + Path(store.location + "-wal").stat().st_size

    print(f"pitch library on SQLite, {LIBRARY_SIZE:,} pitches ({fill:.2f} s to create them; {size / 1e6:.1f} MB on disk)")
    print(f"  list {LIBRARY_SIZE:,} pitches        {ms(listing)}  (first call {ms(cold).strip()}; target < {LIST_TARGET_S * 1000:.0f} ms)")
    print(f"  largest example: {largest_name} ({len(dump_pitch(largest)) / 1000:.1f} kB as a pitch file)")
    print(f"  evaluate(pitch) (floor)       {ms(evaluation)}")
    print(f"  dump_pitch(pitch)             {ms(serialise)}  = {serialise / evaluation:5.1f} x evaluate")
    print(f"  autosave, change described    {ms(save_described)}  = {save_described / evaluation:5.1f} x evaluate")
    print(f"  autosave, summary given       {ms(save_given)}  = {save_given / evaluation:5.1f} x evaluate")
    print(f"  load the current version      {ms(load)}  = {load / evaluation:5.1f} x evaluate")
    if listing >= LIST_TARGET_S:
        print(f"FAIL: listing took {listing:.3f} s, over the {LIST_TARGET_S} s target")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
