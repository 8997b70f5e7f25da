"""The pitch library: pitches saved with their whole version history, in SQLite or PostgreSQL.

::

    store = open_store()                          # ./data/ldpitch.sqlite3, or $LDPITCH_DATABASE_URL
    record = store.create(pitch)                  # PitchRecord(id='k3m9x2p7qa', version=1, ...)
    version = store.save(record.id, edited, based_on_version=record.version)   # 2
    pitch, version = store.load(record.id)

Every write is one transaction: it is saved whole or not at all, and a failure
leaves the previous version as it was. Saves are optimistic: each names the
version it started from, and if another tab or person saved since, ``save``
raises ``SaveConflict`` holding both edits instead of overwriting either.
Nothing is ever overwritten in place: restoring and undoing add versions.

A ``PitchStore`` is safe to share between threads (one per process); plain data
goes in and out. Only the ``store*`` modules import SQLAlchemy.
"""

from __future__ import annotations

import hashlib
import io
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from ldpitch.errors import NothingToUndo, PitchFileError, PitchNotFound, SaveConflict, StoreError, StoreUnavailable
from ldpitch.pitch import Pitch, dump_pitch, load_pitch, parse_json, pitch_from_data
from ldpitch.store.changes import describe_change
from ldpitch.store.database import Target, connect, explain, failure, resolve, transaction
from ldpitch.store.records import HistoryEntry, PitchRecord, PitchRow, clean_name, default_name, is_pitch_id, new_id, slug
from ldpitch.store.schema import SUMMARY_MAX, listing_columns, pitches, upgrade, versions

__all__ = [
    "HistoryEntry", "PitchRecord", "PitchRow", "PitchStore", "default_name", "describe_change", "is_pitch_id", "new_id",
    "open_store",
]


def open_store(url: str | None = None, data_dir: Path | str | None = None) -> PitchStore:
    """Open (creating or upgrading it if needed) the pitch library, or raise ``StoreUnavailable``.

    ``url`` (or ``$LDPITCH_DATABASE_URL``) names a PostgreSQL database, e.g.
    ``postgresql://user:password@host:5432/db``; otherwise the library is the
    SQLite file ``ldpitch.sqlite3`` in ``data_dir`` (or ``$LDPITCH_DATA_DIR``,
    or ``./data``), made on first use. An explicit argument wins over the
    environment. Nothing already saved is changed when opening fails.
    """
    target = resolve(url, data_dir)
    engine = connect(target)
    try:
        upgrade(engine)
    except StoreUnavailable:
        engine.dispose()
        raise
    except SQLAlchemyError as e:
        engine.dispose()
        raise StoreUnavailable(explain(e, target)[0]) from e
    return PitchStore(engine, target)


def _now() -> datetime:
    return datetime.now(UTC)


#: How many recently written or read pitches a store keeps to describe the next change from.
_KNOWN = 32


def _encode(pitch: Pitch) -> tuple[str, str]:
    body = dump_pitch(pitch)
    return body.decode("utf-8"), hashlib.sha256(body).hexdigest()


def _decode(body: str) -> Pitch:
    """A stored version as a ``Pitch``, migrated if an older ldpitch saved it (``PitchFileError`` if unreadable)."""
    return pitch_from_data(parse_json(body))


class PitchStore:
    """The pitch library; make one with ``open_store``."""

    def __init__(self, engine: sa.Engine, target: Target):
        self._engine = engine
        self._target = target
        # Pitches this store wrote or read lately, by the SHA-256 of their stored body: the version an
        # edit replaces is usually one of them, so describing the change reads (validates) no pitch again.
        self._known: OrderedDict[str, Pitch] = OrderedDict()
        self._known_lock = threading.Lock()

    # --- the library itself ------------------------------------------------------------------------

    @property
    def location(self) -> str:
        """Where the pitches are, in words (a file path, or a PostgreSQL database and host; never a password)."""
        return self._target.location

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self._target.backend

    @property
    def engine(self) -> sa.Engine:
        """The SQLAlchemy engine (for tests and benchmarks; the app never needs it)."""
        return self._engine

    def close(self) -> None:
        """Close every pooled connection; the store can still be used afterwards (it reconnects)."""
        self._engine.dispose()

    def __enter__(self) -> PitchStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<PitchStore {self.location}>"

    @contextmanager
    def _tx(self, *, write: bool) -> Iterator[Connection]:
        try:
            with transaction(self._engine, write=write) as conn:
                yield conn
        except SQLAlchemyError as e:
            raise failure(e, self._target) from e

    # --- one pitch ---------------------------------------------------------------------------------

    def create(self, pitch: Pitch, name: str | None = None) -> PitchRecord:
        """Add ``pitch`` to the library as version 1 of a new pitch."""
        return self._add(pitch, name, kind="created", summary="Created")

    def save(self, pitch_id: str, pitch: Pitch, based_on_version: int, summary_of_change: str | None = None) -> int:
        """Save ``pitch`` as the next version and return its number, or raise ``SaveConflict``.

        ``based_on_version`` is the version this edit started from. If the
        library has moved on since (another tab or person saved), nothing is
        written and ``SaveConflict`` carries both pitches. Saving what is
        already the current version writes nothing and returns its number.
        ``summary_of_change`` defaults to ``describe_change(previous, pitch)``.
        """
        _check_version(based_on_version)
        body, sha = _encode(pitch)
        columns = listing_columns(pitch)
        with self._tx(write=True) as conn:
            row = self._live(conn, pitch_id, for_update=True)
            current = self._version_row(conn, pitch_id, row.current_version)
            if current.body_sha256 == sha:
                return row.current_version
            if row.current_version == based_on_version:
                if summary_of_change is None:
                    summary_of_change = self._describe_from(current, pitch)
                new = self._append(conn, pitch_id, based_on_version, body, sha, pitch, columns,
                                   kind="edit", summary=summary_of_change, undo_to=based_on_version)
                if new is not None:
                    self._know(sha, pitch)
                    return new
        raise self._conflict(pitch_id, based_on_version, pitch)

    def save_as_copy(self, pitch_id: str, pitch: Pitch, name: str | None = None) -> PitchRecord:
        """Keep an edit that lost a ``SaveConflict`` as a new pitch, named after the original."""
        _check_id(pitch_id)
        with self._tx(write=False) as conn:
            original = conn.scalar(sa.select(pitches.c.name).where(pitches.c.id == pitch_id))
        original = original or default_name(pitch)
        return self._add(pitch, name or f"{original} (your edit)", kind="copy",
                         summary=f"Your edit of '{original}', kept as a copy because it was changed elsewhere")

    def load(self, pitch_id: str, version: int | None = None) -> tuple[Pitch, int]:
        """The pitch at ``version`` (default: the current one) and that version's number.

        Versions saved by an older ldpitch are migrated on the way out; an
        unreadable version raises a ``PitchFileError`` naming the problem.
        """
        with self._tx(write=False) as conn:
            row = self._live(conn, pitch_id)
            number = row.current_version if version is None else version
            found = self._version_row(conn, pitch_id, number, row)
        pitch = _decode(found.body)
        self._know(found.body_sha256, pitch)
        return pitch, number

    def record(self, pitch_id: str) -> PitchRecord:
        """The pitch's name, current version and times (also for a pitch in the bin)."""
        with self._tx(write=False) as conn:
            row = self._row(conn, pitch_id)
            undo_to = conn.scalar(sa.select(versions.c.undo_to).where(
                versions.c.pitch_id == pitch_id, versions.c.version == row.current_version))
        return _record(row, can_undo=undo_to is not None)

    def history(self, pitch_id: str) -> list[HistoryEntry]:
        """Every version of the pitch, newest first."""
        with self._tx(write=False) as conn:
            self._row(conn, pitch_id)
            rows = conn.execute(
                sa.select(versions.c.version, versions.c.saved_at, versions.c.summary, versions.c.kind)
                .where(versions.c.pitch_id == pitch_id).order_by(versions.c.version.desc())
            ).all()
        return [HistoryEntry(r.version, r.saved_at, r.summary, r.kind) for r in rows]

    def restore(self, pitch_id: str, version: int, based_on_version: int | None = None) -> int:
        """Make ``version`` the current pitch again, as a new version (the history keeps everything)."""
        with self._tx(write=True) as conn:
            row = self._live(conn, pitch_id, for_update=True)
            old = self._version_row(conn, pitch_id, version, row)
            pitch = _decode(old.body)
            if based_on_version is None or based_on_version == row.current_version:
                current = self._version_row(conn, pitch_id, row.current_version)
                body, sha = _encode(pitch)
                if current.body_sha256 == sha:
                    return row.current_version
                new = self._append(conn, pitch_id, row.current_version, body, sha, pitch, listing_columns(pitch),
                                   kind="restore", summary=f"Restored version {version}", undo_to=row.current_version)
                if new is not None:
                    return new
        raise self._conflict(pitch_id, based_on_version if based_on_version is not None else row.current_version, pitch)

    def undo(self, pitch_id: str, based_on_version: int | None = None) -> int:
        """Step back one change, as a new version; undo again to step further back (``NothingToUndo`` at the start)."""
        with self._tx(write=True) as conn:
            row = self._live(conn, pitch_id, for_update=True)
            current = self._version_row(conn, pitch_id, row.current_version)
            if based_on_version is None or based_on_version == row.current_version:
                if current.undo_to is None:
                    raise NothingToUndo(f"Nothing to undo: '{row.name}' is back at the start of its history.")
                target = self._version_row(conn, pitch_id, current.undo_to)
                pitch = _decode(target.body)
                body, sha = _encode(pitch)
                summary = "Undo: " + self._describe_from(current, pitch)
                new = self._append(conn, pitch_id, row.current_version, body, sha, pitch, listing_columns(pitch),
                                   kind="undo", summary=summary, undo_to=target.undo_to)
                if new is not None:
                    return new
            # What the stale tab's undo would have shown: the step before the version it was showing.
            base = self._version_row(conn, pitch_id, based_on_version, row) if based_on_version else current
            mine = _decode(self._version_row(conn, pitch_id, base.undo_to).body if base.undo_to else base.body)
        raise self._conflict(pitch_id, based_on_version if based_on_version is not None else row.current_version, mine)

    def rename(self, pitch_id: str, name: str) -> PitchRecord:
        """Give the pitch a new name (names are labels: no new version)."""
        clean = clean_name(name)
        if not clean:
            raise StoreError("A pitch needs a name: the new name is empty.")
        with self._tx(write=True) as conn:
            self._live(conn, pitch_id, for_update=True)
            conn.execute(sa.update(pitches).where(pitches.c.id == pitch_id).values(name=clean, updated_at=_now()))
        return self.record(pitch_id)

    def duplicate(self, pitch_id: str, new_name: str | None = None) -> PitchRecord:
        """A new pitch holding a copy of this one's current version (its history starts afresh)."""
        record = self.record(pitch_id)
        pitch, version = self.load(pitch_id)
        return self._add(pitch, new_name or f"{record.name} (copy)", kind="duplicate",
                         summary=f"Copy of '{record.name}' version {version}")

    def delete(self, pitch_id: str) -> None:
        """Move the pitch to the bin (``restore_deleted`` brings it back; ``purge`` removes it for good)."""
        with self._tx(write=True) as conn:
            self._row(conn, pitch_id)
            conn.execute(sa.update(pitches).where(pitches.c.id == pitch_id, pitches.c.deleted_at.is_(None))
                         .values(deleted_at=_now()))

    def restore_deleted(self, pitch_id: str) -> PitchRecord:
        """Take the pitch out of the bin, with its whole history."""
        with self._tx(write=True) as conn:
            self._row(conn, pitch_id)
            conn.execute(sa.update(pitches).where(pitches.c.id == pitch_id).values(deleted_at=None))
        return self.record(pitch_id)

    def purge(self, pitch_id: str) -> None:
        """Remove a pitch in the bin and every version of it, for good."""
        with self._tx(write=True) as conn:
            row = self._row(conn, pitch_id)
            if row.deleted_at is None:
                raise StoreError(f"'{row.name}' is not in the bin: move it to the bin before removing it for good.")
            conn.execute(sa.delete(versions).where(versions.c.pitch_id == pitch_id))
            conn.execute(sa.delete(pitches).where(pitches.c.id == pitch_id))

    # --- the whole library -------------------------------------------------------------------------

    def list_pitches(self, *, deleted: bool = False) -> list[PitchRow]:
        """The library, most recently changed first (``deleted=True``: the bin)."""
        where = pitches.c.deleted_at.is_not(None) if deleted else pitches.c.deleted_at.is_(None)
        with self._tx(write=False) as conn:
            rows = conn.execute(
                sa.select(pitches).where(where).order_by(pitches.c.updated_at.desc(), pitches.c.id)
            ).all()
        return [
            PitchRow(r.id, r.name, r.title, r.initiative_name, r.primary_audience, r.currency,
                     None if r.roi_percent is None else Decimal(r.roi_percent), r.roi_note,
                     r.current_version, r.updated_at, r.deleted_at)
            for r in rows
        ]

    def import_pitch(self, data: bytes | str, name: str | None = None) -> PitchRecord:
        """Add a pitch file (validated and migrated by ``load_pitch``; ``PitchFileError`` says what is wrong)."""
        return self._add(load_pitch(data), name, kind="import", summary="Imported from a pitch file")

    def export_all(self) -> bytes:
        """Every pitch outside the bin, as a zip of pitch files named ``<name>-<id>.json``."""
        buffer = io.BytesIO()
        query = (sa.select(pitches.c.id, pitches.c.name, pitches.c.updated_at, versions.c.body)
                 .join(versions, (versions.c.pitch_id == pitches.c.id) & (versions.c.version == pitches.c.current_version))
                 .where(pitches.c.deleted_at.is_(None)).order_by(pitches.c.name, pitches.c.id))
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, self._tx(write=False) as conn:
            for row in conn.execution_options(yield_per=100).execute(query):
                info = zipfile.ZipInfo(f"{slug(row.name)}-{row.id}.json", row.updated_at.timetuple()[:6])
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, row.body)
        return buffer.getvalue()

    # --- inside a transaction ----------------------------------------------------------------------

    def _add(self, pitch: Pitch, name: str | None, *, kind: str, summary: str) -> PitchRecord:
        body, sha = _encode(pitch)
        columns = listing_columns(pitch)
        now = _now()
        with self._tx(write=True) as conn:
            pitch_id = new_id()
            while conn.scalar(sa.select(pitches.c.id).where(pitches.c.id == pitch_id)) is not None:
                pitch_id = new_id()  # a collision: about once in 10^14 ids
            conn.execute(pitches.insert().values(
                id=pitch_id, name=clean_name(name) or default_name(pitch), created_at=now, updated_at=now,
                current_version=1, deleted_at=None, **columns))
            conn.execute(versions.insert().values(
                pitch_id=pitch_id, version=1, saved_at=now, kind=kind, summary=summary[:SUMMARY_MAX], undo_to=None,
                pitch_schema=pitch.schema_version, body=body, body_sha256=sha))
            row = self._row(conn, pitch_id)
        self._know(sha, pitch)
        return _record(row)

    def _append(self, conn: Connection, pitch_id: str, based_on: int, body: str, sha: str, pitch: Pitch,
                columns: dict, *, kind: str, summary: str, undo_to: int | None) -> int | None:
        """Write version ``based_on + 1`` if the pitch is still at ``based_on`` (else ``None``: a conflict)."""
        new, now = based_on + 1, _now()
        moved = conn.execute(
            sa.update(pitches)
            .where(pitches.c.id == pitch_id, pitches.c.current_version == based_on, pitches.c.deleted_at.is_(None))
            .values(current_version=new, updated_at=now, **columns)
        )
        if moved.rowcount != 1:
            return None
        conn.execute(versions.insert().values(
            pitch_id=pitch_id, version=new, saved_at=now, kind=kind, summary=(summary or "Edited")[:SUMMARY_MAX],
            undo_to=undo_to, pitch_schema=pitch.schema_version, body=body, body_sha256=sha))
        return new

    def _know(self, sha: str, pitch: Pitch) -> None:
        with self._known_lock:
            self._known[sha] = pitch
            self._known.move_to_end(sha)
            while len(self._known) > _KNOWN:
                self._known.popitem(last=False)

    def _describe_from(self, previous, pitch: Pitch) -> str:
        """``describe_change`` from a stored version (a row of ``versions``) to ``pitch``; "Edited" if that version is unreadable."""
        with self._known_lock:
            known = self._known.get(previous.body_sha256)
        try:
            return describe_change(known if known is not None else _decode(previous.body), pitch)
        except PitchFileError:
            return "Edited"

    def _row(self, conn: Connection, pitch_id: str, *, for_update: bool = False):
        _check_id(pitch_id)
        query = sa.select(pitches).where(pitches.c.id == pitch_id)
        row = conn.execute(query.with_for_update() if for_update else query).first()
        if row is None:
            raise PitchNotFound(f"There is no pitch with id '{pitch_id}' in the library (it may have been removed for good).",
                                pitch_id=pitch_id)
        return row

    def _live(self, conn: Connection, pitch_id: str, *, for_update: bool = False):
        row = self._row(conn, pitch_id, for_update=for_update)
        if row.deleted_at is not None:
            raise PitchNotFound(f"'{row.name}' is in the bin: restore it to open or change it.", pitch_id=pitch_id, deleted=True)
        return row

    def _version_row(self, conn: Connection, pitch_id: str, version: int, row=None):
        found = conn.execute(sa.select(versions).where(versions.c.pitch_id == pitch_id, versions.c.version == version)).first()
        if found is None:
            name = f"'{row.name}'" if row is not None else "This pitch"
            last = f" (it has versions 1 to {row.current_version})" if row is not None else ""
            raise PitchNotFound(f"{name} has no version {version}{last}.", pitch_id=pitch_id)
        return found

    def _conflict(self, pitch_id: str, based_on: int, mine: Pitch) -> SaveConflict:
        with self._tx(write=False) as conn:
            row = self._live(conn, pitch_id)
            theirs = self._version_row(conn, pitch_id, row.current_version)
            changes = conn.scalars(
                sa.select(versions.c.summary).where(versions.c.pitch_id == pitch_id, versions.c.version > based_on)
                .order_by(versions.c.version.desc()).limit(20)
            ).all()
        return SaveConflict(pitch_id=pitch_id, name=row.name, based_on_version=based_on, current_version=row.current_version,
                            mine=mine, theirs=_decode(theirs.body), their_changes=list(changes))


def _record(row, *, can_undo: bool = False) -> PitchRecord:
    return PitchRecord(row.id, row.name, row.current_version, row.created_at, row.updated_at, row.deleted_at, can_undo)


def _check_id(pitch_id: str) -> None:
    if not is_pitch_id(pitch_id):
        raise PitchNotFound(f"'{str(pitch_id)[:40]}' is not a pitch id.", pitch_id=str(pitch_id)[:40])


def _check_version(version: int) -> None:
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise TypeError(f"a version number is a whole number from 1, not {version!r}")
