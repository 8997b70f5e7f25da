"""The app served by ``streamlit run`` for browser tests: on a free port, with its pitch library in a folder the test chooses.

Not a conftest.py (a second subfolder conftest clashes with tests/store's under
--doctest-modules): test modules import ``AppServer`` from here.
"""

from __future__ import annotations

import os
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
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def __enter__(self) -> AppServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
