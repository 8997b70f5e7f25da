"""The library's tables are created and upgraded by ordered, versioned migrations, each all or nothing."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from ldpitch.engine.evaluation import evaluate
from ldpitch.errors import StoreUnavailable
from ldpitch.pitch import files as pitchfile
from ldpitch.pitch.files import dump_pitch
from ldpitch.store import schema as store_schema
from ldpitch.store.database import connect, resolve, transaction
from ldpitch.store.schema import LATEST, MIGRATIONS, Migration, metadata, schema_version, upgrade


def _engine(backend):
    return connect(resolve(backend.url, backend.data_dir, environ={}))


def _applied(engine) -> list[int]:
    with engine.connect() as conn:
        return list(conn.scalars(sa.text("SELECT version FROM ldpitch_schema_migrations ORDER BY version")))


def test_a_new_library_has_every_migration_once(backend):
    with backend.open() as store:
        assert _applied(store.engine) == [m.version for m in MIGRATIONS] == list(range(1, LATEST + 1))
    with backend.open() as store:  # opening again applies nothing
        assert _applied(store.engine) == list(range(1, LATEST + 1))


def test_the_migrated_tables_match_the_tables_the_code_queries(backend):
    with backend.open() as store, store.engine.connect() as conn:
        inspector = sa.inspect(conn)
        for table in metadata.sorted_tables:
            found = {c["name"]: c["nullable"] for c in inspector.get_columns(table.name)}
            assert found == {c.name: c.nullable for c in table.columns}, table.name
        assert "ix_ldpitch_pitches_updated_at" in {i["name"] for i in inspector.get_indexes("ldpitch_pitches")}


def test_a_library_from_schema_1_is_upgraded_and_its_list_figures_filled_in(backend, example_pitches):
    engine = _engine(backend)
    try:
        assert upgrade(engine, target=1) == [1]
        now = datetime.now(UTC)
        with transaction(engine, write=True) as conn:  # what ldpitch with schema 1 wrote
            for n, (name, pitch) in enumerate(example_pitches.items()):
                pitch_id = f"old{n:07d}"
                conn.execute(sa.text(
                    "INSERT INTO ldpitch_pitches (id, name, created_at, updated_at, current_version, deleted_at) "
                    "VALUES (:id, :name, :t, :t, 1, NULL)"), {"id": pitch_id, "name": name, "t": now.replace(tzinfo=None)})
                conn.execute(sa.text(
                    "INSERT INTO ldpitch_versions (pitch_id, version, saved_at, kind, summary, undo_to, pitch_schema, body, body_sha256) "
                    "VALUES (:id, 1, :t, 'created', 'Created', NULL, 1, :body, 'x')"),
                    {"id": pitch_id, "t": now.replace(tzinfo=None), "body": dump_pitch(pitch).decode()})
    finally:
        engine.dispose()
    with backend.open() as store:
        assert _applied(store.engine) == list(range(1, LATEST + 1))
        rows = {row.name: row for row in store.list_pitches()}
        for name, pitch in example_pitches.items():
            assert rows[name].roi_percent == evaluate(pitch).roi_percent
            assert rows[name].initiative_name == pitch.initiative.name
            assert store.load(rows[name].id) == (pitch, 1)
        assert store.save(rows["onboarding"].id, example_pitches["production"], 1) == 2


def test_a_library_from_a_newer_ldpitch_is_refused_and_left_alone(backend):
    with backend.open() as store, transaction(store.engine, write=True) as conn:
        conn.execute(store_schema.migrations_table.insert().values(
            version=LATEST + 5, description="from the future", applied_at=datetime.now(UTC)))
    with pytest.raises(StoreUnavailable, match="newer ldpitch"):
        backend.open()
    engine = _engine(backend)
    try:
        assert _applied(engine)[-1] == LATEST + 5
    finally:
        engine.dispose()


def test_a_failing_migration_step_changes_nothing(backend, monkeypatch):
    def broken(conn):
        conn.execute(sa.text("CREATE TABLE ldpitch_half_done (x INTEGER)"))
        conn.execute(sa.text("SELECT no_such_column FROM ldpitch_pitches"))

    with backend.open():
        pass
    monkeypatch.setattr(store_schema, "MIGRATIONS", (*MIGRATIONS, Migration(LATEST + 1, "broken", broken)))
    monkeypatch.setattr(store_schema, "LATEST", LATEST + 1)
    with pytest.raises(StoreUnavailable, match="reported an error"):
        backend.open()
    engine = _engine(backend)
    try:
        assert _applied(engine) == list(range(1, LATEST + 1))
        with engine.connect() as conn:
            assert not sa.inspect(conn).has_table("ldpitch_half_done")
    finally:
        engine.dispose()


def test_replicas_opening_an_empty_library_together_migrate_it_once(backend):
    opened, errors = [], []
    barrier = threading.Barrier(4)

    def open_one():
        barrier.wait()
        try:
            opened.append(backend.open())
        except Exception as e:  # noqa: BLE001 - the assertion below shows it
            errors.append(e)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == [] and len(opened) == 4
        assert _applied(opened[0].engine) == list(range(1, LATEST + 1))
    finally:
        for store in opened:
            store.close()


def test_a_version_saved_with_an_older_pitch_schema_is_migrated_when_loaded(store, example_pitches, monkeypatch):
    pitch = example_pitches["sales_mobile"]
    record = store.create(pitch)
    # Pretend schema 0 called the title "headline"; ldpitch's pitch-file migrations bring it up to date.
    old = json.loads(dump_pitch(pitch))
    old["schema_version"], old["headline"] = 0, old.pop("title")
    with transaction(store.engine, write=True) as conn:
        conn.execute(sa.update(store_schema.versions).where(store_schema.versions.c.pitch_id == record.id)
                     .values(body=json.dumps(old), pitch_schema=0))
    monkeypatch.setitem(pitchfile.MIGRATIONS, 0, lambda d: {**{k: v for k, v in d.items() if k != "headline"},
                                                             "schema_version": 1, "title": d["headline"]})
    assert store.load(record.id) == (pitch, 1)


def test_schema_version_of_an_empty_database_is_zero(backend):
    engine = _engine(backend)
    try:
        with engine.connect() as conn:
            assert schema_version(conn) == 0
    finally:
        engine.dispose()
