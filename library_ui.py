"""The shell around the pitch library: one store per process, autosave, the open pitch's id in the URL, conflicts, undo.

Session state says which library pitch this tab has open (``library.id``) and
the version it last saw (``library.version``). ``ui.set_pitch`` calls
``autosave`` after every change; each save names the version it started from,
so a save from a stale tab becomes a ``SaveConflict`` the user settles (keep my
edit as a copy, or load theirs and re-apply mine), never an overwrite. The
open pitch's id travels in the page URL (``?pitch=<id>``), so a refresh, a
bookmark or a second tab reopens it. Nothing here raises: a library that cannot
be opened or written turns saving off with a message, and the app keeps the
pitch in memory.
"""

from __future__ import annotations

import functools
import logging
import os
import time
from dataclasses import dataclass

import streamlit as st

import ui
from ldpitch.errors import NothingToUndo, PitchNotFound, SaveConflict, StoreError, StoreUnavailable
from ldpitch.pitch.model import Pitch
from ldpitch.store.database import DATA_DIR_VARIABLE, URL_VARIABLE
from ldpitch.store.library import PitchStore, open_store
from ldpitch.store.merge import reapply
from ldpitch.store.records import PitchRecord, is_pitch_id

#: Set to "off" to run without a library (a public demo, or measuring the app without saving).
SAVING_VARIABLE = "LDPITCH_SAVING"
#: The Streamlit secret holding a database URL (when the environment variable is not set).
URL_SECRET = "database_url"
#: The page URL's query parameter naming the open pitch.
PARAM = "pitch"
LIBRARY_PAGE = "pages/library.py"

ID, VERSION, NAME, CAN_UNDO = "library.id", "library.version", "library.name", "library.can_undo"
SAVED = "library.saved"  # the pitch as the library holds it at VERSION: an unchanged pitch is not saved again
CONFLICT = "library.conflict"
PROBLEM = "library.problem"  # why the last save failed, until a save succeeds
RETRY_AT = "library.retry_at"  # the library was unreachable: no save is tried before this moment (monotonic seconds)
#: How long to wait before trying an unreachable library again (each try may wait for a connection timeout).
RETRY_AFTER_S = 30
STARTED = "library.started"
UNTITLED = "Untitled pitch"
log = logging.getLogger("ldpitch.app")


def safely(fn):
    """``ui.safely``, looked up when called: ui imports this module, so it may not be complete yet at import time."""
    @functools.wraps(fn)
    def wrapped(*args, **kwargs):
        return ui.safely(fn)(*args, **kwargs)
    return wrapped


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


# --- which pitch this tab has open ----------------------------------------------------------------


def open_id() -> str | None:
    return st.session_state.get(ID)


def _show(pitch_id: str, pitch: Pitch, version: int, *, name: str, can_undo: bool) -> None:
    """Make a library pitch the one this tab works on (already saved: nothing is written)."""
    ss = st.session_state
    ss[ID], ss[VERSION], ss[NAME], ss[CAN_UNDO] = pitch_id, version, name, can_undo
    ss.pop(CONFLICT, None)
    ss.pop(PROBLEM, None)
    ui.set_pitch(pitch, replaced=True, save=False)
    ss[SAVED] = ui.pitch()
    st.query_params[PARAM] = pitch_id


def _reload(s: PitchStore, pitch_id: str) -> PitchRecord:
    record = s.record(pitch_id)
    pitch, version = s.load(pitch_id)
    _show(pitch_id, pitch, version, name=record.name, can_undo=record.can_undo)
    return record


def start_new(pitch: Pitch) -> None:
    """Work on ``pitch`` as a new library entry (a new pitch, an example, an opened file)."""
    ss = st.session_state
    for key in (ID, VERSION, NAME, SAVED, CONFLICT, PROBLEM):
        ss.pop(key, None)
    ss[CAN_UNDO] = False
    ui.set_pitch(pitch, replaced=True)


def forget_open_pitch() -> None:
    """This tab leaves its library pitch (it went to the bin) and starts a fresh, unsaved one."""
    for key in (ID, VERSION, NAME, SAVED, CONFLICT, PROBLEM):
        st.session_state.pop(key, None)
    ui.set_pitch(Pitch(), replaced=True, save=False)
    st.session_state[SAVED] = ui.pitch()  # like a fresh visit: saved once it changes


def open_pitch(pitch_id: str) -> bool:
    """Open a library pitch in this tab; ``False`` (and a message) if it cannot be opened."""
    s = store()
    if s is None:
        return False
    try:
        record = _reload(s, pitch_id)
    except StoreError as e:
        ui.flash(f"That pitch could not be opened: {e}", "error")
        return False
    ui.flash(f"Opened “{record.name}” (version {record.version}).")
    return True


def follow_url() -> None:
    """Each run: a new session opens the pitch its URL names; afterwards the URL always names the open pitch."""
    ss = st.session_state
    if not ss.get(STARTED):
        ss[STARTED] = True
        ss[SAVED] = ui.pitch()  # a fresh, untouched pitch is not worth a library entry until it changes
        wanted = st.query_params.get(PARAM)
        if wanted:
            _open_from_link(wanted)
    if store() is None:
        return  # keep the link as it is: it opens the pitch again once the library is back
    current = ss.get(ID)
    if current and st.query_params.get(PARAM) != current:
        st.query_params[PARAM] = current  # page switches drop query parameters: put it back
    elif not current and PARAM in st.query_params:
        del st.query_params[PARAM]


def _open_from_link(wanted: str) -> None:
    fresh = "You have a fresh, empty pitch; the Library lists every saved pitch."
    s = store()
    if s is None:
        ui.flash("This link opens a saved pitch, but saving is off (the sidebar says why), so you have a fresh, "
                 "empty pitch. Reload the page once the library is back.", "warning")
        return
    if not is_pitch_id(wanted):
        ui.flash(f"The link names no pitch ('{wanted[:40]}' is not a pitch id). {fresh}", "warning")
        return
    try:
        _reload(s, wanted)
    except PitchNotFound as e:
        where = " Restore it from the bin on the Library page." if e.deleted else ""
        ui.flash(f"The pitch in this link cannot be opened: {e}{where} {fresh}", "warning")
    except StoreError as e:
        ui.flash(f"The pitch in this link could not be opened: {e} {fresh}", "warning")


# --- autosave -------------------------------------------------------------------------------------


def autosave(pitch: Pitch) -> None:
    """Store ``pitch`` as the next version of the open pitch (or as a new library entry); never raises."""
    ss = st.session_state
    s = store()
    if s is None or ss.get(SAVED) == pitch or time.monotonic() < ss.get(RETRY_AT, 0):
        return
    ss.pop(RETRY_AT, None)
    pitch_id = ss.get(ID)
    try:
        if pitch_id is None:
            record = s.create(pitch)
            ss[ID], ss[VERSION], ss[NAME], ss[CAN_UNDO] = record.id, record.version, record.name, False
            st.query_params[PARAM] = record.id
        else:
            version = s.save(pitch_id, pitch, ss[VERSION])
            if version != ss[VERSION]:
                ss[VERSION], ss[CAN_UNDO] = version, True
            _follow_title(s, pitch_id, pitch)
        ss[SAVED] = pitch
        ss.pop(CONFLICT, None)
        ss.pop(PROBLEM, None)
    except SaveConflict as c:
        ss[CONFLICT] = c
        ss.pop(PROBLEM, None)
    except PitchNotFound as e:
        _keep_as_new(s, pitch_id, pitch, e)
    except Exception as e:  # a failed save keeps the previous version and the app keeps working in memory
        _save_failed(e)


def _follow_title(s: PitchStore, pitch_id: str, pitch: Pitch) -> None:
    """An entry still called "Untitled pitch" takes the pitch's title (or initiative) once it has one."""
    ss = st.session_state
    name = pitch.title.strip() or pitch.initiative.name.strip()
    if ss.get(NAME) == UNTITLED and name:
        try:
            ss[NAME] = s.rename(pitch_id, name).name
        except StoreError:  # only a label: the change itself is saved, and the next save tries again
            log.warning("could not name pitch %s", pitch_id)


def _keep_as_new(s: PitchStore, pitch_id: str, pitch: Pitch, e: PitchNotFound) -> None:
    """The open pitch was moved to the bin or removed elsewhere: keep this tab's edit as a new entry."""
    try:
        record = s.save_as_copy(pitch_id, pitch)
    except Exception as failed:
        _save_failed(failed)
        return
    ss = st.session_state
    ss[ID], ss[VERSION], ss[NAME], ss[CAN_UNDO], ss[SAVED] = record.id, record.version, record.name, False, pitch
    ss.pop(CONFLICT, None)
    ss.pop(PROBLEM, None)
    st.query_params[PARAM] = record.id
    ui.flash(f"{e} Your change is kept as a new pitch, “{record.name}”.", "warning")


def _save_failed(e: Exception) -> None:
    if not isinstance(e, StoreError):
        log.exception("autosave failed")
    message = str(e) if isinstance(e, StoreError) else f"The pitch library failed ({type(e).__name__})."
    st.session_state[PROBLEM] = message
    if isinstance(e, StoreUnavailable):  # don't make every edit wait for a server that is down: try again in a while
        st.session_state[RETRY_AT] = time.monotonic() + RETRY_AFTER_S
    st.toast(f"Your last change was not saved: {message}", icon=":material/cloud_off:")


def save_again() -> None:
    """Try once more to save the pitch this tab holds (after a failed save)."""
    st.session_state.pop(SAVED, None)
    st.session_state.pop(RETRY_AT, None)
    autosave(ui.pitch())
    if PROBLEM not in st.session_state and CONFLICT not in st.session_state:
        ui.flash("Saved.")


# --- history, undo, restore -----------------------------------------------------------------------


def _step(action, done: str) -> None:
    """Run an undo or restore on the open pitch and show its result (a stale tab gets the conflict choices)."""
    s, pitch_id = store(), open_id()
    if s is None or pitch_id is None:
        return
    try:
        action(s, pitch_id, st.session_state[VERSION])
        _reload(s, pitch_id)
    except SaveConflict as c:
        st.session_state[CONFLICT] = c
        return
    except NothingToUndo as e:
        ui.flash(str(e), "info")
        return
    except StoreError as e:
        ui.flash(f"{done} did not happen: {e}", "error")
        return
    ui.flash(f"{done}. The history keeps every version, so nothing is lost.")


@safely
def undo() -> None:
    _step(lambda s, i, v: s.undo(i, based_on_version=v), "Undone")


@safely
def restore(version: int) -> None:
    _step(lambda s, i, v: s.restore(i, version, based_on_version=v), f"Version {version} is the current pitch again")


def history() -> list:
    """The open pitch's versions, newest first (empty without a library or an open pitch)."""
    s, pitch_id = store(), open_id()
    if s is None or pitch_id is None:
        return []
    try:
        return s.history(pitch_id)
    except StoreError as e:
        st.warning(f"The history could not be read: {e}", icon=":material/cloud_off:")
        return []


# --- two tabs on one pitch ------------------------------------------------------------------------


@safely
def keep_mine_as_copy() -> None:
    """Settle a conflict by keeping this tab's pitch as a new library entry; the original keeps their changes."""
    c, s = st.session_state.get(CONFLICT), store()
    if c is None or s is None:
        return
    try:
        record = s.save_as_copy(c.pitch_id, c.mine)
        _reload(s, record.id)
    except StoreError as e:
        ui.flash(f"Your edit could not be kept as a copy: {e}", "error")
        return
    ui.flash(f"Your edit is now its own pitch, “{record.name}”, open here. “{c.name}” keeps the other changes; "
             "both are in the Library.")


@safely
def load_theirs_and_reapply() -> None:
    """Settle a conflict by loading the saved version and applying this tab's change on top of it."""
    c, s = st.session_state.get(CONFLICT), store()
    if c is None or s is None:
        return
    mine = c.mine  # the tab's latest edit (each edit made during a conflict raises it again with that edit)
    try:
        base, _ = s.load(c.pitch_id, c.based_on_version)
        theirs, current = s.load(c.pitch_id)
        merged = reapply(base, mine, theirs)
        copy = s.save_as_copy(c.pitch_id, mine) if merged.clashes else None
        s.save(c.pitch_id, merged.pitch, current, "Re-applied a change made in another tab")
        _reload(s, c.pitch_id)
    except SaveConflict as again:  # saved elsewhere once more in between: ask again
        st.session_state[CONFLICT] = again
        return
    except StoreError as e:
        ui.flash(f"The saved version could not be loaded: {e}", "error")
        return
    if copy is None:
        ui.flash(f"Loaded the latest “{c.name}” and applied your change on top of it.")
    else:
        ui.flash(f"Loaded the latest “{c.name}” and applied your change, except where both tabs changed the same thing "
                 f"({', '.join(merged.clashes)}): there the saved version is kept, and your whole edit is kept as "
                 f"“{copy.name}” in the Library.", "warning")


def frame() -> None:
    """Before each page: follow the URL, then show an open conflict above the page."""
    follow_url()
    conflict_banner()


def conflict_banner() -> None:
    """At the top of every page while a conflict is open: what happened and the two ways out."""
    c = st.session_state.get(CONFLICT)
    if c is None:
        return
    theirs = "; ".join(c.their_changes[:3]) or "a change"
    with st.container(border=True):
        st.warning(f"**Not saved: “{markdown_text(c.name)}” was changed in another tab or by someone else** (version {c.current_version}: "
                   f"{theirs}). Your edit is safe in this tab. Choose how to keep both:", icon=":material/sync_problem:")
        left, right = st.columns(2)
        left.button("Keep my edit as a separate copy", key="library.conflict.copy", on_click=keep_mine_as_copy,
                    icon=":material/file_copy:", width="stretch")
        right.button("Load their version and re-apply my change", key="library.conflict.reapply",
                     on_click=load_theirs_and_reapply, icon=":material/merge:", width="stretch")


def markdown_text(text: str) -> str:
    """Text a user typed, shown literally inside Markdown (a name with * or _ stays as typed)."""
    return "".join("\\" + ch if ch in "\\`*_[]<>#|~$" else ch for ch in text)


# --- the sidebar ----------------------------------------------------------------------------------


def status(slot) -> None:
    """The sidebar's saving status, drawn after the page so it shows what the page just did."""
    ss = st.session_state
    with slot:
        lib = opened()
        if lib.store is None:
            st.warning(f"**Saving is off.** {lib.problem} Your pitch stays in this tab only: save it as a file "
                       "from Start to keep it.", icon=":material/cloud_off:")
            st.button("Try the library again", key="library.retry", on_click=retry_opening, icon=":material/refresh:")
            return
        if ss.get(PROBLEM):
            st.warning(f"**Your last change was not saved.** {ss[PROBLEM]} It is kept in this tab.",
                       icon=":material/cloud_off:")
            st.button("Try saving again", key="library.save_again", on_click=safely(save_again), icon=":material/refresh:")
        elif ss.get(CONFLICT):
            st.warning("**Not saved:** changed elsewhere meanwhile. Choose at the top of the page.",
                       icon=":material/sync_problem:")
        elif ss.get(ID):
            st.caption(f":material/cloud_done: **{markdown_text(ss[NAME])}** saved · version {ss[VERSION]}")
        else:
            st.caption(":material/cloud: Your first change saves this pitch in the Library.")
        if ss.get(ID):
            a, b = st.columns(2)
            a.button("Undo", key="library.undo", on_click=undo, icon=":material/undo:", disabled=not ss.get(CAN_UNDO),
                     help="Step back one change (saved as a new version: nothing is lost).", width="stretch")
            with b:
                st.page_link(LIBRARY_PAGE, label="History", icon=":material/history:")
