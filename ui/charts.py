"""Charts in the app: a chart description drawn with Altair, exactly as the deck describes it, with its image downloads."""

from __future__ import annotations

import re

import streamlit as st

from ldpitch.charts import ChartSpec, chart_png, chart_svg, vega_lite_spec


def chart(spec: ChartSpec | None, *, empty: str = "Nothing to draw yet.", key: str | None = None) -> None:
    """Draw a chart description, with PNG and SVG downloads under it (``empty`` says why there is none yet).

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
