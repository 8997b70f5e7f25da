"""Text that fits its slide: capacities, shortening with nothing lost, and tables continued on the next slide.

Pure (no python-pptx). :func:`paginate` turns slide descriptions into ones
the writer can draw without overflow: titles and bullets that are too long
are cut at a word boundary with an ellipsis and their full text goes to the
speaker notes; bullets beyond what the box holds move to the notes; a table
too long for its area continues on following slides with " (continued)"
after the title and the header row repeated. The capacities below agree
with the writer's geometry (``layout``) and font sizes, and the measured
checks use the same font metrics (``measure``) as the writer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ldpitch.charts import ChartSpec
from ldpitch.deck import layout as g
from ldpitch.deck.measure import LINE_HEIGHT, Measure
from ldpitch.deck.slides import Metric, SlideSpec, TableSpec
from ldpitch.pitch import clean_text

#: An action title: two lines at the smallest title size, leaving room for " (continued)".
TITLE_MAX_CHARS = 120
#: The subtitle line under a content slide's title (one line at 16 pt).
SUBTITLE_MAX_CHARS = 110
#: One bullet: three lines beside a chart at the smallest body size.
BULLET_MAX_CHARS = 160
#: Bullets on one slide; more go to the speaker notes.
MAX_BULLETS = 6
#: Metric tiles on one slide; more go to the speaker notes.
MAX_METRICS = 4
METRIC_VALUE_MAX_CHARS = 14
METRIC_LABEL_MAX_CHARS = 40
TABLE_CELL_MAX_CHARS = 80
#: Chart category, series and point labels.
CHART_LABEL_MAX_CHARS = 40
#: The title slide.
COVER_TITLE_MAX_CHARS = 100
COVER_SUBTITLE_MAX_CHARS = 160
PRESENTER_MAX_CHARS = 120

CONTINUED = " (continued)"
ELLIPSIS = "…"
_FULL_TEXT_HEADING = "Shortened on the slide; the full text:"


def shorten(text: str, max_chars: int) -> str:
    """``text`` cut to at most ``max_chars`` characters at a word boundary, with an ellipsis.

    >>> shorten("Coaching pays back in seven months", 20)
    'Coaching pays back…'
    >>> shorten("short", 20)
    'short'
    """
    if len(text) <= max_chars:
        return text
    if max_chars <= 1:
        return ELLIPSIS[:max_chars]
    cut = text[: max_chars - 1]
    space = cut.rfind(" ")
    if not text[max_chars - 1].isspace() and space >= max_chars * 0.5:  # else the cut already ends a word
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + ELLIPSIS


def paginate(
    slides: Sequence[SlideSpec],
    *,
    font: str = "Calibri",
    width_in: float = g.SLIDE_WIDTH_IN,
    height_in: float = g.SLIDE_HEIGHT_IN,
) -> list[SlideSpec]:
    """Slides that fit: long text shortened (full text in the notes), long tables continued.

    Idempotent: paginating its own output changes nothing.

    >>> rows = tuple((f"Line {i}", f"${i},000") for i in range(25))
    >>> out = paginate([SlideSpec("appendix", "Costs in detail", table=TableSpec(("Item", "Amount"), rows))])
    >>> [s.title for s in out]
    ['Costs in detail', 'Costs in detail (continued)']
    >>> [len(s.table.rows) for s in out]
    [13, 12]
    """
    fitter = Fitter(font, width_in, height_in)
    out: list[SlideSpec] = []
    for slide in slides:
        out.extend(fitter.slide(slide))
    return out


class Fitter:
    """Measures and shortens slide text for one font and slide size; the writer uses it to size text too."""

    def __init__(self, font: str, width_in: float, height_in: float):
        self.regular = Measure(font)
        self.bold = Measure(font, bold=True)
        self.width_in = width_in
        self.height_in = height_in

    def slide(self, slide: SlideSpec) -> list[SlideSpec]:
        lost: list[str] = []
        if g.is_cover(slide):
            return [self._cover(slide, lost)]
        title = self._title(slide.title, TITLE_MAX_CHARS, lost)
        subtitle = self._one_line(slide.subtitle, SUBTITLE_MAX_CHARS, g.SUBTITLE_PT, lost)
        metrics = self._metrics(slide.metrics, lost)
        bullets = [self._keep(b, BULLET_MAX_CHARS, lost) for b in slide.bullets]
        if len(bullets) > MAX_BULLETS:
            lost.extend(slide.bullets[MAX_BULLETS:])
            bullets = bullets[:MAX_BULLETS]
        chart = self._chart(slide.chart, lost) if slide.chart is not None else None
        table = self._table_cells(slide.table, lost) if slide.table is not None else None
        extra: list[SlideSpec] = []
        if chart is not None and table is not None:  # one visual per slide: the table follows
            extra.append(SlideSpec(slide.section, self._continued(title), table=table, notes=_continued_notes(title)))
            table = None
        first = replace(slide, title=title, subtitle=subtitle, metrics=tuple(metrics), bullets=tuple(bullets), chart=chart, table=table)
        first = self._fit_bullets(first, slide.bullets, lost)
        slides = self._split_table(first) if table is not None else [first]
        for tail in extra:
            slides.extend(self._split_table(tail))
        slides[0] = replace(slides[0], notes=_with_full_text(slides[0].notes, lost))
        return slides

    # --- text -----------------------------------------------------------------

    def _keep(self, text: str, max_chars: int, lost: list[str]) -> str:
        short = shorten(text, max_chars)
        if short != text:
            lost.append(text)
        return short

    def _title(self, text: str, max_chars: int, lost: list[str]) -> str:
        box = g.regions(SlideSpec("", ""), self.width_in, self.height_in).title
        return self._fitting(text, max_chars, lost, box.inner_width_pt, box.inner_height_pt, g.TITLE_MIN_PT, 2, self.bold)

    def _one_line(self, text: str, max_chars: int, size_pt: float, lost: list[str]) -> str:
        box = g.regions(SlideSpec("", "", subtitle="x"), self.width_in, self.height_in).subtitle
        return self._fitting(text, max_chars, lost, box.inner_width_pt, box.inner_height_pt, size_pt, 1, self.regular)

    def _fitting(self, text: str, max_chars: int, lost: list[str], w: float, h: float, size: float, lines: int, m: Measure) -> str:
        """``text`` shortened until it fits ``lines`` lines of a ``w`` x ``h`` pt box at ``size``."""
        short = shorten(text, max_chars)
        while short and (m.lines(short, w, size) > lines or m.height_pt([short], w, size) > h):
            short = shorten(short, max(1, int(len(short) * 0.85)))
        if short != text:
            lost.append(text)
        return short

    def _metrics(self, metrics: tuple[Metric, ...], lost: list[str]) -> list[Metric]:
        kept = []
        for i, m in enumerate(metrics):
            if i >= MAX_METRICS:
                lost.append(f"{m.label}: {m.value}")
                continue
            value, label = shorten(m.value, METRIC_VALUE_MAX_CHARS), shorten(m.label, METRIC_LABEL_MAX_CHARS)
            if (value, label) != (m.value, m.label):
                lost.append(f"{m.label}: {m.value}")
            kept.append(Metric(label, value))
        return kept

    def _fit_bullets(self, slide: SlideSpec, originals: tuple[str, ...], lost: list[str]) -> SlideSpec:
        """Move trailing bullets to the notes (or shorten a lone one) until the rest fit at the smallest size."""
        bullets = list(slide.bullets)
        while bullets:
            box = g.regions(replace(slide, bullets=tuple(bullets)), self.width_in, self.height_in).bullets
            if box is not None and self.bullets_fit(bullets, box):
                break
            if len(bullets) > 1:
                moved = bullets.pop()
                index = len(bullets)
                lost.append(originals[index] if index < len(originals) else moved)
            else:
                shorter = shorten(bullets[0], max(1, int(len(bullets[0]) * 0.8)))
                if bullets[0] in originals:
                    lost.append(bullets[0])
                bullets[0] = shorter
        return replace(slide, bullets=tuple(bullets))

    def bullets_fit(self, bullets: Sequence[str], box: g.Box) -> bool:
        height = self.regular.height_pt(
            bullets,
            box.inner_width_pt,
            g.BODY_MIN_PT,
            indent_pt=g.BULLET_INDENT_IN * 72,
            space_before_pt=g.BULLET_SPACE_BEFORE_PT,
        )
        return height <= box.inner_height_pt

    def _cover(self, slide: SlideSpec, lost: list[str]) -> SlideSpec:
        r = g.cover_regions(self.width_in, self.height_in)
        t, s, p = r.title, r.subtitle, r.presenter
        title = self._fitting(slide.title, COVER_TITLE_MAX_CHARS, lost, t.inner_width_pt, t.inner_height_pt, g.COVER_TITLE_MIN_PT, 2, self.bold)
        subtitle = self._fitting(
            slide.subtitle, COVER_SUBTITLE_MAX_CHARS, lost, s.inner_width_pt, s.inner_height_pt, g.COVER_SUBTITLE_MIN_PT, 2, self.regular
        )
        presenter_line = " · ".join(slide.bullets)
        presenter = self._fitting(
            presenter_line, PRESENTER_MAX_CHARS, lost, p.inner_width_pt, p.inner_height_pt, g.COVER_PRESENTER_PT, 2, self.regular
        )
        bullets = (presenter,) if presenter else ()
        cover = replace(slide, title=title, subtitle=subtitle, bullets=bullets, metrics=(), chart=None, table=None)
        for m in slide.metrics:
            lost.append(f"{m.label}: {m.value}")
        return replace(cover, notes=_with_full_text(slide.notes, lost))

    # --- charts ---------------------------------------------------------------

    def _chart(self, chart: ChartSpec, lost: list[str]) -> ChartSpec:
        short: dict[str, str] = {}
        taken: dict[str, str] = {}
        for c in dict.fromkeys(chart.categories):  # keep shortened categories distinct: totals match by name
            s, n = shorten(c, CHART_LABEL_MAX_CHARS), 2
            while s in taken and taken[s] != c:
                s, n = shorten(c, CHART_LABEL_MAX_CHARS - 4) + f" {n}", n + 1
            short[c], taken[s] = s, c
        changed = [c for c in chart.categories if short[c] != c]
        series = tuple(replace(s, name=shorten(s.name, CHART_LABEL_MAX_CHARS)) for s in chart.series)
        points = tuple(replace(p, label=shorten(p.label, CHART_LABEL_MAX_CHARS), group=shorten(p.group, CHART_LABEL_MAX_CHARS)) for p in chart.points)
        changed += [s.name for s, t in zip(chart.series, series, strict=True) if s.name != t.name]
        changed += [p.label for p, t in zip(chart.points, points, strict=True) if p.label != t.label]
        if not changed:
            return chart
        lost.append("Chart labels: " + "; ".join(changed))
        return replace(
            chart,
            categories=tuple(short[c] for c in chart.categories),
            series=series,
            points=points,
            totals=tuple(short.get(t, t) for t in chart.totals),
            marker_at=short.get(chart.marker_at, chart.marker_at) if chart.marker_at is not None else None,
        )

    # --- tables ---------------------------------------------------------------

    def _table_cells(self, table: TableSpec, lost: list[str]) -> TableSpec:
        def cell(text: str) -> str:
            short = shorten(text, TABLE_CELL_MAX_CHARS)
            if short != text:
                lost.append(text)
            return short

        columns = tuple(cell(c) for c in table.columns)
        rows = tuple(tuple(cell(c) for c in row) for row in table.rows)
        return replace(table, columns=columns, rows=rows)

    def _split_table(self, slide: SlideSpec) -> list[SlideSpec]:
        """The slide, and as many continuation slides as its table needs, the rows shared evenly.

        Two rules, in order: a table takes the fewest slides the room allows
        (rows measured, no fixed row count), and those slides share its rows as
        evenly as the room allows, so no slide carries a scrap of the table
        (12 rows that fit stay on one slide; 18 rows with room for 13 split
        9 + 9, not 13 + 5).
        """
        table = slide.table
        assert table is not None
        rows = list(table.rows)
        continued = SlideSpec(slide.section, self._continued(slide.title), table=table, notes="")
        boxes = [g.regions(slide, self.width_in, self.height_in).visual, g.regions(continued, self.width_in, self.height_in).visual]
        assert boxes[0] is not None and boxes[1] is not None
        fewest = self._shares(table, rows, boxes, cap=len(rows))
        shares = self._even_shares(table, rows, boxes, len(fewest))
        if shares is None:  # rows of very different heights: the even share, raised until the rows fit on that many slides
            cap = -(-len(rows) // len(fewest))
            shares = self._shares(table, rows, boxes, cap)
            while len(shares) > len(fewest):
                cap += 1
                shares = self._shares(table, rows, boxes, cap)
        out, start = [], 0
        for n, count in enumerate(shares):
            piece = replace(table, rows=tuple(rows[start:start + count]))
            start += count
            if n == 0:
                out.append(replace(slide, table=piece))
            else:
                out.append(replace(continued, table=piece, notes=_continued_notes(slide.title)))
        return out

    def _even_shares(self, table: TableSpec, rows: Sequence[tuple[str, ...]], boxes: Sequence[g.Box], slides: int) -> list[int] | None:
        """Rows per slide over exactly ``slides`` slides, each taking an even share of the rows still to place
        (28 rows on three slides: 10 + 9 + 9, not 10 + 10 + 8), or ``None`` when the room does not allow it."""
        shares, start = [], 0
        for n in range(slides):
            box = boxes[0] if n == 0 else boxes[1]
            even = -(-(len(rows) - start) // (slides - n))
            take = min(even, self.rows_that_fit(table, rows[start:], box))
            shares.append(take)
            start += take
        return shares if start == len(rows) else None

    def _shares(self, table: TableSpec, rows: Sequence[tuple[str, ...]], boxes: Sequence[g.Box], cap: int) -> list[int]:
        """Rows per slide when each slide takes what fits, at most ``cap`` (``boxes``: the first slide's area, then the others')."""
        shares, start = [], 0
        while start < len(rows):
            box = boxes[0] if not shares else boxes[1]
            take = min(cap, self.rows_that_fit(table, rows[start:], box))
            shares.append(take)
            start += take
        return shares or [0]

    def rows_that_fit(self, table: TableSpec, rows: Sequence[tuple[str, ...]], box: g.Box) -> int:
        """How many of ``rows`` fit under the header in ``box`` (at least one, so a table always moves on)."""
        widths = g.table_column_widths(table.widths, len(table.columns), box.width)
        used = self.row_height_in(table.columns, widths, self.bold)
        count = 0
        for row in rows:
            used += self.row_height_in(row, widths, self.regular)
            if used > box.height and count:
                break
            count += 1
        return max(1, count)

    def row_height_in(self, cells: Sequence[str], widths: Sequence[float], m: Measure) -> float:
        """A table row's height: the tallest wrapped cell plus margins, at least the minimum row height."""
        lines = 1
        for text, width in zip(cells, widths, strict=False):
            inner = (width - 2 * g.TABLE_CELL_MARGIN_X_IN) * 72
            lines = max(lines, m.lines(text, inner, g.TABLE_FONT_PT))
        height = lines * g.TABLE_FONT_PT * LINE_HEIGHT / 72 + 2 * g.TABLE_CELL_MARGIN_Y_IN
        return max(g.TABLE_ROW_MIN_IN, height)

    def _continued(self, title: str) -> str:
        if title.endswith(CONTINUED):
            return title
        return shorten(title, TITLE_MAX_CHARS - len(CONTINUED)) + CONTINUED


def _continued_notes(title: str) -> str:
    base = title[: -len(CONTINUED)] if title.endswith(CONTINUED) else title
    return f"The table continues from the previous slide ({base})."


def _with_full_text(notes: str, lost: list[str]) -> str:
    """``notes`` with the full text of everything shortened or moved off the slide appended."""
    lines = [clean_text(t) for t in dict.fromkeys(lost) if t and t not in notes]
    if not lines:
        return notes
    block = _FULL_TEXT_HEADING + "\n" + "\n".join(f"- {t}" for t in lines)
    return f"{notes}\n\n{block}" if notes else block
