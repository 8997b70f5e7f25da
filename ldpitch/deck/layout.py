"""Where things go on a slide: the deck's geometry, in inches, shared by ``fit`` and the writer.

Pure: no python-pptx here. The writer asks :func:`regions` for the boxes of a
slide and draws into them; ``fit.paginate`` asks the same function how much
room a slide's table and bullets will get, so the two cannot disagree.

Geometry is drawn for the default 16:9 slide (13.333 x 7.5 in) and scaled
to an organisation template's slide size when it differs.
"""

from __future__ import annotations

from dataclasses import dataclass

from ldpitch.deck.slides import SlideSpec

SLIDE_WIDTH_IN = 13.333
SLIDE_HEIGHT_IN = 7.5

MARGIN_X_IN = 0.55
TITLE_TOP_IN = 0.3
TITLE_HEIGHT_IN = 1.05
SUBTITLE_TOP_IN = 1.33
SUBTITLE_HEIGHT_IN = 0.42
BODY_TOP_IN = 1.55
BODY_TOP_WITH_SUBTITLE_IN = 1.85
BODY_BOTTOM_IN = 6.8
FOOTER_TOP_IN = 6.98
FOOTER_HEIGHT_IN = 0.34
GUTTER_IN = 0.4
#: Share of the content width that a chart or table takes when bullets sit beside it.
VISUAL_SHARE = 0.6
METRIC_TILE_HEIGHT_IN = 1.2
METRIC_GAP_IN = 0.2
#: Inner margin of every text box the writer draws (left/right and top/bottom).
TEXT_INSET_X_IN = 0.08
TEXT_INSET_Y_IN = 0.05

#: Font sizes in points (the writer shrinks between max and min to fit).
TITLE_MAX_PT = 28
TITLE_MIN_PT = 20
SUBTITLE_PT = 16
BODY_MAX_PT = 24
BODY_MIN_PT = 12
TABLE_FONT_PT = 12
METRIC_VALUE_MAX_PT = 34
METRIC_VALUE_MIN_PT = 16
METRIC_LABEL_PT = 14
FOOTER_PT = 10
#: Space before each bullet and the bullet's hanging indent.
BULLET_SPACE_BEFORE_PT = 6
BULLET_INDENT_IN = 0.28
#: Table rows: minimum height and the cell margins the writer sets.
TABLE_ROW_MIN_IN = 0.36
TABLE_CELL_MARGIN_X_IN = 0.06
TABLE_CELL_MARGIN_Y_IN = 0.04

#: Title slide boxes.
COVER_TITLE_TOP_IN = 2.2
COVER_TITLE_HEIGHT_IN = 1.6
COVER_TITLE_MAX_PT = 40
COVER_TITLE_MIN_PT = 26
COVER_SUBTITLE_TOP_IN = 3.95
COVER_SUBTITLE_HEIGHT_IN = 0.95
COVER_SUBTITLE_MAX_PT = 22
COVER_SUBTITLE_MIN_PT = 14
COVER_PRESENTER_TOP_IN = 5.1
COVER_PRESENTER_HEIGHT_IN = 0.8
COVER_PRESENTER_PT = 16

#: Logo boxes: in the footer band on content slides, larger on the title slide.
LOGO_BOX_IN = (1.5, 0.34)
COVER_LOGO_BOX_IN = (2.6, 1.0)


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in inches from the top-left corner."""

    left: float
    top: float
    width: float
    height: float

    @property
    def inner_width_pt(self) -> float:
        """Width available to text inside the box's insets, in points."""
        return max(0.0, (self.width - 2 * TEXT_INSET_X_IN) * 72)

    @property
    def inner_height_pt(self) -> float:
        """Height available to text inside the box's insets, in points."""
        return max(0.0, (self.height - 2 * TEXT_INSET_Y_IN) * 72)

    def scaled(self, sx: float, sy: float) -> Box:
        return Box(self.left * sx, self.top * sy, self.width * sx, self.height * sy)


@dataclass(frozen=True)
class Regions:
    """The boxes of one content slide; a box is ``None`` when the slide has nothing for it."""

    title: Box
    subtitle: Box | None
    visual: Box | None
    metrics: tuple[Box, ...]
    bullets: Box | None
    footer: Box
    logo: Box
    number: Box


def is_cover(slide: SlideSpec) -> bool:
    """The title slide is drawn differently from content slides."""
    return slide.section == "title"


def regions(slide: SlideSpec, width_in: float = SLIDE_WIDTH_IN, height_in: float = SLIDE_HEIGHT_IN) -> Regions:
    """The boxes of a content slide, scaled to a slide of ``width_in`` x ``height_in``.

    Layout follows the content: a chart or table takes the left 60 % when
    there are bullets or metrics beside it, else the full width; metric tiles
    sit above the bullets (four across at full width, two across beside a
    visual); bullets fill what is left.

    >>> r = regions(SlideSpec("roi", "Pays back in 7 months", bullets=("a",)))
    >>> (r.visual, r.metrics, round(r.bullets.width, 3))
    (None, (), 12.233)
    """
    content_w = SLIDE_WIDTH_IN - 2 * MARGIN_X_IN
    top = BODY_TOP_WITH_SUBTITLE_IN if slide.subtitle else BODY_TOP_IN
    body_h = BODY_BOTTOM_IN - top
    has_visual = slide.chart is not None or slide.table is not None
    has_text = bool(slide.bullets or slide.metrics)
    visual = text_area = None
    if has_visual and has_text:
        visual_w = (content_w - GUTTER_IN) * VISUAL_SHARE
        visual = Box(MARGIN_X_IN, top, visual_w, body_h)
        text_area = Box(MARGIN_X_IN + visual_w + GUTTER_IN, top, content_w - visual_w - GUTTER_IN, body_h)
    elif has_visual:
        visual = Box(MARGIN_X_IN, top, content_w, body_h)
    elif has_text:
        text_area = Box(MARGIN_X_IN, top, content_w, body_h)
    metrics: tuple[Box, ...] = ()
    bullets = None
    if text_area is not None:
        per_row = 2 if has_visual else 4
        metrics = _tiles(len(slide.metrics), per_row, text_area)
        used = (metrics[-1].top + metrics[-1].height + METRIC_GAP_IN + 0.1 - top) if metrics else 0.0  # bullets start below the tiles
        if slide.bullets:
            bullets = Box(text_area.left, top + used, text_area.width, body_h - used)
    subtitle = Box(MARGIN_X_IN, SUBTITLE_TOP_IN, content_w, SUBTITLE_HEIGHT_IN) if slide.subtitle else None
    out = Regions(
        title=Box(MARGIN_X_IN, TITLE_TOP_IN, content_w, TITLE_HEIGHT_IN),
        subtitle=subtitle,
        visual=visual,
        metrics=metrics,
        bullets=bullets,
        footer=Box(MARGIN_X_IN + LOGO_BOX_IN[0] + 0.2, FOOTER_TOP_IN, content_w - LOGO_BOX_IN[0] - 1.4, FOOTER_HEIGHT_IN),
        logo=Box(MARGIN_X_IN, FOOTER_TOP_IN, *LOGO_BOX_IN),
        number=Box(SLIDE_WIDTH_IN - MARGIN_X_IN - 1.0, FOOTER_TOP_IN, 1.0, FOOTER_HEIGHT_IN),
    )
    return _scale(out, width_in / SLIDE_WIDTH_IN, height_in / SLIDE_HEIGHT_IN)


def _tiles(count: int, per_row: int, area: Box) -> tuple[Box, ...]:
    if count == 0:
        return ()
    tile_w = (area.width - (per_row - 1) * METRIC_GAP_IN) / per_row  # same size however many there are
    boxes = []
    for i in range(count):
        row, col = divmod(i, per_row)
        boxes.append(
            Box(area.left + col * (tile_w + METRIC_GAP_IN), area.top + row * (METRIC_TILE_HEIGHT_IN + METRIC_GAP_IN), tile_w, METRIC_TILE_HEIGHT_IN)
        )
    return tuple(boxes)


def _scale(r: Regions, sx: float, sy: float) -> Regions:
    if abs(sx - 1) < 1e-6 and abs(sy - 1) < 1e-6:
        return r

    def s(box: Box | None) -> Box | None:
        return None if box is None else box.scaled(sx, sy)

    return Regions(
        title=r.title.scaled(sx, sy),
        subtitle=s(r.subtitle),
        visual=s(r.visual),
        metrics=tuple(b.scaled(sx, sy) for b in r.metrics),
        bullets=s(r.bullets),
        footer=r.footer.scaled(sx, sy),
        logo=r.logo.scaled(sx, sy),
        number=r.number.scaled(sx, sy),
    )


@dataclass(frozen=True)
class CoverRegions:
    """The boxes of the title slide."""

    title: Box
    subtitle: Box
    presenter: Box
    logo: Box
    footer: Box


def cover_regions(width_in: float = SLIDE_WIDTH_IN, height_in: float = SLIDE_HEIGHT_IN) -> CoverRegions:
    """The boxes of the title slide, scaled to the slide size."""
    sx, sy = width_in / SLIDE_WIDTH_IN, height_in / SLIDE_HEIGHT_IN
    content_w = SLIDE_WIDTH_IN - 2 * MARGIN_X_IN - 0.6
    left = MARGIN_X_IN + 0.6
    return CoverRegions(
        title=Box(left, COVER_TITLE_TOP_IN, content_w, COVER_TITLE_HEIGHT_IN).scaled(sx, sy),
        subtitle=Box(left, COVER_SUBTITLE_TOP_IN, content_w, COVER_SUBTITLE_HEIGHT_IN).scaled(sx, sy),
        presenter=Box(left, COVER_PRESENTER_TOP_IN, content_w, COVER_PRESENTER_HEIGHT_IN).scaled(sx, sy),
        logo=Box(left, 0.6, *COVER_LOGO_BOX_IN).scaled(sx, sy),
        footer=Box(left, FOOTER_TOP_IN, content_w, FOOTER_HEIGHT_IN).scaled(sx, sy),
    )


def table_column_widths(relative: tuple[float, ...], columns: int, total_in: float) -> list[float]:
    """Column widths in inches from ``TableSpec.widths`` (relative), equal when absent or unusable.

    >>> table_column_widths((2, 1, 1), 3, 8.0)
    [4.0, 2.0, 2.0]
    >>> table_column_widths((), 2, 6.0)
    [3.0, 3.0]
    """
    if columns <= 0:
        return []
    weights = [float(w) for w in relative[:columns]]
    if len(weights) != columns or any(not (w > 0) or w == float("inf") for w in weights):
        weights = [1.0] * columns
    total = sum(weights)
    return [total_in * w / total for w in weights]
