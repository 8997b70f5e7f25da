"""Store test backends: every store test runs against a real SQLite file and a real PostgreSQL server.

The PostgreSQL server is Debian's (``/usr/lib/postgresql/*/bin``), started once
per test session in a temporary folder on a free loopback port, and stopped at
the end. Each test gets a fresh database on it. Without the binaries the
PostgreSQL runs are skipped, saying why (``make test`` installs them as root).
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from ldpitch.store import Organisation
from ldpitch.store.library import PitchStore, open_store

PG_USER = "ldpitch"


def _postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name)
                   if p.parent.parent.name.isdigit() else 0)
    return found[-1].parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PostgresServer:
    bin: Path
    folder: Path
    port: int
    run_as: str | None

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://{PG_USER}@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{PG_USER}@127.0.0.1:{self.port}/{database}"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.bin / args[0]), *args[1:]], user=self.run_as, capture_output=True, text=True,
                              check=check, timeout=60, cwd=self.folder)

    def start(self) -> None:
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-o", options, "-l", str(self.folder / "log"), "-w", "-t", "30", "start")

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop", check=False)


def _start_postgres() -> PostgresServer:
    """initdb into a temporary folder and start a server on a free loopback port (or skip, saying why)."""
    if importlib.util.find_spec("psycopg") is None:
        pytest.skip("psycopg is not installed, so ldpitch cannot talk to PostgreSQL (pip install -r requirements.txt)")
    bin_dir = _postgres_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin "
                    "(install Debian's postgresql package; `make test` does so as root)")
    run_as = None
    if os.geteuid() == 0:  # initdb refuses to run as root: run the server as the package's postgres user
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run the PostgreSQL server as")
        run_as = "postgres"
    folder = Path(tempfile.mkdtemp(prefix="ldpitch-pg-"))
    if run_as:
        shutil.chown(folder, user=run_as)
    server = PostgresServer(bin_dir, folder, 0, run_as)
    server.run("initdb", "-D", str(folder / "data"), "-A", "trust", "-U", PG_USER, "--no-sync")
    for attempt in range(3):  # a free port can be taken between choosing it and binding it
        server.port = _free_port()
        try:
            server.start()
            return server
        except subprocess.CalledProcessError:
            if attempt == 2:
                log = (folder / "log").read_text(errors="replace") if (folder / "log").exists() else ""
                shutil.rmtree(folder, ignore_errors=True)
                pytest.fail(f"PostgreSQL did not start:\n{log[-2000:]}")
    raise AssertionError("unreachable")


@contextlib.contextmanager
def _postgres():
    server = _start_postgres()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server for this test session, or a skip that says why there is none."""
    with _postgres() as server:
        yield server


@pytest.fixture
def private_postgres_server():
    """A PostgreSQL server of this test's own, for tests that stop and start it."""
    with _postgres() as server:
        yield server


_database_numbers = itertools.count()


@dataclass
class Backend:
    """One library on one backend; ``open()`` opens it (again), as the app or another replica would."""

    name: str
    url: str | None = None
    data_dir: Path | None = None

    def open(self, organisation: Organisation | None = None) -> PitchStore:
        """The library as the app opens it: without sign-in, or with it for ``organisation``."""
        return open_store(url=self.url, data_dir=self.data_dir, organisation=organisation)

    @property
    def open_args(self) -> dict:
        """What a subprocess needs to open the same library."""
        return {"url": self.url, "data_dir": str(self.data_dir) if self.data_dir else None}


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path):
    """A fresh, empty library: a SQLite file in a temporary folder, or a new database on the session's PostgreSQL."""
    if request.param == "sqlite":
        yield Backend("sqlite", data_dir=tmp_path / "data")
        return
    server = request.getfixturevalue("postgres_server")
    database = f"t{os.getpid()}_{next(_database_numbers)}"
    admin = sa.create_engine(server.admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{database}"')
        yield Backend("postgresql", url=server.url(database))
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    finally:
        admin.dispose()


@pytest.fixture
def store(backend):
    """The library of ``backend``, opened; closed after the test."""
    opened = backend.open()
    with contextlib.closing(opened):
        yield opened


@pytest.fixture(scope="session")
def example_pitches():
    """Every example pitch by name (loaded once; pitches are immutable)."""
    from ldpitch.pitch import examples

    return {name: examples.load(name) for name in examples.names()}
