"""Text that fits: shortening with nothing lost, tables continued, capacities that agree with the geometry."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ldpitch.charts.spec import ChartSpec, Series
from ldpitch.deck import fit
from ldpitch.deck import layout as g
from ldpitch.deck.fit import CONTINUED, Fitter, paginate, shorten
from ldpitch.deck.measure import Measure, font_file
from ldpitch.deck.slides import Metric, SlideSpec, TableSpec

CHART = ChartSpec("column", "Costs", "Costs by year", ("Y1", "Y2"), (Series("Costs", (Decimal(1), Decimal(2)), "cost"),))
PROSE = "Coaching lifts win rates because reps practise real calls with feedback from their managers every week "


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Coaching pays back in seven months", 20, "Coaching pays back…"),
        ("short", 20, "short"),
        ("exactly ten", 11, "exactly ten"),
        ("Averyveryverylongwordwithoutspaces", 10, "Averyvery…"),
        ("Cut after a comma, then more", 19, "Cut after a comma…"),
    ],
)
def test_shorten_cuts_at_a_word_boundary_with_an_ellipsis(text, limit, expected):
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit


def test_long_table_continues_on_following_slides_with_the_header_repeated():
    rows = tuple((f"Cost line {i}", f"${i},000") for i in range(25))
    table = TableSpec(("Item", "Amount"), rows, ("left", "right"))
    out = paginate([SlideSpec("appendix", "Costs in detail", table=table, notes="Talk.")])
    assert [s.title for s in out] == ["Costs in detail", "Costs in detail" + CONTINUED]
    assert all(s.table.columns == ("Item", "Amount") and s.table.align == ("left", "right") for s in out)
    assert tuple(r for s in out for r in s.table.rows) == rows
    assert out[0].notes == "Talk." and all(s.notes for s in out[1:])


def _one_line_rows(n: int) -> tuple[tuple[str, ...], ...]:
    return tuple((f"Cost line {i}", "One-time", f"${i},000") for i in range(n))


def _room() -> int:
    """How many one-line rows the full-width table area holds (13 on the default slide)."""
    fitter = Fitter("Calibri", g.SLIDE_WIDTH_IN, g.SLIDE_HEIGHT_IN)
    table = TableSpec(("Cost line", "Cadence", "Amount"), _one_line_rows(40))
    return fitter.rows_that_fit(table, table.rows, g.regions(SlideSpec("x", "T", table=table)).visual)


def test_a_table_that_fits_its_area_stays_on_one_slide():
    """Use the room: the rows are measured, there is no fixed cap (12 rows used to leave 2 on a slide of their own)."""
    assert _room() >= 12
    rows = _one_line_rows(_room())
    out = paginate([SlideSpec("measurement", "We will measure", table=TableSpec(("Cost line", "Cadence", "Amount"), rows))])
    assert len(out) == 1 and out[0].table.rows == rows


@pytest.mark.parametrize("extra", [1, 2, 5])
def test_a_table_that_does_not_fit_is_shared_evenly_over_the_fewest_slides(extra):
    """Balance the split: 18 rows with room for 13 go 9 + 9, never 13 + 5 (nor the old 10 + 8)."""
    n = _room() + extra
    out = paginate([SlideSpec("cost_detail", "Every cost", table=TableSpec(("Cost line", "Cadence", "Amount"), _one_line_rows(n)))])
    assert [len(s.table.rows) for s in out] == [(n + 1) // 2, n // 2]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.tuples(st.text(max_size=120), st.sampled_from(["$1", "a longer cell " * 6])), min_size=1, max_size=60),
       bullets=st.booleans())
def test_no_continuation_slide_carries_a_scrap_of_its_table(rows, bullets):
    """A table takes the fewest slides the room allows, and no continuation slide holds fewer than a third of its rows
    (of a table over two or three slides; a longer one shares them as evenly as the room allows)."""
    slide = SlideSpec("x", "T", bullets=("A point",) if bullets else (), table=TableSpec(("A", "B"), tuple(rows)))
    out = paginate([slide])
    counts = [len(s.table.rows) for s in out]
    assert sum(counts) == len(rows)
    if len(out) in (2, 3):
        assert min(counts[1:]) >= len(rows) // 3, counts


def test_rows_that_wrap_leave_fewer_rows_on_a_slide():
    wordy = tuple((f"Item {i}: " + "a description that wraps onto several lines " * 2, "$1") for i in range(12))
    out = paginate([SlideSpec("appendix", "Detail", table=TableSpec(("Item", "Amount"), wordy, widths=(1, 4)))])
    assert len(out) >= 2
    assert max(len(s.table.rows) for s in out) < _room()


def test_table_beside_bullets_gets_its_rows_measured_in_the_narrower_area():
    rows = tuple((f"Line {i}", "Description of the line that is fairly long", "$1,000") for i in range(10))
    alone = paginate([SlideSpec("x", "T", table=TableSpec(("A", "B", "C"), rows))])
    beside = paginate([SlideSpec("x", "T", table=TableSpec(("A", "B", "C"), rows), bullets=("A point",))])
    assert len(beside[0].table.rows) <= len(alone[0].table.rows)


def test_over_long_title_is_shortened_and_the_full_text_kept_in_the_notes():
    title = "Coaching pays back in seven months " * 10
    [out] = paginate([SlideSpec("roi", title, notes="Say it.")])
    assert out.title.endswith(fit.ELLIPSIS) and len(out.title) <= fit.TITLE_MAX_CHARS
    assert out.notes.startswith("Say it.") and title.strip() in out.notes


def test_over_long_bullet_is_shortened_and_kept_in_full_in_the_notes():
    bullet = PROSE * 5
    [out] = paginate([SlideSpec("problem", "Title", bullets=(bullet, "Short point"))])
    assert len(out.bullets[0]) <= fit.BULLET_MAX_CHARS and out.bullets[1] == "Short point"
    assert bullet.strip() in out.notes


def test_bullets_beyond_the_maximum_move_to_the_notes():
    bullets = tuple(f"Point {i}" for i in range(fit.MAX_BULLETS + 3))
    [out] = paginate([SlideSpec("problem", "Title", bullets=bullets)])
    assert out.bullets == bullets[: fit.MAX_BULLETS]
    assert all(b in out.notes for b in bullets[fit.MAX_BULLETS :])


def test_bullets_that_do_not_fit_beside_metrics_and_a_chart_move_to_the_notes():
    bullets = tuple(PROSE[:150] for _ in range(fit.MAX_BULLETS))
    metrics = tuple(Metric(f"M{i}", "$1.2M") for i in range(4))
    [out] = paginate([SlideSpec("roi", "Title", bullets=bullets, metrics=metrics, chart=CHART)])
    assert 1 <= len(out.bullets) < len(bullets)
    assert "Shortened on the slide" in out.notes


def test_extra_metrics_move_to_the_notes():
    metrics = tuple(Metric(f"Figure {i}", f"{i}%") for i in range(6))
    [out] = paginate([SlideSpec("ask", "Title", metrics=metrics)])
    assert out.metrics == metrics[: fit.MAX_METRICS]
    assert "Figure 5: 5%" in out.notes


def test_a_slide_with_both_chart_and_table_puts_the_table_on_the_next_slide():
    table = TableSpec(("A", "B"), (("1", "2"),))
    out = paginate([SlideSpec("budget", "Budget", chart=CHART, table=table)])
    assert [(s.chart is not None, s.table is not None) for s in out] == [(True, False), (False, True)]
    assert out[1].title == "Budget" + CONTINUED


def test_long_chart_labels_are_shortened_consistently_with_totals_and_marker():
    long_a, long_b = "Counted benefits from fewer errors on the line " * 2, "Counted benefits from fewer errors on the line, again"
    chart = ChartSpec(
        "waterfall", "W", "alt", (long_a, long_b, "Net"), (Series("s", (Decimal(5), Decimal(-2), None)),), totals=(long_a, "Net"), marker_at=long_b
    )
    [out] = paginate([SlideSpec("roi", "Title", chart=chart)])
    a, b, _ = out.chart.categories
    assert a != b and all(len(c) <= fit.CHART_LABEL_MAX_CHARS for c in out.chart.categories)
    assert out.chart.totals == (a, "Net") and out.chart.marker_at == b
    assert long_a in out.notes


def test_cover_slide_joins_its_presenter_line_and_keeps_its_section():
    [out] = paginate([SlideSpec("title", "Sales coaching", subtitle="For the COO", bullets=("L&D", "May 2026"))])
    assert out.section == "title" and out.bullets == ("L&D · May 2026",)


def test_capacities_fit_the_full_width_text_area_at_the_smallest_size():
    fitter = Fitter("Calibri", g.SLIDE_WIDTH_IN, g.SLIDE_HEIGHT_IN)
    bullets = [(PROSE * 3)[: fit.BULLET_MAX_CHARS] for _ in range(fit.MAX_BULLETS)]
    box = g.regions(SlideSpec("x", "T", bullets=tuple(bullets))).bullets
    assert fitter.bullets_fit(bullets, box)
    title = (PROSE * 2)[: fit.TITLE_MAX_CHARS]
    t = g.regions(SlideSpec("x", "T")).title
    assert Measure("Calibri", bold=True).best_size([title], t.inner_width_pt, t.inner_height_pt, g.TITLE_MAX_PT, g.TITLE_MIN_PT, max_lines=2)


def test_table_capacity_fits_the_table_area():
    fitter = Fitter("Calibri", g.SLIDE_WIDTH_IN, g.SLIDE_HEIGHT_IN)
    spec = SlideSpec("x", "T", table=TableSpec(("A", "B", "C"), ()))
    box = g.regions(spec).visual
    rows = [("Cost line", "One-time", "$1,000")] * 40
    room = fitter.rows_that_fit(spec.table, rows, box)
    # header and rows at their minimum height fill the area, and one more row would not fit
    assert (room + 1) * g.TABLE_ROW_MIN_IN <= box.height < (room + 2) * g.TABLE_ROW_MIN_IN


def test_metrics_sit_above_bullets_and_a_visual_takes_the_left_sixty_percent():
    r = g.regions(SlideSpec("x", "T", bullets=("a",), metrics=(Metric("ROI", "212%"),), chart=CHART))
    content = g.SLIDE_WIDTH_IN - 2 * g.MARGIN_X_IN
    assert r.visual.width == pytest.approx((content - g.GUTTER_IN) * g.VISUAL_SHARE)
    assert r.metrics[0].left > r.visual.left + r.visual.width
    assert r.bullets.top >= r.metrics[0].top + r.metrics[0].height


def test_a_font_file_is_found_for_calibri_on_this_machine():
    path = font_file("Calibri")
    assert path is not None and path.lower().endswith((".ttf", ".otf"))


hostile = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from(["\x00", "\x0b", "\u202e", "م", "😀", "\ufffe", " "]),
    max_size=400,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=hostile,
    bullets=st.lists(hostile | st.just("x" * 10_000), max_size=9),
    rows=st.lists(st.tuples(hostile, hostile), max_size=30),
    with_chart=st.booleans(),
)
def test_paginate_is_idempotent_and_its_output_fits(title, bullets, rows, with_chart):
    slide = SlideSpec(
        "x", title, bullets=tuple(bullets), table=TableSpec(("A", "B"), tuple(rows)) if rows else None, chart=CHART if with_chart else None
    )
    once = paginate([slide])
    assert paginate(once) == once
    fitter = Fitter("Calibri", g.SLIDE_WIDTH_IN, g.SLIDE_HEIGHT_IN)
    for s in once:
        assert len(s.title) <= fit.TITLE_MAX_CHARS and len(s.bullets) <= fit.MAX_BULLETS
        box = g.regions(s).bullets
        if s.bullets:
            assert fitter.bullets_fit(s.bullets, box)
    if rows:
        assert sum(len(s.table.rows) for s in once if s.table) == len(rows)
