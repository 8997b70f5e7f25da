"""The guard: no Python traceback ever reaches the screen, and a failed page or callback leaves the pitch as it was.

A page's body and every widget callback that changes the pitch run through
here. On a failure the log keeps the traceback, the person gets a clear
message, and the pitch the run started from is put back (and saved again, if
the failure had saved a change).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import streamlit as st

import ui.library as library
import ui.state as state
from ldpitch.pitch import Pitch

log = logging.getLogger("ldpitch.app")
PAGE_FAILED = ("Something went wrong on this page, so nothing was changed. Your pitch is safe: "
               "try again, or save the pitch file from the Start page and reload it.")
CALLBACK_FAILED = "That change could not be applied, so nothing was changed."


def _before() -> tuple[Pitch, str | None]:
    return state.pitch(), library.open_id()


def _roll_back(before: tuple[Pitch, str | None]) -> None:
    """Put back the pitch a failed page or callback started from (saved again, if the failure had saved a change).

    If the failure happened after another library pitch was opened, that pitch stays: it is whole and saved.
    """
    pitch_before, id_before = before
    if state.pitch() != pitch_before and library.open_id() == id_before:
        library.set_pitch(pitch_before)


def page(frame: Callable[[], None], body: Callable[[], None]) -> None:
    """Run a page's ``frame`` (what comes before every page), then its ``body``; a failure is a message, never a traceback."""
    before = _before()
    try:
        frame()
        before = _before()
        body()
    except Exception:  # the page must never show a traceback; the log keeps it for us
        log.exception("page failed")
        _roll_back(before)
        st.error(PAGE_FAILED, icon=":material/error:")


def safely(fn: Callable[..., None]) -> Callable[..., None]:
    """A widget callback that reports failures instead of raising them."""
    def wrapped(*args: Any, **kwargs: Any) -> None:
        before = _before()
        try:
            fn(*args, **kwargs)
        except Exception:  # a clear message instead of a traceback, and the pitch as it was
            log.exception("callback failed")
            _roll_back(before)
            state.flash(CALLBACK_FAILED, "error")
    return wrapped
