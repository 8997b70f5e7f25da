"""Streamlit's data editor over a base table that does not change between reruns: converted once, sent on each run.

``st.data_editor`` converts the table it is given on every run: a copy of the
DataFrame, checks of its columns, its column configuration, an Arrow table and
its bytes, and the schema of the columns, about 3 ms a table on every rerun of
Budget (four tables), even when nothing in them changed. A grid's base table
changes only when the table is rebuilt (``ui.grid`` keeps one per table
version), so ``prepare`` does that conversion once for it, with Streamlit's
own functions in ``st.data_editor``'s order, and ``draw`` does on each run only
what belongs to the run: the widget's id and registration (its edits), the
form it sits in, and the element sent to the browser. The browser gets the
element ``st.data_editor`` would have sent (tests/app/test_editor.py compares
the two), and the edits come back the same way.

This reaches into Streamlit's private modules, so it is tied to the Streamlit
pinned in requirements.txt; the test above fails if a new version draws the
editor differently.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit import dataframe_util
from streamlit.delta_generator_singletons import get_dg_singleton_instance
from streamlit.elements.lib import agent_spec
from streamlit.elements.lib.column_config_utils import (
    INDEX_IDENTIFIER,
    apply_data_specific_configs,
    determine_dataframe_schema,
    extract_button_column_configs,
    marshall_column_config,
    process_config_mapping,
    update_column_config,
)
from streamlit.elements.lib.form_utils import current_form_id
from streamlit.elements.lib.layout_utils import LayoutConfig
from streamlit.elements.lib.policies import check_widget_policies
from streamlit.elements.lib.utils import compute_and_register_element_id
from streamlit.elements.widgets import data_editor as streamlit_editor
from streamlit.proto.Dataframe_pb2 import Dataframe as DataframeProto
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
from streamlit.runtime.state import register_widget

_MODES = {"dynamic": DataframeProto.EditingMode.DYNAMIC, "fixed": DataframeProto.EditingMode.FIXED}


@dataclass(frozen=True)
class Prepared:
    """A base table converted as ``st.data_editor`` converts it, with everything it sends that does not change per run."""

    frame: pd.DataFrame  # the base, never changed: edits are applied to a copy
    arguments: dict  # what st.data_editor was asked for, to draw it the slow way while the agent API records
    proto: DataframeProto  # the element without its id and form
    identity: dict  # what the widget's id is computed from, besides its key
    schema: Any  # the columns' kinds, to read edits back
    layout: LayoutConfig
    disabled: bool  # the whole editor


def prepare(frame: pd.DataFrame, *, num_rows: str, column_config: dict, column_order: Sequence[str],
            disabled: bool | Sequence[str], height: int | str, hide_index: bool = True, width: str = "stretch") -> Prepared:
    """Convert ``frame`` and its settings once, as ``st.data_editor(frame, ...)`` would on every run.

    ``frame`` is copied, so the caller may keep and reuse it.
    """
    arguments = {"num_rows": num_rows, "column_config": column_config, "column_order": list(column_order),
                 "disabled": disabled, "height": height, "hide_index": hide_index, "width": width}
    data_df = dataframe_util.convert_anything_to_pandas_df(frame, ensure_copy=True)
    streamlit_editor._check_column_names(data_df)
    processed, button_columns = extract_button_column_configs(column_config)
    if button_columns:
        raise ValueError("button columns are not supported by ui.editor")
    mapping = process_config_mapping(processed)
    data_format = dataframe_util.DataFormat.PANDAS_DATAFRAME
    apply_data_specific_configs(mapping, data_format)
    streamlit_editor._fix_column_headers(data_df)
    streamlit_editor._stringify_arrow_incompatible_columns(data_df, mapping, trial_conversion=False)
    if not isinstance(data_df.index, pd.RangeIndex):
        raise ValueError("ui.editor draws tables with a range index only")
    update_column_config(mapping, INDEX_IDENTIFIER, {"hidden": hide_index})
    if not isinstance(disabled, bool):
        for column in disabled:
            update_column_config(mapping, column, {"disabled": True})
    table = pa.Table.from_pandas(data_df)
    schema = determine_dataframe_schema(data_df, table.schema)
    streamlit_editor._check_type_compatibilities(data_df, mapping, schema)
    arrow_bytes = dataframe_util.convert_arrow_table_to_arrow_bytes(table)

    identity: dict[str, Any] = {
        "key_as_main_identity": False, "data": arrow_bytes, "width": width, "height": height, "use_container_width": None,
        "column_order": list(column_order), "column_config_mapping": str(mapping), "num_rows": num_rows,
        "row_height": None, "placeholder": None, "alt": None}
    if num_rows == "fixed":  # a keyed editor with fixed rows is identified by its data's shape, not its values
        identity["key_as_main_identity"] = {"data_signature", "num_rows"}
        identity["data_signature"] = streamlit_editor._compute_data_editor_signature(
            data_df=data_df, data_format=data_format, arrow_schema=table.schema, dataframe_schema=schema, disabled=disabled,
            disabled_columns=[c for c, config in mapping.items() if config.get("disabled") is True], include_row_count=True)

    proto = DataframeProto()
    proto.column_order[:] = list(column_order)
    proto.disabled = disabled is True
    proto.editing_mode = _MODES[num_rows]
    proto.arrow_data.data = arrow_bytes
    marshall_column_config(proto, mapping)
    return Prepared(frame=data_df, arguments=arguments, proto=proto, identity=identity, schema=schema,
                    layout=LayoutConfig(width=width, height=None if height == "auto" else height), disabled=disabled is True)


def draw(prepared: Prepared, *, key: str, on_change: Callable[..., None] | None = None, args: tuple = ()) -> pd.DataFrame:
    """Send the editor for this run and return its table with the person's edits (the base itself when none).

    The returned table is only read: with no edits it is the kept base.
    ``on_change`` is called with ``args`` before the run, when the person edited the table.
    """
    if agent_spec.is_recording():  # a session of Streamlit's agent API: it wants the editor described, as st.data_editor does
        return st.data_editor(prepared.frame, key=key, on_change=on_change, args=args, **prepared.arguments)
    dg = get_dg_singleton_instance().main_dg  # what st.data_editor runs on; it draws into the container of the moment
    check_widget_policies(dg, key, on_change, default_value=None, writes_allowed=False)
    ctx = get_script_run_ctx()
    identity = dict(prepared.identity)
    main_identity = identity.pop("key_as_main_identity")
    element_id = compute_and_register_element_id("data_editor", user_key=key, key_as_main_identity=main_identity, dg=dg, **identity)
    proto = DataframeProto()
    proto.CopyFrom(prepared.proto)
    proto.id = element_id
    proto.form_id = current_form_id(dg)
    serde = streamlit_editor.DataEditorSerde()
    state = register_widget(proto.id, on_change_handler=on_change, args=args, kwargs=None, deserializer=serde.deserialize,
                            serializer=serde.serialize, ctx=ctx, value_type="string_value", disabled=prepared.disabled)
    dg._enqueue("dataframe", proto, layout_config=prepared.layout)
    return edited(prepared, state.value)


def has_edits(delta: Mapping | None) -> bool:
    """Whether an editor's state (what the browser sends) holds an edit, an added row or a deleted row."""
    return bool(delta) and any(delta.get(k) for k in ("edited_rows", "added_rows", "deleted_rows"))


def edited(prepared: Prepared, delta: Mapping | None) -> pd.DataFrame:
    """The base table with an editor's state applied, as st.data_editor returns it (the base itself when nothing changed)."""
    if not has_edits(delta):
        return prepared.frame
    return streamlit_editor._apply_dataframe_edits(prepared.frame.copy(), delta, prepared.schema)
