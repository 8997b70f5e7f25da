"""How long ``write_deck`` takes on a deck with every kind of slide, against bare python-pptx doing the same work.

The floor is python-pptx alone writing the same number of slides with the
same native charts (same data, no styling, no text fitting, no schema
fixes) and tables, timed in the same run and alternated with the writer so
a busy moment hits both alike. The figure is the ratio of the medians, and
the peak memory of one write (``tracemalloc``: Python's allocations, not lxml's own C buffers). The target is at most 2.5x
the floor: fitting text, per-point colours and labels, and the XML
post-processing should cost no more than python-pptx itself.

    .venv/bin/python bench/bench_deck_floor.py [--runs N] [--strict]

``--strict`` exits 1 when the ratio is over target (for CI); by default the
script only reports.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
TARGET_RATIO = 2.5


def floor_deck(slides) -> bytes:
    """python-pptx alone: the same slides, charts and tables, drawn plainly."""
    from pptx import Presentation
    from pptx.chart.data import BubbleChartData, CategoryChartData, XyChartData
    from pptx.enum.chart import XL_CHART_TYPE as T
    from pptx.util import Inches

    from ldpitch.deck.pptx.template import DEFAULT_TEMPLATE

    types = {"column": T.COLUMN_CLUSTERED, "bar": T.BAR_CLUSTERED, "line": T.LINE_MARKERS, "radar": T.RADAR_MARKERS,
             "waterfall": T.COLUMN_STACKED, "tornado": T.BAR_CLUSTERED}
    prs = Presentation(str(DEFAULT_TEMPLATE))
    layout = prs.slide_layouts[4]
    for spec in slides:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = spec.title
        box = slide.shapes.add_textbox(Inches(8), Inches(1.6), Inches(4.5), Inches(5))
        box.text_frame.text = "\n".join(spec.bullets)
        chart = spec.chart
        if chart is not None and chart.kind in types:
            data = CategoryChartData()
            data.categories = list(chart.categories)
            for s in chart.series:
                data.add_series(s.name, [None if v is None else float(v) for v in s.values])
            slide.shapes.add_chart(types[chart.kind], Inches(0.5), Inches(1.6), Inches(7), Inches(5), data)
        elif chart is not None:
            data = BubbleChartData() if chart.kind == "bubble" else XyChartData()
            series = data.add_series("Points")
            for p in chart.points:
                args = (float(p.x), float(p.y)) + ((float(p.size),) if chart.kind == "bubble" else ())
                series.add_data_point(*args)
            kind = T.BUBBLE if chart.kind == "bubble" else T.XY_SCATTER
            slide.shapes.add_chart(kind, Inches(0.5), Inches(1.6), Inches(7), Inches(5), data)
        if spec.table is not None:
            rows = spec.table.rows[:10]
            table = slide.shapes.add_table(len(rows) + 1, len(spec.table.columns), Inches(0.5), Inches(1.6), Inches(12), Inches(4)).table
            for c, text in enumerate(spec.table.columns):
                table.cell(0, c).text = text
            for r, row in enumerate(rows, start=1):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
        slide.notes_slide.notes_text_frame.text = spec.notes
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args()

    from deck_checks import sample_slides

    from ldpitch.deck.fit import paginate
    from ldpitch.deck.pptx.writer import write_deck

    slides = sample_slides()
    pages = paginate(slides)
    write_deck(slides), floor_deck(pages)  # warm up: imports, font metrics, template read
    writer, floor = [], []
    for _ in range(args.runs):
        writer.append(timed(lambda: write_deck(slides)))
        floor.append(timed(lambda: floor_deck(pages)))
    tracemalloc.start()
    write_deck(slides)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    ratio = statistics.median(writer) / statistics.median(floor)
    charts = sum(1 for s in pages if s.chart is not None)
    print(f"deck: {len(pages)} slides, {charts} native charts, {args.runs} runs")
    print(f"write_deck   median {statistics.median(writer) * 1000:7.1f} ms")
    print(f"python-pptx  median {statistics.median(floor) * 1000:7.1f} ms  (floor)")
    print(f"ratio        {ratio:.2f}x  (target <= {TARGET_RATIO}x)")
    print(f"peak memory  {peak / 1024 / 1024:.1f} MiB for one write")
    return 1 if args.strict and ratio > TARGET_RATIO else 0


if __name__ == "__main__":
    sys.exit(main())
