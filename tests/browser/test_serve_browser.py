"""Several app processes behind HAProxy, as ``make serve`` runs them: sticky tabs, no edit lost to a killed process, no one held up.

The set is started by ``serve/supervisor.py`` itself (``server.ServedSet``);
the browser fixtures come from test_wizard (no conftest.py here: see that
module). The first tests need only HAProxy and make, not a browser.
"""

from __future__ import annotations

import base64
import importlib.util
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time

import pytest
from playwright.sync_api import expect
from server import ROOT, ServedSet, alive

# The fixtures come from test_wizard (no conftest.py here: a second subfolder conftest clashes under --doctest-modules).
from test_wizard import (  # noqa: F401
    FINISHED,
    base_url,
    browser_context_args,
    browser_type_launch_args,
    go,
    load_example,
    no_errors,
    screenshot,
)

NAME = "Initiative name"
PATIENCE_MS = 15_000  # for what a busy shared machine may take a while to show: a saved change, a reopened pitch
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
needs_haproxy = pytest.mark.skipif(not os.access(HAPROXY, os.X_OK), reason="HAProxy is not installed (make test installs it)")


def _supervisor():
    spec = importlib.util.spec_from_file_location("ldpitch_serve_supervisor", ROOT / "serve" / "supervisor.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


@needs_haproxy
def test_the_haproxy_configuration_checks_with_a_sticky_cookie_and_a_health_check_per_process(tmp_path):
    config = _supervisor().haproxy_config("0.0.0.0", 8501, {"app1": 40001, "app2": 40002, "app3": 40003})
    path = tmp_path / "haproxy.cfg"
    path.write_text(config, encoding="utf-8")
    done = subprocess.run([HAPROXY, "-c", "-f", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "bind 0.0.0.0:8501" in config
    assert "server app2 127.0.0.1:40002 cookie app2" in config
    assert "cookie SRV insert" in config and "option httpchk GET /_stcore/health" in config and "option redispatch" in config


def test_make_serve_runs_the_supervisor_with_the_workers_and_the_port_it_is_given():
    done = subprocess.run(["make", "-n", "serve", "WORKERS=3", "PORT=8600"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert ".venv/bin/python serve/supervisor.py --workers 3 --port 8600" in done.stdout


@pytest.fixture
def one_process(tmp_path, request):
    """``make serve`` with one app process: the set and its URL (stopped after the test)."""
    served = ServedSet(tmp_path / "data", workers=1, name="serve-" + request.node.name.removeprefix("test_")[:24])
    url = served.start()
    try:
        yield served, url
    finally:
        served.stop()


@needs_haproxy
@pytest.mark.slow
def test_a_supervisor_that_is_killed_leaves_no_process_behind(one_process):
    served, url = one_process
    _open_a_page(url)  # the app process's first run starts its export worker (ui.workers)
    deadline = time.monotonic() + 30
    while len(served.processes()) < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    left = served.processes()
    assert len(left) >= 3, "one app process, its export worker and HAProxy"
    served.proc.kill()  # SIGKILL: no chance to clean up; the kernel kills the children (PR_SET_PDEATHSIG)
    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in left) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in left if alive(pid)]


@needs_haproxy
@pytest.mark.slow
def test_the_proxy_keeps_the_browsers_static_files_and_never_the_page_or_its_state(one_process):
    import re
    import urllib.request

    _, url = one_process

    def get(path: str):
        with urllib.request.urlopen(url + path, timeout=10) as r:
            return r.read(), {k.lower(): v for k, v in r.headers.items()}

    page, page_headers = get("/")
    script = re.search(rb'src="\.?(/static/js/index\.[^"]+\.js)"', page).group(1).decode()
    first, first_headers = get(script)
    again, again_headers = get(script)
    assert again == first and "immutable" in first_headers["cache-control"]
    assert "age" not in first_headers and "age" in again_headers  # the second from HAProxy's memory
    assert "age" not in get("/")[1] and "age" not in get("/_stcore/health")[1]  # never the page or the health check
    assert "age" not in page_headers


def _open_a_page(url: str) -> None:
    """One run of the app's first page over Streamlit's websocket, as a browser's first message asks for it."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    with connect(url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"]) as ws:
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        ws.send(msg.SerializeToString())
        while ForwardMsg.FromString(ws.recv(timeout=60)).WhichOneof("type") != "script_finished":
            pass


class Tab:
    """One person: a browser context of their own (own cookies, so own HAProxy stickiness), its page, its websockets."""

    def __init__(self, browser, args: dict):
        self.context = browser.new_context(**args)
        self.page = self.context.new_page()
        self.sockets: list = []
        self.frames: dict = {}
        self.page.on("websocket", self._opened)

    def _opened(self, ws) -> None:
        self.sockets.append(ws)
        self.frames[ws] = 0
        ws.on("framereceived", lambda _payload: self.frames.__setitem__(ws, self.frames[ws] + 1))

    def server(self) -> str | None:
        """The app process HAProxy's sticky cookie names for this tab."""
        return {c["name"]: c["value"] for c in self.context.cookies()}.get("SRV")

    def pitch_id(self) -> str:
        return self.page.url.split("pitch=")[1].split("&")[0]

    def type_name(self, text: str) -> None:
        field = self.page.get_by_label(NAME, exact=True)
        field.fill(text)
        field.press("Enter")
        _settle(self.page)

    def saved(self, version: int) -> None:
        expect(self.page.get_by_test_id("stSidebar").get_by_text(f"version {version}")).to_be_visible(timeout=PATIENCE_MS)


def _settle(page) -> None:
    page.wait_for_timeout(250)
    page.wait_for_selector(FINISHED, timeout=30_000)
    page.wait_for_timeout(150)


def _wait(page, condition, timeout: float, what: str) -> None:
    """Wait for ``condition()``, letting Playwright deliver the page's events meanwhile (a plain sleep would hold them)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what}")
        page.wait_for_timeout(100)


@needs_haproxy
@pytest.mark.slow
@pytest.mark.browser
def test_a_killed_app_process_moves_its_tabs_to_another_with_every_edit_kept(browser, browser_context_args, tmp_path, screenshot):  # noqa: F811
    served = ServedSet(tmp_path / "data", workers=2)
    url = served.start()
    tabs = []
    try:
        ann, bob = Tab(browser, browser_context_args), Tab(browser, browser_context_args)
        tabs = [ann, bob]
        for tab, example, name in ((ann, "mobile sales", "Ann's coaching plan"), (bob, "shop floor", "Bob's shop floor plan")):
            load_example(tab.page, url, _settle, example)
            go(tab.page, _settle, "Initiative")
            tab.type_name(name)
            tab.saved(2)
        assert {ann.server(), bob.server()} == {"app1", "app2"}, "HAProxy gives the second tab the process with fewer tabs"
        ann_id, bob_id = ann.pitch_id(), bob.pitch_id()
        killed, survivor = ann.server(), bob.server()

        os.kill(served.pid(killed), signal.SIGKILL)

        # Ann's tab reconnects to the survivor, which sends her page at once, before she does anything.
        _wait(ann.page, lambda: ann.server() == survivor, 20, "Ann's tab to reconnect to the other process")
        _wait(ann.page, lambda: any(ann.frames[ws] for ws in ann.sockets[1:]), 20, "the survivor to send Ann's page")
        _settle(ann.page)
        assert ann.pitch_id() == ann_id
        expect(ann.page.get_by_label(NAME, exact=True)).to_have_value("Ann's coaching plan", timeout=PATIENCE_MS)
        expect(ann.page.get_by_test_id("stSidebarNav").get_by_role("link", name="Budget and return")).to_be_visible()
        ann.type_name("Ann's plan, edited after the failover")
        ann.saved(3)
        no_errors(ann.page)
        screenshot(ann.page, "serve-ann-after-failover")
        go(ann.page, _settle, "Budget and return")  # the menu keeps her pitch in the URL
        assert ann.pitch_id() == ann_id
        go(ann.page, _settle, "Initiative")

        # Bob noticed nothing: same process, same websocket, and his next edit is saved.
        assert bob.server() == survivor and len(bob.sockets) == 1
        bob.type_name("Bob's plan, edited meanwhile")
        bob.saved(3)
        no_errors(bob.page)

        # Both edits are in the shared library: a reload opens each pitch from its URL.
        for tab, pitch_id, name in ((ann, ann_id, "Ann's plan, edited after the failover"), (bob, bob_id, "Bob's plan, edited meanwhile")):
            tab.page.reload()
            _settle(tab.page)
            expect(tab.page.get_by_label(NAME, exact=True)).to_have_value(name, timeout=PATIENCE_MS)
            assert tab.pitch_id() == pitch_id

        # The supervisor started the killed process again; a tab that lands on it first, on a page URL, gets the
        # app's own menu (not Streamlit's legacy pages/ menu) and the pitch its URL names.
        served.wait_for(f"Server app/{killed} is UP", timeout=45)
        carol = Tab(browser, browser_context_args)
        tabs.append(carol)
        carol.context.add_cookies([{"name": "SRV", "value": killed, "url": url}])
        carol.page.goto(f"{url}/initiative?pitch={ann_id}")
        _settle(carol.page)
        expect(carol.page.get_by_label(NAME, exact=True)).to_have_value("Ann's plan, edited after the failover", timeout=PATIENCE_MS)
        nav = carol.page.get_by_test_id("stSidebarNav")
        expect(nav.get_by_role("link", name="Budget and return")).to_be_visible()
        expect(nav.get_by_role("link", name="app", exact=True)).to_have_count(0)
        assert carol.server() == killed
        no_errors(carol.page)
        screenshot(carol.page, "serve-restarted-process")
    finally:
        for tab in tabs:
            tab.context.close()
        left = served.processes() if served.proc else set()
        status = served.stop()
    assert status == 0, "SIGTERM stops the set cleanly"
    assert not [pid for pid in left if alive(pid)], "no process is left behind"


def _never_reading_client(port: int, query: str) -> socket.socket:
    """A websocket client that asks for the Budget page of a pitch and then reads nothing (a tiny receive window)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.util import calc_hash

    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall(f"GET /_stcore/stream HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: streamlit\r\n\r\n".encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += s.recv(1)
    assert b" 101 " in head.split(b"\r\n")[0], head
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_script_hash = calc_hash("budget")  # st.navigation's page hash: its URL path
    payload, mask = msg.SerializeToString(), os.urandom(4)
    assert len(payload) < 65536
    header = bytes([0x82, 0x80 | 126]) + struct.pack(">H", len(payload)) if len(payload) >= 126 else bytes([0x82, 0x80 | len(payload)])
    s.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
    return s


@needs_haproxy
@pytest.mark.slow
@pytest.mark.browser
def test_clients_that_never_read_and_tabs_closed_mid_run_hold_no_one_up(browser, browser_context_args, tmp_path):  # noqa: F811
    """One app process, so everyone shares it: a tab keeps saving its edits while others stall or leave in the middle of a run."""
    with ServedSet(tmp_path / "data", workers=1, name="serve-stalled") as served:
        ann = Tab(browser, browser_context_args)
        load_example(ann.page, served.url, _settle)
        go(ann.page, _settle, "Initiative")
        stalled = [_never_reading_client(served.port, f"pitch={ann.pitch_id()}") for _ in range(10)]
        try:
            leaving = Tab(browser, browser_context_args)
            leaving.page.goto(f"{served.url}/export?pitch={ann.pitch_id()}")
            _settle(leaving.page)
            leaving.page.get_by_role("button", name="Build deck").click()
            leaving.page.wait_for_timeout(200)
            leaving.context.close()  # gone in the middle of building the deck
            for version, name in enumerate(("Kept while others stall", "Kept again"), start=2):
                ann.type_name(name)
                ann.saved(version)
            no_errors(ann.page)
        finally:
            for s in stalled:
                s.close()
            ann.context.close()
