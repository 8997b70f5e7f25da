"""The look of a deck: brand colours, font, footer, logo and the organisation's own .pptx template.

Pure (no python-pptx). :class:`Branding` validates its colours and text when
made; :func:`load_template` and :func:`load_logo` check an upload before it
goes anywhere near the writer and say in the user's words why one cannot be
used (:class:`~ldpitch.errors.TemplateError`). :func:`palette` maps chart
series roles to the brand's colours.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from ldpitch.errors import TemplateError
from ldpitch.pitch import clean_text

TEMPLATE_MAX_BYTES = 20 * 1024 * 1024
#: Zip-bomb limits: the sum of uncompressed sizes, the overall expansion ratio, the number of parts.
TEMPLATE_MAX_UNCOMPRESSED = 200 * 1024 * 1024
TEMPLATE_MAX_RATIO = 100
TEMPLATE_MAX_PARTS = 5000
LOGO_MAX_BYTES = 5 * 1024 * 1024
LOGO_MAX_PIXELS = 25_000_000
#: Logos larger than this (longest side, pixels) are scaled down when converted.
LOGO_MAX_SIDE = 2000
FONT_MAX_CHARS = 64
FOOTER_MAX_CHARS = 120

_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_CT = "application/vnd.openxmlformats-officedocument.presentationml."
_MACRO_CT = "application/vnd.ms-powerpoint."
_PPTX_ONLY = "save it as a .pptx presentation and upload that"


def normalise_colour(value: str, what: str = "colour") -> str:
    """``value`` as ``#RRGGBB`` (upper case), accepting ``#RGB`` and a missing ``#``.

    >>> normalise_colour("1f4e79"), normalise_colour("#f90")
    ('#1F4E79', '#FF9900')
    """
    match = _HEX.match(str(value).strip())
    if not match:
        raise TemplateError(f"The {what} '{value}' is not a colour code; use a hex code such as #1F4E79.")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return "#" + digits.upper()


@dataclass(frozen=True)
class Branding:
    """How the deck looks: colours (hex), font family, footer text, slide numbers, logo and template bytes.

    ``font`` "Calibri" (the default) keeps an organisation template's own
    theme fonts; any other family is applied to every text in the deck.
    Pass ``logo`` and ``template`` through :func:`load_logo` and
    :func:`load_template` first.

    >>> Branding(primary="0a3d62").primary
    '#0A3D62'
    """

    primary: str = "#1F4E79"
    accent: str = "#F39C12"
    font: str = "Calibri"
    footer: str = ""
    slide_numbers: bool = True
    logo: bytes | None = field(default=None, repr=False)
    template: bytes | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "primary", normalise_colour(self.primary, "primary colour"))
        object.__setattr__(self, "accent", normalise_colour(self.accent, "accent colour"))
        font = clean_text(str(self.font or ""), keep_newlines=False)
        if not font or len(font) > FONT_MAX_CHARS or not re.fullmatch(r"[\w .,'&+-]+", font):
            raise TemplateError(f"'{self.font}' is not a font name; use a font family such as Calibri or Arial.")
        object.__setattr__(self, "font", font)
        object.__setattr__(self, "footer", clean_text(str(self.footer or ""), keep_newlines=False)[:FOOTER_MAX_CHARS])


# --- colours -------------------------------------------------------------------


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "".join(f"{max(0, min(255, round(c))):02X}" for c in rgb)


def tint(hex_colour: str, amount: float) -> str:
    """``hex_colour`` mixed with white (``amount`` 0..1), as ``RRGGBB``.

    >>> tint("#1F4E79", 0.5)
    '8FA6BC'
    """
    return _hex(tuple(c + (255 - c) * amount for c in _rgb(hex_colour)))


def shade(hex_colour: str, amount: float) -> str:
    """``hex_colour`` mixed with black (``amount`` 0..1), as ``RRGGBB``."""
    return _hex(tuple(c * (1 - amount) for c in _rgb(hex_colour)))


def luminance(hex_colour: str) -> float:
    """Relative luminance (WCAG), 0 for black to 1 for white."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _distance(a: str, b: str) -> float:
    return sum((x - y) ** 2 for x, y in zip(_rgb(a), _rgb(b), strict=True)) ** 0.5


@dataclass(frozen=True)
class Palette:
    """The deck's colours as ``RRGGBB``: brand colours made safe to read and told apart."""

    primary: str
    accent: str
    neutral: str = "A6A6A6"
    dark: str = "404040"
    text: str = "262626"
    muted: str = "595959"
    light: str = "F2F2F2"
    heading: str = "1F4E79"

    def role(self, role: str) -> str:
        """The colour of a chart series with this role; cost and benefit are always distinct."""
        return {
            "benefit": self.primary,
            "cost": self.accent,
            "net": self.dark,
            "primary": self.primary,
            "secondary": self.accent,
            "baseline": self.neutral,
            "target": self.accent,
            "actual": self.primary,
            "low": self.accent,
            "high": self.primary,
        }.get(role, self.primary)


def palette(branding: Branding) -> Palette:
    """Colours for the deck from the brand's primary and accent.

    A primary too light to read on white is darkened for headings; an accent
    too close to the primary is replaced so costs and benefits stay distinct.

    >>> p = palette(Branding(primary="#1F4E79", accent="#2A5A85"))
    >>> p.accent != "2A5A85"
    True
    """
    primary = branding.primary.lstrip("#")
    accent = branding.accent.lstrip("#")
    if luminance(branding.primary) > 0.5:  # too pale to carry text or thin lines on white
        primary = shade(branding.primary, 0.45)
    if _distance("#" + primary, "#" + accent) < 120:
        accent = "F39C12" if _distance("#" + primary, "#F39C12") >= 120 else "1F4E79"
    heading = primary if luminance("#" + primary) < 0.35 else shade("#" + primary, 0.4)
    return Palette(primary=primary, accent=accent, heading=heading)


# --- templates -----------------------------------------------------------------


def load_template(data: bytes, filename: str = "template.pptx") -> bytes:
    """``data`` if it is a .pptx presentation whose masters and layouts the deck can use.

    Raises :class:`TemplateError` with a message for the user for a .potx
    template, a macro-enabled .pptm, a .ppsx show, a legacy or password
    protected .ppt, another kind of file, a damaged or oversized file and a
    zip bomb.
    """
    if len(data) > TEMPLATE_MAX_BYTES:
        raise TemplateError(
            f"This template is {len(data) / 1024 / 1024:.0f} MB; the limit is {TEMPLATE_MAX_BYTES // 1024 // 1024} MB. "
            "Remove large pictures or unused layouts from it and upload it again."
        )
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise TemplateError(
            "This is an older PowerPoint file (.ppt) or a password-protected presentation. "
            f"Open it in PowerPoint, remove any password, {_PPTX_ONLY}."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        shown = clean_text(str(filename), keep_newlines=False)[:80] or "this file"
        raise TemplateError(f"This file ({shown}) is not a PowerPoint presentation that can be opened; {_PPTX_ONLY}.") from exc
    _check_bomb(infos, len(data))
    names = {i.filename for i in infos}
    if "mimetype" in names and any(n == "content.xml" for n in names):
        raise TemplateError(f"This is an OpenDocument presentation (.odp); open it in LibreOffice or PowerPoint, {_PPTX_ONLY}.")
    content_type = _main_content_type(archive, names)
    if content_type == _CT + "template.main+xml":
        raise TemplateError(f"This is a PowerPoint template (.potx); open it in PowerPoint, {_PPTX_ONLY}.")
    if content_type.startswith(_MACRO_CT) or "macroenabled" in content_type.lower() or any(n.lower().endswith("vbaproject.bin") for n in names):
        raise TemplateError(f"This presentation contains macros (.pptm); {_PPTX_ONLY} (without macros).")
    if content_type == _CT + "slideshow.main+xml":
        raise TemplateError(f"This is a PowerPoint show (.ppsx); open it in PowerPoint, {_PPTX_ONLY}.")
    if content_type != _CT + "presentation.main+xml":
        kind = "a Word document" if "wordprocessingml" in content_type else "an Excel workbook" if "spreadsheetml" in content_type else "another kind of file"
        raise TemplateError(f"This is not a PowerPoint presentation (it looks like {kind}); upload a .pptx presentation.")
    _check_parts(archive, infos)
    return data


def _check_bomb(infos: list[zipfile.ZipInfo], compressed: int) -> None:
    total = sum(i.file_size for i in infos)
    if len(infos) > TEMPLATE_MAX_PARTS or total > TEMPLATE_MAX_UNCOMPRESSED or total > TEMPLATE_MAX_RATIO * max(compressed, 1):
        raise TemplateError(
            "This file expands to far more data than a presentation template holds, so it was not opened. "
            "Upload an ordinary .pptx presentation."
        )


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def _main_content_type(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "[Content_Types].xml" not in names:
        raise TemplateError(f"This file is not a PowerPoint presentation; {_PPTX_ONLY}.")
    try:
        root = etree.fromstring(archive.read("[Content_Types].xml"), _parser())
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError) as exc:
        raise TemplateError(f"This presentation is damaged; open it in PowerPoint and {_PPTX_ONLY}.") from exc
    ns = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    for override in root.iter(ns + "Override"):
        if override.get("PartName", "").lower() == "/ppt/presentation.xml":
            return override.get("ContentType", "")
    for override in root.iter(ns + "Override"):
        ct = override.get("ContentType", "")
        if ct.endswith(".main+xml"):
            return ct
    return ""


def _check_parts(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    masters = 0
    for info in infos:
        if not info.filename.endswith((".xml", ".rels")):
            continue
        try:
            etree.fromstring(archive.read(info), _parser())
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise TemplateError(
                f"This presentation is damaged (its part {info.filename} cannot be read); open it in PowerPoint and {_PPTX_ONLY}."
            ) from exc
        if info.filename.startswith("ppt/slideMasters/slideMaster") and info.filename.endswith(".xml"):
            masters += 1
    if masters == 0:
        raise TemplateError(f"This presentation has no slide master, so its design cannot be used; {_PPTX_ONLY}.")


# --- logos ---------------------------------------------------------------------


def load_logo(data: bytes) -> bytes:
    """``data`` as a PNG or JPEG the deck can show: checked, and converted when it is another format.

    WebP, GIF, TIFF, BMP, CMYK and palette images become PNG; EXIF rotation
    is applied; very large images are scaled down. Raises
    :class:`TemplateError` for SVG, unreadable data, oversized files and
    decompression bombs.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(data) > LOGO_MAX_BYTES:
        raise TemplateError(f"This logo is larger than {LOGO_MAX_BYTES // 1024 // 1024} MB; upload a smaller PNG or JPEG.")
    head = data[:512].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) or b"<svg" in head:
        raise TemplateError("SVG logos cannot be placed in PowerPoint by ldpitch; export the logo as PNG and upload that.")
    unreadable = "This logo could not be read as a picture; upload a PNG or JPEG file."
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                width, height = probe.size
                if width * height > LOGO_MAX_PIXELS:
                    raise TemplateError(f"This logo is {width} x {height} pixels, far more than a logo needs; upload a smaller PNG or JPEG.")
                probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except TemplateError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise TemplateError("This logo is far larger than a logo needs; upload a smaller PNG or JPEG.") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise TemplateError(unreadable) from exc
    if width == 0 or height == 0:
        raise TemplateError(unreadable)
    orientation = image.getexif().get(0x0112, 1)
    plain = (image.format == "PNG" and image.mode in ("RGB", "RGBA", "L", "LA", "P")) or (image.format == "JPEG" and image.mode in ("RGB", "L"))
    if plain and orientation == 1 and max(width, height) <= LOGO_MAX_SIDE:
        return data
    image = ImageOps.exif_transpose(image)
    if image.mode == "CMYK":
        image = image.convert("RGB")
    image = image.convert("RGBA")
    image.thumbnail((LOGO_MAX_SIDE, LOGO_MAX_SIDE))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
