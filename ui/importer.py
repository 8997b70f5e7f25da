"""A spreadsheet import on a page: upload, the first rows, a column per field, each row's problems, then one confirmed change.

Nothing of the pitch changes until the user presses the import button; the
import is then one new version of the pitch, so one undo takes it all back.
The reading, the guesses and every check are the core's (``ldpitch.intake``);
this module only draws them and stores the pitch the core returns.
"""

from __future__ import annotations

import streamlit as st

import ui.library as library
import ui.state as state
from ldpitch.errors import SheetRefused
from ldpitch.intake import MAX_FILE_BYTES, Choices, Preview, check_size, choices, imported, preview_import, read_sheet

NONE = "(not in the file)"
LEAVE_OUT = "(leave it out)"
TITLES = {"costs": "Import cost lines from a spreadsheet", "benefits": "Import benefit lines from a spreadsheet",
          "actuals": "Import actual values from an LMS or BI export"}
HINTS = {
    "costs": "A budget sheet with an item, an amount and, if you have them, a category, a cadence (one-time, monthly, per year) and a note.",
    "benefits": "One benefit a row: a template and its inputs (for example Sellers, Gross margin), or an amount a year.",
    "actuals": "One reading a row (a measure, a date and a value), or a date column and one column per measure.",
}


def offer(what: str, key: str) -> None:
    """Draw the import of ``what`` ("costs", "benefits" or "actuals") under the widget key ``key``."""
    with st.expander(TITLES[what], icon=":material/upload_file:"):
        st.caption(HINTS[what] + f" A .csv, .txt or .xlsx file of at most {MAX_FILE_BYTES // 1_000_000} MB; the header row may sit below a title.")
        round_ = state.import_round(key)
        upload = st.file_uploader("Spreadsheet", type=["csv", "txt", "tsv", "xlsx", "xlsm", "xls"], key=f"{key}.file.{round_}",
                                  disabled=library.read_only(), label_visibility="collapsed")
        if upload is not None:
            _flow(what, f"{key}.{round_}", key, upload)


def _flow(what: str, key: str, base: str, upload) -> None:
    pitch = state.pitch()
    try:
        check_size(upload.size)
        data = upload.getvalue()
        sheet = read_sheet(data, upload.name)
    except SheetRefused as e:
        st.warning(f"{upload.name}: {e}", icon=":material/block:")
        return
    try:
        if len(sheet.sheet_names) > 1:
            chosen = st.selectbox("Sheet", sheet.sheet_names, index=sheet.sheet_names.index(sheet.name), key=f"{key}.sheet")
            if chosen != sheet.name:
                sheet = read_sheet(data, upload.name, chosen)
        guessed = choices(pitch, sheet, what)
    except SheetRefused as e:
        st.warning(f"{upload.name}: {e}", icon=":material/block:")
        return
    st.caption(f"{sheet.kind}; header on row {sheet.header_row}; {len(sheet.rows):,} rows below it.")
    columns = _columns(what, sheet.headers, guessed, key)
    try:  # the choices are cheap to find; the rows are read once, for the one preview
        measures = _measures(choices(pitch, sheet, what, columns), key) if what == "actuals" else None
        found = preview_import(pitch, sheet, what, columns, measures)
    except SheetRefused as e:
        st.warning(str(e), icon=":material/block:")
        return
    _show(found)
    label = f"Import {found.noun(len(found.taken))}"
    if st.button(label, key=f"{key}.confirm", type="primary", icon=":material/download_done:",
                 disabled=not found.ready or library.read_only()):
        library.set_pitch(imported(pitch, found))
        state.next_import_round(base)  # the uploader starts empty: the same file is not offered again
        state.flash(f"Imported {found.noun(len(found.taken))} from {upload.name}. Undo takes the whole import back.")
        st.rerun()


def _columns(what: str, headers: tuple[str, ...], guessed: Choices, key: str) -> dict[str, str | None]:
    """A select box per field, pre-filled with the guess; the user's choice of column for each field shown."""
    headers = list(headers)
    fields = list(guessed.fields)
    if what == "benefits":
        every = st.toggle("Show the inputs of every template", key=f"{key}.every")
        fields = [f for f in fields if every or not f.template_input or f.name in guessed.mapping]
    st.markdown("**Which column is which**")
    chosen: dict[str, str | None] = {}
    for start in range(0, len(fields), 5):
        for col, field in zip(st.columns(5), fields[start:start + 5], strict=False):
            now = guessed.mapping.get(field.name)
            pick = col.selectbox(field.label + (" (needed)" if field.required else ""), [NONE, *headers],
                                 index=headers.index(now) + 1 if now in headers else 0, key=f"{key}.map.{field.name}")
            chosen[field.name] = None if pick == NONE else pick
    return chosen


def _measures(found: Choices, key: str) -> dict[str, str | None]:
    """A select box per measure name in the file, pre-filled with the plan's measure it most likely is."""
    if not found.measures:
        return {}
    st.markdown("**Which measure of the plan each name in the file is**")
    options = [LEAVE_OUT, *found.plan_measures]
    chosen: dict[str, str | None] = {}
    for i, (name, target) in enumerate(found.measures.items()):
        pick = st.selectbox(name, options, index=options.index(target) if target in options else 0, key=f"{key}.measure.{i}")
        chosen[name] = None if pick == LEAVE_OUT else pick
    return chosen


def _show(found: Preview) -> None:
    st.markdown("**The first rows**")
    st.dataframe(found.first_rows(10), hide_index=True)
    (st.success if found.ready and not found.problems else st.info)(found.summary(), icon=":material/fact_check:")
    if found.problems:
        st.markdown(f"**Rows not imported ({len(found.refused_rows):,})**")
        st.dataframe(found.problem_records(), hide_index=True)
    said = found.notes_said()
    if said:
        st.caption(" · ".join(said[:20]) + (f" · and {len(said) - 20:,} more" if len(said) > 20 else ""))
