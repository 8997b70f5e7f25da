"""Faults: the library cannot be opened, reached or written, or a save dies half-way; nothing saved is lost."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import event

from ldpitch.errors import StoreError, StoreUnavailable
from ldpitch.store import LOCAL
from ldpitch.store.database import LIBRARY_FILE
from ldpitch.store.library import open_store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pitch(example_pitches):
    return example_pitches["production"]


def retitled(pitch, title):
    return pitch.model_copy(update={"title": title})


# --- a library that cannot be opened -------------------------------------------------------------

def test_a_data_folder_inside_a_regular_file_is_unavailable_with_the_folder_named(tmp_path):
    # Tests run as root, so a read-only mode would not stop writes: a folder that cannot exist does.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file")
    with pytest.raises(StoreUnavailable) as caught:
        open_store(data_dir=blocker / "data")
    message = str(caught.value)
    assert str(blocker / "data") in message and "LDPITCH_DATA_DIR" in message
    assert blocker.read_text() == "a file"


def test_a_data_folder_that_cannot_be_created_is_unavailable():
    with pytest.raises(StoreUnavailable, match="Cannot keep the pitch library in /proc/ldpitch-nowhere"):
        open_store(data_dir="/proc/ldpitch-nowhere/data")


def test_a_library_path_that_is_a_folder_is_unavailable(tmp_path):
    (tmp_path / LIBRARY_FILE).mkdir()
    with pytest.raises(StoreUnavailable, match="is a folder"):
        open_store(data_dir=tmp_path)


@pytest.mark.parametrize("content", [b"this is not a database at all\n" * 50, os.urandom(8192)], ids=["text", "random"])
def test_a_file_that_is_not_a_database_is_reported_and_left_untouched(tmp_path, content):
    library = tmp_path / LIBRARY_FILE
    library.write_bytes(content)
    with pytest.raises(StoreUnavailable, match="damaged or is not an ldpitch library") as caught:
        open_store(data_dir=tmp_path)
    assert "move it aside" in str(caught.value)
    assert library.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == [LIBRARY_FILE]


def test_a_library_with_a_damaged_header_is_reported_and_left_untouched(tmp_path, pitch):
    with open_store(data_dir=tmp_path) as store:
        store.create(LOCAL, pitch)
    library = tmp_path / LIBRARY_FILE
    with sqlite3.connect(library) as conn:  # fold the WAL into the file, as a later copy of it would hold
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    damaged = b"\xde\xad" * 50 + library.read_bytes()[100:]
    library.write_bytes(damaged)
    with pytest.raises(StoreUnavailable, match="damaged"):
        open_store(data_dir=tmp_path)
    assert library.read_bytes() == damaged


@pytest.mark.parametrize("url, message", [
    ("not a url", "not one ldpitch understands"),
    ("mysql://me@localhost/pitches", "SQLite or PostgreSQL"),
    ("sqlite://", "needs a file path"),
    ("sqlite:///:memory:", "needs a file path"),
    ("postgresql://me@db.example:port/pitches", "not one ldpitch understands"),
    ("postgresql+psycopg2://me@db.example/pitches", "through psycopg"),
])
def test_a_database_url_ldpitch_cannot_use_is_unavailable(url, message):
    with pytest.raises(StoreUnavailable, match=message):
        open_store(url=url)


def test_a_server_that_is_down_is_unavailable_and_the_password_is_never_shown():
    import socket

    with socket.socket() as s:  # a port on which nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    start = time.monotonic()
    with pytest.raises(StoreUnavailable) as caught:
        open_store(url=f"postgresql://me:s3cret-pw@127.0.0.1:{port}/pitches")
    message = str(caught.value)
    assert f"Cannot reach the database server at 127.0.0.1:{port}" in message
    assert "s3cret-pw" not in message and "s3cret-pw" not in repr(caught.value.__cause__ or "")
    assert time.monotonic() - start < 10


def test_a_wrong_database_or_user_on_a_running_server_is_unavailable(postgres_server):
    with pytest.raises(StoreUnavailable, match="has no database called 'nosuchdb'"):
        open_store(url=postgres_server.url("nosuchdb"))
    wrong_user = postgres_server.url("postgres").replace("ldpitch@", "nobody:pw@")
    with pytest.raises(StoreUnavailable, match="refused the user name or password"):
        open_store(url=wrong_user)


def test_the_database_url_comes_from_the_environment_and_an_explicit_folder_wins(tmp_path, monkeypatch, pitch):
    monkeypatch.setenv("LDPITCH_DATABASE_URL", f"sqlite:///{tmp_path / 'from-env.sqlite3'}")
    with open_store() as store:
        store.create(LOCAL, pitch)
        assert store.location == str(tmp_path / "from-env.sqlite3")
    with open_store(data_dir=tmp_path / "explicit") as store:
        assert store.list_pitches(LOCAL) == []


def test_a_blank_database_url_setting_means_the_sqlite_library(tmp_path, monkeypatch):
    monkeypatch.setenv("LDPITCH_DATABASE_URL", " ")
    monkeypatch.setenv("LDPITCH_DATA_DIR", str(tmp_path))
    with open_store(url="") as store:
        assert store.backend == "sqlite" and store.location == str(tmp_path / LIBRARY_FILE)


def test_the_default_library_is_made_in_the_data_folder_on_first_use(tmp_path, monkeypatch, pitch):
    monkeypatch.delenv("LDPITCH_DATABASE_URL", raising=False)
    monkeypatch.delenv("LDPITCH_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    with open_store() as store:
        store.create(LOCAL, pitch)
    assert (tmp_path / "data" / LIBRARY_FILE).is_file()
    monkeypatch.setenv("LDPITCH_DATA_DIR", str(tmp_path / "elsewhere"))
    with open_store() as store:
        assert store.location == str(tmp_path / "elsewhere" / LIBRARY_FILE)


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(tmp_path):
    with open_store(data_dir=tmp_path) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_a_save_waits_for_another_writer_instead_of_failing(tmp_path, pitch):
    with open_store(data_dir=tmp_path) as store:
        record = store.create(LOCAL, pitch)
        other = sqlite3.connect(tmp_path / LIBRARY_FILE, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock for a moment
        releaser = threading.Timer(0.5, lambda: other.execute("COMMIT"))
        releaser.start()
        try:
            assert store.save(LOCAL, record.id, retitled(pitch, "Two"), 1) == 2
        finally:
            releaser.join()
            other.close()


# --- a save that dies half-way -------------------------------------------------------------------

def _check_intact(store, pitch_id, expected_title, versions):
    pitch, version = store.load(LOCAL, pitch_id)
    assert (pitch.title, version) == (expected_title, versions)
    assert [h.version for h in store.history(LOCAL, pitch_id)] == list(range(versions, 0, -1))
    assert store.list_pitches(LOCAL)[0].version == versions
    assert store.list_pitches(LOCAL)[0].title == expected_title


def test_a_database_error_mid_save_keeps_the_previous_version_and_says_saving_failed(store, pitch):
    record = store.create(LOCAL, pitch)
    store.save(LOCAL, record.id, retitled(pitch, "Two"), 1)

    def break_the_version_insert(conn, cursor, statement, parameters, context, executemany):
        # The save has already moved the pitch to version 3 (an UPDATE) in this transaction;
        # now its last statement fails in the database itself.
        if statement.lstrip().upper().startswith("INSERT INTO LDPITCH_VERSIONS"):
            return "INSERT INTO ldpitch_no_such_table VALUES (1)", type(parameters)()
        return statement, parameters

    event.listen(store.engine, "before_cursor_execute", break_the_version_insert, retval=True)
    with pytest.raises(StoreError, match="reported an error") as caught:
        store.save(LOCAL, record.id, retitled(pitch, "Three"), 2)
    assert not isinstance(caught.value, StoreUnavailable)
    event.remove(store.engine, "before_cursor_execute", break_the_version_insert)
    _check_intact(store, record.id, "Two", 2)
    assert store.save(LOCAL, record.id, retitled(pitch, "Three"), 2) == 3


def test_a_crash_after_the_version_is_written_but_before_commit_loses_nothing(store, pitch):
    record = store.create(LOCAL, pitch)
    store.save(LOCAL, record.id, retitled(pitch, "Two"), 1)

    class PowerCut(Exception):
        pass

    def after(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO LDPITCH_VERSIONS"):
            raise PowerCut  # the process dies between the last write and the commit

    event.listen(store.engine, "after_cursor_execute", after)
    with pytest.raises(PowerCut):
        store.save(LOCAL, record.id, retitled(pitch, "Three"), 2)
    event.remove(store.engine, "after_cursor_execute", after)
    _check_intact(store, record.id, "Two", 2)


_SAVER = textwrap.dedent("""
    import json, sys
    from ldpitch.pitch import examples
    from ldpitch.store import LOCAL
    from ldpitch.store.library import open_store
    args = json.loads(sys.argv[1])
    store = open_store(**args["open"])
    pitch = examples.load("onboarding")
    version = args["version"]
    n = 0
    while True:
        n += 1
        version = store.save(LOCAL, args["id"], pitch.model_copy(update={"title": f"save {n}"}), version)
        print(version, flush=True)
""")


def test_killing_a_process_that_is_saving_in_a_loop_leaves_a_consistent_library(backend, pitch):
    with backend.open() as store:
        record = store.create(LOCAL, pitch)
    arguments = json.dumps({"open": backend.open_args, "id": record.id, "version": 1})
    child = subprocess.Popen([sys.executable, "-c", _SAVER, arguments], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        last_reported = 0
        deadline = time.monotonic() + 60
        while last_reported < 40 and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            last_reported = int(line)
        assert last_reported >= 40, child.stderr.read()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        child.stderr.close()
    with backend.open() as store:
        current = store.record(LOCAL, record.id).version
        assert current >= last_reported
        pitch_now, version = store.load(LOCAL, record.id)
        assert version == current and pitch_now.title == f"save {current - 1}"
        assert [h.version for h in store.history(LOCAL, record.id)] == list(range(current, 0, -1))
        for earlier in (1, current // 2, current - 1):
            store.load(LOCAL, record.id, earlier)
        assert store.save(LOCAL, record.id, retitled(pitch, "after the crash"), current) == current + 1
        if backend.name == "sqlite":
            with store.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_a_server_that_stops_mid_session_makes_saving_unavailable_then_recovers(private_postgres_server, pitch):
    server = private_postgres_server
    with open_store(url=server.url("postgres")) as store:
        record = store.create(LOCAL, pitch)
        server.stop()
        with pytest.raises(StoreUnavailable, match="Cannot reach the database server"):
            store.save(LOCAL, record.id, retitled(pitch, "Two"), 1)
        server.start()
        assert store.load(LOCAL, record.id) == (pitch, 1)
        assert store.save(LOCAL, record.id, retitled(pitch, "Two"), 1) == 2
