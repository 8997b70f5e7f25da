"""Underneath the pitch library: transactions, the access check before every use, and versions appended only on top of the one they were based on.

``PitchStore`` (``library``) and its sharing operations (``permissions``)
stand on this: every public method checks its actor, opens one transaction,
asks ``_allowed`` whether the actor may do the action on the pitch, and writes
versions with ``_append``, which adds nothing if the pitch moved on since the
version the edit started from (the caller then raises ``_conflict``).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from ldpitch.errors import PitchFileError, PitchNotFound, SaveConflict
from ldpitch.pitch import Pitch, dump_pitch, parse_json, pitch_from_data
from ldpitch.store import sharing
from ldpitch.store.access import Actor, Organisation, Role, check_actor, require
from ldpitch.store.changes import describe_change
from ldpitch.store.database import Target, failure, transaction
from ldpitch.store.records import PitchRecord, clean_name, default_name, is_pitch_id, new_id
from ldpitch.store.schema import SUMMARY_MAX, listing_columns, pitches, versions


def utc_now() -> datetime:
    return datetime.now(UTC)


#: How many recently written or read pitches a store keeps to describe the next change from.
_KNOWN = 32


def encode(pitch: Pitch) -> tuple[str, str]:
    body = dump_pitch(pitch)
    return body.decode("utf-8"), hashlib.sha256(body).hexdigest()


def decode(body: str) -> Pitch:
    """A stored version as a ``Pitch``, migrated if an older ldpitch saved it (``PitchFileError`` if unreadable)."""
    return pitch_from_data(parse_json(body))



class Ledger:
    """The transactions and checks every operation of the pitch library is made of (see ``PitchStore``)."""

    def __init__(self, engine: sa.Engine, target: Target, organisation: Organisation | None = None):
        self._engine = engine
        self._target = target
        self._organisation = organisation
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
    def organisation(self) -> Organisation | None:
        """The sign-in settings this library was opened with (None: no sign-in, and ``LOCAL`` is its one actor)."""
        return self._organisation

    @property
    def engine(self) -> sa.Engine:
        """The SQLAlchemy engine (for tests and benchmarks; the app never needs it)."""
        return self._engine

    def close(self) -> None:
        """Close every pooled connection; the store can still be used afterwards (it reconnects)."""
        self._engine.dispose()

    def __enter__(self) -> Ledger:
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

    # --- inside a transaction ----------------------------------------------------------------------

    def _actor(self, actor: Actor) -> Actor:
        return check_actor(actor, self._organisation)

    def _role(self, conn: Connection, actor: Actor, row) -> Role | None:
        return sharing.role(conn, actor, row, self._organisation)

    def _allowed(self, conn: Connection, actor: Actor, pitch_id: str, action: str, *, for_update: bool = False,
                 live: bool = True) -> tuple[sa.Row, Role]:
        """The pitch's row if ``actor`` may do ``action`` on it; else ``PitchNotFound`` (may not open it) or ``AccessDenied``.

        ``live``: a pitch in the bin cannot be used either (``PitchNotFound`` with ``deleted``).
        Returns the row and the actor's role.
        """
        row = self._row(conn, pitch_id, for_update=for_update)
        role = self._role(conn, actor, row)
        if role is None:
            raise self._missing(pitch_id)
        require(role, action)
        if live and row.deleted_at is not None:
            raise PitchNotFound(f"'{row.name}' is in the bin: restore it to open or change it.", pitch_id=pitch_id, deleted=True)
        return row, role

    def _missing(self, pitch_id: str) -> PitchNotFound:
        """The one answer for an id that names no pitch and for one the actor may not open: nothing tells them apart."""
        if self._organisation is None:
            return PitchNotFound(f"There is no pitch with id '{pitch_id}' in the library (it may have been removed for good).",
                                 pitch_id=pitch_id)
        return PitchNotFound(f"There is no pitch with id '{pitch_id}' that you can open: it may have been removed, "
                             "or it is not shared with you.", pitch_id=pitch_id)

    def _add(self, actor: Actor, pitch: Pitch, name: str | None, *, kind: str, summary: str) -> PitchRecord:
        body, sha = encode(pitch)
        columns = listing_columns(pitch)
        now = utc_now()
        with self._tx(write=True) as conn:
            pitch_id = new_id()
            while conn.scalar(sa.select(pitches.c.id).where(pitches.c.id == pitch_id)) is not None:
                pitch_id = new_id()  # a collision: about once in 10^14 ids
            conn.execute(pitches.insert().values(
                id=pitch_id, name=clean_name(name) or default_name(pitch), created_at=now, updated_at=now,
                current_version=1, deleted_at=None, owner_id=actor.id, owner_name=actor.display, owner_email=actor.email,
                offered_to=None, **columns))
            conn.execute(versions.insert().values(
                pitch_id=pitch_id, version=1, saved_at=now, kind=kind, summary=summary[:SUMMARY_MAX], undo_to=None,
                pitch_schema=pitch.schema_version, body=body, body_sha256=sha, author_id=actor.id,
                author_name=actor.display))
            row = self._row(conn, pitch_id)
        self._know(sha, pitch)
        return record_of(row, Role.OWNER)

    def _append(self, conn: Connection, actor: Actor, pitch_id: str, based_on: int, body: str, sha: str, pitch: Pitch,
                columns: dict, *, kind: str, summary: str, undo_to: int | None) -> int | None:
        """Write version ``based_on + 1`` by ``actor`` if the pitch is still at ``based_on`` (else ``None``: a conflict)."""
        new, now = based_on + 1, utc_now()
        moved = conn.execute(
            sa.update(pitches)
            .where(pitches.c.id == pitch_id, pitches.c.current_version == based_on, pitches.c.deleted_at.is_(None))
            .values(current_version=new, updated_at=now, **columns)
        )
        if moved.rowcount != 1:
            return None
        conn.execute(versions.insert().values(
            pitch_id=pitch_id, version=new, saved_at=now, kind=kind, summary=(summary or "Edited")[:SUMMARY_MAX],
            undo_to=undo_to, pitch_schema=pitch.schema_version, body=body, body_sha256=sha, author_id=actor.id,
            author_name=actor.display))
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
            return describe_change(known if known is not None else decode(previous.body), pitch)
        except PitchFileError:
            return "Edited"

    def _row(self, conn: Connection, pitch_id: str, *, for_update: bool = False):
        """The pitch's row, whoever may see it (callers check ``_allowed`` first)."""
        check_id(pitch_id)
        query = sa.select(pitches).where(pitches.c.id == pitch_id)
        row = conn.execute(query.with_for_update() if for_update else query).first()
        if row is None:
            raise self._missing(pitch_id)
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
        """The conflict to raise for an editor whose save or step found the pitch moved on (access already checked)."""
        with self._tx(write=False) as conn:
            row = self._live(conn, pitch_id)
            theirs = self._version_row(conn, pitch_id, row.current_version)
            changes = conn.scalars(
                sa.select(versions.c.summary).where(versions.c.pitch_id == pitch_id, versions.c.version > based_on)
                .order_by(versions.c.version.desc()).limit(20)
            ).all()
        return SaveConflict(pitch_id=pitch_id, name=row.name, based_on_version=based_on, current_version=row.current_version,
                            mine=mine, theirs=decode(theirs.body), their_changes=list(changes))


def record_of(row, role: Role, *, can_undo: bool = False) -> PitchRecord:
    return PitchRecord(row.id, row.name, row.current_version, row.created_at, row.updated_at, row.deleted_at, can_undo,
                       role, row.owner_id, row.owner_name, row.offered_to or "")


def check_id(pitch_id: str) -> None:
    if not is_pitch_id(pitch_id):
        raise PitchNotFound(f"'{str(pitch_id)[:40]}' is not a pitch id.", pitch_id=str(pitch_id)[:40])


def check_version(version: int) -> None:
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise TypeError(f"a version number is a whole number from 1, not {version!r}")

