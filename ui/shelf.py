"""The Library page's actions on the whole library: list, rename, duplicate, the bin, import and export.

Each action runs on the process's store (``ui.library.store``) and leaves a
message for the next run; none raises. What the open pitch of a tab is, and
how it is saved, lives in ``ui.library``.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from ldpitch.errors import LdpitchError, StoreError
from ldpitch.store import LOCAL, PitchRecord, listing
from ui import library, state
from ui.guard import safely


def now() -> datetime:
    return datetime.now(UTC)


def browser_zone():
    """The reader's time zone (from the browser), for the times the library shows."""
    return listing.zone(st.context.timezone)


def pitches(*, deleted: bool = False) -> list:
    """The library's pitches, most recently changed first (``deleted``: the bin); empty, with a message, on failure."""
    s = library.store()
    if s is None:
        return []
    try:
        return s.list_pitches(LOCAL, deleted=deleted)
    except StoreError as e:
        st.warning(f"The library could not be read: {e}", icon=":material/cloud_off:")
        return []


def _act(action, done) -> None:
    """Run a library action; its result message (or why it failed) shows on the next run."""
    s = library.store()
    if s is None:
        return
    try:
        message = done(action(s))
    except StoreError as e:
        state.flash(str(e), "error")
        return
    if message:
        state.flash(message)


@safely
def open_pitch(pitch_id: str) -> None:
    library.open_library_pitch(pitch_id)


@safely
def undo() -> None:
    library.undo()


@safely
def restore(version: int) -> None:
    library.restore(version)


@safely
def duplicate(pitch_id: str) -> None:
    _act(lambda s: s.duplicate(LOCAL, pitch_id), lambda r: f"Made a copy: “{r.name}”.")


@safely
def rename(pitch_id: str, key: str) -> None:
    """Rename a library pitch to what the text input under ``key`` holds."""
    def done(record: PitchRecord) -> str:
        library.renamed(record)
        return f"Renamed to “{record.name}”."

    _act(lambda s: s.rename(LOCAL, pitch_id, state.widget_value(key) or ""), done)


def deletion_asked() -> str | None:
    """The pitch whose move to the bin waits for a confirmation, if any."""
    return state.deletion_asked()


def ask_to_delete(pitch_id: str | None) -> None:
    state.ask_deletion(pitch_id)


@safely
def delete(pitch_id: str, name: str) -> None:
    """Move a pitch to the bin; the tab that had it open starts a fresh pitch (nothing is lost: the bin restores it)."""
    state.ask_deletion(None)

    def done(_) -> str:
        if pitch_id != library.open_id():
            return f"Moved “{name}” to the bin. Restore it from the bin at the foot of this page."
        library.forget_open_pitch()
        return f"Moved “{name}” to the bin, so this tab has a fresh, empty pitch. Restore it from the bin below."

    _act(lambda s: s.delete(LOCAL, pitch_id), done)


@safely
def restore_deleted(pitch_id: str) -> None:
    _act(lambda s: s.restore_deleted(LOCAL, pitch_id), lambda r: f"“{r.name}” is back in the library.")


def import_files(uploads) -> None:
    """Add uploaded pitch files to the library, once each; a bad file is explained and nothing else changes."""
    s = library.store()
    for upload in uploads or []:
        data = upload.getvalue()
        if s is None or not state.is_new_import((upload.name, len(data), hash(data))):
            continue
        try:
            record = s.import_pitch(LOCAL, data)
        except LdpitchError as e:
            st.error(f"{upload.name} was not imported. {e}", icon=":material/error:")
            continue
        st.success(f"Imported {upload.name} as “{record.name}”.", icon=":material/check_circle:")


def export_all() -> bytes:
    """Every pitch outside the bin as a zip of pitch files (built when the button is clicked)."""
    s = library.store()
    return s.export_all(LOCAL) if s is not None else b""
