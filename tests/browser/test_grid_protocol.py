"""An edit in a grid of the running app, sent as the browser sends it over Streamlit's websocket: one run shows it.

The client is bench/bench_room.py's ``Tab`` (the room benchmark's model of a
browser tab: widget states, page hash, URL and message cache), so the test and
the benchmark speak the protocol the same way. No browser: the messages are
what a browser would send, and what the app sends back is read as a browser
would read it.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor

from server import ROOT, AppServer

sys.path.insert(0, str(ROOT / "bench"))
import bench_room  # noqa: E402

import ldpitch  # noqa: E402
from ldpitch.editing import EditError  # noqa: E402
from ldpitch.editing import parse as editing  # noqa: E402


async def _edit_costs(url: str, typed_amounts: list[str]) -> list[tuple[int, list[str], list[str]]]:
    """Open onboarding on Budget, type each amount in the first cost line's cell; per edit: runs, mismatches, warnings."""
    room = bench_room.Room(argparse.Namespace(example="onboarding"), url, users=1)
    tab = bench_room.Tab(url)
    p = await room.arrive(tab, lambda: asyncio.sleep(0))
    assert not room.errors, dict(room.errors)
    seen = []
    for typed in typed_amounts:
        try:
            amount = editing.parse_money(typed, p.currency, p.locale)
        except EditError:
            amount = None  # kept out of the pitch: the figures stay as they were
        if amount is not None:
            p = bench_room.changed(p, "costs", 0, "amount", str(amount))
        await tab.rerun(widget="budget.costs", string_value=bench_room.grid("0", "Amount", typed))
        warnings = [a.body for a in tab.of("alert") if a.format == 2]  # st.warning
        seen.append((tab.runs, bench_room.compare_budget(tab, p), warnings))
    await tab.ws.close()
    return seen


def test_an_edit_in_a_grid_is_shown_by_one_run_of_the_page(tmp_path):
    p = ldpitch.examples.load("onboarding")
    good = editing.money_text(p.costs[0].amount + 1250, p.currency, p.locale)
    with AppServer(tmp_path / "data", name="grid-protocol") as server:
        url = server.url.replace("http", "ws", 1) + "/_stcore/stream"
        with ThreadPoolExecutor(1) as thread:  # a loop of its own: Playwright's tests leave one running in this thread
            seen = thread.submit(asyncio.run, _edit_costs(url, [good, "twelve", good])).result()
    (runs, mismatches, warnings), (bad_runs, bad_mismatches, bad_warnings), (again_runs, again_mismatches, _) = seen
    assert runs == 1 and mismatches == [] and warnings == []
    assert bad_runs == 1 and bad_mismatches == [], "a flagged row keeps the figures as they were"
    assert any("twelve" in w or "Amount" in w for w in bad_warnings), bad_warnings
    assert again_runs == 1 and again_mismatches == [], "the fixed row counts again"
