"""ui.editor draws the data editor Streamlit's st.data_editor draws, from a table converted once: same element, same edits."""

from __future__ import annotations

import pytest
from apptest_support import ROOT, delta
from streamlit.testing.v1 import AppTest


def _both_editors(root: str, num_rows: str, disabled) -> None:
    """One table drawn twice: by st.data_editor (key "slow") and by ui.editor (key "fast"); what each returned is kept."""
    import datetime
    import sys

    import pandas as pd
    import streamlit as st

    sys.path.insert(0, root)
    import ui.editor as editor

    frame = pd.DataFrame({
        "Problem": pd.Series(["", "Amount: not a number"], dtype="object"),
        "Line": pd.Series(["Design", "Delivery"], dtype="object"),
        "Amount": pd.Series(["12,000", "abc"], dtype="object"),
        "People": pd.Series([3.0, None], dtype="Float64"),
        "Internal": pd.Series([True, False], dtype="boolean"),
        "Starts": pd.Series([datetime.date(2027, 1, 4), None], dtype="object"),
        "Kind": pd.Series(["Design", None], dtype="object"),
    })
    config = {"Amount": st.column_config.TextColumn("Amount", alignment="right", help="Typed as written", width="small"),
              "People": st.column_config.NumberColumn("People", min_value=0.0, format="%g"),
              "Internal": st.column_config.CheckboxColumn("Internal"),
              "Starts": st.column_config.DateColumn("Starts", format="YYYY-MM-DD"),
              "Kind": st.column_config.SelectboxColumn("Kind", options=["Design", "Delivery"]),
              "Problem": st.column_config.TextColumn("Problem", disabled=True, width="large")}
    settings = {"num_rows": num_rows, "column_config": config, "disabled": disabled, "height": 143,
                "column_order": ["Problem", "Line", "Amount", "People", "Internal", "Starts", "Kind"]}
    with st.form("in_a_form") if num_rows == "fixed" else st.container():
        st.session_state["returned.slow"] = st.data_editor(frame, key="slow", hide_index=True, width="stretch", **settings)
        prepared = editor.prepare(frame, **settings)
        st.session_state["returned.fast"] = editor.draw(prepared, key="fast")
        if num_rows == "fixed":
            st.form_submit_button("Save")


SETTINGS = [("dynamic", ["Problem"]), ("fixed", ["Problem", "Line"]), ("fixed", True), ("dynamic", True)]


@pytest.mark.parametrize(("num_rows", "disabled"), SETTINGS)
def test_the_prepared_editor_sends_the_element_st_data_editor_sends(num_rows, disabled):
    at = AppTest.from_function(_both_editors, args=(str(ROOT), num_rows, disabled), default_timeout=30).run()
    assert not at.exception, at.exception
    slow, fast = (e.proto for e in at.dataframe)
    assert fast.id != slow.id and fast.id.endswith("-fast") and slow.id.endswith("-slow")
    slow.ClearField("id")
    fast.ClearField("id")
    assert fast == slow
    assert fast.arrow_data.data and fast.column_order[0] == "Problem"


@pytest.mark.parametrize(("num_rows", "disabled"), SETTINGS[:2])
def test_the_prepared_editor_returns_the_persons_edits_as_st_data_editor_does(num_rows, disabled):
    at = AppTest.from_function(_both_editors, args=(str(ROOT), num_rows, disabled), default_timeout=30).run()
    base = at.session_state["returned.fast"].copy()
    edits = delta(edited={1: {"Amount": "7,500", "People": 2, "Internal": True, "Starts": "2027-03-01"}},
                  added=[{"Line": "Evaluation", "Amount": "900"}] if num_rows == "dynamic" else [],
                  deleted=[0] if num_rows == "dynamic" else [])
    at.session_state["slow"] = edits
    at.session_state["fast"] = edits
    at.run()
    assert not at.exception, at.exception
    slow, fast = at.session_state["returned.slow"], at.session_state["returned.fast"]
    assert fast.equals(slow) and list(fast.dtypes) == list(slow.dtypes)
    assert fast.to_dict("records") != base.to_dict("records")


def test_an_unedited_editor_returns_its_base_unchanged():
    at = AppTest.from_function(_both_editors, args=(str(ROOT), "dynamic", ["Problem"]), default_timeout=30).run()
    assert at.session_state["returned.fast"].equals(at.session_state["returned.slow"])
