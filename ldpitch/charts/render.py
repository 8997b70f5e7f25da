"""Chart description -> Vega-Lite: the app's renderer of ``ChartSpec`` (the only module that imports altair; the kinds of chart are drawn in ``kinds``).

``vega_lite_spec(spec)`` draws every ``ChartSpec.kind`` from the same
description the deck turns into native PowerPoint charts, so the two cannot
disagree. Data is always inline (never a URL); gaps are ``null``, never NaN.
Axes use d3 number formats under a Vega locale built from the pitch's
currency and locale; tooltips carry text already formatted by
``ldpitch.format``. ``chart_png`` and ``chart_svg`` draw the same spec as an
image, offline, with vl-convert: what people download is what they saw.

The Vega-Lite is written here as plain dicts, exactly what Altair's
``to_dict()`` gives for the same chart: building the chart through Altair
costs 20 to 50 ms a chart (a deep copy of the chart and its data at every
step, and a JSON-schema validation), paid on every rerun after an edit that
changes a figure. ``to_altair(spec)`` is the same dict as an Altair chart,
validated against Vega-Lite's schema (the tests check every kind with it).
"""

from __future__ import annotations

import json
from functools import lru_cache

import altair as alt

from ldpitch.charts.kinds import DEFAULT_VIEW, DRAW, FONT, vega_locale
from ldpitch.charts.spec import ChartSpec


def vega_lite_spec(spec: ChartSpec) -> dict:
    """The Vega-Lite dict of ``spec`` (a fresh copy the caller may change), built once per distinct chart description."""
    return json.loads(json.dumps(shared_vega_lite_spec(spec)))


@lru_cache(maxsize=512)
def shared_vega_lite_spec(spec: ChartSpec) -> dict:
    """The Vega-Lite dict of ``spec``, kept and shared: read it, never change it (``vega_lite_spec`` gives a copy to change).

    A page redraws the same charts on every rerun, and many sessions show the
    same example: each distinct description is drawn once per process.
    """
    chart = DRAW[spec.kind](spec)
    return {
        "config": {"view": {**DEFAULT_VIEW, "strokeWidth": 0}, "font": FONT, "locale": vega_locale(spec.currency, spec.locale),
                   "title": {"anchor": "start", "fontSize": 15}},
        **chart, "title": spec.title, "$schema": alt.SCHEMA_URL,
    }


def to_altair(spec: ChartSpec) -> alt.LayerChart:
    """The Altair chart for ``spec``: ``vega_lite_spec(spec)`` checked against Vega-Lite's schema (slow: for tests and tools).

    Its ``to_dict()`` is ``vega_lite_spec(spec)``: the tables stay inline where they are drawn.
    """
    drawn = vega_lite_spec(spec)
    chart = alt.LayerChart.from_dict(drawn)
    for part, source in [(chart, drawn), *zip(chart.layer, drawn["layer"], strict=True)]:
        if "data" in source:  # read back as InlineData, which to_dict() would move to top-level named datasets
            part.data = alt.Data(**source["data"])
    return chart


# --- images --------------------------------------------------------------------------------


#: Pixels per inch of downloaded PNGs: twice the screen's 72, sharp on slides and high-density displays.
IMAGE_PPI = 144


def chart_png(spec: ChartSpec, *, ppi: int = IMAGE_PPI) -> bytes:
    """The chart as a PNG, drawn offline by vl-convert from the same Vega-Lite spec the app shows (at ``ppi``, scale 1).

    The first image in a process takes about a second while the engine starts; later ones about 0.1 s.
    """
    import vl_convert  # deferred: the engine loads only when someone asks for an image

    return vl_convert.vegalite_to_png(_image_spec(spec), vl_version=_vl_version(), ppi=ppi, allowed_base_urls=[])


def chart_svg(spec: ChartSpec) -> str:
    """The chart as SVG text, drawn offline by vl-convert from the same Vega-Lite spec the app shows."""
    import vl_convert

    return vl_convert.vegalite_to_svg(_image_spec(spec), vl_version=_vl_version(), allowed_base_urls=[])


def _image_spec(spec: ChartSpec) -> dict:
    # The app draws with theme=None, so this dict is exactly what the screen shows (at the chart's own width).
    return vega_lite_spec(spec)


def _vl_version() -> str:
    """Altair's Vega-Lite version as vl-convert names it (``v6.4.1`` -> ``v6_4``)."""
    major, minor = alt.SCHEMA_VERSION.lstrip("v").split(".")[:2]
    return f"v{major}_{minor}"
