"""The writer's direct XML writes the same elements and attributes as the python-pptx calls they stand for."""

from __future__ import annotations

import copy

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.shapes.shapetree import SlideShapeFactory
from pptx.util import Inches

from ldpitch.deck.pptx import shape_xml
from ldpitch.deck.pptx.template import DEFAULT_TEMPLATE

INSET_X, INSET_Y = Inches(0.08), Inches(0.05)


def slide_with_shapes():
    """A title-only slide of the default template with a text box, a rectangle and a used text box."""
    prs = Presentation(str(DEFAULT_TEMPLATE))
    layout = next(lo for lo in prs.slide_layouts if lo.name == "Title Only")
    slide = prs.slides.add_slide(layout)
    slide.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1))
    slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(1), Inches(3), Inches(3), Inches(1))
    used = slide.shapes.add_textbox(Inches(5), Inches(1), Inches(3), Inches(1))
    used.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    used.text_frame.margin_top = Inches(0.3)
    used.fill.solid()
    used.line.width = Inches(0.01)
    used.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    return slide


def each_shape():
    """Two copies of the slide of ``slide_with_shapes`` for each of its shapes (python-pptx writes one, the direct code the other) and the shape's index."""
    slide = slide_with_shapes()
    for i in range(len(slide.shapes)):
        a, b = copy.deepcopy(slide._element), copy.deepcopy(slide._element)
        yield a, b, i


def shape_of(slide_element, i):
    """The i-th shape of a copied slide element, as a python-pptx proxy."""
    return SlideShapeFactory(list(slide_element.cSld.spTree.iter_shape_elms())[i], None)


def xml(element) -> str:
    return etree.tostring(element, encoding="unicode")


@pytest.mark.parametrize("anchor", [MSO_ANCHOR.TOP, MSO_ANCHOR.MIDDLE, MSO_ANCHOR.BOTTOM])
def test_place_and_frame_settings_write_what_the_python_pptx_setters_write(anchor):
    for a, b, i in each_shape():
        shape = shape_of(a, i)
        shape.left, shape.top, shape.width, shape.height = Inches(1.5), Inches(2), Inches(4), Inches(0.5)
        tf = shape.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        tf.margin_left = tf.margin_right = INSET_X
        tf.margin_top = tf.margin_bottom = INSET_Y
        tf.vertical_anchor = anchor
        sp = shape_of(b, i)._element
        shape_xml.place(sp, Inches(1.5), Inches(2), Inches(4), Inches(0.5))
        shape_xml.frame_settings(sp, INSET_X, INSET_Y, anchor)
        assert xml(b) == xml(a)


def test_flat_fill_writes_what_fill_solid_fore_color_and_line_background_write():
    for a, b, i in each_shape():
        shape = shape_of(a, i)
        if shape.is_placeholder:
            continue
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string("1f4e79")
        shape.line.fill.background()
        shape_xml.flat_fill(shape_of(b, i)._element, "1f4e79")
        assert xml(b) == xml(a)


@pytest.mark.parametrize("text", ["One line", "Two\nparagraphs", "A soft\vbreak and\n\nan empty one", "", "Control \x1b character\ttab"])
def test_set_text_writes_what_the_text_frame_text_setter_writes(text):
    for a, b, i in each_shape():
        shape = shape_of(a, i)
        shape.text_frame.text = text
        shape_xml.set_text(shape_of(b, i)._element.get_or_add_txBody(), text)
        assert xml(b) == xml(a)


def test_placeholders_are_the_ones_python_pptx_lists_in_the_same_order():
    slide = slide_with_shapes()
    tree = slide.shapes._spTree
    assert [e for e, _ in shape_xml.placeholders(tree)] == list(tree.iter_ph_elms())
    assert [ph.type for _, ph in shape_xml.placeholders(tree)] == [p.placeholder_format.type for p in slide.placeholders]
