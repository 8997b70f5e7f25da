"""The shell's shared Streamlit helpers: the current pitch, the error guard, field and table editors, charts.

Every page runs its body through ``run`` (so no Python exception ever reaches
the screen) and keeps one pitch, ``st.session_state["pitch"]``, as the single
source of truth: widgets read it, their changes go through ``ldpitch.editing.parse``
and come back as a new validated pitch, which ``set_pitch`` stores and autosaves
to the pitch library (``library_ui``). Widget keys hold nothing that matters:
Streamlit deletes them whenever their page is not shown.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

import library_ui
from ldpitch import format as fmt
from ldpitch.charts.render import chart_png, chart_svg, vega_lite_spec
from ldpitch.charts.spec import ChartSpec
from ldpitch.editing import parse as editing
from ldpitch.editing.parse import EditError
from ldpitch.editing.rows import KEY, PROBLEM, Column, Table
from ldpitch.engine.findings import STEPS, completeness, overall_completeness
from ldpitch.pitch.model import Pitch

PITCH = "pitch"
TABLES = "ui.tables"
FIELD_PROBLEMS = "ui.field_problems"
FLASH = "ui.flash"
log = logging.getLogger("ldpitch.app")

#: One page per step, in wizard order (Start and Export frame the steps).
PAGES: dict[str, tuple[str, str, str]] = {
    "start": ("pages/start.py", "Start", ":material/flag:"),
    "initiative": ("pages/initiative.py", "Initiative", ":material/lightbulb:"),
    "audience": ("pages/audience.py", "Audience", ":material/groups:"),
    "budget": ("pages/budget.py", "Budget and return", ":material/payments:"),
    "options": ("pages/options.py", "Options", ":material/alt_route:"),
    "alignment": ("pages/alignment.py", "Alignment and measurement", ":material/target:"),
    "readiness": ("pages/readiness.py", "Readiness (RADAR)", ":material/radar:"),
    "export": ("pages/export.py", "Export", ":material/slideshow:"),
    "track": ("pages/track.py", "Track results", ":material/monitoring:"),
}


# --- the pitch ------------------------------------------------------------------------------------


def pitch() -> Pitch:
    """The pitch being worked on (a new, empty one the first time)."""
    if not isinstance(st.session_state.get(PITCH), Pitch):
        st.session_state[PITCH] = Pitch()
    return st.session_state[PITCH]


def set_pitch(new: Pitch, *, replaced: bool = False, save: bool = True) -> None:
    """Store ``new`` as the pitch and autosave it to the library; ``replaced`` (a new, loaded or uploaded pitch) also resets every input.

    This is the one place a changed pitch goes through, so every change
    becomes a version in the library (``library_ui.autosave``, which never
    raises). ``save=False`` is for a pitch that came from the library.
    """
    st.session_state[PITCH] = Pitch.model_validate(new.model_dump())
    if replaced:
        for key in list(st.session_state.get(FIELD_PROBLEMS, {})):
            st.session_state[FIELD_PROBLEMS].pop(key, None)
        # Field widgets are keyed by the pitch path they edit; drop them so they show the new pitch.
        for key in [k for k in st.session_state if isinstance(k, str) and k.split(".")[0] in Pitch.model_fields]:
            del st.session_state[key]
    if save:
        library_ui.autosave(st.session_state[PITCH])


def _before() -> tuple[Any, str | None]:
    return st.session_state.get(PITCH), library_ui.open_id()


def _roll_back(before: tuple[Any, str | None]) -> None:
    """Put back the pitch a failed page or callback started from (saved again, if the failure had saved a change).

    If the failure happened after another library pitch was opened, that pitch stays: it is whole and saved.
    """
    pitch_before, id_before = before
    pitch_before = pitch_before if isinstance(pitch_before, Pitch) else Pitch()
    if st.session_state.get(PITCH) != pitch_before and library_ui.open_id() == id_before:
        set_pitch(pitch_before)


def pitch_filename(p: Pitch, extension: str = "json") -> str:
    """A file name for downloads, from the pitch's title."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", p.title or p.initiative.name or "pitch").strip("-").lower()[:60]
    return f"{stem or 'pitch'}.{extension}"


def flash(message: str, kind: str = "success") -> None:
    """A message to show at the top of the next run (callbacks run before the page draws)."""
    st.session_state.setdefault(FLASH, []).append((kind, message))


def _show_flash() -> None:
    for kind, message in st.session_state.pop(FLASH, []):
        getattr(st, kind)(message)


# --- guard and header ----------------------------------------------------------------------------


def run(body: Callable[[], None]) -> None:
    """Run a page's body so that any failure is a clear message and leaves the pitch as it was.

    Around the body, the pitch library's frame: the pitch the page URL names is
    opened (in a new session) and the URL kept naming the open pitch, a save
    conflict is shown above the page, and the saving status in the sidebar
    after it. It runs here rather than in app.py because Streamlit runs a
    ``pages/`` script on its own, without app.py, in AppTest reruns and in
    the first run after a server start.
    """
    _through_app_py()
    saving = st.sidebar.container()
    before = _before()
    try:
        library_ui.frame()
        before = _before()
        body()
    except Exception:  # the page must never show a traceback; the log keeps it for us
        log.exception("page failed")
        _roll_back(before)
        st.error("Something went wrong on this page, so nothing was changed. Your pitch is safe: "
                 "try again, or save the pitch file from the Start page and reload it.", icon=":material/error:")
    library_ui.status(saving)


def _through_app_py() -> None:
    """Make the next runs go through app.py when Streamlit ran this page on its own, as a legacy ``pages/`` script.

    Until a process first runs app.py (which calls ``st.navigation``), Streamlit
    treats a folder named ``pages/`` as the old multipage mechanism: after a
    server restart, a browser reconnecting on /budget gets pages/budget.py run
    alone, without app.py's page set-up and menu, and so does every run after
    it until someone opens "/". Turning that mode off limits it to this one run
    (a rerun now would lose the click that started it). AppTest turns it on
    again before each run, which is why the library's frame runs in ``run``.
    Renaming the folder (e.g. to ``app_pages/``) would make this unnecessary.
    """
    if getattr(PagesManager, "uses_pages_directory", None):
        PagesManager.uses_pages_directory = False


def safely(fn: Callable[..., None]) -> Callable[..., None]:
    """A widget callback that reports failures instead of raising them."""
    def wrapped(*args: Any, **kwargs: Any) -> None:
        before = _before()
        try:
            fn(*args, **kwargs)
        except Exception:  # a clear message instead of a traceback, and the pitch as it was
            log.exception("callback failed")
            _roll_back(before)
            flash("That change could not be applied, so nothing was changed.", "error")
    return wrapped


def header(step: str | None, title: str, guidance: str) -> Pitch:
    """Title, one or two sentences of guidance, and how complete the pitch is; returns the pitch."""
    p = pitch()
    st.title(title)
    st.markdown(guidance)
    overall = overall_completeness(p)
    if step is None:
        st.progress(float(overall), text=f"The whole pitch is {fmt.share(overall, p.locale)} complete.")
    else:
        mine = completeness(p)[step]
        st.progress(float(mine), text=f"This step is {fmt.share(mine, p.locale)} complete · "
                                      f"the whole pitch {fmt.share(overall, p.locale)}.")
    _show_flash()
    return p


def page_link(step: str, label: str | None = None, icon: str | None = None) -> None:
    path, title, default_icon = PAGES[step]
    st.page_link(path, label=label or title, icon=icon or default_icon)


def step_title(step: str) -> str:
    return dict(STEPS).get(step, PAGES[step][1])


# --- fields ------------------------------------------------------------------------------------------


def _problem_store() -> dict[str, str]:
    return st.session_state.setdefault(FIELD_PROBLEMS, {})


@safely
def _commit(path: str, key: str, convert: Callable[[Any], Any] | None) -> None:
    raw = st.session_state.get(key)
    problems = _problem_store()
    try:
        value = convert(raw) if convert else raw
        set_pitch(editing.set_field(pitch(), path, value))
        problems.pop(key, None)
    except EditError as e:
        problems[key] = str(e)


def _field_problem(key: str) -> None:
    message = _problem_store().get(key)
    if message:
        st.warning(f"Not saved: {message}", icon=":material/warning:")


def _seed(key: str, shown: Any) -> None:
    """Give a field widget the pitch's value through its key when it has none (first shown, or the pitch was replaced).

    Set this way rather than as the widget's default, Streamlit also updates a
    widget already on the screen: after an undo, a restore or a re-applied edit
    the field shows the pitch, not what was typed before.
    """
    if key not in st.session_state:
        st.session_state[key] = shown


def text(label: str, path: str, *, long: bool = False, help: str | None = None, placeholder: str | None = None,
         key: str | None = None) -> None:
    """A text input (or area) bound to the pitch field at ``path`` (``key`` defaults to the path)."""
    key = key or path
    widget = st.text_area if long else st.text_input
    _seed(key, editing.get_path(pitch(), path))
    widget(label, key=key, help=help, placeholder=placeholder, on_change=_commit, args=(path, key, None))
    _field_problem(key)


def lines(label: str, path: str, *, help: str | None = None, key: str | None = None, height: int = 120) -> None:
    """A text area for a list of short texts, one per line."""
    key = key or path
    _seed(key, "\n".join(editing.get_path(pitch(), path)))
    st.text_area(label, key=key, help=help, height=height, on_change=_commit, args=(path, key, editing.split_lines))
    _field_problem(key)


def number(label: str, path: str, *, low: float = 0, high: float | None = None, step: float = 1,
           whole: bool = False, percent: bool = False, help: str | None = None) -> None:
    """A number input bound to the pitch; ``percent`` edits a stored share as 0-100."""
    value = editing.get_path(pitch(), path)
    if percent:
        shown, convert = editing.percent_from_share(value), editing.share_from_percent
    elif whole:
        shown, convert = (None if value is None else int(value)), None
    else:
        shown, convert = (None if value is None else float(value)), (lambda v: None if v is None else Decimal(repr(v)))
    kind = int if whole else float
    _seed(path, shown)
    st.number_input(label, min_value=kind(low), max_value=None if high is None else kind(high), step=kind(step),
                    format="%d" if whole else "%g", key=path, help=help, on_change=_commit, args=(path, path, convert))
    _field_problem(path)


def choice(label: str, path: str, options: list, *, labels: dict | None = None, help: str | None = None, horizontal: bool = False) -> None:
    """A select box (or horizontal radio) bound to the pitch."""
    value = editing.get_path(pitch(), path)
    value = getattr(value, "value", value)
    _seed(path, value if value in options else None)
    widget = st.radio if horizontal else st.selectbox
    extra = {"horizontal": True} if horizontal else {}
    widget(label, options, format_func=lambda v: (labels or {}).get(v, str(v)), key=path, help=help,
           on_change=_commit, args=(path, path, None), **extra)
    _field_problem(path)


def money_input(label: str, amount: Decimal | None, *, key: str, help: str | None = None) -> str:
    """A text input for an amount in the pitch's currency, shown and typed the way its locale writes money.

    Returns the text as typed; ``editing.parse_money`` reads it (or says why it cannot).
    """
    p = pitch()
    example = editing.money_example(p.currency, p.locale)
    return st.text_input(label, editing.money_text(amount, p.currency, p.locale), key=key, placeholder=example,
                         help=f"{help or ''} Type it as you would write it, e.g. {example}.".strip())


# --- tables -------------------------------------------------------------------------------------------


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


def table_version(key: str) -> int:
    """How many times the table under ``key`` has changed: widgets that show its rows in detail key on it."""
    return st.session_state.get(TABLES, {}).get(key, {}).get("version", 0)


def footer(p: Pitch, step: str) -> None:
    """The foot of a step's page: what would make the step stronger, and the way to the next step."""
    from ldpitch.engine.findings import findings

    mine = [f for f in findings(p) if f.step == step and f.severity != "missing"]
    if mine:
        with st.expander(f"What would make this step stronger ({len(mine)})", icon=":material/tips_and_updates:"):
            findings_list(mine, links=False)
    order = list(PAGES)
    following = order[order.index(step) + 1]
    page_link(following, label=f"Next: {PAGES[following][1]}", icon=":material/arrow_forward:")


def editor_key(key: str) -> str:
    """The widget key of a table editor right now (it changes each time the table is rebuilt)."""
    version = st.session_state.get(TABLES, {}).get(key, {}).get("version", 0)
    return key if version == 0 else f"{key}~{version}"


def table(tbl: Any, key: str, *, fixed: bool = False, height: int | str = "auto") -> None:
    """A data editor over one list of the pitch: the base+delta pattern with per-row problems.

    The editor's base is the draft kept under ``ui.tables`` (never its own
    return value); an edit is applied through ``tbl.apply``, stored, and the
    editor is re-keyed so its delta starts empty on top of the new base.
    """
    p = pitch()
    drafts = st.session_state.setdefault(TABLES, {})
    state = drafts.get(key)
    if state is None or state["draft"].source != tbl.source(p):
        state = {"draft": tbl.draft(p), "version": state["version"] + 1 if state else 0, "problems": ()}
        drafts[key] = state
    columns = list(tbl.columns(p) if callable(tbl.columns) else tbl.columns)
    shown = [h for h, _ in getattr(tbl, "shown", ())]
    lead = ["Option"] if not isinstance(tbl, Table) else []
    rows = state["draft"].rows
    frame = _frame(rows, columns, shown)
    for name in lead:
        frame.insert(0, name, pd.Series([r.get(name) for r in rows], dtype="object"))
    has_problem = any(r.get(PROBLEM) for r in rows)
    config = {c.header: _config(c) for c in columns}
    config.update({name: st.column_config.TextColumn(name, disabled=True, width="medium" if name in lead else 120)
                   for name in lead + shown})
    config[PROBLEM] = st.column_config.TextColumn(PROBLEM, disabled=True, width="large",
                                                  help="What is wrong with this row; it is kept out of the pitch until fixed.")
    wkey = editor_key(key)
    if height == "auto":  # tall enough for every row (and the row that adds one), so nothing hides below a scroll bar
        height = min(35 * (len(rows) + (1 if fixed else 2)) + 3, 740)
    edited = st.data_editor(
        frame, key=wkey, num_rows="fixed" if fixed else "dynamic", hide_index=True, column_config=config,
        column_order=([PROBLEM] if has_problem else []) + lead + [c.header for c in columns] + shown,
        disabled=lead + shown + [PROBLEM], height=height, width="stretch",
    )
    delta = st.session_state.get(wkey) or {}
    if any(delta.get(k) for k in ("edited_rows", "added_rows", "deleted_rows")):
        records = [{k: _plain(v) for k, v in r.items()} for r in edited.to_dict("records")]
        applied = tbl.apply(p, state["draft"], records)
        set_pitch(applied.pitch)
        drafts[key] = {"draft": applied.draft, "version": state["version"] + 1, "problems": applied.problems}
        st.rerun()
    if not rows:
        st.caption("Type in the empty row to add a line; select a row's left edge and press Delete to remove it.")
    for message in state["problems"]:
        st.warning(message, icon=":material/warning:")


# --- charts and figures ------------------------------------------------------------------------------


def chart(spec: ChartSpec | None, *, empty: str = "Nothing to draw yet.", key: str | None = None) -> None:
    """Draw a chart description with Altair, exactly as the deck describes it, with PNG and SVG downloads under it.

    ``key`` tells apart two charts with the same kind and title on one page.
    """
    if spec is None:
        st.info(empty, icon=":material/insert_chart:")
        return
    st.vega_lite_chart(spec=vega_lite_spec(spec), theme=None, width="content" if spec.kind == "radar" else "stretch", alt=spec.alt_text)
    stem = re.sub(r"[^A-Za-z0-9]+", "-", spec.title).strip("-").lower()[:50] or spec.kind
    key = key or f"chart.{spec.kind}.{stem}"
    # The images are drawn only when a button is clicked (a callable), so reruns stay fast.
    with st.popover("Image", icon=":material/download:", type="tertiary", help="Download this chart as a picture, as drawn here."):
        st.download_button("PNG, for slides and documents", data=lambda: chart_png(spec), file_name=f"{stem}.png", mime="image/png",
                           key=f"{key}.png", on_click="ignore", icon=":material/image:")
        st.download_button("SVG, sharp at any size", data=lambda: chart_svg(spec), file_name=f"{stem}.svg", mime="image/svg+xml",
                           key=f"{key}.svg", on_click="ignore", icon=":material/draw:")


def findings_list(items: list, *, links: bool = True) -> None:
    """Findings as a short list, each with a link to the page that fixes it."""
    icons = {"missing": ":material/radio_button_unchecked:", "cfo": ":material/gavel:", "weak": ":material/info:"}
    for f in items:
        cols = st.columns([5, 2]) if links else [st.container()]
        cols[0].markdown(f"{icons[f.severity]} {f.message}")
        if links:
            with cols[1]:
                page_link(f.step, label=f"Fix in {step_title(f.step)}")
