"""Office Open XML hygiene: repair what python-pptx writes out of schema range, and check a saved package.

Pure (lxml and zipfile, no python-pptx). PowerPoint shows a repair prompt
for values ECMA-376 does not allow, and python-pptx writes some: random
negative ``c:axId`` values (the schema type is ``xsd:unsignedInt``) and a
``c:smooth`` element in radar series (``CT_RadarSer`` has none).
:func:`fix_chart` rewrites a chart part's XML in place before it is saved;
:func:`package_problems` checks a finished .pptx for the structural faults
that trigger a repair (missing parts and relationship targets, content
types, duplicate ids, out-of-range sizes, empty text bodies, NaN values).
"""

from __future__ import annotations

import io
import math
import posixpath
import zipfile
from collections.abc import Iterator

from lxml import etree

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
#: First axis id the writer uses; any unsignedInt is valid, PowerPoint's own are 8-9 digit positives.
FIRST_AXIS_ID = 500000001
#: ST_Coordinate / ST_PositiveCoordinate limit (EMU).
MAX_COORDINATE = 27273042316900
_RANGES = {  # element: (minimum, maximum) of its @val, from dml-chart.xsd
    "gapWidth": (0, 500),
    "overlap": (-100, 100),
    "bubbleScale": (0, 300),
    "holeSize": (1, 90),
    "size": (2, 72),  # c:marker/c:size
    "firstSliceAng": (0, 360),
}


def _c(tag: str) -> str:
    return f"{{{NS['c']}}}{tag}"


def fix_chart(chart_space: etree._Element) -> None:
    """Bring a ``c:chartSpace`` element within the ECMA-376 schema, in place.

    - axis ids become positive and unique (``c:axId``/``c:crossAx`` keep pointing at the same axes);
    - ``c:smooth`` is removed from radar series;
    - ``gapWidth``, ``overlap``, ``bubbleScale``, ``holeSize``, marker ``size`` are clamped to their ranges.
    """
    mapping: dict[str, str] = {}
    for el in chart_space.iter(_c("axId"), _c("crossAx")):
        old = el.get("val", "")
        if old not in mapping:
            mapping[old] = str(FIRST_AXIS_ID + len(mapping))
        el.set("val", mapping[old])
    for smooth in chart_space.findall(".//c:radarChart/c:ser/c:smooth", NS):
        smooth.getparent().remove(smooth)
    for tag, (low, high) in _RANGES.items():
        for el in chart_space.iter(_c(tag)):
            if tag == "size" and etree.QName(el.getparent()).localname != "marker":
                continue
            try:
                value = int(float(el.get("val", low)))
            except ValueError:
                value = low
            el.set("val", str(min(high, max(low, value))))


# --- checks of a saved package ---------------------------------------------------


def package_problems(data: bytes) -> list[str]:
    """Structural faults in a .pptx that make PowerPoint offer a repair; empty when none.

    Checks that the zip opens and every XML part parses; every part has a
    content type and every content-type override names a part; every
    internal relationship target exists; slide ids are unique and in range;
    shape ids are unique within each part; sizes and offsets are in range;
    every text body has a paragraph; chart axis ids are unsigned and
    chart values are numbers (no NaN or infinity).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        return [f"not a zip package: {exc}"]
    names = set(archive.namelist())
    problems: list[str] = []
    parts: dict[str, etree._Element] = {}
    for name in sorted(names):
        if name.endswith((".xml", ".rels")):
            try:
                parts[name] = etree.fromstring(archive.read(name))
            except etree.XMLSyntaxError as exc:
                problems.append(f"{name}: not well-formed XML ({exc})")
    problems += _content_type_problems(parts, names)
    problems += _relationship_problems(parts, names)
    for name, root in parts.items():
        problems += [f"{name}: {p}" for p in _part_problems(name, root)]
    return problems


def _content_type_problems(parts: dict[str, etree._Element], names: set[str]) -> list[str]:
    types = parts.get("[Content_Types].xml")
    if types is None:
        return ["[Content_Types].xml is missing"]
    defaults = {d.get("Extension", "").lower() for d in types.findall("ct:Default", NS)}
    overrides = {o.get("PartName", "").lstrip("/") for o in types.findall("ct:Override", NS)}
    problems = [f"content type override for missing part /{o}" for o in sorted(overrides - names)]
    for name in sorted(names):
        if name == "[Content_Types].xml" or name.endswith("/"):
            continue
        if name not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
            problems.append(f"{name}: no content type")
    return problems


def _relationship_problems(parts: dict[str, etree._Element], names: set[str]) -> list[str]:
    problems = []
    for name, root in parts.items():
        if not name.endswith(".rels"):
            continue
        source_dir = posixpath.dirname(posixpath.dirname(name))
        seen: set[str] = set()
        for rel in root.findall("rel:Relationship", NS):
            rid = rel.get("Id", "")
            if rid in seen:
                problems.append(f"{name}: duplicate relationship id {rid}")
            seen.add(rid)
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(source_dir, target))
            if path not in names:
                problems.append(f"{name}: relationship {rid} points at missing part {path}")
    return problems


def _part_problems(name: str, root: etree._Element) -> Iterator[str]:
    if name == "ppt/presentation.xml":
        ids = [int(s.get("id", "0")) for s in root.findall(".//p:sldId", NS)]
        if len(ids) != len(set(ids)):
            yield "duplicate slide ids"
        if any(not 256 <= i < 2147483648 for i in ids):
            yield "slide id out of range"
    if name.startswith("ppt/slides/") or name.startswith("ppt/slideLayouts/") or name.startswith("ppt/slideMasters/"):
        ids = [c.get("id") for c in root.iter(f"{{{NS['p']}}}cNvPr")]
        if len(ids) != len(set(ids)):
            yield "duplicate shape ids"
    for ext in root.iter(f"{{{NS['a']}}}ext"):
        for attr in ("cx", "cy"):
            value = ext.get(attr)
            if value is not None and not (value.lstrip("-").isdigit() and 0 <= int(value) <= MAX_COORDINATE):
                yield f"a:ext {attr}={value} out of range"
    for off in root.iter(f"{{{NS['a']}}}off"):
        for attr in ("x", "y"):
            value = off.get(attr, "0")
            if not (value.lstrip("-").isdigit() and abs(int(value)) <= MAX_COORDINATE):
                yield f"a:off {attr}={value} out of range"
    for body in (*root.iter(f"{{{NS['p']}}}txBody"), *root.iter(_c("rich")), *root.iter(f"{{{NS['a']}}}txBody")):
        if body.find("a:p", NS) is None:
            yield f"{etree.QName(body).localname} without a paragraph"
    if name.startswith("ppt/charts/"):
        yield from _chart_problems(root)


def _chart_problems(root: etree._Element) -> Iterator[str]:
    for el in root.iter(_c("axId"), _c("crossAx")):
        value = el.get("val", "")
        if not (value.isdigit() and int(value) <= 4294967295):
            yield f"c:{etree.QName(el).localname} val={value} is not an unsigned int"
    if root.find(".//c:radarChart/c:ser/c:smooth", NS) is not None:
        yield "c:smooth in a radar series"
    for tag, (low, high) in _RANGES.items():
        for el in root.iter(_c(tag)):
            if tag == "size" and etree.QName(el.getparent()).localname != "marker":
                continue
            try:
                value = float(el.get("val", low))
            except ValueError:
                value = math.nan
            if not low <= value <= high:
                yield f"c:{tag} val={el.get('val')} outside {low}..{high}"
    for v in root.iter(_c("v")):
        if etree.QName(v.getparent()).localname == "pt" and etree.QName(v.getparent().getparent()).localname in ("numCache", "numLit"):
            try:
                number = float(v.text or "")
            except ValueError:
                yield f"chart value {v.text!r} is not a number"
                continue
            if not math.isfinite(number):
                yield f"chart value {v.text!r} is not finite"
