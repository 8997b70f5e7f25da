"""Charts in the app: a chart description drawn as Vega-Lite, exactly as the deck describes it, with its image downloads."""

from __future__ import annotations

import json
import re
from functools import lru_cache

import pyarrow as pa
import streamlit as st
from streamlit import dataframe_util
from streamlit.delta_generator_singletons import get_dg_singleton_instance
from streamlit.elements import vega_charts
from streamlit.elements.lib import agent_spec
from streamlit.elements.lib.layout_utils import LayoutConfig
from streamlit.elements.lib.utils import normalize_alt
from streamlit.proto.VegaLiteChart_pb2 import VegaLiteChart as VegaLiteChartProto

from ldpitch.charts import ChartSpec, chart_png, chart_svg, shared_vega_lite_spec


def chart(spec: ChartSpec | None, *, empty: str = "Nothing to draw yet.", key: str | None = None) -> None:
    """Draw a chart description, with PNG and SVG downloads under it (``empty`` says why there is none yet).

    ``key`` tells apart two charts with the same kind and title on one page.
    """
    if spec is None:
        st.info(empty, icon=":material/insert_chart:")
        return
    _draw(spec)
    stem = re.sub(r"[^A-Za-z0-9]+", "-", spec.title).strip("-").lower()[:50] or spec.kind
    key = key or f"chart.{spec.kind}.{stem}"
    # The images are drawn only when a button is clicked (a callable), so reruns stay fast.
    with st.popover("Image", icon=":material/download:", type="tertiary", help="Download this chart as a picture, as drawn here."):
        st.download_button("PNG, for slides and documents", data=lambda: chart_png(spec), file_name=f"{stem}.png", mime="image/png",
                           key=f"{key}.png", on_click="ignore", icon=":material/image:")
        st.download_button("SVG, sharp at any size", data=lambda: chart_svg(spec), file_name=f"{stem}.svg", mime="image/svg+xml",
                           key=f"{key}.svg", on_click="ignore", icon=":material/draw:")


def _draw(spec: ChartSpec) -> None:
    """Send the chart's element: ``st.vega_lite_chart`` of its Vega-Lite, built once per chart description (``_element``)."""
    if agent_spec.is_recording():  # a session of Streamlit's agent API: it wants the chart described, as st.vega_lite_chart does
        drawn, table = _prepared(spec)
        st.vega_lite_chart(table, spec=dict(drawn), theme=None, width=_width(spec), alt=spec.alt_text)
        return
    proto, layout = _element(spec)
    get_dg_singleton_instance().main_dg._enqueue("vega_lite_chart", proto, layout_config=layout)  # copied into the message


def _width(spec: ChartSpec) -> str:
    return "content" if spec.kind == "radar" else "stretch"


@lru_cache(maxsize=512)
def _element(spec: ChartSpec) -> tuple[VegaLiteChartProto, LayoutConfig]:
    """The element ``st.vega_lite_chart`` sends for this chart, built by its own steps, once per chart description.

    A chart without selections is not a widget: its element depends only on
    its spec, table, width, theme and alt text. Built on every rerun, it cost
    about 0.4 ms a chart (the spec copied, its JSON written, read back and
    written again); sent from here, a rerun only copies it into its message.
    tests/app/test_serving.py compares it with ``st.vega_lite_chart``'s, so a
    Streamlit upgrade that draws charts differently fails there.
    """
    drawn, table = _prepared(spec)
    width = _width(spec)
    proto = VegaLiteChartProto()
    full = vega_charts._prepare_vega_lite_spec(dict(drawn), width == "stretch")
    vega_charts._marshall_chart_data(proto, full, table)
    proto.spec = vega_charts._stabilize_vega_json_spec(json.dumps(full))
    alt = normalize_alt(spec.alt_text)
    if alt is not None:
        proto.alt = alt
    proto.theme = ""
    return proto, LayoutConfig(width=width, height="content")


@lru_cache(maxsize=512)
def _prepared(spec: ChartSpec) -> tuple[dict, pa.Table | None]:
    """The chart's Vega-Lite without its top table, and that table as Arrow: made once per chart description.

    Streamlit sends a chart's top table (``data.values``) to the browser as
    Arrow, converting the rows through pandas on every rerun (1 to 2 ms a
    chart). Converted once here by the same function, and handed over as an
    Arrow table, the browser gets the same bytes, and a rerun only writes them
    out. Streamlit copies the spec before it changes it (it adds ``autosize``).
    """
    drawn = _named_layer_tables(shared_vega_lite_spec(spec))
    data = drawn.pop("data", None)
    if data is None:  # every layer carries its own table, now a named dataset
        return drawn, None
    return drawn, _arrow(data["values"])


def _arrow(rows: list[dict]) -> pa.Table:
    """A chart's table (a list of rows) as Arrow: the same rows and columns Streamlit's conversion gives, without pandas.

    Streamlit converts a list of rows through a pandas DataFrame (about 1 ms a
    table, most of a changed chart's cost on the server); pyarrow builds the same
    columns from the rows directly in a tenth of that. Columns are the keys in the
    order they first appear, a row without one gets a null there (as pandas does).
    A table pyarrow cannot type (one column mixing text and numbers) goes through
    Streamlit's own conversion. tests/app/test_serving.py checks both give the
    same rows for every chart of every example.
    """
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    try:
        return pa.table({name: [row.get(name) for row in rows] for name in columns})
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pa.ipc.open_stream(dataframe_util.convert_anything_to_arrow_bytes(rows)).read_all()


def _named_layer_tables(spec) -> dict:
    """The spec with each layer's own table moved to a named dataset (``datasets``), the top table left where it is.

    The browser redraws a chart from scratch (about 30 ms in Chromium) when its spec
    changes, but only swaps the tables of the chart it shows when the spec without its
    tables is the same. A layer that carries its table inside the spec (the cumulative
    cash's labels, the tornado's bars, the histogram's markers) made every change of a
    figure a new spec; as named datasets, sent beside the spec as Arrow like the top
    table, a change of figures is a change of tables only. The names come from the
    layer's place in the spec, so they are the same on every run.
    """
    datasets: dict[str, list] = {}

    def moved(node, path: str):
        if isinstance(node, list):
            return [moved(item, f"{path}_{i}") for i, item in enumerate(node)]
        if not isinstance(node, dict):
            return node
        out = {key: moved(value, f"{path}_{key}" if path else key) for key, value in node.items() if key != "data"}
        if "data" in node:
            data = node["data"]
            if path and isinstance(data, dict) and set(data) == {"values"}:
                datasets[path] = data["values"]
                data = {"name": path}
            out = {"data": data, **out}
        return out

    drawn = moved(dict(spec), "")
    if datasets:  # as Arrow bytes, which Streamlit sends as they are
        drawn["datasets"] = {**drawn.get("datasets", {}), **{name: _ipc(_arrow(rows)) for name, rows in datasets.items()}}
    return drawn


def _ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()
