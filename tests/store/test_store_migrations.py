"""The library's tables are created and upgraded by ordered, versioned migrations, each all or nothing."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from ldpitch.engine.evaluation import evaluate
from ldpitch.errors import PitchNotFound, StoreUnavailable
from ldpitch.pitch import files as pitchfile
from ldpitch.pitch.files import dump_pitch
from ldpitch.store import LOCAL, Organisation, Role, listing
from ldpitch.store import schema as store_schema
from ldpitch.store.access import BEFORE_SIGN_IN
from ldpitch.store.database import connect, resolve, transaction
from ldpitch.store.schema import LATEST, MIGRATIONS, Migration, listing_columns, metadata, schema_version, upgrade


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
        assert {"ix_ldpitch_pitches_updated_at", "ix_ldpitch_pitches_owner_id"} <= {
            i["name"] for i in inspector.get_indexes("ldpitch_pitches")}
        assert "ix_ldpitch_shares_grantee" in {i["name"] for i in inspector.get_indexes("ldpitch_shares")}


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
        rows = {row.name: row for row in store.list_pitches(LOCAL)}
        for name, pitch in example_pitches.items():
            assert rows[name].roi_percent == evaluate(pitch).roi_percent
            assert rows[name].initiative_name == pitch.initiative.name
            assert store.load(LOCAL, rows[name].id) == (pitch, 1)
        assert store.save(LOCAL, rows["onboarding"].id, example_pitches["production"], 1) == 2


def _write_as_schema_2(backend, example_pitches) -> dict[str, str]:
    """A library as ldpitch with schema 2 (before sign-in) left it: every example at version 2, one of them in the bin."""
    engine = _engine(backend)
    ids = {}
    try:
        assert upgrade(engine, target=2) == [1, 2]
        t = datetime(2027, 3, 15, 10, 42)  # naive: what schema 2's columns held
        with transaction(engine, write=True) as conn:
            for n, (name, pitch) in enumerate(sorted(example_pitches.items())):
                ids[name] = pitch_id = f"old{n:07d}"
                figures = listing_columns(pitch)
                conn.execute(sa.text(
                    "INSERT INTO ldpitch_pitches (id, name, created_at, updated_at, current_version, deleted_at, title, "
                    "initiative_name, primary_audience, currency, roi_percent, roi_note) VALUES (:id, :name, :t, :t, 2, :gone, "
                    ":title, :initiative_name, :primary_audience, :currency, :roi_percent, :roi_note)"),
                    {"id": pitch_id, "name": name, "t": t, "gone": t if name == "production" else None, **figures})
                draft = pitch.model_copy(update={"title": "Draft"})
                for version, body, kind, undo_to in ((1, draft, "created", None), (2, pitch, "edit", 1)):
                    conn.execute(sa.text(
                        "INSERT INTO ldpitch_versions (pitch_id, version, saved_at, kind, summary, undo_to, pitch_schema, "
                        "body, body_sha256) VALUES (:id, :v, :t, :kind, :summary, :undo_to, 1, :body, 'x')"),
                        {"id": pitch_id, "v": version, "t": t, "kind": kind, "summary": f"{kind} {name}", "undo_to": undo_to,
                         "body": dump_pitch(body).decode()})
    finally:
        engine.dispose()
    return ids


def _stored(backend) -> list[tuple]:
    engine = _engine(backend)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.text(
                "SELECT pitch_id, version, kind, summary, undo_to, body FROM ldpitch_versions ORDER BY pitch_id, version"))]
    finally:
        engine.dispose()


def test_a_library_from_schema_2_keeps_every_pitch_and_works_as_before_without_sign_in(backend, example_pitches):
    ids = _write_as_schema_2(backend, example_pitches)
    before = _stored(backend)
    with backend.open() as store:
        assert _applied(store.engine) == list(range(1, LATEST + 1))
        assert {r.id for r in store.list_pitches(LOCAL)} == {i for n, i in ids.items() if n != "production"}
        assert [r.id for r in store.list_pitches(LOCAL, deleted=True)] == [ids["production"]]
        for name, pitch_id in ids.items():
            if name != "production":
                assert store.load(LOCAL, pitch_id) == (example_pitches[name], 2)
            record = store.record(LOCAL, pitch_id)
            assert (record.owner_id, record.role, record.can_undo) == (BEFORE_SIGN_IN, Role.OWNER, True)
            assert [listing.author(h) for h in store.history(LOCAL, pitch_id)] == ["without sign-in"] * 2
            assert "Who" not in listing.history_lines(store.history(LOCAL, pitch_id), datetime.now(UTC))[0]
        assert store.undo(LOCAL, ids["onboarding"]) == 3
        assert store.load(LOCAL, ids["onboarding"])[0].title == "Draft"
    assert set(before) <= set(_stored(backend)), "no version lost or changed"


def test_a_library_from_schema_2_belongs_to_the_administrators_once_sign_in_is_on(backend, example_pitches):
    ids = _write_as_schema_2(backend, example_pitches)
    before = _stored(backend)
    org = Organisation(domain="example.com", admins=frozenset({"ada@example.com"}))
    ada = org.actor("https://id.example.com", "ada", "ada@example.com", "Ada")
    alice = org.actor("https://id.example.com", "alice", "alice@example.com", "Alice")
    with backend.open(org) as team:
        assert _applied(team.engine) == list(range(1, LATEST + 1))
        assert set(_stored(backend)) == set(before), "upgrading changed no version"
        live = {i for n, i in ids.items() if n != "production"}
        assert {r.id for r in team.list_pitches(ada)} == live
        assert [r.id for r in team.list_pitches(ada, deleted=True)] == [ids["production"]]
        assert team.list_pitches(alice) == [] and team.list_pitches(alice, deleted=True) == []
        with pytest.raises(PitchNotFound, match="not shared with you"):
            team.load(alice, ids["onboarding"])
        assert team.load(ada, ids["onboarding"]) == (example_pitches["onboarding"], 2)

        team.hand_over(ada, ids["onboarding"], "alice@example.com")
        (taken,) = team.accept_hand_overs(alice)
        assert taken.owner_id == alice.id and taken.version == 2
        assert team.save(alice, ids["onboarding"], example_pitches["production"], 2) == 3
        assert [listing.author(h) for h in team.history(alice, ids["onboarding"])] == ["Alice", "without sign-in", "without sign-in"]
        assert ids["onboarding"] not in {r.id for r in team.list_pitches(ada)}
    assert set(before) <= set(_stored(backend)), "every version from before sign-in is still there, unchanged"


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
    record = store.create(LOCAL, pitch)
    # Pretend schema 0 called the title "headline"; ldpitch's pitch-file migrations bring it up to date.
    old = json.loads(dump_pitch(pitch))
    old["schema_version"], old["headline"] = 0, old.pop("title")
    with transaction(store.engine, write=True) as conn:
        conn.execute(sa.update(store_schema.versions).where(store_schema.versions.c.pitch_id == record.id)
                     .values(body=json.dumps(old), pitch_schema=0))
    monkeypatch.setitem(pitchfile.MIGRATIONS, 0, lambda d: {**{k: v for k, v in d.items() if k != "headline"},
                                                             "schema_version": 1, "title": d["headline"]})
    assert store.load(LOCAL, record.id) == (pitch, 1)


def test_schema_version_of_an_empty_database_is_zero(backend):
    engine = _engine(backend)
    try:
        with engine.connect() as conn:
            assert schema_version(conn) == 0
    finally:
        engine.dispose()
