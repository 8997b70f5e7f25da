"""The deck's package: python-pptx's, with part names, slides and notes pages made without its per-part scans.

Part of the python-pptx writer. python-pptx 1.0.2 (pinned) makes every new
part the slow way for a deck of many slides: ``next_partname`` and the image
lookup walk every relationship of the package for each new part (quadratic
in the parts), a new slide clones its layout's placeholders through many
XPath queries, and a new notes page clones the notes master's placeholders
the same way. Here each of them gives what python-pptx gives, cheaper:

- :class:`DeckPackage` keeps the names already taken per name pattern (one
  walk per pattern, then a set) and the image parts by hash;
- :class:`Pages` makes the first slide of each layout and the first notes
  page with python-pptx and the next ones as copies of that first one's
  XML, which python-pptx would rebuild identically each time (the clone
  depends only on the layout or the notes master).

Relationships are made in python-pptx's order, so part names, ``rId``s and
slide ids come out the same as python-pptx's own.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pptx
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.package import Package
from pptx.parts.image import Image
from pptx.parts.slide import NotesSlidePart, SlidePart

__all__ = ["DeckPackage", "Pages", "open_presentation", "PYTHON_PPTX_DEFAULT"]

#: The presentation python-pptx starts from when given no file.
PYTHON_PPTX_DEFAULT = Path(pptx.__file__).parent / "templates" / "default.pptx"
_PRESENTATIONS = (CT.PML_PRESENTATION_MAIN, CT.PML_PRES_MACRO_MAIN)
_NOTES_PAGE = "/ppt/notesSlides/notesSlide%d.xml"


def open_presentation(file):
    """``pptx.Presentation(file)``, on a :class:`DeckPackage`."""
    part = DeckPackage.open(file).main_document_part
    if part.content_type not in _PRESENTATIONS:
        raise ValueError(f"not a PowerPoint file, content type is '{part.content_type}'")
    return part.presentation


class DeckPackage(Package):
    """A package that names new parts and finds its images without walking every relationship each time.

    Same results as python-pptx's: part names in use are those of the parts
    reachable from the package, which during a build only grows by the
    parts named here (nothing is dropped once the template's slides are
    gone, before the first new part is named).
    """

    def __init__(self, pkg_file):
        super().__init__(pkg_file)
        self._taken: dict[str, set[str]] = {}  # name pattern's prefix -> the names taken that start with it
        self._images: dict[str, object] = {}  # SHA-1 of an image -> its part

    def next_partname(self, tmpl: str) -> PackURI:
        """python-pptx's ``OpcPackage.next_partname``: the highest free number up to one more than the names taken."""
        prefix = tmpl[: (tmpl % 42).find("42")]
        taken = self._taken.get(prefix)
        if taken is None:  # first name of this pattern: the one walk python-pptx makes for every name
            taken = self._taken[prefix] = {p.partname for p in self.iter_parts() if p.partname.startswith(prefix)}
        for n in range(len(taken) + 1, 0, -1):
            candidate = tmpl % n
            if candidate not in taken:
                break
        for other, names in self._taken.items():
            if candidate.startswith(other):
                names.add(candidate)
        return PackURI(candidate)

    def get_or_add_image_part(self, image_file):
        """python-pptx's: the package's part holding this image, or a new one; found by hash after the first time."""
        sha1 = Image.from_file(image_file).sha1
        part = self._images.get(sha1)
        if part is None:
            part = self._images[sha1] = super().get_or_add_image_part(image_file)
        return part


class Pages:
    """New slides and notes pages of one presentation, each made once by python-pptx and then copied."""

    def __init__(self, prs):
        self.prs = prs
        self._blank_slides: dict[str, object] = {}  # layout's part name -> a new slide's XML
        self._blank_notes = None

    def add_slide(self, layout):
        """``prs.slides.add_slide(layout)``: the same part, relationships and XML."""
        blank = self._blank_slides.get(layout.part.partname)
        if blank is None:
            slide = self.prs.slides.add_slide(layout)
            self._blank_slides[layout.part.partname] = copy.deepcopy(slide._element)
            return slide
        presentation = self.prs.part
        package = presentation.package
        # as PresentationPart.add_slide, SlidePart.new and Slides.add_slide do it, with the placeholders already cloned
        part = SlidePart(PackURI(f"/ppt/slides/slide{len(self.prs.slides) + 1}.xml"), CT.PML_SLIDE, package, copy.deepcopy(blank))
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        rid = presentation.relate_to(part, RT.SLIDE)
        presentation._element.get_or_add_sldIdLst().add_sldId(rid)
        return part.slide

    def notes_slide(self, slide):
        """``slide.notes_slide`` for a new slide: the same part, relationships and XML."""
        if self._blank_notes is None:
            notes = slide.notes_slide
            self._blank_notes = copy.deepcopy(notes._element)
            return notes
        slide_part = slide.part
        package = slide_part.package
        master = package.presentation_part.notes_master_part
        # as NotesSlidePart.new and SlidePart._add_notes_slide_part do it, with the placeholders already cloned
        part = NotesSlidePart(package.next_partname(_NOTES_PAGE), CT.PML_NOTES_SLIDE, package, copy.deepcopy(self._blank_notes))
        part.relate_to(master, RT.NOTES_MASTER)
        part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(part, RT.NOTES_SLIDE)
        return slide.notes_slide
