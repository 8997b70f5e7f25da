"""Profile the running app's server while one user changes numbers on Budget: where a change's CPU goes, by function.

    .venv/bin/python bench/profile_room.py                          # onboarding (the largest example), 40 number changes
    .venv/bin/python bench/profile_room.py --step grid --changes 20 # edits of a cost cell in the grid instead
    .venv/bin/python bench/profile_room.py --users 10               # ten users changing numbers at once, 1 to 3 s apart
    .venv/bin/python bench/profile_room.py --set runner.postScriptGC=true   # with a server setting changed

It starts ``streamlit run app.py`` on a free port (the project's .streamlit/config.toml applies; ``--set``
overrides a setting for this run), drives the users over Streamlit's websocket protocol with ``bench_room``'s
``Tab`` (open, load the example, go to Budget), then samples the server with py-spy (the thread holding
Python's lock, so waits are left out) while the users make their changes, and prints each function's share of the samples (inclusive,
then self). py-spy is a sampling profiler from PyPI, not one of the project's requirements: install it
anywhere (e.g. ``python3 -m venv /tmp/spy && /tmp/spy/bin/pip install py-spy``) and pass ``--py-spy``, or have
it on the PATH. It needs to be allowed to read the server's memory (root, or ptrace allowed).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import bench_room  # noqa: E402

from ldpitch.editing import parse as editing  # noqa: E402


def shares(raw: Path, top: int) -> str:
    """Inclusive and self shares of the samples per function, from py-spy's raw (collapsed stack) output."""
    total, inclusive, own = 0, collections.Counter(), collections.Counter()
    for line in raw.read_text().splitlines():
        if not line.strip():
            continue
        stack, n = line.rsplit(" ", 1)
        frames = [re.sub(r":\d+\)$", ")", f).replace(str(ROOT) + "/", "").split("site-packages/")[-1] for f in stack.split(";")]
        total += int(n)
        for f in set(frames):
            inclusive[f] += int(n)
        own[frames[-1]] += int(n)
    lines = [f"{total} samples"]
    for title, counter in (("inclusive", inclusive), ("self", own)):
        lines.append(f"--- {title}")
        lines += [f"{100 * v / max(total, 1):5.1f}%  {k[:140]}" for k, v in counter.most_common(top)]
    return "\n".join(lines)


async def drive(url: str, args, record) -> None:
    """Bring the users to Budget, then make their changes while ``record`` samples the server."""
    room = bench_room.Room(argparse.Namespace(example=args.example), url, users=args.users)
    tabs = [bench_room.Tab(url) for _ in range(args.users)]
    pitches = [await room.arrive(tab, lambda: asyncio.sleep(0)) for tab in tabs]
    if room.errors:
        sys.exit(f"could not reach Budget: {dict(room.errors)}")

    async def user(n: int, tab, p) -> None:
        rng = random.Random(n)
        for _ in range(args.changes):
            if args.users > 1:
                await asyncio.sleep(rng.uniform(1, 3))
            if args.step == "grid":
                p = bench_room.changed(p, "costs", 0, "amount", str(rng.randrange(5_000, 60_000, 250)))
                typed = editing.money_text(p.costs[0].amount, p.currency, p.locale)
                await room.step(tab, "grid edit", lambda t=typed: tab.rerun(widget="budget.costs", string_value=bench_room.grid("0", "Amount", t)),
                                lambda q=p: bench_room.compare_budget(tab, q))
            elif args.step == "rerun":
                await room.step(tab, "rerun", tab.rerun, lambda q=p: bench_room.compare_budget(tab, q))
            else:
                p = await room.number_change(tab, p, rng, "number change")

    await asyncio.sleep(1)
    with record():
        started = time.perf_counter()
        await asyncio.gather(*(user(n, tab, p) for n, (tab, p) in enumerate(zip(tabs, pitches, strict=True))))
        wall = time.perf_counter() - started
    for tab in tabs:
        await tab.ws.close()
    times = [t for v in room.times.values() for t in v]
    print(f"{len(times)} changes in {wall:.1f} s: p50 {bench_room.pct(times, .5) * 1000:.0f} ms, "
          f"p95 {bench_room.pct(times, .95) * 1000:.0f} ms; errors {sum(room.errors.values())} {dict(room.errors) or ''}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--example", default="onboarding")
    ap.add_argument("--step", choices=["number", "grid", "rerun"], default="number", help="what each user does (rerun: nothing changes)")
    ap.add_argument("--changes", type=int, default=40, help="changes per user")
    ap.add_argument("--users", type=int, default=1)
    ap.add_argument("--rate", type=int, default=250, help="py-spy samples per second")
    ap.add_argument("--top", type=int, default=45)
    ap.add_argument("--set", action="append", default=[], metavar="OPTION=VALUE", help="a Streamlit setting for this run")
    ap.add_argument("--py-spy", default=shutil.which("py-spy") or "py-spy", help="the py-spy program")
    ap.add_argument("--out", type=Path, help="keep py-spy's raw samples here")
    args = ap.parse_args()
    if not shutil.which(args.py_spy):
        sys.exit(f"py-spy not found at {args.py_spy}: install it from PyPI (see --help) and pass --py-spy")
    with tempfile.TemporaryDirectory(prefix="profile_room.") as tmp:
        folder, port = Path(tmp), bench_room.free_port()
        proc = bench_room.start_app("app.py", ROOT, port, folder / "app.log", {"LDPITCH_DATA_DIR": str(folder / "data")},
                                    extra=[f"--{setting}" for setting in args.set])
        raw = args.out or folder / "samples.txt"

        class record:
            """py-spy sampling the server, and the server's CPU seconds, over the ``with`` block."""

            def __enter__(self):
                self.spy = subprocess.Popen([args.py_spy, "record", "--pid", str(proc.pid), "--rate", str(args.rate), "--format", "raw",
                                             "--output", str(raw), "--nonblocking", "--gil"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(1.0)  # py-spy attaches
                self.cpu = bench_room.usage(proc.pid)[0]

            def __exit__(self, *exc):
                record.used = bench_room.usage(proc.pid)[0] - self.cpu
                self.spy.send_signal(2)
                self.spy.wait(timeout=60)
        try:
            asyncio.run(drive(f"ws://127.0.0.1:{port}/_stcore/stream", args, record))
            print(f"server CPU per change: {record.used / (args.changes * args.users) * 1000:.0f} ms")
            print(shares(raw, args.top))
        finally:
            proc.terminate()
            proc.wait(timeout=20)


if __name__ == "__main__":
    main()
