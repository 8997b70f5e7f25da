"""Describe, then render: chart descriptions, built from the evaluation, and their Altair renderer (imports pitch, engine and format)."""

from ldpitch.fronts import front

__all__, __getattr__, __dir__ = front(__name__, {
    "ChartSpec": "spec",
    "Point": "spec",
    "Series": "spec",
    "WaterfallSegment": "spec",
    "build": "",
    "chart_png": "render",
    "chart_svg": "render",
    "percentile_marks": "spec",
    "shared_vega_lite_spec": "render",
    "to_altair": "render",
    "vega_lite_spec": "render",
    "waterfall_segments": "spec",
})
