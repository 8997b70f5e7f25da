"""The pitch library as this tab uses it: one store per process, the open pitch in the page URL, autosave, undo, conflicts.

What the tab has open (``ldpitch.store.session.OpenPitch``) lives in
``ui.state``; every decision about it (save or not, what follows a conflict,
an undo, a failure) is a pure function of ``ldpitch.store.session``. This
module gathers their inputs (the store, the pitch, the clock), keeps the
state they return, shows their notices and keeps the page URL
(``?pitch=<id>``) naming the open pitch, so a refresh, a bookmark or a second
tab reopens it. Nothing here raises: a library that cannot be opened or
written turns saving off with a message, and the app keeps the pitch in
memory. No widgets either: ``ui.frame`` draws the library's banner and status.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass

import streamlit as st

from ldpitch.errors import StoreError
from ldpitch.pitch import Pitch
from ldpitch.store import DATA_DIR_VARIABLE, LOCAL, URL_VARIABLE, PitchRecord, PitchStore, open_store, session
from ui import state

#: Set to "off" to run without a library (a public demo, or measuring the app without saving).
SAVING_VARIABLE = "LDPITCH_SAVING"
#: The Streamlit secret holding a database URL (when the environment variable is not set).
URL_SECRET = "database_url"
#: The page URL's query parameter naming the open pitch.
PARAM = "pitch"
log = logging.getLogger("ldpitch.app")


# --- the library, once per process ----------------------------------------------------------------


@dataclass(frozen=True)
class Library:
    """The opened store, or why there is none (saving is off)."""

    store: PitchStore | None
    problem: str = ""


@st.cache_resource(show_spinner="Opening the pitch library…", max_entries=8)
def _open(url: str | None, data_dir: str | None) -> Library:
    try:
        return Library(open_store(url=url, data_dir=data_dir))
    except StoreError as e:
        log.warning("pitch library unavailable: %s", e)
        return Library(None, str(e))
    except Exception as e:  # a library that cannot be opened must never stop the app
        log.exception("pitch library failed to open")
        return Library(None, f"The pitch library could not be opened ({type(e).__name__}).")


def _secret(name: str) -> str | None:
    try:
        if st.secrets.load_if_toml_exists() or len(st.secrets):
            return str(st.secrets.get(name) or "").strip() or None
    except Exception:  # no secrets, or secrets that do not parse: the environment and the default decide
        return None
    return None


def settings() -> tuple[str | None, str | None]:
    """The database URL (environment, else Streamlit secrets) and the SQLite data folder (environment)."""
    url = os.environ.get(URL_VARIABLE, "").strip() or _secret(URL_SECRET)
    return url, os.environ.get(DATA_DIR_VARIABLE, "").strip() or None


def opened() -> Library:
    """The pitch library of this process (opened on first use, then shared by every session)."""
    if os.environ.get(SAVING_VARIABLE, "").strip().lower() == "off":
        return Library(None, f"Saving is turned off on this server ({SAVING_VARIABLE}=off).")
    return _open(*settings())


def store() -> PitchStore | None:
    return opened().store


def retry_opening() -> None:
    _open.clear()


# --- what this tab has open -----------------------------------------------------------------------


def open_pitch() -> session.OpenPitch:
    """What this tab has open in the library (its id, version, name, whether it can undo, a conflict, a problem)."""
    return state.open_pitch()


def open_id() -> str | None:
    return state.open_pitch().id


def _apply(outcome: session.Outcome) -> None:
    """Keep the tab's new state, show the library pitch that takes the tab's place, and show the notices.

    The page URL names a pitch the tab has just opened, created or kept as new.
    """
    before = state.open_pitch()
    state.keep_open_pitch(outcome.tab)
    if outcome.shown is not None:
        state.keep_pitch(outcome.shown, replaced=True)  # already in the library: nothing to save
    if outcome.tab.id is not None and (outcome.shown is not None or outcome.tab.id != before.id):
        st.query_params[PARAM] = outcome.tab.id
    for notice in outcome.notices:
        if notice.toast:
            st.toast(notice.text, icon=":material/cloud_off:")
        else:
            state.flash(notice.text, notice.kind)


def set_pitch(new: Pitch, *, replaced: bool = False, save: bool = True) -> None:
    """Store ``new`` (a validated Pitch) as the tab's pitch and autosave it; ``replaced`` (a new, loaded or uploaded pitch) also resets every input.

    This is the one place a changed pitch goes through, so every change
    becomes a version in the library (``autosave``, which never raises).
    ``save=False`` is for a pitch that came from the library.
    """
    state.keep_pitch(new, replaced=replaced)
    if save:
        autosave(new)


def autosave(pitch: Pitch) -> None:
    """Store ``pitch`` as the next version of the open pitch (or as a new library entry); never raises."""
    _apply(session.save(store(), LOCAL, state.open_pitch(), pitch, time.monotonic()))


def save_again() -> None:
    """Try once more to save the pitch this tab holds (after a failed save)."""
    _apply(session.save_again(store(), LOCAL, state.open_pitch(), state.pitch(), time.monotonic()))


def start_new(pitch: Pitch) -> None:
    """Work on ``pitch`` as a new library entry (a new pitch, an example, an opened file)."""
    state.keep_open_pitch(session.start_new(state.open_pitch()))
    set_pitch(pitch, replaced=True)


def forget_open_pitch() -> None:
    """This tab leaves its library pitch (it went to the bin) and starts a fresh, unsaved one."""
    state.keep_open_pitch(session.forget(state.open_pitch()))
    state.keep_pitch(Pitch(), replaced=True)


def renamed(record: PitchRecord) -> None:
    """A library pitch was renamed: the tab's label follows if it is the open one."""
    state.keep_open_pitch(session.renamed(state.open_pitch(), record))


def open_library_pitch(pitch_id: str) -> None:
    """Open a library pitch in this tab (a message says what happened)."""
    _apply(session.open_pitch(store(), LOCAL, state.open_pitch(), pitch_id))


def follow_url() -> None:
    """Each run: a new session opens the pitch its URL names; afterwards the URL always names the open pitch."""
    if state.first_run():
        state.keep_open_pitch(session.fresh_visit(state.open_pitch(), state.pitch()))
        wanted = st.query_params.get(PARAM)
        if wanted:
            _apply(session.open_from_link(store(), LOCAL, state.open_pitch(), wanted))
    if store() is None:
        return  # keep the link as it is: it opens the pitch again once the library is back
    current = open_id()
    if current and st.query_params.get(PARAM) != current:
        st.query_params[PARAM] = current  # page switches drop query parameters: put it back
    elif not current and PARAM in st.query_params:
        del st.query_params[PARAM]


# --- history, undo, restore, conflicts ------------------------------------------------------------


def undo() -> None:
    _apply(session.undo(store(), LOCAL, state.open_pitch()))


def restore(version: int) -> None:
    _apply(session.restore(store(), LOCAL, state.open_pitch(), version))


def keep_mine_as_copy() -> None:
    """Settle a conflict by keeping this tab's pitch as a new library entry; the original keeps their changes."""
    _apply(session.keep_mine_as_copy(store(), LOCAL, state.open_pitch()))


def load_theirs_and_reapply() -> None:
    """Settle a conflict by loading the saved version and applying this tab's change on top of it."""
    _apply(session.load_theirs_and_reapply(store(), LOCAL, state.open_pitch()))


def history() -> list:
    """The open pitch's versions, newest first (empty without a library or an open pitch)."""
    s, pitch_id = store(), open_id()
    if s is None or pitch_id is None:
        return []
    try:
        return s.history(LOCAL, pitch_id)
    except StoreError as e:
        st.warning(f"The history could not be read: {e}", icon=":material/cloud_off:")
        return []
