"""Serve ldpitch on every core: N app processes behind HAProxy, started and stopped as one (``make serve``).

    .venv/bin/python serve/supervisor.py --workers 2 --port 8501     # what `make serve WORKERS=2 PORT=8501` runs

Starts ``--workers`` processes of ``streamlit run app.py``, each on a free port of
127.0.0.1, waits until each answers its health check, then runs HAProxy in the
foreground on ``--address:--port`` with a configuration filled in from
``serve/haproxy.cfg`` (written to a temporary folder and checked with
``haproxy -c`` first). Every process shares the one pitch library the
environment names (the SQLite file in ``data/`` by default, or
``LDPITCH_DATABASE_URL``).

While serving: a process that dies is started again on its port after a few
seconds (longer each time if it keeps dying right after starting); meanwhile
HAProxy marks it down and its tabs reconnect to another process, where they
reopen their pitch from the URL (``ui.frame``). Each line a process prints is
shown with its name in front. Ctrl-C, SIGTERM or SIGHUP stops HAProxy, then
every app process (SIGTERM, SIGKILL after 10 s), and exits 0; a second Ctrl-C
kills at once. If HAProxy itself ends, everything stops with exit status 1. The children run in sessions of their own
(a Ctrl-C at the terminal reaches only this supervisor, which stops them in
order) and are killed by the kernel if the supervisor itself is killed
(``PR_SET_PDEATHSIG``), so no process is left behind.

Independent of ldpitch: it only needs Python, the app's folder and HAProxy.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import selectors
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("haproxy.cfg")
WORKER_ADDRESS = "127.0.0.1"  # only HAProxy is reachable from outside
START_TIMEOUT_S = 90  # a cold start of one app process on a busy 2-core machine takes a few seconds
STOP_TIMEOUT_S = 10
#: A dead app process is started again after this pause: by then HAProxy has marked it down (2 failed checks, 1 s
#: apart), so its tabs have reconnected to the processes that are warm, and the new one takes new tabs.
RESTART_PAUSE_S = 3
SETTLED_S = 30  # a process that dies sooner after starting waits twice as long each time, up to MAX_PAUSE_S
MAX_PAUSE_S = 60
#: What each app process prints on starting that would send people to its own port instead of HAProxy's.
MISLEADING = ("You can now view your Streamlit app", "URL: http")
PR_SET_PDEATHSIG = 1


def streamlit_command(port: int) -> list[str]:
    """The command line of one app process (serving settings; the rest comes from .streamlit/config.toml)."""
    return [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.address", WORKER_ADDRESS,
            "--server.port", str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]


def haproxy_config(address: str, port: int, workers: dict[str, int]) -> str:
    """HAProxy's configuration: the template with the address it listens on and one server line per app process."""
    servers = "\n".join(f"    server {name} {WORKER_ADDRESS}:{p} cookie {name}" for name, p in workers.items())
    static = "\n".join(f"    server {name} {WORKER_ADDRESS}:{p} track app/{name}" for name, p in workers.items())  # app's checks
    return string.Template(TEMPLATE.read_text(encoding="utf-8")).substitute(address=address, port=port, servers=servers,
                                                                            static_servers=static)


def free_ports(n: int) -> list[int]:
    """``n`` distinct ports free on 127.0.0.1 right now (held open together so none is handed out twice)."""
    held = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind((WORKER_ADDRESS, 0))
            held.append(s)
        return [s.getsockname()[1] for s in held]
    finally:
        for s in held:
            s.close()


def port_is_free(address: str, port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((address, port))
        except OSError:
            return False
    return True


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://{WORKER_ADDRESS}:{port}/_stcore/health", timeout=2) as r:
            return r.read().strip() == b"ok"
    except OSError:
        return False


def find_haproxy() -> str | None:
    return shutil.which("haproxy") or next((p for p in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy") if os.access(p, os.X_OK)), None)


def how_it_ended(status: int) -> str:
    return f"killed by {signal.Signals(-status).name}" if status < 0 else f"exit status {status}"


_libc = ctypes.CDLL(None, use_errno=True)


def _stop_with_supervisor(parent: int):
    """In the child, before exec: the kernel kills it when the supervisor dies, even by SIGKILL.

    SIGKILL rather than SIGTERM: with the supervisor gone, an app process's
    output pipe is broken, and Streamlit's SIGTERM handler fails on printing
    "Stopping..." and leaves the process running.
    """

    def prepare() -> None:
        _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the supervisor died before the line above took effect
            os._exit(1)

    return prepare


@dataclass
class Child:
    """One process the supervisor runs: an app process (with its port) or HAProxy."""

    name: str
    command: list[str]
    port: int | None = None
    proc: subprocess.Popen | None = None
    started: float = 0.0
    quick_deaths: int = 0  # deaths in a row soon after starting
    restart_at: float | None = None
    pending: bytes = b""  # the start of a line not finished yet

    def start(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(self.command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=_stop_with_supervisor(os.getpid()))
        os.set_blocking(self.proc.stdout.fileno(), False)
        self.started = time.monotonic()
        self.restart_at = None

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def signal_group(self, sig: int) -> None:
        """Signal the process and whatever it started (LibreOffice for previews): its session is its process group."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, sig)


class Supervisor:
    """The app processes and HAProxy of one ``make serve``: start them, watch them, stop them."""

    def __init__(self, workers: int, address: str, port: int, haproxy: str):
        self.address, self.port = address, port
        self.apps = [Child(f"app{i}", streamlit_command(p), port=p) for i, p in enumerate(free_ports(workers), start=1)]
        self.workdir = Path(tempfile.mkdtemp(prefix="ldpitch-serve-"))
        self.config = self.workdir / "haproxy.cfg"
        self.config.write_text(haproxy_config(address, port, {a.name: a.port for a in self.apps}), encoding="utf-8")
        self.proxy = Child("haproxy", [haproxy, "-db", "-f", str(self.config)])
        self.haproxy = haproxy
        # Per app process, one export worker (ui.workers) and one LibreOffice preview at a time: the app processes
        # already use every core, so one each in all is one per core (60 people, 2 processes: deck build p95 1.18 s
        # with these, 1.46 s with one per core in each process). Set by the caller, they win.
        self.env = {"LDPITCH_EXPORT_WORKERS": "1", "LDPITCH_PREVIEW_SLOTS": "1", **os.environ, "PYTHONUNBUFFERED": "1"}
        self.selector = selectors.DefaultSelector()
        self.stop_signal: int | None = None
        self.kill_now = False
        wake_r, wake_w = os.pipe()
        os.set_blocking(wake_r, False)
        os.set_blocking(wake_w, False)
        self.wake = wake_r
        self.selector.register(wake_r, selectors.EVENT_READ, None)
        signal.set_wakeup_fd(wake_w)
        for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(s, self._on_signal)

    # --- output -----------------------------------------------------------------------------------------------

    @staticmethod
    def say(text: str) -> None:
        print(f"serve   | {text}", flush=True)

    def _start(self, child: Child) -> None:
        child.start(self.env)
        self.selector.register(child.proc.stdout, selectors.EVENT_READ, child)
        self.say(f"{child.name} started (pid {child.proc.pid}" + (f", {WORKER_ADDRESS}:{child.port})" if child.port else ")"))

    def _pump(self, timeout: float) -> None:
        """Wait up to ``timeout`` s for output or a signal; print each finished line with its process's name."""
        for key, _ in self.selector.select(timeout):
            child = key.data
            if child is None:
                try:
                    while os.read(self.wake, 512):
                        pass
                except BlockingIOError:
                    pass
                continue
            self._drain(child, key.fileobj)

    def _drain(self, child: Child, pipe) -> None:
        try:
            data = os.read(pipe.fileno(), 65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:  # the process closed its output (it is ending)
            self.selector.unregister(pipe)
            pipe.close()
            data = b"\n" if child.pending else b""
        *lines, child.pending = (child.pending + data).split(b"\n")
        for line in lines:
            text = line.decode("utf-8", "replace").rstrip()
            if text and not (child.port and text.strip().startswith(MISLEADING)):
                print(f"{child.name:<8}| {text}", flush=True)

    # --- signals ----------------------------------------------------------------------------------------------

    def _on_signal(self, signum, _frame) -> None:
        if self.stop_signal is not None:
            self.kill_now = True  # a second Ctrl-C: no more waiting
        self.stop_signal = signum

    # --- the life of the set --------------------------------------------------------------------------------

    def check_config(self) -> bool:
        done = subprocess.run([self.haproxy, "-c", "-f", str(self.config)], capture_output=True, text=True)
        if done.returncode != 0:
            self.say(f"the HAProxy configuration {self.config} does not check:\n{done.stdout}{done.stderr}")
            return False
        return True

    def start_apps(self) -> bool:
        """Start every app process and wait until each answers its health check (False: one failed, or a stop)."""
        for app in self.apps:
            self._start(app)
        waiting = list(self.apps)
        deadline = time.monotonic() + START_TIMEOUT_S
        while waiting:
            self._pump(0.3)
            if self.stop_signal is not None:
                return False
            for app in list(waiting):
                if not app.running:
                    self._pump(0)
                    self.say(f"{app.name} ended while starting ({how_it_ended(app.proc.returncode)}): see its lines above")
                    return False
                if healthy(app.port):
                    waiting.remove(app)
            if waiting and time.monotonic() > deadline:
                self.say(f"{', '.join(a.name for a in waiting)} did not answer within {START_TIMEOUT_S} s")
                return False
        return True

    def start_proxy(self) -> bool:
        self._start(self.proxy)
        deadline = time.monotonic() + 10
        probe = "127.0.0.1" if self.address in ("0.0.0.0", "", "*") else self.address
        while time.monotonic() < deadline and self.stop_signal is None:
            self._pump(0.1)
            if not self.proxy.running:
                return False
            try:
                with socket.create_connection((probe, self.port), timeout=1):
                    return True
            except OSError:
                pass
        return False

    def watch(self) -> int:
        """Serve until a stop is asked (0) or HAProxy ends (1), starting again any app process that dies."""
        while self.stop_signal is None:
            self._pump(0.5)
            now = time.monotonic()
            if not self.proxy.running:
                self._pump(0)
                self.say(f"HAProxy ended ({how_it_ended(self.proxy.proc.returncode)}): stopping everything")
                return 1
            for app in self.apps:
                if app.restart_at is None and not app.running:
                    self._pump(0)
                    app.signal_group(signal.SIGKILL)  # anything it left running dies with it
                    lived = now - app.started
                    app.quick_deaths = 0 if lived >= SETTLED_S else app.quick_deaths + 1
                    pause = min(RESTART_PAUSE_S * 2 ** max(app.quick_deaths - 1, 0), MAX_PAUSE_S)
                    app.restart_at = now + pause
                    self.say(f"{app.name} ended ({how_it_ended(app.proc.returncode)}) after {lived:.0f} s; "
                             f"its tabs reconnect to the others; starting it again in {pause} s")
                if app.restart_at is not None and now >= app.restart_at:
                    self._start(app)
        return 0

    def stop(self) -> None:
        """Stop HAProxy first (no new requests), then every app process; SIGKILL whatever is left after the timeout."""
        children = [c for c in (self.proxy, *self.apps) if c.running]
        for c in children:
            c.signal_group(signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while any(c.running for c in children) and time.monotonic() < deadline and not self.kill_now:
            self._pump(0.1)
        for c in children:
            if c.running:
                self.say(f"{c.name} did not stop: killing it")
        for c in children:
            c.signal_group(signal.SIGKILL)  # the process if it is still there, and anything it started
            c.proc.wait()
        self._pump(0)
        shutil.rmtree(self.workdir, ignore_errors=True)

    def run(self) -> int:
        status = 1
        try:
            if self.check_config() and self.start_apps() and self.start_proxy():
                shown = "localhost" if self.address in ("0.0.0.0", "", "*") else self.address
                self.say(f"ldpitch is served on http://{shown}:{self.port} by {len(self.apps)} app processes behind HAProxy "
                         f"(configuration: {self.config}). Ctrl-C stops them all.")
                status = self.watch()
            if self.stop_signal is not None:
                self.say(f"{signal.Signals(self.stop_signal).name}: stopping HAProxy and the app processes")
                status = 0
        finally:
            self.stop()
        self.say("stopped")
        return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="app processes (default: one per core)")
    parser.add_argument("--port", type=int, default=8501, help="the port HAProxy listens on (default 8501)")
    parser.add_argument("--address", default="0.0.0.0", help="the address HAProxy listens on (default: every interface)")
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    haproxy = find_haproxy()
    if haproxy is None:
        print("HAProxy is not installed: apt-get install haproxy (make test installs it as root).", file=sys.stderr)
        return 1
    if not port_is_free(args.address, args.port):
        print(f"Port {args.port} is in use on {args.address}: choose another with PORT=... (make) or --port.", file=sys.stderr)
        return 1
    return Supervisor(args.workers, args.address, args.port, haproxy).run()


if __name__ == "__main__":
    sys.exit(main())
