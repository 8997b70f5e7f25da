"""Every session-state key of the app, behind functions: the one module that touches ``st.session_state``.

The pitch is kept under one key of its own, never in widget keys (Streamlit
drops a widget's key when its page is not shown). Next to it: what this tab
has open in the pitch library, messages for the next run, the drafts of the
table editors, the problems of field widgets, and the few things a page
remembers between runs (a built deck, an upload already read). Widget values
that Streamlit keys itself are read through ``widget_value``; the keys of the
field widgets that show the pitch are recorded when they are seeded, so
replacing the pitch resets exactly those.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ldpitch.pitch import Pitch
from ldpitch.store import session

PITCH = "pitch"
OPEN = "library.open"  # what this tab has open in the library: an ldpitch.store.session.OpenPitch
STARTED = "library.started"  # the library's frame has run once in this session (a new session follows its URL)
TABLES = "ui.tables"  # table editors by key: {"draft": Draft, "version": int, "problems": tuple[str, ...]}
FIELDS = "ui.fields"  # the widget keys field widgets were seeded under (reset when the pitch is replaced)
FIELD_PROBLEMS = "ui.field_problems"  # field widget key -> why its value was not taken
FLASH = "ui.flash"  # (kind, message) to show at the top of the next run
CONFIRM_DELETE = "library.confirm_delete"  # the library pitch whose "Move to the bin" is being asked
IMPORTED = "library.imported"  # uploads already imported into the library: (name, size, hash)
SHOWN = "library.shown"  # how many pitches the Library page lists
OPENED_UPLOAD = "start.opened"  # the digest of the pitch file last opened on Start
DECKS = {"export": "export.deck", "track": "track.deck"}  # a built deck per page: (settings digest, .pptx bytes)
WHO = "signin.who"  # the id of the person this tab's pitch and state belong to (ldpitch.store.Actor.id)
IMPORT_ROUNDS = "ui.import_rounds"  # spreadsheet imports by key: how many were confirmed (a new round starts an empty uploader)


# --- the pitch ---------------------------------------------------------------------------------------------


def pitch() -> Pitch:
    """The pitch being worked on (a new, empty one the first time)."""
    if not isinstance(st.session_state.get(PITCH), Pitch):
        st.session_state[PITCH] = Pitch()
    return st.session_state[PITCH]


def keep_pitch(new: Pitch, *, replaced: bool = False) -> None:
    """Keep ``new`` (a validated Pitch) as the tab's pitch; ``replaced`` (a new, loaded or restored pitch) also resets every field.

    The field widgets' keys and their problems are dropped, so each field
    shows the new pitch the next time it is drawn.
    """
    if not isinstance(new, Pitch):
        raise TypeError(f"the pitch must be a validated Pitch, not {type(new).__name__}")
    st.session_state[PITCH] = new
    if replaced:
        st.session_state.pop(FIELD_PROBLEMS, None)
        for key in st.session_state.pop(FIELDS, set()):
            st.session_state.pop(key, None)


# --- what this tab has open in the library -----------------------------------------------------------------


def open_pitch() -> session.OpenPitch:
    """What this tab has open in the pitch library (nothing yet: a pitch not in the library)."""
    found = st.session_state.get(OPEN)
    return found if isinstance(found, session.OpenPitch) else session.OpenPitch()


def keep_open_pitch(tab: session.OpenPitch) -> None:
    st.session_state[OPEN] = tab


def has_started() -> bool:
    """Whether the library's frame has run in this session already (what ``first_run`` says, without taking the first run)."""
    return bool(st.session_state.get(STARTED))


def first_run() -> bool:
    """True once per session: the first time the library's frame runs (and so follows the page URL)."""
    if st.session_state.get(STARTED):
        return False
    st.session_state[STARTED] = True
    return True


# --- who the tab's state belongs to ------------------------------------------------------------------------


def owner_of_tab() -> str | None:
    """The id of the person whose pitch and state this tab holds (None: nobody yet, a new session)."""
    return st.session_state.get(WHO)


def keep_owner_of_tab(actor_id: str) -> None:
    st.session_state[WHO] = actor_id


def forget_everything() -> None:
    """Drop everything this tab holds: its pitch, what it has open, drafts, messages, widget values (sign-out, another person)."""
    for key in list(st.session_state.keys()):
        del st.session_state[key]


# --- messages for the next run -----------------------------------------------------------------------------


def flash(message: str, kind: str = "success") -> None:
    """A message to show at the top of the next run (callbacks run before the page draws)."""
    st.session_state.setdefault(FLASH, []).append((kind, message))


def take_flashes() -> list[tuple[str, str]]:
    """The messages left for this run, as (kind, message); each is shown once."""
    return st.session_state.pop(FLASH, [])


# --- widgets -----------------------------------------------------------------------------------------------


def widget_value(key: str) -> Any:
    """What a keyed widget holds now (a field's typed value, a data editor's delta), or None."""
    return st.session_state.get(key)


def seed_field(key: str, shown: Any) -> None:
    """Give a field widget the pitch's value through its key when it has none (first shown, or the pitch was replaced).

    Set this way rather than as the widget's default, Streamlit also updates a
    widget already on the screen: after an undo, a restore or a re-applied edit
    the field shows the pitch, not what was typed before. The key is recorded,
    so ``keep_pitch(..., replaced=True)`` resets it.
    """
    st.session_state.setdefault(FIELDS, set()).add(key)
    if key not in st.session_state:
        st.session_state[key] = shown


def field_problem(key: str) -> str | None:
    """Why the value typed into the field under ``key`` was not taken (None: it was)."""
    return st.session_state.get(FIELD_PROBLEMS, {}).get(key)


def set_field_problem(key: str, message: str | None) -> None:
    problems = st.session_state.setdefault(FIELD_PROBLEMS, {})
    if message is None:
        problems.pop(key, None)
    else:
        problems[key] = message


def table_draft(key: str) -> dict | None:
    """The table editor under ``key``: its draft rows, how many times it was rebuilt, and its rows' problems."""
    return st.session_state.get(TABLES, {}).get(key)


def keep_table_draft(key: str, draft: dict) -> None:
    st.session_state.setdefault(TABLES, {})[key] = draft


# --- what pages remember between runs ----------------------------------------------------------------------


def built_deck(page: str) -> tuple[str, bytes] | None:
    """The deck the ``page`` ("export" or "track") built last: the digest of what it was built from, and its bytes."""
    return st.session_state.get(DECKS[page])


def keep_built_deck(page: str, settings: str, deck: bytes) -> None:
    st.session_state[DECKS[page]] = (settings, deck)


def is_new_upload(digest: str) -> bool:
    """True the first time the pitch file with this digest is seen on Start (a file stays uploaded across reruns)."""
    if st.session_state.get(OPENED_UPLOAD) == digest:
        return False
    st.session_state[OPENED_UPLOAD] = digest
    return True


def is_new_import(mark: tuple) -> bool:
    """True the first time an upload marked (name, size, hash) reaches the Library's import."""
    seen = st.session_state.setdefault(IMPORTED, set())
    if mark in seen:
        return False
    seen.add(mark)
    return True


def import_round(key: str) -> int:
    """How many imports the spreadsheet import under ``key`` has confirmed: its uploader is keyed by it, so each starts empty."""
    return st.session_state.get(IMPORT_ROUNDS, {}).get(key, 0)


def next_import_round(key: str) -> None:
    rounds = st.session_state.setdefault(IMPORT_ROUNDS, {})
    rounds[key] = rounds.get(key, 0) + 1


def deletion_asked() -> str | None:
    """The library pitch whose move to the bin waits for a confirmation, if any."""
    return st.session_state.get(CONFIRM_DELETE)


def ask_deletion(pitch_id: str | None) -> None:
    st.session_state[CONFIRM_DELETE] = pitch_id


def pitches_shown(default: int) -> int:
    """How many pitches the Library page lists (more after each "Show more")."""
    return st.session_state.get(SHOWN, default)


def show_pitches(count: int) -> None:
    st.session_state[SHOWN] = count
