"""The presentation a deck starts from: ldpitch's 16:9 default or an organisation's own .pptx.

Part of the python-pptx writer (python-pptx is imported only in
``ldpitch/deck/pptx/``). Opens the template, removes the slides it
came with (and their sections, TECH A8), and picks the layouts the writer
uses: one for the title slide and one for content slides, matched by
placeholder types first and by name second. The default template is opened
afresh for every deck (its parts are changed as the deck is written); only
which of its layouts to use is worked out once.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.slide import SlideLayout
from pptx.util import Emu

from ldpitch.deck.pptx.package import PYTHON_PPTX_DEFAULT, open_presentation

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[3] / "templates" / "default.pptx"
SLIDE_16_9 = (Emu(12192000), Emu(6858000))
_SECTIONS_EXT = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
_FOOTERS = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


@dataclass
class Base:
    """An opened, emptied presentation and the layouts to draw on."""

    prs: object
    cover_layout: SlideLayout
    content_layout: SlideLayout
    theme_font: str
    custom: bool

    @property
    def width_in(self) -> float:
        return self.prs.slide_width / 914400

    @property
    def height_in(self) -> float:
        return self.prs.slide_height / 914400


def open_base(template: bytes | None) -> Base:
    """The presentation to draw on: ``template`` emptied of its slides, or ldpitch's default."""
    if template is None:
        prs = _default_presentation()
        layouts = list(prs.slide_masters[0].slide_layouts)
        cover, content = (layouts[i] for i in _default_layouts())
        return Base(prs, cover, content, _default_theme_font(), custom=False)
    prs = open_presentation(io.BytesIO(template))
    _remove_slides(prs)
    cover, content = pick_layouts(prs)
    return Base(prs, cover, content, _theme_font(prs), custom=True)


def _default_presentation():
    if DEFAULT_TEMPLATE.is_file():
        return open_presentation(str(DEFAULT_TEMPLATE))
    prs = open_presentation(str(PYTHON_PPTX_DEFAULT))  # installed without the templates folder: python-pptx's, made 16:9
    prs.slide_width, prs.slide_height = SLIDE_16_9
    return prs


@lru_cache(maxsize=1)
def _default_layouts() -> tuple[int, int]:
    """Where the default template's title-slide and content layouts are among its layouts (picked once: it never changes)."""
    prs = _default_presentation()
    layouts = list(prs.slide_masters[0].slide_layouts)
    return tuple(layouts.index(layout) for layout in pick_layouts(prs))


@lru_cache(maxsize=1)
def _default_theme_font() -> str:
    return _theme_font(_default_presentation())


def _remove_slides(prs) -> None:
    """Drop every slide of a template (and the sections that list them) so only the deck's slides remain."""
    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)
    ext_list = prs.part._element.find(qn("p:extLst"))
    if ext_list is not None:
        for ext in list(ext_list):
            if ext.get("uri") == _SECTIONS_EXT:
                ext_list.remove(ext)
        if len(ext_list) == 0:
            prs.part._element.remove(ext_list)


def _kinds(layout: SlideLayout) -> list:
    kinds = []
    for ph in layout.placeholders:
        try:
            kinds.append(ph.placeholder_format.type)
        except (AttributeError, ValueError, KeyError):
            kinds.append(None)
    return kinds


def pick_layouts(prs) -> tuple[SlideLayout, SlideLayout]:
    """The title-slide layout and the content layout of the first master.

    Content: a layout with a title and nothing else but footers ("Title
    Only"), else the one with a title and the fewest other placeholders,
    else "Blank" (the writer then adds its own title box). Title slide: a
    layout with a centred title, else the content layout.
    """
    layouts = list(prs.slide_masters[0].slide_layouts)
    if not layouts:
        raise ValueError("the template has no slide layouts")

    def extras(layout: SlideLayout) -> int:
        return sum(1 for k in _kinds(layout) if k not in _FOOTERS and k not in _TITLES)

    with_title = [lo for lo in layouts if PP_PLACEHOLDER.TITLE in _kinds(lo)]
    if with_title:
        content = min(with_title, key=lambda lo: (extras(lo), lo.name != "Title Only"))
    else:
        content = min(layouts, key=lambda lo: (extras(lo), lo.name != "Blank"))
    covers = [lo for lo in layouts if PP_PLACEHOLDER.CENTER_TITLE in _kinds(lo)]
    cover = covers[0] if covers else next((lo for lo in layouts if lo.name == "Title Slide"), content)
    return cover, content


def _theme_font(prs) -> str:
    """The theme's body (minor) Latin font, which text without an explicit font uses."""
    try:
        master = prs.slide_masters[0]
        theme = next(rel.target_part for rel in master.part.rels.values() if rel.reltype.endswith("/theme"))
        root = etree.fromstring(theme.blob)
        latin = root.find(".//" + qn("a:minorFont") + "/" + qn("a:latin"))
        name = latin.get("typeface", "") if latin is not None else ""
        return name if name and not name.startswith("+") else "Calibri"
    except (StopIteration, etree.XMLSyntaxError, AttributeError, IndexError):
        return "Calibri"


def template_problems(template: bytes) -> list[str]:
    """Why ldpitch cannot draw on this template (empty when it can); the deck then uses the default."""
    try:
        base = open_base(template)
    except Exception as exc:  # python-pptx raises many kinds on odd packages; all mean "unusable"
        return [f"The template could not be opened ({type(exc).__name__}); the default design will be used."]
    problems = []
    if base.width_in < 4 or base.height_in < 3:
        problems.append("The template's slides are too small to hold a business case.")
    return problems
