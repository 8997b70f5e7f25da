"""The deck writer: native charts, layout from content, notes, alt text, branding, templates, valid files."""

from __future__ import annotations

import io
import shutil
import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from deck_checks import (
    OUTPUT,
    SOFFICE,
    check_deck,
    pdf_page_count,
    render_pdf,
    render_pngs,
    sample_charts,
    sample_slides,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu, Inches

from ldpitch.charts.spec import ChartSpec, Point, Series
from ldpitch.deck import layout as g
from ldpitch.deck.branding import Branding, load_template
from ldpitch.deck.chart_format import label_text, number_format
from ldpitch.deck.fit import paginate
from ldpitch.deck.pptx.ooxml import package_problems
from ldpitch.deck.pptx.writer import template_problems, write_deck
from ldpitch.deck.slides import Metric, SlideSpec, TableSpec

ROOT = Path(__file__).resolve().parents[2]
NATIVE = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "radar": XL_CHART_TYPE.RADAR_MARKERS,
    "scatter": XL_CHART_TYPE.XY_SCATTER,
    "bubble": XL_CHART_TYPE.BUBBLE,
    "waterfall": XL_CHART_TYPE.COLUMN_STACKED,
    "tornado": XL_CHART_TYPE.BAR_CLUSTERED,
}


def reopen(data: bytes):
    return Presentation(io.BytesIO(data))


def charts_of(prs):
    return [shape for slide in prs.slides for shape in slide.shapes if shape.has_chart]


def png_logo(size=(300, 100)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (31, 78, 121, 255)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def sample_deck() -> bytes:
    return write_deck(sample_slides(), Branding(footer="Acme Corp · confidential", logo=png_logo()), title="Sales coaching")


# --- the file ----------------------------------------------------------------------


def test_sample_deck_has_no_problems_and_passes_schema_validation(sample_deck):
    assert check_deck(sample_deck) == []


def test_deck_is_16_by_9_with_one_slide_per_description_plus_table_continuations(sample_deck):
    prs = reopen(sample_deck)
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))
    assert len(prs.slides) == len(sample_slides()) + 1  # the 23-row table takes two slides (12 + 11)


def test_every_chart_kind_is_a_native_editable_chart(sample_deck):
    frames = charts_of(reopen(sample_deck))
    kinds = [f.name for f in frames]
    for kind, spec in sample_charts().items():
        frame = next(f for f in frames if f.name == f"Chart: {spec.title}")
        assert frame.chart.chart_type == NATIVE[kind], kind
        assert frame.chart.part.chart_workbook.xlsx_part is not None  # data editable in PowerPoint
    assert len(kinds) == len(sample_charts()) + 1


def test_every_chart_and_picture_has_alt_text(sample_deck):
    prs = reopen(sample_deck)
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_chart or shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                assert shape._element.xpath("./*[1]/p:cNvPr/@descr")[0].strip()
    alt = {f.name: f._element.xpath("./*[1]/p:cNvPr/@descr")[0] for f in charts_of(prs)}
    assert alt["Chart: Readiness (RADAR)"] == sample_charts()["radar"].alt_text


def test_every_slide_has_notes_and_a_title_and_no_empty_placeholder(sample_deck):
    for slide, spec in zip(reopen(sample_deck).slides, paginate(sample_slides()), strict=True):
        assert slide.notes_slide.notes_text_frame.text.startswith(spec.notes)
        assert slide.shapes.title is not None and slide.shapes.title.text_frame.text.strip()
        assert all(ph.text_frame.text.strip() for ph in slide.placeholders)


def test_file_title_is_set(sample_deck):
    assert reopen(sample_deck).core_properties.title == "Sales coaching"


def test_footer_and_slide_numbers_are_drawn_on_content_slides(sample_deck):
    slides = list(reopen(sample_deck).slides)
    assert not any(s.name == "Slide number" for s in slides[0].shapes)
    for n, slide in enumerate(slides[1:], start=2):
        number = next(s for s in slide.shapes if s.name == "Slide number")
        assert number.text_frame.text == str(n)
        assert number._element.xpath(".//a:fld[@type='slidenum']")
        assert any(s.name == "Footer" and "Acme Corp" in s.text_frame.text for s in slide.shapes)


def test_slide_numbers_can_be_turned_off():
    prs = reopen(write_deck([SlideSpec("x", "A title", bullets=("a",))], Branding(slide_numbers=False)))
    assert not any(s.name == "Slide number" for s in prs.slides[0].shapes)


def test_logo_is_placed_inside_its_corner_box_without_distortion(sample_deck):
    slide = reopen(sample_deck).slides[1]
    logo = next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
    box = g.regions(SlideSpec("x", "t")).logo
    assert logo.left >= Inches(box.left) - 1 and logo.top >= Inches(box.top) - 1
    assert logo.width <= Inches(box.width) + 1 and logo.height <= Inches(box.height) + 1
    assert logo.width / logo.height == pytest.approx(3.0, rel=0.01)


def test_an_unusable_logo_is_left_out_rather_than_failing_the_deck():
    prs = reopen(write_deck([SlideSpec("x", "A title", bullets=("a",))], Branding(logo=b"not an image")))
    assert not any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in prs.slides[0].shapes)


# --- layout ------------------------------------------------------------------------


def test_chart_sits_left_and_bullets_right_when_both_are_present(sample_deck):
    slide = reopen(sample_deck).slides[3]
    chart = next(s for s in slide.shapes if s.has_chart)
    bullets = next(s for s in slide.shapes if s.name == "Bullets")
    assert chart.left + chart.width <= bullets.left
    assert chart.width / (chart.width + bullets.width) == pytest.approx(0.6, abs=0.03)


def test_a_table_alone_takes_the_full_width(sample_deck):
    slide = next(s for s in reopen(sample_deck).slides if s.shapes.title.text_frame.text == "Every cost line, fully loaded")
    table = next(s for s in slide.shapes if s.has_table)
    assert table.width == pytest.approx(Inches(g.SLIDE_WIDTH_IN - 2 * g.MARGIN_X_IN), rel=0.01)


def test_table_columns_follow_the_relative_widths_and_numbers_align_right(sample_deck):
    slide = next(s for s in reopen(sample_deck).slides if s.shapes.title.text_frame.text == "Every cost line, fully loaded")
    table = next(s for s in slide.shapes if s.has_table).table
    widths = [c.width for c in table.columns]
    assert widths[0] / widths[2] == pytest.approx(3.0, rel=0.01)
    assert table.cell(1, 2).text_frame.paragraphs[0].alignment == 3  # PP_ALIGN.RIGHT
    assert table.cell(0, 0).text_frame.text == "Cost line"


def test_metrics_are_tiles_above_the_bullets_with_the_value_larger_than_the_label(sample_deck):
    slide = reopen(sample_deck).slides[1]
    tiles = [s for s in slide.shapes if s.name.startswith("Metric:")]
    bullets = next(s for s in slide.shapes if s.name == "Bullets")
    assert len(tiles) == 4 and all(t.top + t.height <= bullets.top for t in tiles)
    value, label = tiles[0].text_frame.paragraphs
    assert value.runs[0].text == "212%" and label.runs[0].text == "ROI"
    assert value.runs[0].font.size > label.runs[0].font.size


def test_a_long_title_gets_a_smaller_font_than_a_short_one():
    prs = reopen(write_deck([SlideSpec("a", "Short title"), SlideSpec("b", "MOMENTUM WAS MAXIMUM " * 5)]))
    sizes = [s.shapes.title.text_frame.paragraphs[0].runs[0].font.size for s in prs.slides]
    assert sizes[0] > sizes[1] >= Emu(g.TITLE_MIN_PT * 12700)


def test_body_text_is_never_smaller_than_the_minimum_or_larger_than_the_maximum(sample_deck):
    for slide in reopen(sample_deck).slides:
        for shape in slide.shapes:
            if shape.name == "Bullets":
                for p in shape.text_frame.paragraphs:
                    assert Emu(g.BODY_MIN_PT * 12700) <= p.runs[0].font.size <= Emu(g.BODY_MAX_PT * 12700)


# --- charts ------------------------------------------------------------------------


def test_waterfall_has_an_invisible_base_and_colours_by_point():
    prs = reopen(write_deck([SlideSpec("roi", "Net", chart=sample_charts()["waterfall"])]))
    chart = charts_of(prs)[0].chart
    base = chart.plots[0].series[0]
    assert base._element.xpath("./c:spPr/a:noFill")
    assert chart.plots[0].overlap == 100
    visible = chart.plots[0].series[2]
    assert len(visible._element.xpath("./c:dPt")) == len(sample_charts()["waterfall"].categories)


def test_waterfall_span_crossing_zero_becomes_a_positive_and_a_negative_part():
    prs = reopen(write_deck([SlideSpec("roi", "Net", chart=sample_charts()["waterfall"])]))
    series = list(charts_of(prs)[0].chart.plots[0].series)
    learner_time = 2  # spans -50K to +70K
    assert series[2].values[learner_time] == pytest.approx(70000)
    assert series[3].values[learner_time] == pytest.approx(-50000)


def test_tornado_bars_plot_the_outcomes_from_the_base_case_under_the_axis_title_that_says_so():
    """What the axis says is what is plotted: the ROI itself (the bar labels' figures), bars starting at the base case."""
    spec = replace(sample_charts()["tornado"], y_title="ROI with one input moved; bars start at the expected 170%")
    chart = charts_of(reopen(write_deck([SlideSpec("risk", "Sensitivity", chart=spec)])))[0].chart
    low, high = chart.plots[0].series
    assert list(low.values) == pytest.approx([40, 80, 120, 150]) and list(high.values) == pytest.approx([310, 260, 220, 180])
    assert chart._chartSpace.xpath(".//c:catAx/c:crossesAt/@val") == ["170.0"]
    assert chart.value_axis.axis_title.text_frame.text == spec.y_title
    assert chart.value_axis.minimum_scale <= 40 and chart.value_axis.maximum_scale >= 310
    assert chart.plots[0].overlap == 100
    assert chart.category_axis.reverse_order is True
    assert chart._chartSpace.xpath(".//c:catAx/c:tickLblPos/@val") == ["low"]


def test_line_chart_highlights_the_marker_category_with_a_label():
    chart = charts_of(reopen(write_deck([SlideSpec("roi", "Payback", chart=sample_charts()["line"])])))[0].chart
    series = chart.plots[0].series[0]
    assert series.marker.size >= 7
    assert series._element.xpath("./c:dLbls/c:dLbl/c:tx//a:t/text()") == ["Payback"]


def test_scatter_markers_are_styled_and_points_labelled():
    chart = charts_of(reopen(write_deck([SlideSpec("audience", "Who decides", chart=sample_charts()["scatter"])])))[0].chart
    for series in chart.plots[0].series:
        assert series.marker.size >= 10 and series.marker.style is not None
    labels = chart._chartSpace.xpath(".//c:dLbl/c:tx//a:t/text()")
    assert set(labels) == {"COO", "CFO", "HR partner", "Team leads"}


def test_scatter_series_come_longest_first_so_libreoffice_draws_every_point():
    """LibreOffice drops an XY series that comes before a longer one: groups of 1, 1, 1 and 2 points showed two."""
    spec = ChartSpec("scatter", "Stakeholders", "alt", points=tuple(
        Point(name, Decimal(x), Decimal(y), group=group)
        for name, x, y, group in (("Board", 3, 5, "neutral"), ("Nicole", 5, 5, "champion"), ("Bosses", 3, 4, "sceptic"),
                                  ("Committee", 5, 3, "supporter"), ("Managers", 4, 2, "supporter"))), value_format="score")
    chart = charts_of(reopen(write_deck([SlideSpec("stakeholders", "Who decides", chart=spec)])))[0].chart
    assert [(s.name, len(list(s.values))) for s in chart.plots[0].series] == [
        ("supporter", 2), ("neutral", 1), ("champion", 1), ("sceptic", 1)]


def test_legend_only_when_there_is_more_than_one_series():
    charts = sample_charts()
    prs = reopen(write_deck([SlideSpec("a", "A", chart=charts["bar"]), SlideSpec("b", "B", chart=charts["column"])]))
    assert [f.chart.has_legend for f in charts_of(prs)] == [False, True]


def test_cost_and_benefit_series_get_distinct_brand_colours():
    chart = charts_of(reopen(write_deck([SlideSpec("a", "A", chart=sample_charts()["column"])], Branding(primary="#003366", accent="#CC5500"))))[0].chart
    fills = [s.format.fill.fore_color.rgb for s in chart.plots[0].series]
    assert [str(f) for f in fills] == ["CC5500", "003366"]


def test_nan_and_infinite_values_become_gaps():
    spec = ChartSpec("column", "t", "alt", ("a", "b", "c"), (Series("s", (Decimal("NaN"), Decimal("Infinity"), Decimal(3))),))
    data = write_deck([SlideSpec("x", "t", chart=spec)])
    assert check_deck(data) == []
    assert list(charts_of(reopen(data))[0].chart.plots[0].series[0].values) == [None, None, 3.0]


@pytest.mark.parametrize(
    ("value_format", "currency", "locale", "magnitude", "expected"),
    [
        ("money", "USD", "en_US", 50_000, '"$"#,##0'),
        ("money", "USD", "en_US", 250_000, '"$"#,##0,"K"'),
        ("money", "GBP", "en_GB", 2_500_000, '"£"#,##0.0,,"M"'),
        ("money", "EUR", "de_DE", 50_000, '#,##0" €"'),
        ("percent", "USD", "en_US", 212, '#,##0"%"'),
        ("share", "USD", "en_US", 0.8, "0%"),
        ("number", "USD", "en_US", 1200, "#,##0"),
        ("score", "USD", "en_US", 5, "0.0"),
        ("months", "USD", "en_US", 7, "0.0"),
    ],
)
def test_number_formats_follow_value_format_currency_and_locale(value_format, currency, locale, magnitude, expected):
    spec = ChartSpec("column", "t", "a", value_format=value_format, currency=currency, locale=locale)
    assert number_format(spec, magnitude) == expected


def test_custom_labels_read_like_the_app():
    spec = ChartSpec("tornado", "t", "a", value_format="percent")
    assert label_text(spec, 212.5) == "212.5%"
    assert label_text(ChartSpec("waterfall", "t", "a", currency="EUR", locale="de_DE"), 30000, signed=True).startswith("+")


@pytest.mark.parametrize("kind", sorted(NATIVE))
def test_a_chart_without_data_is_drawn_empty_rather_than_failing(kind):
    assert check_deck(write_deck([SlideSpec("x", "Nothing yet", chart=ChartSpec(kind, "t", "No data yet"))])) == []


def test_an_empty_deck_is_still_a_valid_file():
    assert check_deck(write_deck([]), expected_slides=0) == []


# --- schema repairs and package checks ------------------------------------------------


def raw_python_pptx_radar() -> bytes:
    """A radar chart exactly as python-pptx writes it, without ldpitch's repairs."""
    from pptx.chart.data import CategoryChartData

    prs = Presentation()
    data = CategoryChartData()
    data.categories = ["a", "b", "c"]
    data.add_series("s", (1, 2, 3))
    prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_chart(XL_CHART_TYPE.RADAR_MARKERS, 0, 0, Inches(4), Inches(3), data)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def test_fix_chart_makes_axis_ids_unsigned_and_drops_radar_smoothing():
    from lxml import etree

    from ldpitch.deck.pptx.ooxml import FIRST_AXIS_ID, fix_chart

    with zipfile.ZipFile(io.BytesIO(raw_python_pptx_radar())) as z:
        root = etree.fromstring(z.read("ppt/charts/chart1.xml"))
    ns = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
    before = [(e.getparent().tag, e.get("val")) for e in root.iter(f"{{{ns['c']}}}axId")]
    fix_chart(root)
    ids = [e.get("val") for e in root.iter(f"{{{ns['c']}}}axId")]
    assert all(int(v) >= FIRST_AXIS_ID for v in ids)
    assert len(set(ids)) == len({v for _, v in before})  # the same axes, renumbered consistently
    crosses = {e.get("val") for e in root.iter(f"{{{ns['c']}}}crossAx")}
    assert crosses <= set(ids)
    assert not root.xpath(".//c:radarChart/c:ser/c:smooth", namespaces=ns)


def test_package_check_finds_what_raw_python_pptx_gets_wrong():
    problems = package_problems(raw_python_pptx_radar())
    assert any("c:smooth in a radar series" in p for p in problems)


def test_package_check_finds_a_missing_part_and_a_nan_value(sample_deck):
    with zipfile.ZipFile(io.BytesIO(sample_deck)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts.pop("ppt/charts/chart1.xml")
    name = "ppt/charts/chart2.xml"
    parts[name] = parts[name].replace(b"<c:v>4.2</c:v>", b"<c:v>NaN</c:v>", 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for n, blob in parts.items():
            z.writestr(n, blob)
    problems = package_problems(out.getvalue())
    assert any("missing part ppt/charts/chart1.xml" in p for p in problems)
    assert any("'NaN' is not finite" in p for p in problems)


# --- branding and templates ------------------------------------------------------------------


def test_brand_font_is_applied_to_text_and_charts():
    data = write_deck([SlideSpec("x", "Title", bullets=("a",), chart=sample_charts()["bar"])], Branding(font="Arial"))
    prs = reopen(data)
    slide = prs.slides[0]
    assert slide.shapes.title.text_frame.paragraphs[0].runs[0].font.name == "Arial"
    assert charts_of(prs)[0].chart.font.name == "Arial"


def test_default_font_leaves_the_theme_font_in_charge():
    slide = reopen(write_deck([SlideSpec("x", "Title", bullets=("a",))])).slides[0]
    assert slide.shapes.title.text_frame.paragraphs[0].runs[0].font.name is None


def org_template() -> bytes:
    """The default template made an organisation's: Arial theme font, two slides and a section list."""
    prs = Presentation(str(ROOT / "templates" / "default.pptx"))
    for text in ("Old slide one", "Old slide two"):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = text
    sections = (
        '<p:extLst xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
        '<p:ext uri="{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"><p14:sectionLst xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main">'
        '<p14:section name="Old" id="{11111111-2222-3333-4444-555555555555}"><p14:sldIdLst><p14:sldId id="256"/></p14:sldIdLst></p14:section>'
        "</p14:sectionLst></p:ext></p:extLst>"
    )
    from lxml import etree

    prs.part._element.append(etree.fromstring(sections))
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def test_an_organisation_template_keeps_its_design_but_loses_its_slides_and_sections():
    template = load_template(org_template(), "brand.pptx")
    data = write_deck(sample_slides()[:4], Branding(template=template))
    assert check_deck(data) == []
    prs = reopen(data)
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert "Old slide one" not in titles and len(prs.slides) == 4
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert b"sectionLst" not in z.read("ppt/presentation.xml")


def test_a_template_that_passes_the_upload_check_but_cannot_be_drawn_on_falls_back_to_the_default():
    broken = org_template()
    with zipfile.ZipFile(io.BytesIO(broken)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["ppt/presentation.xml"].decode()
    start, end = xml.index("<p:sldMasterIdLst>"), xml.index("</p:sldMasterIdLst>") + len("</p:sldMasterIdLst>")
    parts["ppt/presentation.xml"] = (xml[:start] + xml[end:]).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, blob in parts.items():
            z.writestr(name, blob)
    template = load_template(out.getvalue(), "brand.pptx")
    assert template_problems(template)
    data = write_deck(sample_slides()[:3], Branding(template=template))
    assert check_deck(data, expected_slides=3) == []


def test_the_default_template_has_no_problems():
    assert template_problems((ROOT / "templates" / "default.pptx").read_bytes()) == []


# --- hostile text ------------------------------------------------------------------


hostile = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from(["\x00", "\x0b", "\x1f", "\u202e", "م", "😀", "\ufffe", "\uffff", "\n"]),
    max_size=300,
)
long_or_hostile = hostile | st.just("ب" * 10_000) | st.just(("word " * 2_000).strip())


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    title=long_or_hostile,
    bullet=long_or_hostile,
    label=hostile,
    notes=long_or_hostile,
    cell=long_or_hostile,
    kind=st.sampled_from(sorted(NATIVE)),
)
def test_hostile_text_never_breaks_the_deck(title, bullet, label, notes, cell, kind):
    values = (Decimal(3), Decimal(-2), None)
    spec = ChartSpec(
        kind,
        label,
        label,
        (label or "a", label + "b", label + "c"),
        (Series(label, values, "low"), Series(label + "2", values, "high")),
        points=(Point(label, Decimal(1), Decimal(2), Decimal(3), label), Point(label, Decimal(2), Decimal(1))),
        totals=(label + "c",),
        baseline=Decimal(1),
    )
    slides = [
        SlideSpec("title", title, subtitle=bullet, bullets=(label,), notes=notes),
        SlideSpec("x", title, subtitle=label, bullets=(bullet, label), metrics=(Metric(label, bullet),), chart=spec, notes=notes),
        SlideSpec("y", title, table=TableSpec((label, "B"), ((cell, label),) * 3), notes=notes),
    ]
    data = write_deck(slides, Branding(footer=bullet), title=title)
    assert check_deck(data, schema=False) == []


# --- LibreOffice ---------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_one_page_per_slide(sample_deck):
    out = OUTPUT / "pptx_writer"
    shutil.rmtree(out, ignore_errors=True)  # a previous run's extra pages would count as this deck's
    pdf = render_pdf(sample_deck, out, "sample")
    assert pdf_page_count(pdf) == len(reopen(sample_deck).slides)
    pngs = render_pngs(pdf, out, dpi=50)
    assert len(pngs) == len(reopen(sample_deck).slides)


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_a_deck_on_an_organisation_template():
    data = write_deck(sample_slides()[:5], Branding(template=org_template(), primary="#6A1B9A", accent="#00897B", font="Arial"))
    pdf = render_pdf(data, OUTPUT / "pptx_writer", "org-template")
    assert pdf_page_count(pdf) == 5
