"""Slide descriptions + branding -> .pptx bytes: the deck writer.

python-pptx is imported only by this writer, in ``ldpitch/deck/pptx/``
(this module lays out slides; ``shapes`` draws text, tiles, tables and
pictures, with ``shape_xml`` writing the hottest settings straight into the
XML; ``charts`` draws native charts with ``chart_parts``; ``template`` opens
the master; ``package`` makes slides, notes pages and part names without
python-pptx's per-part scans). The pure helpers it relies on are
``fit``, ``layout``, ``measure``, ``chart_format``, ``branding`` and ``ooxml``.

Slides are fitted here, once (``fitted``), with the font their text is
written in and to the template's slide size, so text fits and long tables
continue on the next slide; then each slide is laid
out from its content (``layout.regions``): a title slide for section
"title", else an action title on top and, below it, a chart or table on the
left with metrics and bullets on the right, or whichever of them there is
at full width. Every slide gets speaker notes, a footer and a slide number.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from functools import lru_cache

from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml.ns import qn
from pptx.text.text import TextFrame

from ldpitch.deck import fit
from ldpitch.deck import layout as g
from ldpitch.deck.branding import Branding, Palette, load_logo, palette
from ldpitch.deck.layout import Box
from ldpitch.deck.pptx import shape_xml
from ldpitch.deck.pptx import shapes as draw
from ldpitch.deck.pptx.charts import add_chart
from ldpitch.deck.pptx.package import Pages
from ldpitch.deck.pptx.template import Base, open_base, template_problems
from ldpitch.deck.slides import SlideSpec
from ldpitch.errors import TemplateError

__all__ = ["fitted", "write_deck", "template_problems"]

DEFAULT_FONT = "Calibri"
#: The title of a slide whose title is blank: every slide needs one for screen readers and the outline view.
UNTITLED = "Untitled slide"
#: ``Branding()``: ldpitch's colours, Calibri, slide numbers, no logo, the default template.
DEFAULT_BRANDING = Branding()
_TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_SHAPE, _TEXT_BODY = qn("p:sp"), qn("p:txBody")


def fitted(slides: Sequence[SlideSpec], branding: Branding = DEFAULT_BRANDING) -> list[SlideSpec]:
    """The slides as ``write_deck`` draws them: fitted with the font they are written in, to the template's slide size."""
    if branding.template is not None:
        try:
            base = open_base(branding.template)
            return fit.paginate(slides, font=_written_font(branding, base.theme_font), width_in=base.width_in, height_in=base.height_in)
        except Exception:  # noqa: BLE001 - a template that cannot be opened means the default design, as in write_deck
            pass
    theme_font, width_in, height_in = _default_page()
    return fit.paginate(slides, font=_written_font(branding, theme_font), width_in=width_in, height_in=height_in)


@lru_cache(maxsize=1)
def _default_page() -> tuple[str, float, float]:
    """The default template's theme font and slide size (read once: it never changes)."""
    base = open_base(None)
    return base.theme_font, base.width_in, base.height_in


def _written_font(branding: Branding, theme_font: str) -> str:
    """The family the deck's text is written in: "Calibri" (the default) keeps the template's theme font."""
    return branding.font if branding.font != DEFAULT_FONT else theme_font


def write_deck(slides: Sequence[SlideSpec], branding: Branding = DEFAULT_BRANDING, *, title: str = "") -> bytes:
    """The deck as .pptx bytes: 16:9 (or the template's size), native charts, notes on every slide.

    ``slides`` are fitted here, once, with the font they are written in (see
    ``fitted``); slides fitted already pass through unchanged. ``title`` sets
    the file's title property (the first slide's title when empty). With
    ``branding.template`` the organisation's masters and layouts are used;
    if that template cannot be drawn on after all, the deck falls back to
    ldpitch's default design rather than fail.
    """
    specs = list(slides)
    if branding.template is not None:
        try:
            return _Deck(specs, branding, title, branding.template).render()
        except Exception:  # noqa: BLE001 - any failure on a user's template means "use the default"
            pass
    return _Deck(specs, branding, title, None).render()


class _Deck:
    def __init__(self, specs: list[SlideSpec], branding: Branding, title: str, template: bytes | None):
        self.base: Base = open_base(template)
        self.branding = branding
        self.title = title
        self.pal: Palette = palette(branding)
        # "Calibri" keeps the template's own theme fonts; another family is applied everywhere.
        self.font: str | None = branding.font if branding.font != DEFAULT_FONT else None
        self.fitter = fit.Fitter(_written_font(branding, self.base.theme_font), self.base.width_in, self.base.height_in)
        self.pages = [page for spec in specs for page in self.fitter.slide(spec)]
        self.logo = _usable_logo(branding.logo)

    def render(self) -> bytes:
        prs = self.base.prs
        pages = Pages(prs)
        for number, spec in enumerate(self.pages, start=1):
            if g.is_cover(spec):
                slide = pages.add_slide(self.base.cover_layout)
                self._cover(slide, spec)
            else:
                slide = pages.add_slide(self.base.content_layout)
                self._content(slide, spec, number)
            draw.notes(pages.notes_slide(slide), spec.notes, fallback=draw.line(spec.title) or UNTITLED)
        self._properties()
        out = io.BytesIO()
        prs.save(out)
        return out.getvalue()

    # --- slides -----------------------------------------------------------------

    def _cover(self, slide, spec: SlideSpec) -> None:
        r = g.cover_regions(self.base.width_in, self.base.height_in)
        band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *draw.emu(Box(0, 0, 0.35, self.base.height_in)))
        band.name = "Brand band"
        self._fill(band, self.pal.primary)
        bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *draw.emu(Box(r.title.left + 0.08, r.title.top - 0.2, 1.2, 0.07)))
        bar.name = "Accent bar"
        self._fill(bar, self.pal.accent)
        title = draw.line(spec.title) or UNTITLED
        size = draw.fitted_size(self.fitter.bold, [title], r.title, g.COVER_TITLE_MAX_PT, g.COVER_TITLE_MIN_PT, max_lines=2)
        self._title_shape(slide, r.title, title, size, MSO_ANCHOR.BOTTOM, cover=True)
        subtitle = self._placeholder(slide, (PP_PLACEHOLDER.SUBTITLE,))
        if spec.subtitle:
            text = draw.line(spec.subtitle)
            size = draw.fitted_size(self.fitter.regular, [text], r.subtitle, g.COVER_SUBTITLE_MAX_PT, g.COVER_SUBTITLE_MIN_PT, max_lines=2)
            if subtitle is not None:
                tf = draw.frame_element(subtitle, r.subtitle)
                draw.write_runs(tf, [text], size, self.pal.muted, font=self.font)
            else:
                draw.textbox(slide.shapes, r.subtitle, [text], size, self.pal.muted, name="Subtitle", font=self.font)
        elif subtitle is not None:
            subtitle.getparent().remove(subtitle)
        if spec.bullets:
            presenter = draw.line(" · ".join(spec.bullets))
            draw.textbox(slide.shapes, r.presenter, [presenter], g.COVER_PRESENTER_PT, self.pal.text, name="Presenter", font=self.font)
        if self.logo is not None:
            draw.picture_in_box(slide.shapes, self.logo, r.logo, descr="Organisation logo")
        if self.branding.footer:
            draw.textbox(slide.shapes, r.footer, [self.branding.footer], g.FOOTER_PT, self.pal.muted, name="Footer", font=self.font)
        self._remove_empty_placeholders(slide)

    def _content(self, slide, spec: SlideSpec, number: int) -> None:
        r = g.regions(spec, self.base.width_in, self.base.height_in)
        bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *draw.emu(Box(r.title.left + 0.08, r.title.top - 0.08, 0.9, 0.06)))
        bar.name = "Accent bar"
        self._fill(bar, self.pal.accent)
        title = draw.line(spec.title) or UNTITLED
        size = draw.fitted_size(self.fitter.bold, [title], r.title, g.TITLE_MAX_PT, g.TITLE_MIN_PT, max_lines=2)
        self._title_shape(slide, r.title, title, size, MSO_ANCHOR.BOTTOM)
        if r.subtitle is not None:
            draw.textbox(slide.shapes, r.subtitle, [draw.line(spec.subtitle)], g.SUBTITLE_PT, self.pal.muted, name="Subtitle", font=self.font)
        if r.visual is not None and spec.chart is not None:
            frame = add_chart(slide.shapes, *draw.emu(r.visual), spec.chart, self.pal, self.font)
            frame.name = f"Chart: {draw.line(spec.chart.title)[:80]}"
            draw.set_alt_text(frame, spec.chart.alt_text or spec.chart.title, spec.chart.title)
        elif r.visual is not None and spec.table is not None:
            draw.table(slide.shapes, r.visual, spec.table, self.pal, self.fitter, self.font)
        for box, metric in zip(r.metrics, spec.metrics, strict=False):
            draw.metric_tile(slide.shapes, box, metric, self.pal, self.fitter.bold, self.fitter.regular, self.font)
        if r.bullets is not None and spec.bullets:
            items = [draw.line(b) for b in spec.bullets]
            draw.bullets(slide.shapes, r.bullets, items, self.fitter.regular, self.pal.text, self.pal.accent, self.font)
        self._footer(slide, r, number)
        self._remove_empty_placeholders(slide)

    def _footer(self, slide, r: g.Regions, number: int) -> None:
        if self.logo is not None:
            draw.picture_in_box(slide.shapes, self.logo, r.logo, descr="Organisation logo")
        if self.branding.footer:
            box = r.footer if self.logo is not None else Box(r.logo.left, r.footer.top, r.footer.left + r.footer.width - r.logo.left, r.footer.height)
            draw.textbox(slide.shapes, box, [self.branding.footer], g.FOOTER_PT, self.pal.muted, name="Footer", font=self.font, anchor=MSO_ANCHOR.MIDDLE)
        if self.branding.slide_numbers:
            draw.slide_number(slide.shapes, r.number, number, self.pal.muted, self.font)

    # --- helpers ----------------------------------------------------------------

    def _placeholder(self, slide, kinds):
        """The element of the first of the slide's placeholders whose type is one of ``kinds`` (in ``slide.placeholders`` order), or ``None``.

        Read from the XML (``shape_xml.placeholders``): python-pptx's
        ``slide.placeholders`` makes a proxy of every placeholder to read its type.
        """
        for element, ph in shape_xml.placeholders(slide.shapes._spTree):
            try:
                if ph.type in kinds:
                    return element
            except (AttributeError, ValueError, KeyError):
                continue
        return None

    def _title_shape(self, slide, box: Box, text: str, size: float, anchor, *, cover: bool = False) -> None:
        element = self._placeholder(slide, _TITLE_TYPES)
        if element is None:
            shape = slide.shapes.add_textbox(*draw.emu(box))
            shape.name = "Title"
            element = shape._element
        tf = draw.frame_element(element, box, anchor=anchor)
        draw.write_runs(tf, [text], size, self.pal.heading, bold=True, font=self.font)

    def _remove_empty_placeholders(self, slide) -> None:
        """Remove every placeholder without text: ``ph.has_text_frame and ph.text_frame.text.strip()``, read from the XML."""
        for element, _ in list(shape_xml.placeholders(slide.shapes._spTree)):
            body = element.find(_TEXT_BODY) if element.tag == _SHAPE else None
            if body is None or not TextFrame(body, None).text.strip():
                element.getparent().remove(element)

    def _fill(self, shape, colour: str) -> None:
        draw.flat(shape, colour)

    def _properties(self) -> None:
        props = self.base.prs.core_properties
        first = next((p.title for p in self.pages if p.title), "")
        props.title = draw.line(self.title or first)[:255]
        for attr in ("subject", "keywords", "comments", "category", "author"):
            setattr(props, attr, "")
        props.last_modified_by = "ldpitch"
        props.revision = 1
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        props.created = props.modified = now


def _usable_logo(data: bytes | None) -> bytes | None:
    """The logo as a PNG or JPEG, or ``None`` when there is none or it cannot be used."""
    if not data:
        return None
    try:
        return load_logo(data)
    except TemplateError:
        return None
