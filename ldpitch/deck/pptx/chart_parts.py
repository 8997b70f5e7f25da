"""Chart styling shared by every kind: brand colours, axes, legends, markers and custom data labels.

Part of the python-pptx writer (python-pptx is imported only in
``ldpitch/deck/pptx_*.py``); ``pptx_charts`` draws each kind of chart with
these. Where python-pptx has no API (a white label background, where the
value axis crosses, transparency) the chart XML is written directly.
"""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.util import Pt

from ldpitch.charts import ChartSpec
from ldpitch.deck.branding import Palette, tint
from ldpitch.deck.chart_format import number
from ldpitch.pitch import clean_text

CHART_FONT_PT = 12
LABEL_FONT_PT = 11
GRID = "D9D9D9"


def clean(text: str) -> str:
    return clean_text(str(text), keep_newlines=False) or " "


def rgb(hex6: str) -> RGBColor:
    return RGBColor.from_string(hex6)


def series_colours(spec: ChartSpec, pal: Palette) -> list[str]:
    """Colours by role; a repeated colour gets lighter tints; "net" takes the brand colour when nothing else does."""
    roles = {s.role for s in spec.series}
    seen: dict[str, int] = {}
    colours = []
    for s in spec.series:
        base = pal.role(s.role)
        if s.role == "net" and not roles & {"benefit", "primary", "actual", "high"}:
            base = pal.primary
        n = seen.get(base, 0)
        seen[base] = n + 1
        colours.append(base if n == 0 else tint("#" + base, min(0.75, 0.35 * n)))
    return colours


def legend(chart, series_count: int) -> None:
    chart.has_legend = series_count > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(CHART_FONT_PT)


def value_axis(chart, spec: ChartSpec, code: str) -> None:
    axis = chart.value_axis
    axis.tick_labels.number_format = code
    axis.tick_labels.number_format_is_linked = False
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = rgb(GRID)
    axis.major_gridlines.format.line.width = Pt(0.75)
    axis.format.line.fill.background()
    if spec.value_range is not None:
        low, high = (number(v) for v in spec.value_range)
        if low is not None and high is not None and low < high:
            axis.minimum_scale, axis.maximum_scale = low, high
    if spec.y_title and spec.kind != "radar":
        axis_title(axis, spec.y_title)
    if spec.x_title and spec.kind not in ("radar",) and spec.kind not in ("scatter", "bubble"):
        axis_title(chart.category_axis, spec.x_title)


def axis_title(axis, text: str) -> None:
    axis.has_title = True
    frame = axis.axis_title.text_frame
    frame.text = clean(text)
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(CHART_FONT_PT)
            run.font.bold = False


def category_axis(chart, negative: bool, grey: str = "A6A6A6") -> None:
    axis = chart.category_axis
    axis.format.line.color.rgb = rgb(grey)
    axis.has_major_gridlines = False
    if negative:  # keep category names below the plot, not on the zero line
        axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW


def custom_label(point, text: str, position, *, bold: bool = False, colour: str | None = None, size: int = LABEL_FONT_PT) -> None:
    """A data label with its own text, formatted on the run (LibreOffice ignores the label's default font)."""
    label = point.data_label
    frame = label.text_frame
    frame.text = clean(text)
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            if colour:
                run.font.color.rgb = rgb(colour)
    label.position = position


def label_ground(label) -> None:
    """A white background behind a data label (``c:spPr`` goes after ``c:tx``/``c:numFmt`` in ``c:dLbl``)."""
    d_lbl = label._get_or_add_dLbl()
    sp_pr = d_lbl.find(qn("c:spPr"))
    if sp_pr is None:
        sp_pr = d_lbl.makeelement(qn("c:spPr"), {})
        anchor = next((d_lbl.find(qn(t)) for t in ("c:txPr", "c:dLblPos", "c:showLegendKey") if d_lbl.find(qn(t)) is not None), None)
        if anchor is None:
            d_lbl.append(sp_pr)
        else:
            anchor.addprevious(sp_pr)
    for child in list(sp_pr):
        sp_pr.remove(child)
    fill = sp_pr.makeelement(qn("a:solidFill"), {})
    fill.append(fill.makeelement(qn("a:srgbClr"), {"val": "FFFFFF"}))
    sp_pr.append(fill)


def first_category_on_top(chart) -> None:
    """Horizontal bars read top-down: reverse the categories and keep the value axis at the bottom.

    python-pptx has no setter for where the value axis crosses the category
    axis (``c:valAx/c:crosses``), so it is written directly.
    """
    chart.category_axis.reverse_order = True
    val_ax = chart._chartSpace.find(".//" + qn("c:valAx"))
    crosses = val_ax.find(qn("c:crosses"))
    if crosses is not None:
        crosses.set("val", "max")


def marker_style(marker, colour: str, style, size: int) -> None:
    marker.style = style
    marker.size = size
    marker.format.fill.solid()
    marker.format.fill.fore_color.rgb = rgb(colour)
    marker.format.line.color.rgb = rgb("FFFFFF")
    marker.format.line.width = Pt(1)


def alpha(fill, percent: int) -> None:
    """Make a solid fill partly transparent (``percent`` opaque) so overlapping bubbles stay visible."""
    colour = fill._xPr.find(".//" + qn("a:srgbClr"))
    if colour is not None:
        alpha = colour.makeelement(qn("a:alpha"), {"val": str(percent * 1000)})
        colour.append(alpha)


def category_label_skip(chart, skip: int) -> None:
    """Name only every ``skip``-th category (``c:tickLblSkip``, which python-pptx has no API for): a histogram's
    many narrow bands keep their labels on one line."""
    cat_ax = chart._chartSpace.find(".//" + qn("c:catAx"))
    if cat_ax is None or skip < 2:
        return
    found = cat_ax.find(qn("c:tickLblSkip"))
    if found is None:
        found = cat_ax.makeelement(qn("c:tickLblSkip"), {})
        after = next((cat_ax.find(qn(t)) for t in ("c:tickMarkSkip", "c:noMultiLvlLbl", "c:extLst") if cat_ax.find(qn(t)) is not None), None)
        if after is None:
            cat_ax.append(found)
        else:
            after.addprevious(found)
    found.set("val", str(skip))
    # LibreOffice names every category regardless: there, a smaller font on one line keeps "100%" whole.
    chart.category_axis.tick_labels.font.size = Pt(LABEL_FONT_PT - 1)
    body = cat_ax.find(qn("c:txPr")).find(qn("a:bodyPr"))
    body.set("wrap", "none")
