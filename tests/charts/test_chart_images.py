"""Chart images: every kind of chart as a PNG and an SVG, drawn offline from the spec the app shows."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET

import pytest

from ldpitch.charts import build as cb
from ldpitch.charts.render import chart_png, chart_svg
from ldpitch.pitch import examples

PNG = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"

onboarding = examples.load("onboarding")
production = examples.load("production")  # EUR, de_DE
CHARTS = {
    "column": cb.costs_vs_benefits(onboarding),
    "line": cb.cumulative_cash(onboarding),
    "waterfall": cb.cost_waterfall(production),
    "tornado": cb.sensitivity(onboarding),
    "bar": cb.option_scores(onboarding),
    "radar": cb.readiness_radar(onboarding),
    "scatter": cb.stakeholder_grid(onboarding),
    "tracking": cb.kpi_tracking(onboarding, "Months to proficiency"),
}


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG), "a PNG file"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("name", CHARTS)
def test_every_kind_of_chart_downloads_as_a_sharp_png(name):
    spec = CHARTS[name]
    assert spec is not None
    width, height = png_size(chart_png(spec))
    assert 700 <= width <= 2400 and 300 <= height <= 2000, (width, height)


@pytest.mark.parametrize("name", CHARTS)
def test_every_kind_of_chart_downloads_as_an_svg_with_its_title(name):
    spec = CHARTS[name]
    root = ET.fromstring(chart_svg(spec))
    assert root.tag == f"{SVG}svg"
    assert float(root.get("width")) > 300 and float(root.get("height")) > 200
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert spec.title[:30] in texts


def test_png_resolution_doubles_the_pixels_not_the_chart():
    spec = CHARTS["column"]
    screen, sharp = png_size(chart_png(spec, ppi=72)), png_size(chart_png(spec))
    assert sharp == (screen[0] * 2, screen[1] * 2)


def test_images_read_money_as_the_screen_does():
    assert "€" in chart_svg(CHARTS["waterfall"]), "the pitch's currency and locale are inside the spec"
