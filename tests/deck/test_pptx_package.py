"""The deck's package names parts and makes slides and notes pages as python-pptx does, without its per-part scans."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest
from deck_checks import sample_slides
from PIL import Image
from pptx import Presentation
from pptx.opc.package import OpcPackage
from pptx.package import Package

from ldpitch.deck.branding import Branding, load_template
from ldpitch.deck.pptx.package import PYTHON_PPTX_DEFAULT, DeckPackage, Pages, open_presentation
from ldpitch.deck.pptx.template import DEFAULT_TEMPLATE, open_base, pick_layouts
from ldpitch.deck.pptx.writer import write_deck

PATTERNS = ("/ppt/slides/slide%d.xml", "/ppt/notesSlides/notesSlide%d.xml", "/ppt/charts/chart%d.xml",
            "/ppt/embeddings/Microsoft_Excel_Sheet%d.xlsx", "/ppt/theme/theme%d.xml")


def png_logo() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (300, 100), (31, 78, 121, 255)).save(out, format="PNG")
    return out.getvalue()


def template_with_slides() -> bytes:
    """The default template with two slides of its own (which a deck drops)."""
    prs = Presentation(str(DEFAULT_TEMPLATE))
    for text in ("Old slide one", "Old slide two"):
        prs.slides.add_slide(prs.slide_layouts[1]).shapes.title.text = text
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def decks() -> dict[str, bytes]:
    slides = sample_slides()
    return {
        "branded": write_deck(slides, Branding(footer="Acme", logo=png_logo()), title="Sample"),
        "template": write_deck(slides[:6], Branding(template=load_template(template_with_slides(), "t.pptx"))),
    }


def parts(data: bytes) -> dict[str, object]:
    """Every part of a package by name (an embedded workbook's too), creation and modification times blanked."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        blobs = {n: z.read(n) for n in z.namelist()}
    return {n: parts(b) if n.endswith(".xlsx") else re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\1", b)
            for n, b in blobs.items()}


def test_part_names_are_the_ones_python_pptx_gives():
    package = open_presentation(io.BytesIO(decks()["branded"])).part.package
    for pattern in PATTERNS:
        assert package.next_partname(pattern) == OpcPackage.next_partname(package, pattern)
    # after the template's own slides are dropped their names are free again, as python-pptx sees it
    package = open_base(template_with_slides()).prs.part.package
    for pattern in PATTERNS:
        assert package.next_partname(pattern) == OpcPackage.next_partname(package, pattern)


def test_a_gap_in_the_names_is_filled_as_python_pptx_fills_it():
    """python-pptx takes the highest free number up to one more than the names taken (chart2 when chart1 and chart2 are free)."""
    prs = open_presentation(io.BytesIO(decks()["branded"]))
    for slide in prs.slides:
        for rid, rel in list(slide.part.rels.items()):
            if rel.reltype.endswith("/chart") and rel.target_part.partname in ("/ppt/charts/chart1.xml", "/ppt/charts/chart2.xml"):
                slide.part.drop_rel(rid)
    package = prs.part.package
    assert OpcPackage.next_partname(package, PATTERNS[2]) == "/ppt/charts/chart2.xml"
    assert package.next_partname(PATTERNS[2]) == "/ppt/charts/chart2.xml"


def test_a_name_given_is_taken_before_its_part_is_related():
    package = open_presentation(io.BytesIO(decks()["branded"])).part.package
    first = package.next_partname("/ppt/charts/chart%d.xml")
    assert package.next_partname("/ppt/charts/chart%d.xml") != first


def test_a_deck_has_the_parts_python_pptx_itself_writes(monkeypatch):
    """Slides, notes pages, part names and images made python-pptx's own way give the same package, byte for byte."""
    fast = decks()
    monkeypatch.setattr(Pages, "add_slide", lambda self, layout: self.prs.slides.add_slide(layout))
    monkeypatch.setattr(Pages, "notes_slide", lambda self, slide: slide.notes_slide)
    monkeypatch.setattr(DeckPackage, "next_partname", OpcPackage.next_partname)
    monkeypatch.setattr(DeckPackage, "get_or_add_image_part", Package.get_or_add_image_part)
    reference = decks()
    for name in fast:
        assert parts(fast[name]) == parts(reference[name]), name


def test_the_default_templates_layouts_are_the_ones_picked_for_it():
    base = open_base(None)
    cover, content = pick_layouts(open_presentation(str(DEFAULT_TEMPLATE)))
    assert (base.cover_layout.name, base.content_layout.name) == (cover.name, content.name)


def test_a_package_that_is_not_a_presentation_is_refused_as_python_pptx_refuses_it():
    workbook = io.BytesIO()
    openpyxl.Workbook().save(workbook)
    with pytest.raises(ValueError):
        open_presentation(io.BytesIO(workbook.getvalue()))


def test_without_the_templates_folder_the_deck_starts_from_python_pptxs_own_presentation():
    assert open_presentation(str(PYTHON_PPTX_DEFAULT)).slide_layouts[0].name
