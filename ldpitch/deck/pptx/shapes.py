"""Drawing on one slide: titles, bullets, metric tiles, tables, logos, footers, notes and alt text.

Part of the python-pptx writer (python-pptx is imported only in
``ldpitch/deck/pptx_*.py``). Every text box gets its size from
``measure`` (font metrics of the deck's font), explicit insets and no
autofit, so it looks the same in PowerPoint, which does not refit on open,
and in LibreOffice. Every string is cleaned of XML-illegal characters here,
at the last moment, whatever the slide description held.
"""

from __future__ import annotations

import io
import re

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.text import CT_RegularTextRun
from pptx.text.text import TextFrame
from pptx.util import Emu, Inches, Pt

from ldpitch.deck import layout as g
from ldpitch.deck.branding import Palette, tint
from ldpitch.deck.fit import Fitter
from ldpitch.deck.layout import Box
from ldpitch.deck.measure import Measure
from ldpitch.deck.pptx import shape_xml
from ldpitch.deck.slides import Metric, TableSpec
from ldpitch.pitch import clean_text

_UNIT = re.compile(r"\s*(months?|mo|hours?|hrs?|h|days?|weeks?|years?|yrs?|pts?|people|FTE|[KMB]n?|k|x|:1)$", re.IGNORECASE)
_SOLID_FILL, _LATIN = qn("a:solidFill"), qn("a:latin")
_ROW, _CELL, _CELL_PR, _TEXT_BODY, _BODY_PR, _LIST_STYLE = qn("a:tr"), qn("a:tc"), qn("a:tcPr"), qn("a:txBody"), qn("a:bodyPr"), qn("a:lstStyle")
_PARAGRAPH, _PARAGRAPH_PR, _RUN, _RUN_PR, _TEXT = qn("a:p"), qn("a:pPr"), qn("a:r"), qn("a:rPr"), qn("a:t")
_NOT_APPLICABLE = {"", "n/a", "na", "—", "–", "-"}


def line(text: str) -> str:
    """One line of text safe for any XML attribute or run."""
    return clean_text(str(text), keep_newlines=False)


def para(text: str) -> str:
    """Text that may keep its line breaks, safe for a run."""
    return clean_text(str(text), keep_newlines=True)


def rgb(hex6: str) -> RGBColor:
    return RGBColor.from_string(hex6)


def emu(box: Box) -> tuple[Emu, Emu, Emu, Emu]:
    return Inches(box.left), Inches(box.top), Inches(max(box.width, 0.01)), Inches(max(box.height, 0.01))


def set_alt_text(shape, descr: str, title: str = "") -> None:
    """Alt text for screen readers: ``descr`` (and ``title``) on the shape's ``p:cNvPr``."""
    c_nv_pr = shape._element._nvXxPr.cNvPr
    c_nv_pr.set("descr", line(descr) or "Chart")
    if title:
        c_nv_pr.set("title", line(title))


def frame_text(shape, box: Box, *, anchor=MSO_ANCHOR.TOP) -> object:
    """Prepare a shape's text frame: position, insets, wrapping, no autofit; returns the frame.

    What ``shape.left`` .. ``shape.height`` and the ``TextFrame`` setters
    (``word_wrap``, ``auto_size`` NONE, the margins, ``vertical_anchor``)
    write, written directly (``shape_xml``).
    """
    frame_element(shape._element, box, anchor=anchor)
    return shape.text_frame


def frame_element(sp, box: Box, *, anchor=MSO_ANCHOR.TOP) -> TextFrame:
    """``frame_text`` on a shape's ``p:sp`` element (a placeholder found in the XML); returns its text frame."""
    shape_xml.place(sp, *emu(box))
    shape_xml.frame_settings(sp, Inches(g.TEXT_INSET_X_IN), Inches(g.TEXT_INSET_Y_IN), anchor)
    return TextFrame(sp.get_or_add_txBody(), None)


def write_runs(tf, paragraphs: list[str], size: float, colour: str, *, bold=False, font: str | None = None, align=PP_ALIGN.LEFT) -> None:
    """Replace the frame's text with ``paragraphs``, one run each, formatted explicitly."""
    body = tf._txBody
    body.clear_content()
    for text in paragraphs:
        _paragraph(body, text, align.xml_value, str(round(size * 100)), colour, "1" if bold else "0", font)


def _paragraph(body, text: str, align: str, size: str, colour: str, bold: str, font: str | None) -> None:
    """One paragraph of one explicitly formatted run, appended to a text body as XML.

    The XML python-pptx writes for a paragraph with an alignment and a run styled by
    ``style_run``, built directly: a deck has hundreds of them, and python-pptx's
    element lookups cost several times more than the XML itself.
    """
    p = etree.SubElement(body, _PARAGRAPH)
    etree.SubElement(p, _PARAGRAPH_PR, algn=align)
    run = etree.SubElement(p, _RUN)
    r_pr = etree.SubElement(run, _RUN_PR, sz=size, b=bold)
    r_pr.append(_solid_fill(colour))
    if font:
        etree.SubElement(r_pr, _LATIN, typeface=font)
    etree.SubElement(run, _TEXT).text = CT_RegularTextRun._escape_ctrl_chars(para(text))


def style_run(run, size: float, colour: str, *, bold=False, font: str | None = None) -> None:
    """Size, weight, colour and (optionally) typeface on the run itself, written straight into ``a:rPr``."""
    r_pr = run._r.get_or_add_rPr()
    r_pr.set("sz", str(round(size * 100)))
    r_pr.set("b", "1" if bold else "0")
    for child in list(r_pr):
        if child.tag in (_SOLID_FILL, _LATIN):
            r_pr.remove(child)
    r_pr.insert(0, _solid_fill(colour))
    if font:
        r_pr.insert(1, etree.Element(_LATIN, typeface=font))


def _solid_fill(colour: str):
    fill = etree.Element(_SOLID_FILL)
    etree.SubElement(fill, qn("a:srgbClr"), val=colour)
    return fill


def textbox(shapes, box: Box, paragraphs: list[str], size: float, colour: str, *, name: str, **kw):
    shape = shapes.add_textbox(*emu(box))
    shape.name = name
    anchor = kw.pop("anchor", MSO_ANCHOR.TOP)
    write_runs(frame_text(shape, box, anchor=anchor), paragraphs, size, colour, **kw)
    return shape


def fitted_size(m: Measure, paragraphs: list[str], box: Box, max_pt: float, min_pt: float, **kw) -> float:
    """The largest size at which ``paragraphs`` fit ``box`` (never below ``min_pt``)."""
    size = m.best_size(paragraphs, box.inner_width_pt, box.inner_height_pt, max_pt, min_pt, **kw)
    return size if size is not None else min_pt


def bullets(shapes, box: Box, items: list[str], m: Measure, colour: str, bullet_colour: str, font: str | None):
    """A bulleted list sized to fit its box, with hanging indents and a coloured bullet."""
    indent_pt = g.BULLET_INDENT_IN * 72
    size = fitted_size(m, items, box, g.BODY_MAX_PT, g.BODY_MIN_PT, indent_pt=indent_pt, space_before_pt=g.BULLET_SPACE_BEFORE_PT)
    shape = textbox(shapes, box, items, size, colour, name="Bullets", font=font)
    margin, indent, space = str(Inches(g.BULLET_INDENT_IN)), str(-Inches(g.BULLET_INDENT_IN)), str(Pt(g.BULLET_SPACE_BEFORE_PT).centipoints)
    # Each paragraph was just written by write_runs (an a:pPr with algn and no children); the XML that
    # python-pptx's p.space_before = Pt(..) adds there (a:spcBef/a:spcPts) is written with the bullet directly.
    for p in shape._element.txBody.iterchildren(_PARAGRAPH):
        p_pr = p.find(_PARAGRAPH_PR)
        p_pr.set("marL", margin)
        p_pr.set("indent", indent)
        etree.SubElement(etree.SubElement(p_pr, qn("a:spcBef")), qn("a:spcPts"), val=space)
        clr = etree.SubElement(p_pr, qn("a:buClr"))
        etree.SubElement(clr, qn("a:srgbClr"), val=bullet_colour)
        etree.SubElement(p_pr, qn("a:buFont"), typeface="Arial")
        etree.SubElement(p_pr, qn("a:buChar"), char="•")
    return shape


def metric_tile(shapes, box: Box, metric: Metric, pal: Palette, m_bold: Measure, m: Measure, font: str | None):
    """A headline figure: the value large over its label, on a light tile in the brand colour."""
    tile = shapes.add_shape(MSO_SHAPE.RECTANGLE, *emu(box))
    tile.name = f"Metric: {line(metric.label)[:60]}"
    flat(tile, tint("#" + pal.primary, 0.88))
    inner = Box(box.left, box.top, box.width, box.height)
    label_lines = max(1, min(2, m.lines(line(metric.label), inner.inner_width_pt, g.METRIC_LABEL_PT)))
    value_h = inner.inner_height_pt - label_lines * g.METRIC_LABEL_PT * 1.22 - 4
    size = m_bold.best_size([line(metric.value)], inner.inner_width_pt, value_h, g.METRIC_VALUE_MAX_PT, g.METRIC_VALUE_MIN_PT, max_lines=1)
    tf = frame_text(tile, box, anchor=MSO_ANCHOR.MIDDLE)
    tf.margin_left = tf.margin_right = Inches(g.TEXT_INSET_X_IN)
    write_runs(tf, [line(metric.value), line(metric.label)], size or g.METRIC_VALUE_MIN_PT, pal.heading, bold=True, font=font)
    label_run = tf.paragraphs[1].runs[0]
    style_run(label_run, g.METRIC_LABEL_PT, pal.muted, font=font)
    return tile


def flat(shape, colour: str):
    """A flat shape: solid ``colour``, no outline, no theme style (whose shadow LibreOffice draws regardless)."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)
    shape_xml.flat_fill(shape._element, colour)  # shape.fill.solid(), its fore_color.rgb, shape.line.fill.background()
    return shape


def numeric(text: str) -> bool:
    """Whether a cell reads as a number (money, percent, ratio, months...), so it aligns right.

    >>> [numeric(t) for t in ("$1,200", "35.5%", "3.0:1", "7.2 months", "1.234,50\xa0€", "EUR 40K", "Coaching", "Q1 2026")]
    [True, True, True, True, True, True, False, False]
    """
    t = " ".join(text.replace("\u202f", " ").split())
    t = _UNIT.sub("", t)
    t = re.sub(r"^[A-Z]{3} ?| ?[A-Z]{3}$", "", t)
    t = re.sub(r"[\s$€£¥₹¤%()+\-−~≈]", "", t)
    return bool(re.fullmatch(r"\d[\d.,']*", t))


def column_alignment(spec: TableSpec) -> list[PP_ALIGN]:
    """Right for numeric columns (from ``align``, else detected from the cells), left otherwise."""
    n = len(spec.columns)
    if len(spec.align) == n:
        return [PP_ALIGN.RIGHT if a == "right" else PP_ALIGN.LEFT for a in spec.align]
    out = []
    for c in range(n):
        cells = [row[c] for row in spec.rows if c < len(row) and row[c].strip().lower() not in _NOT_APPLICABLE]
        out.append(PP_ALIGN.RIGHT if cells and c > 0 and all(numeric(t) for t in cells) else PP_ALIGN.LEFT)
    return out


def table(shapes, box: Box, spec: TableSpec, pal: Palette, fitter: Fitter, font: str | None):
    """A table at a fixed font size: brand-coloured header, light banding, numeric columns right-aligned."""
    n_cols = max(1, len(spec.columns))
    columns = list(spec.columns) + [""] * (n_cols - len(spec.columns))
    rows = [tuple(list(r[:n_cols]) + [""] * (n_cols - len(r))) for r in spec.rows]
    widths = g.table_column_widths(spec.widths, n_cols, box.width)
    heights = [fitter.row_height_in(columns, widths, fitter.bold)] + [fitter.row_height_in(r, widths, fitter.regular) for r in rows]
    total = sum(heights)
    # python-pptx draws the frame, the grid and the header row; the body rows are added as bare a:tr/a:tc
    # elements, which is what add_table(len(rows) + 1, ...) leaves of them once heights and cells are written
    # below (its cell template is replaced by _cell_text), without parsing a template for every cell.
    frame = shapes.add_table(1, n_cols, Inches(box.left), Inches(box.top), Inches(box.width), Inches(min(total, box.height)))
    frame.name = "Table"
    tbl = frame.table
    for _ in rows:
        tr = etree.SubElement(tbl._tbl, _ROW, h="0")
        for _ in range(n_cols):
            etree.SubElement(tr, _CELL)
    tbl.first_row = True
    tbl.horz_banding = False
    # Set on the XML, then the frame sized once to the sums (python-pptx's setters resize the frame after every change).
    grid = [Inches(w) for w in widths]
    for col, w in zip(tbl._tbl.tblGrid.gridCol_lst, grid, strict=True):
        col.w = w
    frame.width = Emu(sum(grid))
    row_heights = [Inches(h) for h in heights]
    for tr, h in zip(tbl._tbl.tr_lst, row_heights, strict=True):
        tr.h = h
    frame.height = Emu(sum(row_heights))
    aligns = [a.xml_value for a in column_alignment(TableSpec(tuple(columns), tuple(rows), spec.align, spec.widths))]
    margin_x, margin_y = str(Inches(g.TABLE_CELL_MARGIN_X_IN)), str(Inches(g.TABLE_CELL_MARGIN_Y_IN))
    size = str(round(g.TABLE_FONT_PT * 100))
    for r, (tr, values) in enumerate(zip(tbl._tbl.iterchildren(_ROW), [tuple(columns), *rows], strict=True)):
        fill = pal.primary if r == 0 else ("FFFFFF" if r % 2 else pal.light)
        colour = "FFFFFF" if r == 0 else pal.text
        for c, (tc, text) in enumerate(zip(tr.iterchildren(_CELL), values, strict=True)):
            _cell_text(tc, line(text), aligns[c], size, colour, "1" if r == 0 else "0", font)
            tc_pr = etree.SubElement(tc, _CELL_PR, marL=margin_x, marR=margin_x, marT=margin_y, marB=margin_y, anchor="ctr")
            tc_pr.append(_solid_fill(fill))
    return frame


def _cell_text(tc, text: str, align: str, size: str, colour: str, bold: str, font: str | None) -> None:
    """A table cell's wrapped text as XML, the same as python-pptx writes through the cell's text frame, built directly."""
    for child in list(tc):
        tc.remove(child)
    body = etree.SubElement(tc, _TEXT_BODY)
    etree.SubElement(body, _BODY_PR, wrap="square")
    etree.SubElement(body, _LIST_STYLE)
    _paragraph(body, text, align, size, colour, bold, font)


def picture_in_box(shapes, data: bytes, box: Box, *, align_right=False, descr="Logo"):
    """A picture scaled to fit ``box`` without distortion, with alt text."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        w_px, h_px = im.size
    scale = min(box.width / w_px, box.height / h_px)
    w, h = w_px * scale, h_px * scale
    left = box.left + (box.width - w if align_right else 0)
    top = box.top + (box.height - h) / 2
    pic = shapes.add_picture(io.BytesIO(data), Inches(left), Inches(top), Inches(w), Inches(h))
    pic.name = "Logo"
    set_alt_text(pic, descr)
    return pic


def slide_number(shapes, box: Box, number: int, colour: str, font: str | None):
    """A slide-number field (PowerPoint renumbers it when slides move), right-aligned."""
    shape = textbox(shapes, box, [""], g.FOOTER_PT, colour, name="Slide number", font=font, align=PP_ALIGN.RIGHT, anchor=MSO_ANCHOR.MIDDLE)
    p = shape.text_frame.paragraphs[0]._p
    for r in p.findall(qn("a:r")):
        p.remove(r)
    fld = etree.SubElement(p, qn("a:fld"), id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", type="slidenum")
    r_pr = etree.SubElement(fld, qn("a:rPr"), lang="en-US", sz=str(g.FOOTER_PT * 100), dirty="0")
    fill = etree.SubElement(r_pr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=colour)
    if font:
        etree.SubElement(r_pr, qn("a:latin"), typeface=font)
    etree.SubElement(fld, qn("a:t")).text = str(number)
    end = p.find(qn("a:endParaRPr"))
    if end is not None:  # a:endParaRPr must stay the paragraph's last child
        p.remove(end)
        p.append(end)
    return shape


def notes(notes_slide, text: str, fallback: str) -> None:
    """Speaker notes on a slide's notes page (``fallback`` when ``text`` is blank); a notes master without a body placeholder gets a text box."""
    text = para(text) or fallback
    # notes_slide.notes_text_frame, read from the XML: the first placeholder of type body
    body = next((element.get_or_add_txBody() for element, ph in shape_xml.placeholders(notes_slide.shapes._spTree)
                 if ph.type == PP_PLACEHOLDER.BODY), None)
    if body is None:
        box = notes_slide.shapes.add_textbox(Inches(0.5), Inches(5), Inches(6.5), Inches(4))
        box.name = "Notes"
        tf = box.text_frame
        tf.word_wrap = True
        body = tf._txBody
    shape_xml.set_text(body, text)  # tf.text = text
