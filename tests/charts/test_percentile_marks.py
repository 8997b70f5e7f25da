"""The column kind marks a histogram's p10, p50 and p90: paler columns outside p10 to p90, a rule and a name at each."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ldpitch.charts import ChartSpec, Series, build, percentile_marks, to_altair, vega_lite_spec
from ldpitch.pitch import examples

BANDS = ("0%", "10%", "20%", "30%", "40%", "50%")


def _histogram(marks: dict) -> ChartSpec:
    return ChartSpec("column", "ROI across simulated futures", "a", BANDS, (Series("Simulated futures", tuple(D(n) for n in (1, 3, 6, 5, 2, 1))),),
                     value_format="number", marker_at=marks.get("p50"), extra={"percentiles": marks})


def _layers(drawn: dict, mark: str) -> list[dict]:
    return [layer for layer in drawn["layer"] if layer["mark"]["type"] == mark]


@pytest.mark.parametrize(("marks", "named"), [
    ({"p10": "10%", "p50": "20%", "p90": "40%"}, [("10%", "p10"), ("20%", "p50"), ("40%", "p90")]),
    ({"p10": "0%", "p50": "0%", "p90": "30%"}, [("0%", "p10, p50"), ("30%", "p90")]),  # two in one band share one name
])
def test_each_percentile_gets_a_rule_and_its_name_at_its_band(marks, named):
    drawn = vega_lite_spec(_histogram(marks))
    rules, texts = _layers(drawn, "rule"), _layers(drawn, "text")
    assert [(r["category"], r["text"]) for r in rules[0]["data"]["values"]] == named
    assert [(r["category"], r["text"]) for r in texts[-1]["data"]["values"]] == named
    assert percentile_marks(_histogram(marks)) == tuple(named)
    assert to_altair(_histogram(marks)).to_dict() == drawn  # valid Vega-Lite, as Altair reads it


def test_the_columns_outside_p10_to_p90_are_drawn_paler():
    drawn = vega_lite_spec(_histogram({"p10": "10%", "p50": "20%", "p90": "40%"}))
    bars = _layers(drawn, "bar")[0]
    assert bars["encoding"]["opacity"] == {"condition": {"test": "datum.inside", "value": 1}, "value": 0.4}
    inside = {r["category"]: r["inside"] for r in bars["data"]["values"]}
    assert inside == {"0%": False, "10%": True, "20%": True, "30%": True, "40%": True, "50%": False}


def test_a_column_chart_without_percentiles_is_drawn_as_before():
    plain = ChartSpec("column", "Costs", "a", ("A", "B"), (Series("Cost", (D(1), D(2))),))
    drawn = vega_lite_spec(plain)
    assert _layers(drawn, "rule") == [] and "opacity" not in _layers(drawn, "bar")[0]["encoding"]
    assert percentile_marks(plain) == ()


@pytest.mark.parametrize("name", examples.names())
def test_every_examples_roi_histogram_marks_its_three_percentiles(name):
    spec = build.roi_distribution(examples.load(name))
    rules = _layers(vega_lite_spec(spec), "rule")[0]["data"]["values"]
    named = " ".join(r["text"] for r in rules)
    assert {r["category"] for r in rules} == set(spec.extra["percentiles"].values())
    assert all(p in named for p in ("p10", "p50", "p90"))
