"""The Library page's actions on the whole library: list, rename, duplicate, the bin, import and export.

Each action runs on the process's store (``library_ui.store``) and leaves a
message for the next run; none raises. What the open pitch of a tab is, and
how it is saved, lives in ``library_ui``.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

import library_ui as lib
import ui
from ldpitch.errors import LdpitchError, StoreError
from ldpitch.store import listing as library
from ldpitch.store.records import PitchRecord

CONFIRM = "library.confirm_delete"
IMPORTED = "library.imported"


def now() -> datetime:
    return datetime.now(UTC)


def browser_zone():
    """The reader's time zone (from the browser), for the times the library shows."""
    return library.zone(st.context.timezone)


def show_flash() -> None:
    """The messages callbacks left for this run (pages without ``ui.header`` show them here)."""
    for kind, message in st.session_state.pop(ui.FLASH, []):
        getattr(st, kind)(message)


def pitches(*, deleted: bool = False) -> list:
    """The library's pitches, most recently changed first (``deleted``: the bin); empty, with a message, on failure."""
    s = lib.store()
    if s is None:
        return []
    try:
        return s.list_pitches(deleted=deleted)
    except StoreError as e:
        st.warning(f"The library could not be read: {e}", icon=":material/cloud_off:")
        return []


def _act(action, done) -> None:
    """Run a library action; its result message (or why it failed) shows on the next run."""
    s = lib.store()
    if s is None:
        return
    try:
        message = done(action(s))
    except StoreError as e:
        ui.flash(str(e), "error")
        return
    if message:
        ui.flash(message)


@lib.safely
def duplicate(pitch_id: str) -> None:
    _act(lambda s: s.duplicate(pitch_id), lambda r: f"Made a copy: “{r.name}”.")


@lib.safely
def rename(pitch_id: str, key: str) -> None:
    def done(record: PitchRecord) -> str:
        if pitch_id == lib.open_id():
            st.session_state[lib.NAME] = record.name
        return f"Renamed to “{record.name}”."

    _act(lambda s: s.rename(pitch_id, st.session_state.get(key) or ""), done)


def ask_to_delete(pitch_id: str | None) -> None:
    st.session_state[CONFIRM] = pitch_id


@lib.safely
def delete(pitch_id: str, name: str) -> None:
    """Move a pitch to the bin; the tab that had it open starts a fresh pitch (nothing is lost: the bin restores it)."""
    st.session_state.pop(CONFIRM, None)

    def done(_) -> str:
        if pitch_id != lib.open_id():
            return f"Moved “{name}” to the bin. Restore it from the bin at the foot of this page."
        lib.forget_open_pitch()
        return f"Moved “{name}” to the bin, so this tab has a fresh, empty pitch. Restore it from the bin below."

    _act(lambda s: s.delete(pitch_id), done)


@lib.safely
def restore_deleted(pitch_id: str) -> None:
    _act(lambda s: s.restore_deleted(pitch_id), lambda r: f"“{r.name}” is back in the library.")


def import_files(uploads) -> None:
    """Add uploaded pitch files to the library, once each; a bad file is explained and nothing else changes."""
    s = lib.store()
    seen = st.session_state.setdefault(IMPORTED, set())
    for upload in uploads or []:
        data = upload.getvalue()
        mark = (upload.name, len(data), hash(data))
        if s is None or mark in seen:
            continue
        seen.add(mark)
        try:
            record = s.import_pitch(data)
        except LdpitchError as e:
            st.error(f"{upload.name} was not imported. {e}", icon=":material/error:")
            continue
        st.success(f"Imported {upload.name} as “{record.name}”.", icon=":material/check_circle:")


def export_all() -> bytes:
    """Every pitch outside the bin as a zip of pitch files (built when the button is clicked)."""
    s = lib.store()
    return s.export_all() if s is not None else b""
