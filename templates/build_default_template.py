"""Build templates/default.pptx: the 16:9 master every ldpitch deck starts from when no template is given.

Run from the repository root: ``.venv/bin/python templates/build_default_template.py``.

It starts from python-pptx's own (4:3) template and makes it 16:9
(13.333 x 7.5 in): every master and layout placeholder is widened to the
new slide width, the layouts people add by hand in PowerPoint are kept
(Title Slide, Title and Content, Section Header, Two Content, Title Only,
Blank) and the rest removed, the theme fonts are Calibri and the theme's
first accents are ldpitch's default brand colours. The writer places its own
text boxes; these layouts keep the deck tidy when someone adds slides later.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu

OUT = Path(__file__).with_name("default.pptx")
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in
KEEP = ("Title Slide", "Title and Content", "Section Header", "Two Content", "Title Only", "Blank")
THEME_COLOURS = {"dk2": "1F4E79", "accent1": "1F4E79", "accent2": "F39C12", "accent3": "7F7F7F", "accent4": "2E86C1"}


def widen(shapes, factor: float) -> None:
    """Stretch every placeholder with its own position horizontally by ``factor``."""
    for shape in shapes:
        xfrm = shape._element.find(".//" + qn("a:xfrm"))
        if xfrm is None:
            continue
        off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
        if off is not None:
            off.set("x", str(round(int(off.get("x")) * factor)))
        if ext is not None:
            ext.set("cx", str(round(int(ext.get("cx")) * factor)))


def set_sizes(master) -> None:
    """Title 28 pt, body 20/18/16 pt: action titles run to two lines."""
    tx_styles = master._element.find(qn("p:txStyles"))
    title = tx_styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr")).find(qn("a:defRPr"))
    title.set("sz", "2800")
    title.set("b", "1")
    body = tx_styles.find(qn("p:bodyStyle"))
    for level, size in (("a:lvl1pPr", "2000"), ("a:lvl2pPr", "1800"), ("a:lvl3pPr", "1600")):
        body.find(qn(level)).find(qn("a:defRPr")).set("sz", size)


def set_theme(master) -> None:
    theme_part = next(rel.target_part for rel in master.part.rels.values() if rel.reltype.endswith("/theme"))
    from lxml import etree

    root = etree.fromstring(theme_part.blob)
    scheme = root.find(".//" + qn("a:clrScheme"))
    scheme.set("name", "ldpitch")
    for name, rgb in THEME_COLOURS.items():
        slot = scheme.find(qn("a:" + name))
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, qn("a:srgbClr"), val=rgb)
    for font in ("a:majorFont", "a:minorFont"):
        root.find(".//" + qn(font)).find(qn("a:latin")).set("typeface", "Calibri")
    root.set("name", "ldpitch")
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def build() -> bytes:
    prs = Presentation()
    factor = WIDTH / prs.slide_width
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    master = prs.slide_master
    for layout in list(master.slide_layouts):
        if layout.name not in KEEP:
            master.slide_layouts.remove(layout)
    widen(master.placeholders, factor)
    for layout in master.slide_layouts:
        widen(layout.placeholders, factor)
    set_sizes(master)
    set_theme(master)
    props = prs.core_properties
    props.title = "ldpitch default template"
    props.author = "ldpitch"
    props.last_modified_by = "ldpitch"
    props.comments = ""
    props.revision = 1
    props.created = props.modified = dt.datetime(2026, 1, 1)
    import io

    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def main() -> int:
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
