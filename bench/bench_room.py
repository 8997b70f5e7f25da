"""Benchmark a workshop room: N people on one running app at once, every change checked against the core.

    .venv/bin/python bench/bench_room.py --users 30                  # starts its own app on a free port
    .venv/bin/python bench/bench_room.py --users 30 --burst          # everyone changes a number at the same moment
    .venv/bin/python bench/bench_room.py --users 10 --duration 120 --example onboarding
    .venv/bin/python bench/bench_room.py --port 8501 --pid 1234      # an app already running (--pid: its CPU, memory)
    .venv/bin/python bench/bench_room.py --users 60 --serve 2        # `make serve WORKERS=2`: 2 app processes behind HAProxy
    .venv/bin/python bench/bench_room.py --port 8501 --supervisor 1234   # a `make serve` already running (its supervisor's pid)

Each user speaks the browser's protocol to the real app (websocket /_stcore/stream, BackMsg and ForwardMsg
protobufs): it keeps its widget states and sends them all with every rerun, the page's script hash, the query
string the app set (``?pitch=<id>``) and the hashes of the messages it cached. With 1 to 3 s of thinking (seeded)
before each step, it opens the app (the room within ``--open-within`` s: "open" is the page and every static file a
new browser tab loads, recorded once from Chromium (``room_tab.static_files``) and fetched six at a time with curl,
then the app's first run over the websocket; ``--no-static`` for the websocket only), loads the example with its button on
Start, goes to Budget, types an amount in a cost cell of the grid, changes the discount rate, switches to Options,
changes a score in the grid, switches back to Budget (again from the cost cell until ``--duration`` s have passed),
goes to Export, builds the deck and downloads it ("deck build": from the click to the deck offered for download),
then waits for its slide thumbnails as the browser does: the page polls for them with a fragment on a timer
(``st.fragment(run_every=...)``), so the tab fires its short fragment timers (under 60 s: never the app's
15-minute reconnect timer) until the thumbnails are on the page. Each poll is a step ("preview poll": a rerun of
the fragment, the last one with the page's rerun that shows the thumbnails). The thumbnails' arrival, from the
click, is background time, not an interaction: it is printed apart ("previews drawn (background, page usable
meanwhile)") and left out of "all steps"; thumbnails fewer than the deck's slides, a preview that fails, or none
within the timeout is an error. ``--burst``: open, load, Budget, then everyone changes the discount rate at the
same moment, ``--bursts`` times.

A step's latency runs from sending the BackMsg to the ``script_finished`` of the run showing the result (after any
``st.rerun``; "deck build": to the download button's arrival). Each change is checked: ROI, total cost and NPV on Budget, and the option chart's description on
Options, must equal what ``ldpitch.evaluate`` and ``ldpitch.format`` give for the same inputs; a mismatch, a
missing figure, an exception or an error box is an error. Printed: p50, p95 and max per step, errors, server CPU
per interaction (/proc/<pid>/stat, the app's export worker processes included, LibreOffice children apart; the
polls' CPU included, the polls not counted as interactions), one number change's CPU with nobody else on the
server (30 changes, once the warm-up's background work is done), memory per session ((RSS after - before) / users). Several app processes (``--serve N`` starts
``serve/supervisor.py`` with N workers behind HAProxy, ``--supervisor PID`` finds the workers of one running, or
``--pid`` names each): their CPU and memory are summed, each worker's share of the CPU is printed, and each tab
keeps HAProxy's sticky cookie for its deck download, as a browser does. Floor, same run: the rerun of a one-widget page served
by its own process over the same protocol; each step's p50 is also a multiple of it. One full session warms the
server first. Report only: never exits 1 on a target.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import random
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websockets

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from room_tab import (  # noqa: E402
    TIMEOUT_S,
    StepFailed,
    Tab,
    changed,
    compare_budget,
    compare_options,
    fetch_files,
    free_port,
    grid,
    start_app,
    start_serve,
    static_files,
    usage,
    workers_of,
)

import ldpitch  # noqa: E402
from ldpitch import preview  # noqa: E402
from ldpitch.editing import parse as editing  # noqa: E402

STEPS = ["open", "load example", "go to Budget", "grid edit", "number change", "page switch", "option score",
         "deck build", "preview poll", "burst number change"]
#: Drawn while the page is usable, so timed apart from the steps: from the build's click to the thumbnails on the page.
BACKGROUND = "slide previews"
#: A poll is the page's own timer, not a person's interaction: timed as a step, not counted as an interaction for CPU.
POLL = "preview poll"
#: The floor: one widget, served as the app serves (the project's config, and ui.serving's set-up).
FLOOR_PAGE = f"""import sys

import streamlit as st

sys.path.insert(0, {str(ROOT)!r})
from ui import serving  # noqa: E402

serving.set_up_once()
st.number_input("A number", key="n")
"""
# --- the room --------------------------------------------------------------------------------------


class Room:
    def __init__(self, args, url: str, users: int | None = None, files: list[str] = ()):
        self.args, self.url, self.files = args, url, list(files)
        self.http = url.replace("ws", "http", 1).rsplit("/_stcore", 1)[0]
        self.times: dict[str, list[float]] = collections.defaultdict(list)
        self.errors: collections.Counter = collections.Counter()
        self.barrier = asyncio.Barrier(users or args.users)
        self.tabs: list[Tab] = []

    async def step(self, tab: Tab, name: str, act, check=None, until_mark: bool = False) -> None:
        """Time one interaction (``act``: a coroutine function), then check what the page shows.

        ``until_mark``: timed to the arrival of the element ``act`` marks (``Tab.marked``), not to the end of the run.
        """
        if tab.dead:
            return
        start = time.perf_counter()
        try:
            await asyncio.wait_for(act(), TIMEOUT_S)
        except (StepFailed, OSError, TimeoutError, websockets.WebSocketException) as e:
            self.errors[f"{name}: {type(e).__name__} {e}"[:160]] += 1
            tab.dead = True
            return
        self.times[name].append((tab.marked if until_mark and tab.marked else time.perf_counter()) - start)
        found = check() if check else []
        for reason in tab.problems() + (await found if asyncio.iscoroutine(found) else found):
            self.errors[f"{name}: {reason}"] += 1

    async def arrive(self, tab: Tab, pause):
        """Open the app, load the example from Start, go to Budget; returns the pitch the app now holds."""
        example, p = self.args.example, ldpitch.examples.load(self.args.example)

        await self.step(tab, "open", lambda: self.open(tab), lambda: [] if f"start.example.{example}" in tab.ids else ["no example button"])
        await pause()
        await self.step(tab, "load example", lambda: tab.rerun(trigger=tab.widget(f"start.example.{example}")),
                        lambda: [] if "pitch=" in tab.query else ["no ?pitch= in the URL"])
        await pause()
        await self.step(tab, "go to Budget", lambda: tab.rerun(page=tab.pages["budget"]), lambda: compare_budget(tab, p))
        return p

    async def open(self, tab: Tab) -> None:
        """A new tab: the page and the static files a browser loads (``static_files``), then the app's first run."""
        if self.files:
            await fetch_files(self.http, self.files, tab.cookie)
        await tab.rerun()

    async def user(self, n: int, think=(1.0, 3.0), opening: float | None = None) -> None:
        a, tab = self.args, Tab(self.url)
        rng = random.Random(a.seed * 1000 + n)
        self.tabs.append(tab)

        def pause():
            return asyncio.sleep(rng.uniform(*think))
        await asyncio.sleep(rng.uniform(0, a.open_within) if opening is None else opening)
        p = await self.arrive(tab, pause)
        if a.burst:
            for _ in range(a.bursts):
                await pause()
                await self.barrier.wait()  # every user, even one whose tab failed, so nobody waits forever
                p = await self.number_change(tab, p, rng, "burst number change")
            return
        started = time.monotonic()
        while not tab.dead:
            await pause()
            p = changed(p, "costs", 0, "amount", str(rng.randrange(5_000, 60_000, 250)))
            typed = editing.money_text(p.costs[0].amount, p.currency, p.locale)  # as a person types it in the cell
            await self.step(tab, "grid edit", lambda t=typed: tab.rerun(widget="budget.costs", string_value=grid("0", "Amount", t)),
                            lambda q=p: compare_budget(tab, q))
            await pause()
            p = await self.number_change(tab, p, rng, "number change")
            await pause()
            await self.step(tab, "page switch", lambda: tab.rerun(page=tab.pages["options"]))
            await pause()
            row, criterion, score = rng.randrange(len(p.options)), rng.choice(p.criteria).name, rng.randint(1, 10)
            p = changed(p, "options", row, "scores", {**p.options[row].scores, criterion: score})
            await self.step(tab, "option score", lambda r=str(row), c=criterion, s=score: tab.rerun(
                widget="options.scores", string_value=grid(r, c, s)), lambda q=p: compare_options(tab, q))
            await pause()
            await self.step(tab, "page switch", lambda: tab.rerun(page=tab.pages["budget"]), lambda q=p: compare_budget(tab, q))
            if time.monotonic() - started >= a.duration:
                break
        await pause()
        await self.step(tab, "page switch", lambda: tab.rerun(page=tab.pages["export"]))
        await pause()
        clicked = time.perf_counter()
        await self.step(tab, "deck build", lambda: tab.rerun(trigger=tab.widget("export.build"), mark="export.pptx"),
                        lambda: self.deck(tab), until_mark=True)
        await self.previews(tab, clicked)

    async def previews(self, tab: Tab, clicked: float) -> None:
        """Wait for the slide thumbnails as the browser does, firing the page's fragment timer; the wait is background time."""
        while not tab.dead:
            shown = sum(len(el.imgs) for el in tab.of("imgs"))
            if tab.slides and shown >= tab.slides:
                self.times[BACKGROUND].append(time.perf_counter() - clicked)
                return
            said = [a.body for a in tab.of("alert") if "slide previews" in a.body]
            timer = tab.timer()
            if said or timer is None or time.perf_counter() - clicked > TIMEOUT_S:
                why = said[0][:110] if said else f"{shown} of {tab.slides} thumbnails and " + (
                    "no timer polling for more" if timer is None else f"none more after {TIMEOUT_S} s")
                self.errors[f"{BACKGROUND}: {why}"] += 1
                return
            await asyncio.sleep(timer[1])
            await self.step(tab, POLL, lambda fragment=timer[0]: tab.rerun(fragment=fragment))

    async def number_change(self, tab: Tab, p, rng: random.Random, name: str):
        # A new rate each time (0.01-point steps from 2 to 15%), as people type: a value seen before would find its figures
        # already derived (ldpitch.engine.analyse keeps recent versions) and cost less than a real change.
        percent = rng.choice([x / 100 for x in range(200, 1501) if x / 100 != float(p.discount_rate * 100)])
        new = editing.set_field(p, "discount_rate", editing.share_from_percent(percent))
        await self.step(tab, name, lambda: tab.rerun(widget="discount_rate", double_value=percent), lambda: compare_budget(tab, new))
        return new

    async def deck(self, tab: Tab) -> list[str]:
        """The deck is offered for download after the build, and the download is a .pptx (not timed)."""
        urls = [d.url for d in tab.of("download_button") if d.id.endswith("-export.pptx")]
        if not urls:
            shown = [b.label for b in tab.of("button")] + [a.body[:70] for a in tab.of("alert")]
            return [f"no deck to download after the build; the page shows {shown}"]
        link = self.url.replace("ws", "http", 1).rsplit("/_stcore", 1)[0] + urls[0]
        request = urllib.request.Request(link, headers={"Cookie": tab.cookie} if tab.cookie else {})  # to the tab's own process
        data = await asyncio.to_thread(lambda: urllib.request.urlopen(request, timeout=60).read())
        tab.slides = preview.slide_count(data)  # how many thumbnails must arrive
        return [] if data[:2] == b"PK" and len(data) > 10_000 else [f"the deck download is not a .pptx ({len(data)} bytes)"]

    async def close(self) -> None:
        await asyncio.gather(*(t.ws.close() for t in self.tabs if t.ws))


# --- measuring ---------------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))]


async def floor_latency(url: str, reruns: int = 30) -> tuple[float, float]:
    """Median rerun of the one-widget page changing its number, and median heartbeat round trip."""
    tab, times = Tab(url), []
    await tab.rerun()
    for n in range(reruns):
        start = time.perf_counter()
        await tab.rerun(widget="n", double_value=float(n + 1))
        times.append(time.perf_counter() - start)
    pings = [await tab.ping() for _ in range(reruns)]
    await tab.ws.close()
    return pct(times, 0.5), pct(pings, 0.5)


async def warm_up(args, url: str, pid: list[int] | None, files: list[str], changes: int = 30) -> float | None:
    """One full session on each cold server process, then the server CPU of one number change on Budget with nobody else on it.

    Measured once the server is idle (the warm-up's slide previews drawn), over ``changes`` changes after ten unmeasured.
    """
    workers = max(1, len(pid or ()))
    warm = Room(argparse.Namespace(**{**vars(args), "burst": False, "duration": 0}), url, users=workers, files=files)
    await asyncio.gather(*(warm.user(n, think=(0, 0), opening=0) for n in range(workers)))  # held open together: one per process
    tab, rng = Tab(url), random.Random(args.seed)
    warm.tabs.append(tab)
    p = await warm.arrive(tab, lambda: asyncio.sleep(0))
    for _ in range(10):
        p = await warm.number_change(tab, p, rng, "number change")
    await idle(pid)
    before = usage(pid)[0] if pid else 0
    for _ in range(changes):
        p = await warm.number_change(tab, p, rng, "number change")
    alone = (usage(pid)[0] - before) / changes if pid else None
    await warm.close()
    if warm.errors:
        sys.exit(f"the warm-up session failed: {dict(warm.errors)}")
    return alone


async def idle(pid: list[int] | None, quiet: float = 0.02, longest: float = 120) -> None:
    """Wait until the server uses under ``quiet`` s of CPU in a second (background work such as previews done), at most ``longest`` s."""
    if not pid:
        await asyncio.sleep(0.5)
        return
    deadline = time.monotonic() + longest
    while time.monotonic() < deadline:
        before = usage(pid)
        await asyncio.sleep(1)
        after = usage(pid)
        if after[0] - before[0] < quiet and after[1] == before[1]:
            return


async def main(args) -> None:
    tmp = tempfile.TemporaryDirectory(prefix="bench_room.")
    folder, procs = Path(tmp.name), []
    try:
        (folder / "floor.py").write_text(FLOOR_PAGE, encoding="utf-8")
        fport = free_port()  # the floor runs from the project folder too, so it gets the same .streamlit/config.toml
        procs.append(start_app(str(folder / "floor.py"), ROOT, fport, folder / "floor.log"))
        if args.serve:
            port = free_port()
            procs.append(start_serve(args.serve, port, folder))
            url, pid = f"ws://127.0.0.1:{port}/_stcore/stream", workers_of(procs[-1].pid)
        elif args.url or args.port:
            url = args.url or f"ws://127.0.0.1:{args.port}/_stcore/stream"
            pid = workers_of(args.supervisor) if args.supervisor else args.pid
        else:
            port = free_port()
            procs.append(start_app("app.py", ROOT, port, folder / "app.log", {"LDPITCH_DATA_DIR": str(folder / "data")}))
            url, pid = f"ws://127.0.0.1:{port}/_stcore/stream", [procs[-1].pid]
        floor, ping = await floor_latency(f"ws://127.0.0.1:{fport}/_stcore/stream")
        procs[0].terminate()
        http = url.replace("ws", "http", 1).rsplit("/_stcore", 1)[0]
        files, found = await asyncio.to_thread(static_files, http) if not args.no_static else ([], "")  # Playwright's sync API: not in this loop
        alone = await warm_up(args, url, pid, files)
        await idle(pid)
        before, each = (usage(pid), [usage(p)[0] for p in pid]) if pid else (None, None)
        room, started, mine = Room(args, url, files=files), time.perf_counter(), time.process_time()
        await asyncio.gather(*(room.user(n) for n in range(args.users)))
        wall, mine = time.perf_counter() - started, time.process_time() - mine
        after = usage(pid) if pid else None
        if pid:
            each = [usage(p)[0] - b for p, b in zip(pid, each, strict=True)]
        await room.close()
        args.opening = f"{len(files)} files over HTTP, {found}, then the first run" if files else "the first run only (--no-static)"
        report(args, room, (floor, ping), (wall, mine), pid and (after[0] - before[0], after[1] - before[1], before[2], after[2], alone, each))
    finally:
        for proc in procs:
            proc.terminate()  # make serve's supervisor stops HAProxy and its workers on SIGTERM
            proc.wait(timeout=30)
        tmp.cleanup()


def line(name: str, times: list[float] | None, errors: int, floor: float) -> None:
    if times:
        print(f"{name:<20} {len(times):>4} {pct(times, .5):>7.2f}s {pct(times, .95):>7.2f}s {max(times):>7.2f}s "
              f"{pct(times, .5) / floor:>9.0f}x {errors:>7}")
    elif errors:
        print(f"{name:<20} {0:>4} {'-':>8} {'-':>8} {'-':>8} {'-':>10} {errors:>7}")


def report(args, room: Room, floors: tuple[float, float], times: tuple[float, float], server) -> None:
    (floor, ping), (wall, mine) = floors, times
    mode = f"burst x{args.bursts}" if args.burst else f"duration {args.duration:g} s"
    print(f"ldpitch room: {args.users} users, example {args.example}, {mode}, seed {args.seed}, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f}, {wall:.1f} s wall, {mine:.1f} s CPU in this client")
    print(f"floor: rerun of a one-widget page in its own process, same protocol: p50 {floor * 1000:.1f} ms "
          f"(a heartbeat's round trip: {ping * 1000:.2f} ms)")
    print(f"open: {args.opening}\n")
    print(f"{'step':<20} {'n':>4} {'p50':>8} {'p95':>8} {'max':>8} {'p50/floor':>10} {'errors':>7}")
    every = [t for name in STEPS for t in room.times.get(name, [])] or [float("nan")]
    for name in STEPS + ["all steps"]:
        times = every if name == "all steps" else room.times.get(name)
        errors = sum(c for r, c in room.errors.items() if (r.startswith(name + ":") if name != "all steps" else not r.startswith(BACKGROUND)))
        line(name, times, errors, floor)
    drawn, failed = room.times.get(BACKGROUND), sum(c for r, c in room.errors.items() if r.startswith(BACKGROUND + ":"))
    print("\npreviews drawn (background, page usable meanwhile), from the build's click to the thumbnails on the page:")
    line(BACKGROUND, drawn, failed, floor)
    print(f"\nerrors: {sum(room.errors.values())}")
    for reason, count in room.errors.most_common():
        print(f"  {count:>3} x {reason}")
    if not server:
        print("\nserver CPU and memory: not measured (give --pid of the app process, or --supervisor)")
        return
    own, children, rss0, rss1, alone, each = server
    acts = len(every) - len(room.times.get(POLL, []))  # the polls' CPU is in ``own``; they are not people's interactions
    per, session = own / max(1, acts), (rss1 - rss0) / args.users
    print(f"\nserver CPU: {own:.1f} s over {acts} interactions and {len(every) - acts} preview polls = {per:.3f} s per interaction "
          f"({own / wall:.0%} of one core; {children:.1f} s more in child processes such as LibreOffice)")
    if len(each) > 1:
        print(f"{len(each)} app processes: " + ", ".join(f"{cpu:.1f} s" for cpu in each) + f" of CPU each ({own / wall:.2f} cores busy)")
    print(f"server CPU for one number change on Budget, alone on the server: {alone:.3f} s")
    print(f"memory: RSS {rss0:.0f} MB before, {rss1:.0f} MB with {args.users} sessions open: {session:.1f} MB per session")
    previews = f"{pct(drawn, .5):.1f} / {pct(drawn, .95):.1f} s" if (drawn := room.times.get(BACKGROUND)) else "-"
    print(f"\n| users | p50 | p95 | max | errors | CPU per interaction | memory per session | previews p50 / p95 (background) |\n"
          f"| {args.users}{', burst' if args.burst else ''} | {pct(every, .5):.2f} s | {pct(every, .95):.2f} s "
          f"| {max(every):.2f} s | {sum(room.errors.values())} | {per:.3f} s | {session:.1f} MB | {previews} |")


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--users", type=int, default=30)
    ap.add_argument("--example", default="sales_mobile", help="the example each user loads (onboarding is the largest)")
    ap.add_argument("--duration", type=float, default=0, help="keep editing for this many seconds before going to Export")
    ap.add_argument("--burst", action="store_true", help="everyone changes the discount rate at the same moment")
    ap.add_argument("--bursts", type=int, default=5, help="how many bursts (with --burst)")
    ap.add_argument("--open-within", type=float, default=3.0, help="users open the app within this many seconds")
    ap.add_argument("--no-static", action="store_true", help="open with the websocket only, without the page's static files")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--port", type=int, help="an app already running on this port (else the script starts one)")
    ap.add_argument("--url", help="the websocket of an app already running, e.g. ws://127.0.0.1:8501/_stcore/stream")
    ap.add_argument("--pid", type=int, nargs="+", help="that app's process id (or its processes' ids), to measure CPU and memory")
    ap.add_argument("--supervisor", type=int, help="the pid of a running `make serve` (serve/supervisor.py): its workers are measured")
    ap.add_argument("--serve", type=int, metavar="WORKERS", help="start `make serve` with this many app processes behind HAProxy")
    return ap.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
