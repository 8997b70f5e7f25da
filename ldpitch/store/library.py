"""The pitch library: pitches saved with their whole version history, in SQLite or PostgreSQL, each used as someone.

::

    store = open_store()                          # ./data/ldpitch.sqlite3, or $LDPITCH_DATABASE_URL
    record = store.create(LOCAL, pitch)           # PitchRecord(id='k3m9x2p7qa', version=1, ...)
    version = store.save(LOCAL, record.id, edited, based_on_version=record.version)   # 2
    pitch, version = store.load(LOCAL, record.id)

Every method names the acting user first (an ``Actor``). A library opened
without an ``Organisation`` has no sign-in: ``LOCAL`` is its one actor and may
do everything. Opened with one, it takes signed-in actors only, and each may
see and do what their role on a pitch allows (see ``access``): a pitch they may
not open is, to them, a pitch that does not exist (``PitchNotFound``, with
the same words), and what their role does not allow is ``AccessDenied``.

Every write is one transaction: it is saved whole or not at all, and a failure
leaves the previous version as it was. Saves are optimistic: each names the
version it started from, and if another tab or person saved since, ``save``
raises ``SaveConflict`` holding both edits instead of overwriting either.
Nothing is ever overwritten in place: restoring and undoing add versions, and
each version records who saved it.

A ``PitchStore`` is safe to share between threads (one per process); plain data
goes in and out. Only the ``store`` package imports SQLAlchemy.
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from ldpitch.errors import NothingToUndo, StoreError, StoreUnavailable
from ldpitch.pitch import Pitch, load_pitch
from ldpitch.store import brand as brands
from ldpitch.store import sharing
from ldpitch.store.access import Actor, Organisation, Role, require_admin
from ldpitch.store.changes import describe_change
from ldpitch.store.database import connect, explain, resolve
from ldpitch.store.ledger import check_id, check_version, decode, encode, record_of, utc_now
from ldpitch.store.permissions import Permissions
from ldpitch.store.records import (
    Brand,
    BrandVersion,
    HistoryEntry,
    PitchRecord,
    PitchRow,
    clean_name,
    default_name,
    is_pitch_id,
    new_id,
    slug,
)
from ldpitch.store.schema import listing_columns, pitches, shares, upgrade, versions

__all__ = [
    "HistoryEntry", "PitchRecord", "PitchRow", "PitchStore", "default_name", "describe_change", "is_pitch_id", "new_id",
    "open_store",
]


def open_store(url: str | None = None, data_dir: Path | str | None = None, *,
               organisation: Organisation | None = None) -> PitchStore:
    """Open (creating or upgrading it if needed) the pitch library, or raise ``StoreUnavailable``.

    ``url`` (or ``$LDPITCH_DATABASE_URL``) names a PostgreSQL database, e.g.
    ``postgresql://user:password@host:5432/db``; otherwise the library is the
    SQLite file ``ldpitch.sqlite3`` in ``data_dir`` (or ``$LDPITCH_DATA_DIR``,
    or ``./data``), made on first use. An explicit argument wins over the
    environment. Nothing already saved is changed when opening fails.

    ``organisation`` turns sign-in on: the library then takes signed-in actors
    only (never ``LOCAL``), each seeing their own pitches and those shared with them.
    """
    if organisation is not None and not isinstance(organisation, Organisation):
        raise TypeError(f"organisation is an Organisation, not {type(organisation).__name__}")
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
    return PitchStore(engine, target, organisation)



class PitchStore(Permissions):
    """The pitch library; make one with ``open_store``."""

    # --- one pitch ---------------------------------------------------------------------------------

    def create(self, actor: Actor, pitch: Pitch, name: str | None = None) -> PitchRecord:
        """Add ``pitch`` to the library as version 1 of a new pitch, owned by ``actor``."""
        return self._add(self._actor(actor), pitch, name, kind="created", summary="Created")

    def save(self, actor: Actor, pitch_id: str, pitch: Pitch, based_on_version: int,
             summary_of_change: str | None = None) -> int:
        """Save ``pitch`` as the next version and return its number, or raise ``SaveConflict``.

        ``based_on_version`` is the version this edit started from. If the
        library has moved on since (another tab or person saved), nothing is
        written and ``SaveConflict`` carries both pitches. Saving what is
        already the current version writes nothing and returns its number.
        ``summary_of_change`` defaults to ``describe_change(previous, pitch)``.
        Needs the owner or an editor (``AccessDenied`` for a viewer).
        """
        actor = self._actor(actor)
        check_version(based_on_version)
        body, sha = encode(pitch)
        columns = listing_columns(pitch)
        with self._tx(write=True) as conn:
            row, _ = self._allowed(conn, actor, pitch_id, "save", for_update=True)
            current = self._version_row(conn, pitch_id, row.current_version)
            if current.body_sha256 == sha:
                return row.current_version
            if row.current_version == based_on_version:
                if summary_of_change is None:
                    summary_of_change = self._describe_from(current, pitch)
                new = self._append(conn, actor, pitch_id, based_on_version, body, sha, pitch, columns,
                                   kind="edit", summary=summary_of_change, undo_to=based_on_version)
                if new is not None:
                    self._know(sha, pitch)
                    return new
        raise self._conflict(pitch_id, based_on_version, pitch)

    def save_as_copy(self, actor: Actor, pitch_id: str, pitch: Pitch, name: str | None = None) -> PitchRecord:
        """Keep an edit that lost a ``SaveConflict`` as a new pitch of ``actor``'s, named after the original.

        The original's name is used only if ``actor`` may still open it.
        """
        actor = self._actor(actor)
        check_id(pitch_id)
        with self._tx(write=False) as conn:
            row = conn.execute(sa.select(pitches).where(pitches.c.id == pitch_id)).first()
            original = row.name if row is not None and self._role(conn, actor, row) is not None else None
        original = original or default_name(pitch)
        return self._add(actor, pitch, name or f"{original} (your edit)", kind="copy",
                         summary=f"Your edit of '{original}', kept as a copy because it was changed elsewhere")

    def load(self, actor: Actor, pitch_id: str, version: int | None = None) -> tuple[Pitch, int]:
        """The pitch at ``version`` (default: the current one) and that version's number.

        Versions saved by an older ldpitch are migrated on the way out; an
        unreadable version raises a ``PitchFileError`` naming the problem.
        """
        actor = self._actor(actor)
        with self._tx(write=False) as conn:
            row, _ = self._allowed(conn, actor, pitch_id, "open")
            number = row.current_version if version is None else version
            found = self._version_row(conn, pitch_id, number, row)
        pitch = decode(found.body)
        self._know(found.body_sha256, pitch)
        return pitch, number

    def record(self, actor: Actor, pitch_id: str) -> PitchRecord:
        """The pitch's name, current version, times, owner and ``actor``'s role (also for their pitch in the bin)."""
        actor = self._actor(actor)
        with self._tx(write=False) as conn:
            row, role = self._allowed(conn, actor, pitch_id, "open", live=False)
            undo_to = conn.scalar(sa.select(versions.c.undo_to).where(
                versions.c.pitch_id == pitch_id, versions.c.version == row.current_version))
        return record_of(row, role, can_undo=undo_to is not None)

    def history(self, actor: Actor, pitch_id: str) -> list[HistoryEntry]:
        """Every version of the pitch, newest first, each with who saved it."""
        actor = self._actor(actor)
        with self._tx(write=False) as conn:
            self._allowed(conn, actor, pitch_id, "open", live=False)
            rows = conn.execute(
                sa.select(versions.c.version, versions.c.saved_at, versions.c.summary, versions.c.kind,
                          versions.c.author_id, versions.c.author_name)
                .where(versions.c.pitch_id == pitch_id).order_by(versions.c.version.desc())
            ).all()
        return [HistoryEntry(r.version, r.saved_at, r.summary, r.kind, r.author_id, r.author_name) for r in rows]

    def restore(self, actor: Actor, pitch_id: str, version: int, based_on_version: int | None = None) -> int:
        """Make ``version`` the current pitch again, as a new version (the history keeps everything)."""
        actor = self._actor(actor)
        with self._tx(write=True) as conn:
            row, _ = self._allowed(conn, actor, pitch_id, "restore", for_update=True)
            old = self._version_row(conn, pitch_id, version, row)
            pitch = decode(old.body)
            if based_on_version is None or based_on_version == row.current_version:
                current = self._version_row(conn, pitch_id, row.current_version)
                body, sha = encode(pitch)
                if current.body_sha256 == sha:
                    return row.current_version
                new = self._append(conn, actor, pitch_id, row.current_version, body, sha, pitch, listing_columns(pitch),
                                   kind="restore", summary=f"Restored version {version}", undo_to=row.current_version)
                if new is not None:
                    return new
        raise self._conflict(pitch_id, based_on_version if based_on_version is not None else row.current_version, pitch)

    def undo(self, actor: Actor, pitch_id: str, based_on_version: int | None = None) -> int:
        """Step back one change, as a new version; undo again to step further back (``NothingToUndo`` at the start)."""
        actor = self._actor(actor)
        with self._tx(write=True) as conn:
            row, _ = self._allowed(conn, actor, pitch_id, "undo", for_update=True)
            current = self._version_row(conn, pitch_id, row.current_version)
            if based_on_version is None or based_on_version == row.current_version:
                if current.undo_to is None:
                    raise NothingToUndo(f"Nothing to undo: '{row.name}' is back at the start of its history.")
                target = self._version_row(conn, pitch_id, current.undo_to)
                pitch = decode(target.body)
                body, sha = encode(pitch)
                summary = "Undo: " + self._describe_from(current, pitch)
                new = self._append(conn, actor, pitch_id, row.current_version, body, sha, pitch, listing_columns(pitch),
                                   kind="undo", summary=summary, undo_to=target.undo_to)
                if new is not None:
                    return new
            # What the stale tab's undo would have shown: the step before the version it was showing.
            base = self._version_row(conn, pitch_id, based_on_version, row) if based_on_version else current
            mine = decode(self._version_row(conn, pitch_id, base.undo_to).body if base.undo_to else base.body)
        raise self._conflict(pitch_id, based_on_version if based_on_version is not None else row.current_version, mine)

    def rename(self, actor: Actor, pitch_id: str, name: str) -> PitchRecord:
        """Give the pitch a new name (names are labels: no new version); the owner or an editor."""
        actor = self._actor(actor)
        clean = clean_name(name)
        if not clean:
            raise StoreError("A pitch needs a name: the new name is empty.")
        with self._tx(write=True) as conn:
            self._allowed(conn, actor, pitch_id, "rename", for_update=True)
            conn.execute(sa.update(pitches).where(pitches.c.id == pitch_id).values(name=clean, updated_at=utc_now()))
        return self.record(actor, pitch_id)

    def duplicate(self, actor: Actor, pitch_id: str, new_name: str | None = None) -> PitchRecord:
        """A new pitch of ``actor``'s holding a copy of this one's current version (its history starts afresh)."""
        record = self.record(actor, pitch_id)
        pitch, version = self.load(actor, pitch_id)
        return self._add(actor, pitch, new_name or f"{record.name} (copy)", kind="duplicate",
                         summary=f"Copy of '{record.name}' version {version}")

    def delete(self, actor: Actor, pitch_id: str) -> None:
        """Move the pitch to the bin (``restore_deleted`` brings it back; ``purge`` removes it for good); its owner only."""
        actor = self._actor(actor)
        with self._tx(write=True) as conn:
            self._allowed(conn, actor, pitch_id, "delete", live=False)
            conn.execute(sa.update(pitches).where(pitches.c.id == pitch_id, pitches.c.deleted_at.is_(None))
                         .values(deleted_at=utc_now()))

    def restore_deleted(self, actor: Actor, pitch_id: str) -> PitchRecord:
        """Take the pitch out of the bin, with its whole history; its owner only."""
        actor = self._actor(actor)
        with self._tx(write=True) as conn:
            self._allowed(conn, actor, pitch_id, "restore_deleted", live=False)
            conn.execute(sa.update(pitches).where(pitches.c.id == pitch_id).values(deleted_at=None))
        return self.record(actor, pitch_id)

    def purge(self, actor: Actor, pitch_id: str) -> None:
        """Remove a pitch in the bin, every version of it and its shares, for good; its owner only."""
        actor = self._actor(actor)
        with self._tx(write=True) as conn:
            row, _ = self._allowed(conn, actor, pitch_id, "purge", live=False)
            if row.deleted_at is None:
                raise StoreError(f"'{row.name}' is not in the bin: move it to the bin before removing it for good.")
            conn.execute(sa.delete(shares).where(shares.c.pitch_id == pitch_id))
            conn.execute(sa.delete(versions).where(versions.c.pitch_id == pitch_id))
            conn.execute(sa.delete(pitches).where(pitches.c.id == pitch_id))

    # --- the whole library -------------------------------------------------------------------------

    def list_pitches(self, actor: Actor, *, deleted: bool = False) -> list[PitchRow]:
        """The pitches ``actor`` may open, most recently changed first (``deleted=True``: their bin).

        With sign-in: their own and those shared with them (the bin: their own only).
        """
        actor = self._actor(actor)
        query = sa.select(
            pitches.c.id, pitches.c.name, pitches.c.title, pitches.c.initiative_name, pitches.c.primary_audience,
            pitches.c.currency, pitches.c.roi_percent, pitches.c.roi_note, pitches.c.current_version,
            pitches.c.updated_at, pitches.c.deleted_at, pitches.c.owner_id, pitches.c.owner_name,
        ).where(pitches.c.deleted_at.is_not(None) if deleted else pitches.c.deleted_at.is_(None))
        org = self._organisation
        if org is not None:
            query = query.where(sharing.owned(actor) if deleted else sharing.visible(actor, org))
        with self._tx(write=False) as conn:
            rows = conn.execute(query.order_by(pitches.c.updated_at.desc(), pitches.c.id)).all()
            shared = sharing.shared_roles(conn, actor, org) if org is not None and not deleted else {}
        return [
            PitchRow(r.id, r.name, r.title, r.initiative_name, r.primary_audience, r.currency,
                     None if r.roi_percent is None else Decimal(r.roi_percent), r.roi_note,
                     r.current_version, r.updated_at, r.deleted_at,
                     Role.OWNER if org is None else sharing.row_role(actor, r.owner_id, shared, r.id),
                     r.owner_id, r.owner_name)
            for r in rows
        ]

    def import_pitch(self, actor: Actor, data: bytes | str, name: str | None = None) -> PitchRecord:
        """Add a pitch file as ``actor``'s (validated and migrated by ``load_pitch``; ``PitchFileError`` says what is wrong)."""
        actor = self._actor(actor)
        return self._add(actor, load_pitch(data), name, kind="import", summary="Imported from a pitch file")

    def export_all(self, actor: Actor) -> bytes:
        """Every pitch ``actor`` may open, outside the bin, as a zip of pitch files named ``<name>-<id>.json``."""
        actor = self._actor(actor)
        buffer = io.BytesIO()
        query = (sa.select(pitches.c.id, pitches.c.name, pitches.c.updated_at, versions.c.body)
                 .join(versions, (versions.c.pitch_id == pitches.c.id) & (versions.c.version == pitches.c.current_version))
                 .where(pitches.c.deleted_at.is_(None)).order_by(pitches.c.name, pitches.c.id))
        if self._organisation is not None:
            query = query.where(sharing.visible(actor, self._organisation))
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, self._tx(write=False) as conn:
            for row in conn.execution_options(yield_per=100).execute(query):
                info = zipfile.ZipInfo(f"{slug(row.name)}-{row.id}.json", row.updated_at.timetuple()[:6])
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, row.body)
        return buffer.getvalue()

    # --- the organisation's brand ------------------------------------------------------------------

    def brand(self, actor: Actor, version: int | None = None) -> BrandVersion | None:
        """The organisation's brand at ``version`` (default: the current one), for everyone; None before the first."""
        self._actor(actor)
        with self._tx(write=False) as conn:
            found = brands.read(conn, version)
        if found is None and version is not None:
            raise StoreError(f"The organisation's brand has no version {version}.")
        return found

    def brand_history(self, actor: Actor) -> list[HistoryEntry]:
        """Every version of the organisation's brand, newest first, with who saved it and what changed."""
        self._actor(actor)
        with self._tx(write=False) as conn:
            return brands.history(conn)

    def save_brand(self, actor: Actor, brand: Brand) -> BrandVersion:
        """Save ``brand`` as the organisation's brand, a new version; administrators only (``AccessDenied``)."""
        actor = self._actor(actor)
        require_admin(actor)
        brand = brands.checked(brand)
        with self._tx(write=True) as conn:
            return brands.write(conn, actor, brand, utc_now())
