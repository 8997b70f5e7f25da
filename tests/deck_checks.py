"""Reusable checks of a written deck, for every test that makes one (writer, outline, examples).

- :func:`check_deck` reopens the bytes with python-pptx and lists problems: slide
  count, native charts, notes, alt text, empty placeholders, NaN, text outside
  the slide, plus the package checks of ``ldpitch.deck.pptx.ooxml`` and, when the
  ``openxml-audit`` package is installed, the Open XML SDK's schema and
  semantic validation (the same rules PowerPoint's repair logic follows);
- :func:`render_pdf`, :func:`pdf_page_count`, :func:`render_pngs` render with
  LibreOffice and poppler;
- :func:`sample_slides` is a deck with every kind of slide and chart.
"""

from __future__ import annotations

import io
import math
import os
import re
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

from ldpitch.charts.spec import ChartSpec, Point, Series
from ldpitch.deck.pptx.ooxml import package_problems
from ldpitch.deck.slides import Metric, SlideSpec, TableSpec

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "test-output"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def check_deck(pptx_bytes: bytes, *, expected_slides: int | None = None, schema: bool = True) -> list[str]:
    """Problems with a deck, one line each; empty when it is sound."""
    from pptx import Presentation
    from pptx.util import Emu

    problems = list(package_problems(pptx_bytes))
    prs = Presentation(io.BytesIO(pptx_bytes))
    slides = list(prs.slides)
    if expected_slides is not None and len(slides) != expected_slides:
        problems.append(f"{len(slides)} slides, expected {expected_slides}")
    width, height = prs.slide_width, prs.slide_height
    for n, slide in enumerate(slides, start=1):
        where = f"slide {n}"
        if not slide.has_notes_slide or not (slide.notes_slide.notes_text_frame and slide.notes_slide.notes_text_frame.text.strip()):
            problems.append(f"{where}: no speaker notes")
        if slide.shapes.title is None and not any(s.name == "Title" for s in slide.shapes):
            problems.append(f"{where}: no title")
        for shape in slide.shapes:
            problems += [f"{where}: {p}" for p in _shape_problems(shape, width, height, Emu)]
    if schema:
        problems += schema_problems(pptx_bytes)
    return problems


def _shape_problems(shape, width, height, Emu) -> list[str]:
    out = []
    name = shape.name
    if shape.is_placeholder and not (shape.has_text_frame and shape.text_frame.text.strip()):
        out.append(f"empty placeholder {name!r}")
    left, top, w, h = shape.left, shape.top, shape.width, shape.height
    if None not in (left, top, w, h) and not (left >= 0 and top >= 0 and left + w <= width + Emu(1000) and top + h <= height + Emu(1000)):
        out.append(f"{name!r} reaches outside the slide")
    descr = shape._element.xpath("./*[1]/p:cNvPr/@descr")
    if getattr(shape, "has_chart", False) and shape.has_chart:
        if not (descr and descr[0].strip()):
            out.append(f"chart {name!r} has no alt text")
        for plot in shape.chart.plots:
            for series in plot.series:
                values = series.values
                if any(v is not None and isinstance(v, float) and not math.isfinite(v) for v in values):
                    out.append(f"chart {name!r} series {series.name!r} has NaN or infinite values")
    if shape.shape_type is not None and shape.shape_type == 13 and not (descr and descr[0].strip()):  # MSO_SHAPE_TYPE.PICTURE
        out.append(f"picture {name!r} has no alt text")
    return out


def schema_problems(pptx_bytes: bytes, max_errors: int = 50) -> list[str]:
    """The Open XML SDK's schema and semantic findings (via ``openxml-audit``), or a note that it is missing."""
    try:
        from openxml_audit import OpenXmlValidator
    except ImportError:
        return ["openxml-audit is not installed: schema validation did not run (pip install -r requirements-dev.txt)"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "deck.pptx"
        path.write_bytes(pptx_bytes)
        result = OpenXmlValidator(max_errors=max_errors).validate(path)
    return [f"schema: {e.part_uri} {e.path} {e.description}" for e in result.errors]


# --- a native chart says what it plots ----------------------------------------------------------


def chart_disagreements(spec: ChartSpec, chart) -> list[str]:
    """Where a native chart (python-pptx) plots something other than its description says: the values plotted
    must be the spec's values and the axis titles the spec's titles, so an axis reads what it shows (a tornado
    plots the outcomes from its baseline, not changes under an "ROI" title)."""
    from ldpitch.deck.chart_format import number

    out = []
    if spec.kind in ("column", "bar", "line", "tornado") and spec.categories:
        series = spec.series[:2] if spec.kind == "tornado" else spec.series
        plotted = list(chart.plots[0].series)
        if len(plotted) != len(series):
            out.append(f"{spec.title!r}: {len(plotted)} series plotted, {len(series)} described")
        for s, ser in zip(series, plotted, strict=False):
            want = [number(v) for v in s.values]
            got = list(ser.values)
            if len(got) != len(want) or any((a is None) != (b is None) or (a is not None and abs(a - b) > 1e-6) for a, b in zip(got, want, strict=False)):
                out.append(f"{spec.title!r}: series {s.name!r} plots {got}, not the described {want}")
    titles = {} if spec.kind == "radar" else {"value": spec.y_title, "category": spec.x_title}
    for which, want in titles.items():
        axis = chart.value_axis if which == "value" else chart.category_axis
        got = axis.axis_title.text_frame.text if axis.has_title else ""
        if want and got != want:
            out.append(f"{spec.title!r}: the {which} axis is titled {got!r}, not {want!r}")
    if spec.kind == "tornado" and spec.baseline is not None:
        crosses = chart._chartSpace.xpath(".//c:catAx/c:crossesAt/@val")
        if not crosses or abs(float(crosses[0]) - float(spec.baseline)) > 1e-6:
            out.append(f"{spec.title!r}: the bars do not start at the baseline {spec.baseline} (crossesAt {crosses})")
    return out


# --- tables continued on following slides -------------------------------------------------------


def table_scraps(slides) -> list[str]:
    """Continued tables that leave a scrap on a slide: a continuation slide holding fewer than a third of its
    table's rows (for a table over two or three slides; a longer one may share its rows more thinly).

    ``slides`` are slide descriptions as the writer draws them (``fitted``): a continuation's title ends " (continued)".
    """
    problems, runs = [], []
    for n, s in enumerate(slides, start=1):
        if s.table is not None and s.title.endswith(" (continued)") and runs and runs[-1][-1][0] == n - 1:
            runs[-1].append((n, len(s.table.rows)))
        elif s.table is not None:
            runs.append([(n, len(s.table.rows))])
    for run in runs:
        total = sum(count for _, count in run)
        if 2 <= len(run) <= 3:
            problems += [f"slide {n}: a scrap of a {total}-row table ({count} rows continued on their own)"
                         for n, count in run[1:] if count < total // 3]
    return problems


# --- data labels: where they land, from the chart's data and the width of their text ------------

#: The plot area inside a chart frame (inches), as LibreOffice lays out the deck's charts (measured on a
#: rendered stakeholder map: 0.82 in left for the tick labels and axis title, 0.8 in right, 0.18 in top,
#: 0.7 in below for tick labels and the axis title, and 0.45 in more for a legend). PowerPoint's plot area
#: is a little larger, so labels measured against this one are, if anything, too close rather than too far.
PLOT_INSET_IN = (0.82, 0.8, 0.18, 0.7)
LEGEND_IN = 0.45
#: A scatter marker's radius and the gap before its label (points).
MARKER_RADIUS_PT, LABEL_GAP_PT = 6.0, 3.0


def _plot_area(spec: ChartSpec, width_in: float, height_in: float, legend: bool) -> tuple[float, float, float, float]:
    """The plot area (left, top, width, height) in points, inside a chart frame of ``width_in`` x ``height_in``."""
    left, right, top, bottom = PLOT_INSET_IN
    if spec.kind in ("bar", "tornado"):  # category names on the left
        from ldpitch.deck.measure import Measure

        longest = max((Measure("Calibri").width_pt(c, 12) / 72 for c in spec.categories), default=0.0)
        left = max(left, min(longest + 0.2, width_in * 0.45))
    bottom += LEGEND_IN if legend else 0.0
    return left * 72, top * 72, (width_in - left - right) * 72, (height_in - top - bottom) * 72


def label_boxes(spec: ChartSpec, width_in: float, height_in: float, font: str = "Calibri") -> tuple[list, list]:
    """Where a chart's data labels and markers land: ``(labels, markers)``, each ``(text, x0, y0, x1, y1)`` in points
    from the frame's top-left, for the kinds whose labels sit beside their data (scatter, bubble, column, bar, tornado)."""
    from ldpitch.deck.chart_format import label_text, number
    from ldpitch.deck.measure import LINE_HEIGHT, Measure
    from ldpitch.deck.pptx.chart_parts import LABEL_FONT_PT

    m = Measure(font)
    high = LABEL_FONT_PT * LINE_HEIGHT

    def box(text: str, x: float, y: float, side: str) -> tuple:
        w = m.width_pt(text, LABEL_FONT_PT) + 2
        if side == "right":
            return (text, x + LABEL_GAP_PT, y - high / 2, x + LABEL_GAP_PT + w, y + high / 2)
        if side == "left":
            return (text, x - LABEL_GAP_PT - w, y - high / 2, x - LABEL_GAP_PT, y + high / 2)
        if side == "above":
            return (text, x - w / 2, y - LABEL_GAP_PT - high, x + w / 2, y - LABEL_GAP_PT)
        return (text, x - w / 2, y + LABEL_GAP_PT, x + w / 2, y + LABEL_GAP_PT + high)

    labels, markers = [], []
    if spec.kind in ("scatter", "bubble"):
        points = [p for p in spec.points if number(p.x) is not None and number(p.y) is not None]
        if not points:
            return [], []
        xs, ys = [number(p.x) for p in points], [number(p.y) for p in points]
        x0, x1 = (number(v) for v in spec.x_range) if spec.x_range else (min(xs), max(xs))
        y0, y1 = (number(v) for v in spec.value_range) if spec.value_range else (min(ys), max(ys))
        left, top, w, h = _plot_area(spec, width_in, height_in, len({p.group for p in points}) > 1)
        for p, x, y in zip(points, xs, ys, strict=True):
            px, py = left + (x - x0) / ((x1 - x0) or 1) * w, top + (1 - (y - y0) / ((y1 - y0) or 1)) * h
            markers.append((p.label, px - MARKER_RADIUS_PT, py - MARKER_RADIUS_PT, px + MARKER_RADIUS_PT, py + MARKER_RADIUS_PT))
            if p.label:
                side = getattr(p, "label_side", "right")
                labels.append(box(p.label, px + (MARKER_RADIUS_PT if side == "right" else -MARKER_RADIUS_PT if side == "left" else 0),
                                  py + (MARKER_RADIUS_PT if side == "below" else -MARKER_RADIUS_PT if side == "above" else 0), side))
        return labels, markers
    if spec.kind not in ("column", "bar", "tornado") or not spec.categories or not spec.series:
        return [], []
    if spec.kind == "column" and spec.extra.get("percentiles"):  # a histogram: only its p10, p50 and p90 columns are named
        from ldpitch.charts import percentile_marks

        counts = [number(v) or 0.0 for v in spec.series[0].values]
        left, top, w, h = _plot_area(spec, width_in, height_in, False)
        slot, v1 = w / len(spec.categories), max(counts) * 1.1 or 1.0
        for band, text in percentile_marks(spec):
            i = spec.categories.index(band)
            labels.append(box(text, left + i * slot + slot / 2, top + (1 - counts[i] / v1) * h, "above"))
        return labels, markers
    series = spec.series[:2] if spec.kind == "tornado" else spec.series
    grid = [[number(v) for v in s.values] for s in series]
    found = [v for vals in grid for v in vals if v is not None]
    if not found or (spec.kind != "tornado" and len(spec.categories) * len(series) > 16):  # the writer labels at most 16 bars
        return [], []
    base = (number(spec.baseline) or 0.0) if spec.kind == "tornado" else 0.0
    if spec.value_range is not None and spec.kind != "tornado":
        v0, v1 = (number(v) for v in spec.value_range)
    else:  # the writer's tornado axis, or an automatic one from zero
        reach = max(abs(v - base) for v in found) or 1.0
        pad = 0.35 if spec.kind == "tornado" else 0.1
        v0, v1 = min([*found, base]) - reach * pad, max([*found, base]) + reach * pad
    left, top, w, h = _plot_area(spec, width_in, height_in, len(series) > 1)
    n = len(spec.categories)
    slot = (h if spec.kind in ("bar", "tornado") else w) / n
    clustered = 1 if spec.kind == "tornado" else len(series)
    bar = slot / (clustered + 0.6 + 0.1 * (clustered - 1))
    for j, vals in enumerate(grid):
        for i, v in enumerate(vals):
            if v is None:
                continue
            text = label_text(spec, v)
            centre = i * slot + slot / 2 + ((j - (clustered - 1) / 2) * bar * 1.1 if clustered > 1 else 0.0)
            if spec.kind == "column":
                y = top + (1 - (v - v0) / ((v1 - v0) or 1)) * h
                labels.append(box(text, left + centre, y if v >= base else y + LABEL_GAP_PT * 2 + high, "above"))
            else:
                x = left + (v - v0) / ((v1 - v0) or 1) * w
                labels.append(box(text, x, top + centre, "right" if v >= base else "left"))
    return labels, markers


def label_overlaps(spec: ChartSpec, width_in: float, height_in: float, font: str = "Calibri") -> list[str]:
    """Data labels printed over each other, or over another point's marker, in a chart frame of the given size."""
    labels, markers = label_boxes(spec, width_in, height_in, font)

    def meet(a, b, slack: float = 0.5) -> bool:
        return a[1] < b[3] - slack and b[1] < a[3] - slack and a[2] < b[4] - slack and b[2] < a[4] - slack

    problems = [f"labels {a[0]!r} and {b[0]!r} overlap" for i, a in enumerate(labels) for b in labels[i + 1:] if meet(a, b)]
    problems += [f"label {a[0]!r} covers the point of {mk[0] or 'another point'!r}" for a in labels for mk in markers
                 if mk[0] != a[0] and meet(a, mk)]
    return problems


# --- rendering --------------------------------------------------------------------


def render_pdf(pptx_bytes: bytes, outdir: Path | str, name: str = "deck") -> Path:
    """Convert the deck to PDF with LibreOffice (its own profile, so runs can overlap); returns the PDF path."""
    if SOFFICE is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    source = outdir / f"{name}.pptx"
    source.write_bytes(pptx_bytes)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(outdir), str(source)],
            check=True,
            capture_output=True,
            timeout=180,
            env={**os.environ, "HOME": profile},
        )
    pdf = outdir / f"{name}.pdf"
    if not pdf.is_file():
        raise RuntimeError(f"LibreOffice did not convert {source}")
    return pdf


def pdf_page_count(pdf: Path | str) -> int:
    """Pages in a PDF (poppler's pdfinfo when present, else counting page objects)."""
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", Path(pdf).read_bytes()))


def render_pngs(pdf: Path | str, outdir: Path | str, prefix: str = "slide", dpi: int = 60) -> list[Path]:
    """One PNG per page with poppler's pdftoppm."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(outdir / prefix)], check=True, capture_output=True, timeout=120)
    return sorted(outdir.glob(f"{prefix}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


# --- a deck with everything -----------------------------------------------------------


def D(x) -> Decimal:
    return Decimal(str(x))


def sample_charts() -> dict[str, ChartSpec]:
    """One realistic chart of every kind."""
    months = tuple(f"M{i}" for i in range(0, 13))
    cumulative = tuple(D(-120000 + 21000 * i) for i in range(13))
    return {
        "column": ChartSpec(
            "column",
            "Costs and benefits by year",
            "Column chart: costs and counted benefits for years 1 to 3; benefits exceed costs from year 1.",
            ("Year 1", "Year 2", "Year 3"),
            (Series("Costs", (D(120000), D(40000), D(40000)), "cost"), Series("Benefits", (D(180000), D(210000), D(220000)), "benefit")),
        ),
        "bar": ChartSpec(
            "bar",
            "Options by weighted score",
            "Bar chart of option scores: coaching 4.2, e-learning 3.6, mentoring 3.1, do nothing 1.4.",
            ("Coaching programme", "E-learning", "Mentoring", "Do nothing"),
            (Series("Weighted score", (D("4.2"), D("3.6"), D("3.1"), D("1.4"))),),
            value_format="score",
            value_range=(D(0), D(5)),
        ),
        "line": ChartSpec(
            "line",
            "Cumulative net benefit",
            "Line chart of cumulative net benefit by month; it crosses zero in month 6 (payback).",
            months,
            (Series("Cumulative net", cumulative, "net"),),
            marker_at="M6",
            y_title="Cumulative net benefit",
        ),
        "radar": ChartSpec(
            "radar",
            "Readiness (RADAR)",
            "Radar chart of readiness scores out of 5: resistance 2, apathy 3, disruption 2, application 4, results 4.",
            ("Resistance", "Apathy", "Disruptions", "Application", "Results"),
            (Series("Today", (D(2), D(3), D(2), D(4), D(4))), Series("Target", (D(4), D(4), D(4), D(5), D(5)), "target")),
            value_format="score",
            value_range=(D(0), D(5)),
        ),
        "scatter": ChartSpec(
            "scatter",
            "Stakeholders by influence and interest",
            "Scatter of stakeholders: the COO has high influence and interest; the CFO high influence, medium interest.",
            points=(
                Point("COO", D("4.5"), D("4.6"), group="Decision makers"),
                Point("CFO", D("4.8"), D("3.0"), group="Decision makers"),
                Point("HR partner", D("2.5"), D("4.2"), group="Influencers"),
                Point("Team leads", D("2.0"), D("2.4"), group="Influencers"),
            ),
            value_format="score",
            x_title="Influence",
            y_title="Interest",
            x_range=(D(0), D(5)),
            value_range=(D(0), D(5)),
        ),
        "bubble": ChartSpec(
            "bubble",
            "Options: cost against benefit",
            "Bubble chart of options by cost and benefit; bubble size is the number of learners.",
            points=(
                Point("Coaching", D(90000), D(260000), D(120)),
                Point("E-learning", D(40000), D(120000), D(400)),
                Point("Mentoring", D(60000), D(110000), D(40)),
            ),
            x_title="Cost",
            y_title="Benefit",
        ),
        "waterfall": ChartSpec(
            "waterfall",
            "From benefits to net return",
            "Waterfall: counted benefits of $250K less delivery $180K and learner time $120K leave a net of minus $50K.",
            ("Counted benefits", "Delivery", "Learner time", "Licences", "Net return"),
            (Series("Steps", (D(250000), D(-180000), D(-120000), D(30000), None)),),
            totals=("Counted benefits", "Net return"),
        ),
        "tornado": ChartSpec(
            "tornado",
            "What moves ROI most",
            "Tornado chart of ROI sensitivity: attribution moves ROI most, then adoption, then hourly rate.",
            ("Attribution", "Adoption rate", "Loaded hourly rate", "Course length"),
            (Series("Low input", (D(40), D(80), D(120), D(150)), "low"), Series("High input", (D(310), D(260), D(220), D(180)), "high")),
            value_format="percent",
            baseline=D(170),
        ),
    }


def sample_slides() -> list[SlideSpec]:
    """A deck with every kind of slide and chart, a long table and a two-line title."""
    charts = sample_charts()
    rows = tuple((f"Cost line {i}", "One-time" if i % 3 else "Recurring", f"${1000 * i:,}") for i in range(1, 24))
    slides = [
        SlideSpec("title", "Sales coaching: a business case", subtitle="For the Chief Operating Officer", bullets=("Prepared by L&D", "May 2026"), notes="Open with the ask."),
        SlideSpec(
            "ask",
            "We ask for $120K to lift win rates by 4 points; coaching pays back in 6 months",
            metrics=(Metric("ROI", "212%"), Metric("Payback", "6 months"), Metric("Net benefit", "$254K"), Metric("BCR", "3.1:1")),
            bullets=("Approve $120K for a 12-week coaching programme", "Start with two regions in Q3", "Review results at 6 months"),
            notes="The ask first.",
        ),
        SlideSpec("problem", "Win rates fell 6 points in a year while the sales cycle grew by 3 weeks", bullets=tuple(f"Pain point {i}: a sentence that explains it in the audience's words" for i in range(1, 6)), notes="Their pain."),
    ]
    for kind, chart in charts.items():
        slides.append(SlideSpec(kind, f"{chart.title}: the takeaway in one sentence", chart=chart, bullets=("First point about the chart", "Second point, a bit longer so it wraps onto a second line in the side panel"), notes=f"Talk about the {kind} chart."))
    slides.append(SlideSpec("roi", "Benefits exceed costs in every year", chart=charts["column"], notes="Chart alone."))
    slides.append(SlideSpec("appendix", "Every cost line, fully loaded", table=TableSpec(("Cost line", "Type", "Amount"), rows, ("left", "left", "right"), (3, 1.2, 1)), notes="Appendix table."))
    slides.append(
        SlideSpec(
            "options",
            "Coaching scores best on the criteria leaders weighted",
            table=TableSpec(("Option", "Cost", "Score"), (("Coaching", "$90,000", "4.2"), ("E-learning", "$40,000", "3.6"), ("Do nothing", "$0", "1.4"))),
            bullets=("Coaching wins on application and results", "Do nothing keeps the decline"),
            notes="Options.",
        )
    )
    return slides


def assert_slides_read_well(slides, is_action_title) -> None:
    """Slide descriptions a presenter can use: an action title (by the deck's own verb test) that fits, a body,
    60-200 words of notes, and no template syntax or unformatted value anywhere."""
    import re

    for s in slides:
        assert is_action_title(s.title), (s.section, s.title)
        assert len(s.title) <= 90, s.title
        assert s.section == "title" or s.bullets or s.metrics or s.chart or s.table, f"empty slide {s.section}"
        words = len(s.notes.split())
        assert 60 <= words <= 200, (s.section, words, s.notes)
        for text in (s.title, s.subtitle, s.notes, *s.bullets, *(m.value for m in s.metrics), *(m.label for m in s.metrics)):
            assert "{{" not in text and "{%" not in text
            assert not re.search(r"\b(nan|NaN|None|inf|Infinity|Undefined)\b", text), (s.section, text)
