"""Charts in the app: a chart description drawn as Vega-Lite, exactly as the deck describes it, with its image downloads."""

from __future__ import annotations

import re
from functools import lru_cache

import pyarrow as pa
import streamlit as st
from streamlit import dataframe_util

from ldpitch.charts import ChartSpec, chart_png, chart_svg, shared_vega_lite_spec


def chart(spec: ChartSpec | None, *, empty: str = "Nothing to draw yet.", key: str | None = None) -> None:
    """Draw a chart description, with PNG and SVG downloads under it (``empty`` says why there is none yet).

    ``key`` tells apart two charts with the same kind and title on one page.
    """
    if spec is None:
        st.info(empty, icon=":material/insert_chart:")
        return
    drawn, table = _prepared(spec)
    st.vega_lite_chart(table, spec=dict(drawn), theme=None, width="content" if spec.kind == "radar" else "stretch", alt=spec.alt_text)
    stem = re.sub(r"[^A-Za-z0-9]+", "-", spec.title).strip("-").lower()[:50] or spec.kind
    key = key or f"chart.{spec.kind}.{stem}"
    # The images are drawn only when a button is clicked (a callable), so reruns stay fast.
    with st.popover("Image", icon=":material/download:", type="tertiary", help="Download this chart as a picture, as drawn here."):
        st.download_button("PNG, for slides and documents", data=lambda: chart_png(spec), file_name=f"{stem}.png", mime="image/png",
                           key=f"{key}.png", on_click="ignore", icon=":material/image:")
        st.download_button("SVG, sharp at any size", data=lambda: chart_svg(spec), file_name=f"{stem}.svg", mime="image/svg+xml",
                           key=f"{key}.svg", on_click="ignore", icon=":material/draw:")


@lru_cache(maxsize=512)
def _prepared(spec: ChartSpec) -> tuple[dict, pa.Table | None]:
    """The chart's Vega-Lite without its top table, and that table as Arrow: made once per chart description.

    Streamlit sends a chart's top table (``data.values``) to the browser as
    Arrow, converting the rows through pandas on every rerun (1 to 2 ms a
    chart). Converted once here by the same function, and handed over as an
    Arrow table, the browser gets the same bytes, and a rerun only writes them
    out. Streamlit copies the spec before it changes it (it adds ``autosize``).
    """
    drawn = dict(shared_vega_lite_spec(spec))
    data = drawn.pop("data", None)
    if data is None:  # every layer carries its own table, inside the spec
        return drawn, None
    return drawn, pa.ipc.open_stream(dataframe_util.convert_anything_to_arrow_bytes(data["values"])).read_all()
