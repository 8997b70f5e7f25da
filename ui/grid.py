"""The data editor over one table of the pitch (``ldpitch.editing``'s tables): the base+delta pattern with per-row problems.

The editor's base is a draft kept in ``ui.state`` (never the editor's own
return value); an edit goes through the table's ``apply``, the new pitch is
stored and saved, and the editor is re-keyed so its delta starts empty on top
of the new base. A person's edit is applied by the editor's callback, before
the run that shows it (one run, not two); edits that reach the run another way
(a test setting the editor's state) are applied in the run, which then starts
again.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import streamlit as st

import ui.editor as editor
import ui.guard as guard
import ui.library as library
import ui.state as state
from ldpitch.editing import KEY, PROBLEM, Column, Table


def _config(c: Column) -> Any:
    cc, common = st.column_config, {"help": c.help or None, "width": c.width}
    if c.kind in ("int", "score", "number", "percent"):
        fmt_code = {"int": "%d", "score": "%d", "percent": "%g%%", "number": "%g"}[c.kind]
        return cc.NumberColumn(c.header, min_value=c.low, max_value=c.high, format=fmt_code,
                               step=1 if c.kind in ("int", "score") else None, **common)
    if c.kind == "choice":
        return cc.SelectboxColumn(c.header, options=[label for _, label in c.choices], **common)
    if c.kind == "bool":
        return cc.CheckboxColumn(c.header, **common)
    if c.kind == "date":
        return cc.DateColumn(c.header, format="YYYY-MM-DD", **common)
    return cc.TextColumn(c.header, alignment="right" if c.kind == "money" else None, **common)


def _frame(rows: tuple[dict, ...], columns: list[Column], shown: list[str]) -> pd.DataFrame:
    """The editor's base table; nullable dtypes, so a row added with blank cells holds <NA>, not a dtype clash."""
    names = [c.header for c in columns] + shown + [PROBLEM, KEY]
    data = {}
    for c in columns:
        cells = [r.get(c.header) for r in rows]
        if c.kind in ("int", "score", "number", "percent"):
            data[c.header] = pd.Series([_float(v) for v in cells], dtype="Float64")
        elif c.kind == "bool":
            data[c.header] = pd.Series([bool(v) for v in cells], dtype="boolean")
        else:
            data[c.header] = pd.Series(cells, dtype="object")
    for name in shown + [PROBLEM]:
        data[name] = pd.Series([r.get(name) or "" for r in rows], dtype="object")
    data[KEY] = pd.Series([r.get(KEY) for r in rows], dtype="Float64")
    return pd.DataFrame(data, columns=names)


def _editor(draft: dict, columns: list[Column], shown: list[str], lead: list[str], *, num_rows: str,
            disabled: bool | list[str], height: int) -> editor.Prepared:
    """The editor over this draft version, its base table built and converted once and kept with the draft.

    Reruns that change nothing in the table (a number changed elsewhere on the
    page, a page switch) draw the kept editor (``ui.editor``): its table is
    not built, copied or converted to Arrow again. The same draft drawn with
    other settings (the pitch became read-only) is prepared again.
    """
    settings = (tuple(columns), tuple(shown), tuple(lead), num_rows, disabled if disabled is True else tuple(disabled), height)
    kept = draft.get("editor")
    if kept is not None and kept[0] == settings:
        return kept[1]
    rows = draft["draft"].rows
    frame = _frame(rows, columns, shown)
    for name in lead:
        frame.insert(0, name, pd.Series([r.get(name) for r in rows], dtype="object"))
    config = {c.header: _config(c) for c in columns}
    config.update({name: st.column_config.TextColumn(name, disabled=True, width="medium" if name in lead else 120)
                   for name in lead + shown})
    config[PROBLEM] = st.column_config.TextColumn(PROBLEM, disabled=True, width="large",
                                                  help="What is wrong with this row; it is kept out of the pitch until fixed.")
    has_problem = any(r.get(PROBLEM) for r in rows)
    prepared = editor.prepare(
        frame, num_rows=num_rows, column_config=config, disabled=disabled, height=height,
        column_order=([PROBLEM] if has_problem else []) + lead + [c.header for c in columns] + shown)
    draft["editor"] = (settings, prepared)
    return prepared


def _float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):  # a flagged row may hold what was typed; the Problem cell says why
        return None


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value.item() if hasattr(value, "item") else value


def _apply(tbl: Any, key: str, draft: dict, edited: pd.DataFrame) -> None:
    """The table as edited becomes the pitch (its flagged rows kept in the draft), and the editor starts a new version."""
    records = [{k: _plain(v) for k, v in r.items()} for r in edited.to_dict("records")]
    applied = tbl.apply(state.pitch(), draft["draft"], records)
    library.set_pitch(applied.pitch)
    state.keep_table_draft(key, {"draft": applied.draft, "version": draft["version"] + 1, "problems": applied.problems})


@guard.safely
def _commit_edits(tbl: Any, key: str, wkey: str) -> None:
    """The editor's callback: the person's edits to the base the browser was sent, applied before the run that shows them."""
    draft, delta = state.table_draft(key), state.widget_value(wkey)
    if draft is None or "editor" not in draft or not editor.has_edits(delta):
        return
    _apply(tbl, key, draft, editor.edited(draft["editor"][1], delta))


def table_version(key: str) -> int:
    """How many times the table under ``key`` has changed: widgets that show its rows in detail key on it."""
    draft = state.table_draft(key)
    return draft["version"] if draft else 0


def editor_key(key: str) -> str:
    """The widget key of a table editor right now (it changes each time the table is rebuilt)."""
    version = table_version(key)
    return key if version == 0 else f"{key}~{version}"


def table(tbl: Any, key: str, *, fixed: bool = False, height: int | str = "auto") -> None:
    """A data editor over one list of the pitch, with a Problem column for rows that are kept out until fixed."""
    p = state.pitch()
    draft = state.table_draft(key)
    if draft is None or (draft.get("checked") is not p and draft["draft"].source != tbl.source(p)):
        draft = {"draft": tbl.draft(p), "version": draft["version"] + 1 if draft else 0, "problems": ()}
        state.keep_table_draft(key, draft)
    draft["checked"] = p  # the pitch this draft was last found to agree with: an unchanged pitch is not compared again
    columns = list(tbl.columns(p) if callable(tbl.columns) else tbl.columns)
    shown = [h for h, _ in getattr(tbl, "shown", ())]
    lead = ["Option"] if not isinstance(tbl, Table) else []
    rows = draft["draft"].rows
    wkey = editor_key(key)
    if height == "auto":  # tall enough for every row (and the row that adds one), so nothing hides below a scroll bar
        height = min(35 * (len(rows) + (1 if fixed or library.read_only() else 2)) + 3, 740)
    locked = library.read_only()
    prepared = _editor(draft, columns, shown, lead, num_rows="fixed" if fixed or locked else "dynamic",
                       disabled=True if locked else lead + shown + [PROBLEM], height=height)
    edited = editor.draw(prepared, key=wkey, on_change=_commit_edits, args=(tbl, key, wkey))
    if editor.has_edits(state.widget_value(wkey)):  # edits the callback did not see (AppTest sets an editor's state)
        _apply(tbl, key, draft, edited)
        st.rerun()
    if not rows and not locked:
        st.caption("Type in the empty row to add a line; select a row's left edge and press Delete to remove it.")
    for message in draft["problems"]:
        st.warning(message, icon=":material/warning:")
