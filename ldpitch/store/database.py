"""Where the pitch library lives and how to reach it: the database URL, SQLite's settings, faults in the user's words.

Only the ``store*`` modules import SQLAlchemy. This one turns the user's
settings (a URL, a data folder, the environment) into an engine, and turns
database errors into messages a person can act on, without ever showing a
password.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from ldpitch.errors import StoreError, StoreUnavailable

#: The environment variable holding a database URL (PostgreSQL for a shared library).
URL_VARIABLE = "LDPITCH_DATABASE_URL"
#: The environment variable naming the folder of the default SQLite library.
DATA_DIR_VARIABLE = "LDPITCH_DATA_DIR"
#: The SQLite library's file name inside the data folder.
LIBRARY_FILE = "ldpitch.sqlite3"
#: How long a SQLite writer waits for another writer before giving up.
BUSY_TIMEOUT_MS = 15_000
#: How long to wait for a PostgreSQL server to answer before saying it is unreachable.
CONNECT_TIMEOUT_S = 5


@dataclass(frozen=True)
class Target:
    """A resolved library: the SQLAlchemy URL, where it is in words, and the SQLite file if it is one."""

    url: URL
    location: str
    sqlite_path: Path | None

    @property
    def backend(self) -> str:
        return self.url.get_backend_name()


def resolve(url: str | None, data_dir: Path | str | None, environ: Mapping[str, str] | None = None) -> Target:
    """Decide which database to use: an explicit URL, an explicit folder, ``LDPITCH_DATABASE_URL``, ``LDPITCH_DATA_DIR``, ``./data``.

    >>> resolve(None, "/srv/ldpitch", environ={}).location
    '/srv/ldpitch/ldpitch.sqlite3'
    >>> t = resolve("postgres://me:secret@db.example:5433/pitches", None, environ={})
    >>> t.url.drivername, t.location
    ('postgresql+psycopg', "PostgreSQL database 'pitches' on db.example:5433")
    """
    env = os.environ if environ is None else environ
    url = (url or "").strip() or None  # a blank setting (an empty secret) means "not set"
    if url is None and data_dir is None:
        url = env.get(URL_VARIABLE, "").strip() or None
    if url:
        return _from_url(url)
    folder = data_dir if data_dir is not None else (env.get(DATA_DIR_VARIABLE, "").strip() or Path.cwd() / "data")
    path = Path(folder).expanduser().absolute() / LIBRARY_FILE
    return Target(URL.create("sqlite+pysqlite", database=str(path)), str(path), path)


def _from_url(text: str) -> Target:
    try:
        url = sa.make_url(text)
    except (ArgumentError, ValueError):
        raise StoreUnavailable(
            "The database URL is not one ldpitch understands. It should look like "
            "postgresql://user:password@host:5432/database (or sqlite:////path/to/library.sqlite3)."
        ) from None
    backend = url.get_backend_name()
    if backend == "postgres" or url.drivername == "postgresql":
        # Heroku-style "postgres://" and driverless URLs mean psycopg 3, the driver ldpitch ships with.
        url = url.set(drivername="postgresql+psycopg")
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
            raise StoreUnavailable("A SQLite pitch library needs a file path (sqlite:////path/to/library.sqlite3): "
                                   "an in-memory library would lose every pitch when the app restarts.")
        path = Path(url.database).expanduser().absolute()
        return Target(url.set(database=str(path)), str(path), path)
    if backend != "postgresql":
        raise StoreUnavailable(f"ldpitch keeps pitches in SQLite or PostgreSQL; the database URL names '{backend}'.")
    where = f"{url.host or 'localhost'}:{url.port or 5432}"
    return Target(url, f"PostgreSQL database '{url.database or url.username or 'postgres'}' on {where}", None)


def connect(target: Target) -> Engine:
    """An engine for ``target`` (no connection made yet); SQLite gets WAL, foreign keys and a busy timeout."""
    if target.sqlite_path is not None:
        folder = target.sqlite_path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreUnavailable(
                f"Cannot keep the pitch library in {folder} ({e.strerror or e}). "
                f"Set {DATA_DIR_VARIABLE} to a folder ldpitch may write to."
            ) from None
        if target.sqlite_path.is_dir():
            raise StoreUnavailable(f"Cannot open the pitch library: {target.sqlite_path} is a folder, not a file.")
        engine = sa.create_engine(target.url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_settings)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return sa.create_engine(
            target.url, pool_pre_ping=True,
            connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "ldpitch"},
        )
    except (ArgumentError, NoSuchModuleError, ImportError) as e:
        raise StoreUnavailable(
            f"Cannot use the database URL for {target.location}: {e}. ldpitch talks to PostgreSQL through psycopg "
            "(pip install 'psycopg[binary]')."
        ) from None


def _sqlite_settings(dbapi_connection, connection_record) -> None:
    # ldpitch issues BEGIN itself (see _sqlite_begin), so the driver must not open transactions on its own.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        # WAL: readers never block the autosave, and a crash mid-write leaves the last commit intact.
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            _switch_to_wal(cursor)
    finally:
        cursor.close()


def _switch_to_wal(cursor) -> None:
    # Switching a new file to WAL needs it to itself, and SQLite answers "locked" at once (without
    # the busy timeout) while another process does the same: replicas starting together retry.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _sqlite_begin(conn: Connection) -> None:
    # A writer takes the write lock at BEGIN, so two writers queue on the busy timeout instead of
    # failing with "database is locked" when a read transaction tries to turn into a write.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("ldpitch_write") else "BEGIN")


@contextmanager
def transaction(engine: Engine, *, write: bool) -> Iterator[Connection]:
    """One transaction: committed when the block ends, rolled back if it raises."""
    with engine.connect() as conn:
        if write:
            conn.execution_options(ldpitch_write=True)
        with conn.begin():
            yield conn


def failure(exc: SQLAlchemyError, target: Target) -> StoreError:
    """The ``StoreError`` to raise for a database error: ``StoreUnavailable`` when the library cannot be reached."""
    message, unreachable = explain(exc, target)
    return (StoreUnavailable if unreachable else StoreError)(message)


def explain(exc: BaseException, target: Target) -> tuple[str, bool]:
    """A database error in the user's words, and whether it means the library cannot be reached at all."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    detail = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    low = str(orig).lower()
    where = target.location
    if target.sqlite_path is not None:
        if "not a database" in low or "malformed" in low or "encrypted" in low:
            return (f"The pitch library file {where} is damaged or is not an ldpitch library. ldpitch left it as it is: "
                    "move it aside (or put back a backup) and a new, empty library will be made."), True
        if "unable to open" in low:
            return f"Cannot open the pitch library at {where}: its folder is missing or cannot be written.", True
        if "readonly" in low or "read-only" in low:
            return f"The pitch library at {where} is read-only, so changes cannot be saved.", True
        if "locked" in low or "busy" in low:
            return f"The pitch library at {where} is busy: another program held it locked for too long. Try again.", False
        if "full" in low:
            return f"The disk holding the pitch library ({where}) is full.", False
        if "disk i/o" in low:
            return f"The disk holding the pitch library ({where}) reported an input/output error.", True
        return f"The pitch library ({where}) reported an error: {detail}", False
    url = target.url
    host = f"{url.host or 'localhost'}:{url.port or 5432}"
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate in ("28P01", "28000") or "password authentication failed" in low or ("role" in low and "does not exist" in low):
        return f"The database server at {host} refused the user name or password in the database URL.", True
    if sqlstate == "3D000" or ("database" in low and "does not exist" in low):
        return f"The database server at {host} has no database called '{url.database}'.", True
    if sqlstate == "42501":
        return f"The database user may not create or change the pitch library's tables in {where} (permission denied).", True
    if (isinstance(exc, DBAPIError) and exc.connection_invalidated) or (sqlstate is None and isinstance(exc, sa.exc.OperationalError)):
        return (f"Cannot reach the database server at {host}: it may be down, or the address in the database URL "
                "may be wrong."), True
    return f"The pitch library ({where}) reported an error: {detail}", False
