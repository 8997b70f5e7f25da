"""The chart renderer: every kind of chart is valid Vega-Lite, drawn once per description, and handed out as a copy."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ldpitch.charts import build as cb
from ldpitch.charts.render import shared_vega_lite_spec, to_altair, vega_lite_spec
from ldpitch.charts.spec import ChartSpec, Point, Series
from ldpitch.pitch import examples

onboarding = examples.load("onboarding")
production = examples.load("production")  # EUR, de_DE
NEGATIVE = Series("Net", (D(-1200), D(300), None, D(2500)), "net")
CHARTS = {
    "column": cb.costs_vs_benefits(onboarding),
    "column, many columns": ChartSpec("column", "Many", "a", tuple(f"Q{n}" for n in range(7)),
                                      (Series("A", tuple(D(n) for n in range(7)), "cost"), Series("B", (None,) * 7, "cost"))),
    "line with payback": cb.cumulative_cash(onboarding),
    "line below zero": ChartSpec("line", "Below", "a", ("M0", "M1", "M2", "M3"), (NEGATIVE,), marker_at="M2", note="Pays back"),
    "line alone": ChartSpec("line", "Alone", "a", ("M0", "M1", "M2", "M3"), (Series("S", (D(1), D(2), None, D(3))),), value_format="share"),
    "waterfall": cb.cost_waterfall(production),
    "tornado": cb.sensitivity(onboarding),
    "bar": cb.option_scores(onboarding),
    "radar": cb.readiness_radar(onboarding),
    "scatter": cb.stakeholder_grid(onboarding),
    "bubble without ranges": ChartSpec("bubble", "Bubbles", "a", points=(
        Point("A", D(1), D(2), D(5), "champion"), Point("B", D(1), D(2), D(1)), Point("C", D(3), D(1), D(9), "odd"))),
    "tracking": cb.kpi_tracking(onboarding, "Months to proficiency"),
}


@pytest.mark.parametrize("name", CHARTS)
def test_every_kind_of_chart_is_valid_vega_lite_as_altair_reads_it(name):
    spec = CHARTS[name]
    drawn = vega_lite_spec(spec)
    assert to_altair(spec).to_dict() == drawn  # Altair validates it against Vega-Lite's schema, and changes nothing
    assert drawn["title"] == spec.title and drawn["layer"]


def test_each_chart_description_is_drawn_once_and_shared():
    spec = cb.costs_vs_benefits(onboarding)
    again = cb.costs_vs_benefits(examples.load("onboarding"))  # an equal description, built anew
    assert again == spec and again is not spec
    assert shared_vega_lite_spec(again) is shared_vega_lite_spec(spec)


def test_a_drawn_chart_handed_out_may_be_changed_without_changing_the_next():
    spec = cb.costs_vs_benefits(onboarding)
    first = vega_lite_spec(spec)
    first["data"]["values"].clear()
    first["layer"][0]["encoding"]["x"]["title"] = "changed"
    assert vega_lite_spec(spec) == shared_vega_lite_spec(spec) != first
