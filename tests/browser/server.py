"""The app served for browser tests: by ``streamlit run`` (``AppServer``) or by ``make serve``'s supervisor (``ServedSet``).

Each on a free port, with its pitch library in a folder the test chooses.

Not a conftest.py (a second subfolder conftest clashes with tests/store's under
--doctest-modules): test modules import ``AppServer`` from here.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOGS = ROOT / "test-output"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """One ``streamlit run app.py`` process; ``start()`` returns its URL, ``stop()`` ends it (start again: same port).

    The library is ``data_dir``'s SQLite file unless ``database_url`` names
    another; either way it is passed as ``LDPITCH_DATABASE_URL``, so a
    developer's own secrets.toml or environment never leaks into a test.
    """

    def __init__(self, data_dir: Path, *, database_url: str | None = None, port: int | None = None, name: str = "streamlit",
                 env: dict[str, str] | None = None):
        self.data_dir = Path(data_dir)
        self.extra_env = env or {}
        self.database_url = database_url or f"sqlite:///{self.data_dir / 'ldpitch.sqlite3'}"
        self.port = port or free_port()
        self.log = LOGS / f"{name}.log"
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> str:
        self.log.parent.mkdir(exist_ok=True)
        env = {**os.environ, "LDPITCH_DATA_DIR": str(self.data_dir), "LDPITCH_DATABASE_URL": self.database_url}
        env.pop("LDPITCH_SAVING", None)
        env.update(self.extra_env)
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.address", "127.0.0.1",
                 "--server.port", str(self.port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
                 "--global.developmentMode", "false"],
                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env,
            )
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as r:
                    if r.read().strip() == b"ok":
                        return self.url
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the app did not start; see {self.log}")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc is None:
            return
        stop_process(self.proc)
        self.proc = None

    def __enter__(self) -> AppServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


class ServedSet:
    """``serve/supervisor.py``, what ``make serve`` runs: ``workers`` app processes behind HAProxy on a free port.

    The library is ``data_dir``'s SQLite file, shared by every process. The
    supervisor's output (its own lines, each app process's and HAProxy's) goes
    to ``test-output/<name>.log``, which is also how a test learns each
    process's pid and sees restarts and HAProxy's view of the processes.
    """

    def __init__(self, data_dir: Path, *, workers: int = 2, name: str = "serve"):
        self.data_dir = Path(data_dir)
        self.workers = workers
        self.port = free_port()
        self.log = LOGS / f"{name}.log"
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90) -> str:
        self.log.parent.mkdir(exist_ok=True)
        env = {**os.environ, "LDPITCH_DATA_DIR": str(self.data_dir),
               "LDPITCH_DATABASE_URL": f"sqlite:///{self.data_dir / 'ldpitch.sqlite3'}",
               "TMPDIR": str(self.data_dir.parent)}  # HAProxy's configuration folder too, even if the supervisor is killed
        env.pop("LDPITCH_SAVING", None)
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "serve/supervisor.py", "--workers", str(self.workers), "--port", str(self.port), "--address", "127.0.0.1"],
                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env,
            )
        try:
            self.wait_for("is served on", timeout)
        except RuntimeError:
            self.stop()
            raise
        return self.url

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, text: str, timeout: float = 30, count: int = 1) -> None:
        """Wait until the supervisor's output holds ``text`` ``count`` times."""
        deadline = time.monotonic() + timeout
        while self.output().count(text) < count:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{text!r} did not appear in the supervisor's output; see {self.log}")
            time.sleep(0.1)

    def pid(self, worker: str) -> int:
        """The pid of the app process ``worker`` (``app1``...) as last started."""
        return int(re.findall(rf"\b{worker} started \(pid (\d+)", self.output())[-1])

    def processes(self) -> set[int]:
        """The pids of every process below the supervisor (app processes, HAProxy and anything they started)."""
        children: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])  # the field after the state
            except OSError:
                continue
            children.setdefault(parent, []).append(int(stat.parent.name))
        found, todo = set(), [self.proc.pid]
        while todo:
            for child in children.get(todo.pop(), []):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int | None:
        """Ask the supervisor to stop everything (SIGTERM, as ``kill`` or a service manager would); its exit status."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise
        finally:
            self.proc = None

    def __enter__(self) -> ServedSet:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def alive(pid: int) -> bool:
    """Whether a process runs (a zombie, ended but not yet collected by its parent, counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def stop_process(proc: subprocess.Popen) -> None:
    """Ask a child process to end, and kill it if it has not within 10 s."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
