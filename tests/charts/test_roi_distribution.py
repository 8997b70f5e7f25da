"""The ROI histogram's description: the simulation's trials in round bands, p10, p50 and p90 marked, drawable by Altair."""

from decimal import Decimal as D

import pytest

from ldpitch import format as fmt
from ldpitch.charts import build as cb
from ldpitch.charts import vega_lite_spec
from ldpitch.engine import analyse
from ldpitch.pitch import Pitch, examples


@pytest.mark.parametrize("name", examples.names())
def test_the_histogram_holds_every_trial_with_the_percentiles_marked_in_their_bands(name):
    p = examples.load(name)
    sim = analyse(p).simulation
    spec = cb.roi_distribution(p)
    bands = sim.histogram()
    assert spec.kind == "column" and spec.value_format == "number"
    assert sum(spec.series[0].values) == sim.trials == 10_000
    assert 2 <= len(spec.categories) <= 20 and spec.categories == tuple(fmt.percent(b.low, p.locale) for b in bands)
    widths = {b.high - b.low for b in bands}
    assert len(widths) == 1 and widths.pop() in {D(1), D(2), D("2.5"), D(5), D(10), D(20), D(25), D(50)}
    for key, value in (("p10", sim.roi_percent.p10), ("p50", sim.roi_percent.p50), ("p90", sim.roi_percent.p90)):
        band = bands[spec.categories.index(spec.extra["percentiles"][key])]
        assert band.low <= value <= band.high
        assert fmt.percent(value, p.locale) in spec.alt_text and fmt.percent(value, p.locale) in spec.note
    assert spec.marker_at == spec.extra["percentiles"]["p50"]
    assert "simulated futures the programme pays back within" in spec.alt_text
    assert vega_lite_spec(spec)["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


def test_a_pitch_without_costs_has_no_roi_histogram():
    p = Pitch.model_validate({"benefits": [{"label": "B", "template": "standard_value", "inputs": {"units_per_year": "1", "value_per_unit": "1"}}]})
    assert cb.roi_distribution(p) is None
