"""Field widgets bound to a path of the pitch: text, lines, numbers, choices, dates, and typed amounts of money.

Each widget is keyed by the pitch path it edits (or a key given for it),
shows the pitch's value, and sends what is typed through
``ldpitch.editing.parse.set_field``: a good value becomes the new pitch
(stored and saved by ``ui.library.set_pitch``), a bad one is kept out of the
pitch and shown as "Not saved" under the field. While the open pitch may only
be viewed (``ui.library.read_only``), every field is drawn disabled; a change
sent anyway is refused by the store, not by the widget.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import streamlit as st

import ui.library as library
import ui.state as state
from ldpitch.editing import EditError
from ldpitch.editing import parse as editing
from ui.guard import safely


@safely
def _commit(path: str, key: str, convert: Callable[[Any], Any] | None) -> None:
    raw = state.widget_value(key)
    try:
        value = convert(raw) if convert else raw
        library.set_pitch(editing.set_field(state.pitch(), path, value))
        state.set_field_problem(key, None)
    except EditError as e:
        state.set_field_problem(key, str(e))


def _field_problem(key: str) -> None:
    message = state.field_problem(key)
    if message:
        st.warning(f"Not saved: {message}", icon=":material/warning:")


def _locked() -> bool:
    return library.read_only()


def text(label: str, path: str, *, long: bool = False, help: str | None = None, placeholder: str | None = None,
         key: str | None = None) -> None:
    """A text input (or area) bound to the pitch field at ``path`` (``key`` defaults to the path)."""
    key = key or path
    widget = st.text_area if long else st.text_input
    state.seed_field(key, editing.get_path(state.pitch(), path))
    widget(label, key=key, help=help, placeholder=placeholder, on_change=_commit, args=(path, key, None), disabled=_locked())
    _field_problem(key)


def lines(label: str, path: str, *, help: str | None = None, key: str | None = None, height: int = 120) -> None:
    """A text area for a list of short texts, one per line."""
    key = key or path
    state.seed_field(key, "\n".join(editing.get_path(state.pitch(), path)))
    st.text_area(label, key=key, help=help, height=height, on_change=_commit, args=(path, key, editing.split_lines),
                 disabled=_locked())
    _field_problem(key)


def number(label: str, path: str, *, low: float = 0, high: float | None = None, step: float = 1,
           whole: bool = False, percent: bool = False, help: str | None = None) -> None:
    """A number input bound to the pitch; ``percent`` edits a stored share as 0-100."""
    value = editing.get_path(state.pitch(), path)
    if percent:
        shown, convert = editing.percent_from_share(value), editing.share_from_percent
    elif whole:
        shown, convert = (None if value is None else int(value)), None
    else:
        shown, convert = (None if value is None else float(value)), (lambda v: None if v is None else Decimal(repr(v)))
    kind = int if whole else float
    state.seed_field(path, shown)
    st.number_input(label, min_value=kind(low), max_value=None if high is None else kind(high), step=kind(step),
                    format="%d" if whole else "%g", key=path, help=help, on_change=_commit, args=(path, path, convert),
                    disabled=_locked())
    _field_problem(path)


def choice(label: str, path: str, options: list, *, labels: dict | None = None, help: str | None = None, horizontal: bool = False) -> None:
    """A select box (or horizontal radio) bound to the pitch."""
    value = editing.get_path(state.pitch(), path)
    value = getattr(value, "value", value)
    state.seed_field(path, value if value in options else None)
    widget = st.radio if horizontal else st.selectbox
    extra = {"horizontal": True} if horizontal else {}
    widget(label, options, format_func=lambda v: (labels or {}).get(v, str(v)), key=path, help=help,
           on_change=_commit, args=(path, path, None), disabled=_locked(), **extra)
    _field_problem(path)


def date(label: str, path: str, *, help: str | None = None) -> None:
    """A date input (YYYY-MM-DD) bound to the pitch; it may be left empty."""
    state.seed_field(path, editing.get_path(state.pitch(), path))
    st.date_input(label, key=path, on_change=_commit, args=(path, path, None), format="YYYY-MM-DD", help=help, disabled=_locked())
    _field_problem(path)


def money_input(label: str, amount: Decimal | None, *, key: str, help: str | None = None) -> str:
    """A text input for an amount in the pitch's currency, shown and typed the way its locale writes money.

    Returns the text as typed; ``editing.parse_money`` reads it (or says why it cannot).
    """
    p = state.pitch()
    example = editing.money_example(p.currency, p.locale)
    return st.text_input(label, editing.money_text(amount, p.currency, p.locale), key=key, placeholder=example,
                         help=f"{help or ''} Type it as you would write it, e.g. {example}.".strip(), disabled=_locked())
