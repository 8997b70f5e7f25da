"""A shape's position, text-frame settings, flat fill and text, and a slide's placeholders, straight in the XML as python-pptx does it.

Part of the python-pptx writer. Each function writes (or finds) exactly what
the python-pptx calls named in its docstring write (or find): the same elements, inserted
before the same successors, the same attributes in the same order, an
attribute left out when it is set to python-pptx's default
(``tests/deck/test_shape_xml.py`` compares the two on fresh and used shapes).
python-pptx's proxies find every child through generic descriptors
(``get_or_add_*``, ``insert_element_before`` with a name lookup per possible
successor) and test every shape for a placeholder with an XPath compiled
anew each time, which made these few settings of every text box, tile, title
and notes page a fifth of a deck's build time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml.ns import nsmap, qn
from pptx.oxml.text import CT_RegularTextRun
from pptx.util import Emu

__all__ = ["flat_fill", "frame_settings", "place", "placeholders", "set_text"]

_SP_PR, _XFRM, _OFF, _EXT = qn("p:spPr"), qn("a:xfrm"), qn("a:off"), qn("a:ext")
_BODY_PR, _NO_AUTOFIT = qn("a:bodyPr"), qn("a:noAutofit")
_SOLID_FILL, _SRGB, _LINE, _NO_FILL = qn("a:solidFill"), qn("a:srgbClr"), qn("a:ln"), qn("a:noFill")
# CT_ShapeProperties's children in schema order (python-pptx's ``_tag_seq``).
_SP_PR_SEQ = tuple(qn(t) for t in ("a:xfrm", "a:custGeom", "a:prstGeom", "a:noFill", "a:solidFill", "a:gradFill", "a:blipFill",
                                   "a:pattFill", "a:grpFill", "a:ln", "a:effectLst", "a:effectDag", "a:scene3d", "a:sp3d", "a:extLst"))
_SHAPE_FILLS = _SP_PR_SEQ[3:9]
_XFRM_SEQ = tuple(qn(t) for t in ("a:off", "a:ext", "a:chOff", "a:chExt"))
_AUTOFITS = tuple(qn(t) for t in ("a:noAutofit", "a:normAutofit", "a:spAutoFit"))
_AUTOFIT_SUCCESSORS = tuple(qn(t) for t in ("a:scene3d", "a:sp3d", "a:flatTx", "a:extLst"))
_COLOURS = tuple(qn(t) for t in ("a:scrgbClr", "a:srgbClr", "a:hslClr", "a:sysClr", "a:schemeClr", "a:prstClr"))
_LINE_FILLS = tuple(qn(t) for t in ("a:noFill", "a:solidFill", "a:gradFill", "a:pattFill"))
_LINE_FILL_SUCCESSORS = tuple(qn(t) for t in ("a:prstDash", "a:custDash", "a:round", "a:bevel", "a:miter", "a:headEnd", "a:tailEnd", "a:extLst"))
_PARAGRAPH, _RUN, _TEXT, _BREAK = qn("a:p"), qn("a:r"), qn("a:t"), qn("a:br")
# python-pptx's own test for a placeholder (BaseShapeElement.ph), compiled once instead of on every call.
_PH = etree.XPath("./*[1]/p:nvPr/p:ph", namespaces=nsmap("p"))
# python-pptx's defaults for a:bodyPr insets (CT_TextBodyProperties): setting one of them removes the attribute.
_INSET_DEFAULTS = {"lIns": Emu(91440), "rIns": Emu(91440), "tIns": Emu(45720), "bIns": Emu(45720)}


def _insert(parent, child, successors: Sequence[str]):
    """``BaseOxmlElement.insert_element_before``: before the first of ``successors`` present (in their order), else last."""
    for tag in successors:
        found = parent.find(tag)
        if found is not None:
            found.addprevious(child)
            return child
    parent.append(child)
    return child


def _get_or_add(parent, tag: str, successors: Sequence[str]):
    found = parent.find(tag)
    return found if found is not None else _insert(parent, parent.makeelement(tag), successors)


def _get_or_change_to(parent, tag: str, choices: Sequence[str], successors: Sequence[str]):
    """python-pptx's ``get_or_change_to_*`` of a choice group: the child ``tag``, replacing any other choice."""
    found = parent.find(tag)
    if found is not None:
        return found
    for choice in choices:
        for old in parent.findall(choice):
            parent.remove(old)
    return _insert(parent, parent.makeelement(tag), successors)


def place(sp, left: int, top: int, width: int, height: int) -> None:
    """``shape.left, shape.top, shape.width, shape.height = left, top, width, height`` on a ``p:sp``."""
    xfrm = _get_or_add(sp.find(_SP_PR), _XFRM, _SP_PR_SEQ[1:])
    off = _get_or_add(xfrm, _OFF, _XFRM_SEQ[1:])
    off.set("x", str(int(left)))
    off.set("y", str(int(top)))
    ext = _get_or_add(xfrm, _EXT, _XFRM_SEQ[2:])
    ext.set("cx", str(int(width)))
    ext.set("cy", str(int(height)))


def frame_settings(sp, inset_x: int, inset_y: int, anchor) -> None:
    """The text frame of a ``p:sp`` set as ``frame_text`` sets it through python-pptx's ``TextFrame``.

    ``word_wrap = True``, ``auto_size = MSO_AUTO_SIZE.NONE``, ``margin_left``
    then ``margin_right`` = ``inset_x``, ``margin_top`` then ``margin_bottom`` =
    ``inset_y``, ``vertical_anchor = anchor``.
    """
    body_pr = sp.get_or_add_txBody().find(_BODY_PR)
    body_pr.set("wrap", "square")
    for autofit in _AUTOFITS:
        for old in body_pr.findall(autofit):
            body_pr.remove(old)
    _insert(body_pr, body_pr.makeelement(_NO_AUTOFIT), _AUTOFIT_SUCCESSORS)
    for name, value in (("lIns", inset_x), ("rIns", inset_x), ("tIns", inset_y), ("bIns", inset_y)):
        if value == _INSET_DEFAULTS[name]:
            body_pr.attrib.pop(name, None)
        else:
            body_pr.set(name, str(int(value)))
    if anchor is None:
        body_pr.attrib.pop("anchor", None)
    else:
        body_pr.set("anchor", MSO_ANCHOR.to_xml(anchor))


def flat_fill(sp, colour: str) -> None:
    """``shape.fill.solid()``, ``shape.fill.fore_color.rgb = colour``, ``shape.line.fill.background()`` on a ``p:sp``."""
    sp_pr = sp.find(_SP_PR)
    fill = _get_or_change_to(sp_pr, _SOLID_FILL, _SHAPE_FILLS, _SP_PR_SEQ[9:])
    if fill.find(_SRGB) is None:
        _get_or_change_to(fill, _SRGB, _COLOURS, ())
    fill.find(_SRGB).set("val", str(RGBColor.from_string(colour)))
    line = _get_or_add(sp_pr, _LINE, _SP_PR_SEQ[10:])
    _get_or_change_to(line, _NO_FILL, _LINE_FILLS, _LINE_FILL_SUCCESSORS)



def placeholders(sp_tree) -> Iterator[tuple[object, object]]:
    """Each placeholder shape of a ``p:spTree`` with its ``p:ph``, in document order (``iter_ph_elms``)."""
    for element in sp_tree.iter_shape_elms():
        found = _PH(element)
        if found:
            yield element, found[0]


def set_text(body, text: str) -> None:
    """``TextFrame.text = text`` on a ``p:txBody``: a paragraph per line feed, a line break per vertical tab, control characters escaped."""
    for paragraph in body.findall(_PARAGRAPH):
        body.remove(paragraph)
    for line in text.split("\n"):
        paragraph = etree.SubElement(body, _PARAGRAPH)
        for i, piece in enumerate(re.split("\n|\v", line)):
            if i > 0:
                etree.SubElement(paragraph, _BREAK)
            if piece:
                run = etree.SubElement(paragraph, _RUN)
                etree.SubElement(run, _TEXT).text = CT_RegularTextRun._escape_ctrl_chars(piece)
