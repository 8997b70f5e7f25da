"""One simulated browser tab on Streamlit's websocket protocol, the app processes it talks to, and what the page must show.

Used by ``bench_room.py`` (a room of such tabs), ``profile_room.py`` and the browser tests that drive the app
over the protocol (``tests/browser/test_grid_protocol.py``). Not a benchmark itself.

Fragment timers work as in the browser: an ``auto_rerun`` message sets a timer for a fragment, a full run of the
page (or a page change) clears them all, ``stop_auto_rerun`` clears some; ``Tab.timer`` gives the shortest one for
the caller to fire with ``rerun(fragment=...)``, a rerun of that fragment alone (``is_auto_rerun``). A fragment run
keeps the rest of the page's elements; only the fragment's own are replaced.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import ldpitch  # noqa: E402
from ldpitch import format as fmt  # noqa: E402
from ldpitch.charts import build as cb  # noqa: E402

TIMEOUT_S = 300
TICK = os.sysconf("SC_CLK_TCK")


class StepFailed(Exception):
    """The step could not be done: no such widget, a compile error, an unknown cached message."""


# --- the server process --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(script: str, cwd: Path, port: int, log: Path, env: dict | None = None, extra: list[str] = ()) -> subprocess.Popen:
    """``streamlit run script`` on ``port`` (``extra``: more command-line settings), once its health check answers."""
    cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true", "--server.address", "127.0.0.1",
           "--server.port", str(port), "--browser.gatherUsageStats", "false", *extra]
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})}, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    for _ in range(240):
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).read() == b"ok":
                return proc
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.25)
    proc.kill()
    sys.exit(f"{script} did not start on port {port}:\n{log.read_text(errors='replace')[-2000:]}")


def usage(pid: int | list[int]) -> tuple[float, float, float]:
    """CPU seconds of an app process with its export workers, and of its reaped children (e.g. LibreOffice); RSS in MB.

    The export workers (``ui.workers``: Python processes the app started with
    multiprocessing, alive while it serves) are part of the server: their CPU
    and memory are added to the app process's. Given several processes (the
    workers of ``make serve``), their sums.
    """
    if isinstance(pid, list):
        return tuple(sum(column) for column in zip(*(usage(p) for p in pid), strict=True))
    own, children, rss = _stat(pid)
    for helper in export_workers(pid):
        with contextlib.suppress(OSError, StopIteration):  # ended meanwhile
            cpu, _, memory = _stat(helper)
            own, rss = own + cpu, rss + memory
    return own, children, rss


def _stat(pid: int) -> tuple[float, float, float]:
    f = [int(x) for x in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[11:15]]
    rss = next(int(x.split()[1]) for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith("VmRSS:"))
    return (f[0] + f[1]) / TICK, (f[2] + f[3]) / TICK, rss / 1024


def export_workers(pid: int) -> list[int]:
    """The live Python processes ``pid`` started with multiprocessing (its export workers and their resource tracker)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid and b"multiprocessing" in (stat.parent / "cmdline").read_bytes():
                found.append(int(stat.parent.name))
    return found


def workers_of(supervisor: int) -> list[int]:
    """The app processes ``serve/supervisor.py`` runs: its children that run Streamlit (HAProxy left out)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == supervisor \
                    and b"streamlit" in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:  # ended meanwhile
            continue
    return sorted(found)


def start_serve(workers: int, port: int, folder: Path) -> subprocess.Popen:
    """``make serve WORKERS=workers PORT=port`` (serve/supervisor.py), once HAProxy answers and every worker is up."""
    log = folder / "serve.log"
    proc = subprocess.Popen([sys.executable, str(ROOT / "serve" / "supervisor.py"), "--workers", str(workers), "--port", str(port),
                             "--address", "127.0.0.1"], cwd=ROOT, env={**os.environ, "LDPITCH_DATA_DIR": str(folder / "data")},
                            stdout=log.open("wb"), stderr=subprocess.STDOUT)
    for _ in range(480):
        if "ldpitch is served on" in log.read_text(errors="replace") and len(workers_of(proc.pid)) == workers:
            return proc
        if proc.poll() is not None:
            break
        time.sleep(0.25)
    proc.terminate()
    sys.exit(f"make serve did not start on port {port}:\n{log.read_text(errors='replace')[-2000:]}")


# --- what a browser loads to open the app ------------------------------------------------------------------


def static_files(http: str) -> tuple[list[str], str]:
    """The paths a new browser tab fetches over HTTP to open the app (the page, scripts, styles, fonts), and how they were found.

    Recorded from Debian's Chromium opening the app once, when it is installed
    (Playwright drives it); else read from the page: its scripts and styles
    only, fewer files than a browser loads. The session's own files (``/media/``)
    and the websocket are left out.
    """
    try:
        from playwright.sync_api import sync_playwright

        seen: list[str] = []
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.on("requestfinished", lambda r: seen.append(r.url))
            page.goto(http, wait_until="networkidle", timeout=60_000)
            page.wait_for_timeout(1000)
            browser.close()
        paths = [u.removeprefix(http) or "/" for u in seen if u.startswith(http) and "/media/" not in u and "/_stcore/stream" not in u]
        return list(dict.fromkeys(paths)), "recorded from Chromium opening the app"
    except Exception:  # noqa: BLE001 - no Chromium or Playwright here: what the page names
        html = urllib.request.urlopen(http + "/", timeout=10).read().decode()
        named = re.findall(r'(?:src|href)="\.?(/static/[^"]+)"', html)
        return ["/", *dict.fromkeys(named)], "the page and the scripts and styles it names (no Chromium to record a real opening)"


async def fetch_files(http: str, paths: list[str], cookie: str = "") -> int:
    """Fetch ``paths`` as a browser does on a new tab: the page first, then the rest six at a time; the bytes read.

    curl does the fetching (in C, so this client's own CPU does not slow the
    server it shares the machine with); without curl, urllib in threads.
    """
    if shutil.which("curl"):
        base = ["curl", "-sS", "--fail", "-H", "Accept-Encoding: gzip, deflate, br", "-w", "%{size_download}\n",
                *(["-H", f"Cookie: {cookie}"] if cookie else [])]
        first = await asyncio.create_subprocess_exec(*base, "-o", "/dev/null", http + paths[0],
                                                     stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        out, err = await first.communicate()
        rest = [a for p in paths[1:] for a in ("-o", "/dev/null", http + p)]
        proc = await asyncio.create_subprocess_exec(*base, "--parallel", "--parallel-max", "6", *rest,
                                                    stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        more, err2 = await proc.communicate()
        if first.returncode or proc.returncode:
            raise StepFailed(f"a static file did not load: {(err + err2).decode(errors='replace').strip()[:120]}")
        return sum(int(n) for n in (out + more).split())

    def get(path: str) -> int:
        request = urllib.request.Request(http + path, headers={"Cookie": cookie} if cookie else {})
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as r:
            return len(r.read())
    first = await asyncio.to_thread(get, paths[0])
    return first + sum(await asyncio.gather(*(asyncio.to_thread(get, p) for p in paths[1:])))


# --- one browser tab -----------------------------------------------------------------------------


class Tab:
    """One browser tab: its widget states, page, query string and message cache, over one websocket."""

    def __init__(self, url: str):
        self.url, self.ws = url, None
        self.widgets: dict[str, WidgetState] = {}
        self.page, self.query, self.pages = "", "", {}
        self.cache: dict[str, list] = {}  # hash -> [message, runs since last used], like the browser's ForwardMsgCache
        self.elements: dict[tuple, object] = {}  # delta path -> element, of the last run
        self.ids: dict[str, str] = {}  # widget key -> widget id, of the last run
        self.marked: float | None = None  # when the element ``rerun(mark=...)`` waits for arrived
        self.cookie = ""  # what the server set on the websocket's handshake: HAProxy's sticky cookie, behind make serve
        self.runs = 0  # how many runs of the page the last ``rerun`` took (an st.rerun makes two)
        self.slides = 0  # how many slides the deck this tab downloaded has: the thumbnails it waits for
        self.timers: dict[str, float] = {}  # fragment id -> seconds between its reruns, as the page's auto_rerun messages set them
        self.dead = False

    def widget(self, key: str) -> str:
        """The id of the widget keyed ``key`` (or ``key~N``: a re-keyed grid) on the last page shown."""
        for k, wid in self.ids.items():
            if k == key or k.startswith(key + "~"):
                return wid
        raise StepFailed(f"no widget {key!r} on the page")

    async def rerun(self, page: str | None = None, trigger: str | None = None, widget: str | None = None, mark: str | None = None,
                    fragment: str | None = None, **value) -> None:
        """Send a rerun as the browser does (after setting ``widget`` to ``value``); read until the result is shown.

        The first rerun opens the websocket: nothing comes from the server before it. ``mark``: the key of a
        widget whose arrival is timed on the way (``self.marked``), such as the deck's download button.
        ``fragment``: rerun only that fragment, as its timer does in the browser.
        """
        self.marked, self.runs = None, 0
        if self.ws is None:
            self.ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=None, ping_interval=None)
            self.cookie = "; ".join(c.split(";", 1)[0] for c in self.ws.response.headers.get_all("Set-Cookie"))
        if widget:
            wid = self.widget(widget)
            self.widgets[wid] = WidgetState(id=wid, **value)
        msg = BackMsg()
        cs = msg.rerun_script  # a ClientState
        cs.query_string = "" if page else self.query  # a page link drops the query string; the app puts it back
        cs.page_script_hash = page or self.page
        if page:
            self.timers = {}  # the browser clears every fragment timer when it changes page
        if fragment:
            cs.fragment_id, cs.is_auto_rerun = fragment, True
        cs.widget_states.widgets.extend(self.widgets.values())
        if trigger:
            cs.widget_states.widgets.append(WidgetState(id=trigger, trigger_value=True))
        cs.cached_message_hashes.extend(self.cache)
        cs.context_info.timezone, cs.context_info.timezone_offset, cs.context_info.locale = "Europe/Berlin", -60, "en-US"
        await self.ws.send(msg.SerializeToString())
        while True:
            m = ForwardMsg.FromString(await self.ws.recv())
            kind = m.WhichOneof("type")
            if kind == "new_session":
                if not m.metadata.run.fragment_ids:  # a run of the whole page: its elements and its timers start afresh
                    self.elements, self.timers = {}, {}
            elif kind == "auto_rerun":
                self.timers[m.auto_rerun.fragment_id] = m.auto_rerun.interval
            elif kind == "stop_auto_rerun":
                for gone in m.stop_auto_rerun.fragment_ids:
                    self.timers.pop(gone, None)
            elif kind == "navigation":
                self.page = m.navigation.page_script_hash
                self.pages = {p.url_pathname or "start": p.page_script_hash for p in m.navigation.app_pages}
            elif kind == "page_info_changed":
                self.query = m.page_info_changed.query_string
            elif kind == "ref_hash" or (kind == "delta" and m.delta.WhichOneof("type") == "new_element"):
                path = tuple(m.metadata.delta_path)
                if kind == "ref_hash":
                    if m.ref_hash not in self.cache:
                        raise StepFailed("the server referred to a message this tab never cached")
                    self.cache[m.ref_hash][1] = 0
                    m = self.cache[m.ref_hash][0]
                elif m.metadata.cacheable:
                    self.cache[m.hash] = [m, 0]
                self.elements[path] = m.delta.new_element
                kind_of = m.delta.new_element.WhichOneof("type")
                if mark and self.marked is None and getattr(getattr(m.delta.new_element, kind_of or "empty"), "id", "").endswith("-" + mark):
                    self.marked = time.perf_counter()
            elif kind == "script_finished":
                self.runs += 1
                if m.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise StepFailed("the page did not compile")
                if m.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:  # st.rerun: another run follows
                    return self._finished()

    def timer(self, shorter_than: float = 60.0) -> tuple[str, float] | None:
        """The page's quickest fragment timer under ``shorter_than`` seconds: (fragment id, interval), or None.

        Longer timers (the app's 15-minute ``_rerun_on_reconnect``) are left alone: a benchmark never waits for them.
        """
        quick = sorted((interval, fragment) for fragment, interval in self.timers.items() if 0 < interval < shorter_than)
        return (quick[0][1], quick[0][0]) if quick else None

    async def ping(self) -> float:
        """The websocket round trip of a heartbeat, answered by the server without running anything."""
        start = time.perf_counter()
        await self.ws.send(BackMsg(app_heartbeat=True).SerializeToString())
        while ForwardMsg.FromString(await self.ws.recv()).WhichOneof("type") != "heartbeat_ack":
            pass
        return time.perf_counter() - start

    def _finished(self) -> None:
        self.ids = {}
        for el in self.elements.values():
            sub = getattr(el, el.WhichOneof("type") or "empty")
            wid = getattr(sub, "id", "") if "id" in sub.DESCRIPTOR.fields_by_name else ""
            if wid.startswith("$$ID-"):
                self.ids[wid.split("-", 2)[2]] = wid
        alive = set(self.ids.values())
        self.widgets = {w: s for w, s in self.widgets.items() if w in alive}  # the browser drops widgets no longer shown
        self.cache = {h: [m, age + 1] for h, (m, age) in self.cache.items() if age < 2}  # kept for two runs unused

    def of(self, kind: str) -> list:
        return [getattr(el, kind) for el in self.elements.values() if el.WhichOneof("type") == kind]

    def problems(self) -> list[str]:
        """What would show a person that something broke: exceptions, error boxes, unsaved input."""
        return [f"exception {e.type}: {e.message[:80]}" for e in self.of("exception")] + [
            f"error box: {a.body[:80]}" for a in self.of("alert") if a.format == 1 or "Not saved" in a.body]


# --- what the page must show, from the core ---------------------------------------------------------


def budget_figures(p) -> dict[str, str]:
    e, cur, loc = ldpitch.evaluate(p), p.currency, p.locale
    return {"Total cost": fmt.money(e.total_costs, cur, loc), "ROI": fmt.percent(e.roi_percent, loc),
            f"NPV at {fmt.share(p.discount_rate, loc)}": fmt.money(e.npv, cur, loc)}


def compare_budget(tab: Tab, p) -> list[str]:
    shown = {m.label: m.body for m in tab.of("metric")}
    return [f"{label}: missing" if label not in shown else f"{label}: page {shown[label]!r}, core {want!r}"
            for label, want in budget_figures(p).items() if shown.get(label) != want]


def compare_options(tab: Tab, p) -> list[str]:
    want = cb.option_scores(p).alt_text
    shown = [c.alt for c in tab.of("vega_lite_chart") if c.alt.startswith("Bar chart of the options")]
    return [] if shown == [want] else [f"option chart: page {shown[:1]!r}, core {want!r}"[:200]]


def grid(row: str, column: str, value) -> str:
    """A data editor's state after one cell was typed in: a JSON string, as the browser sends it (``string_value``)."""
    return json.dumps({"edited_rows": {row: {column: value}}, "added_rows": [], "deleted_rows": []})


def changed(p, section: str, index: int, field: str, value):
    data = p.model_dump(mode="json")
    data[section][index][field] = value
    return ldpitch.Pitch.model_validate(data)
