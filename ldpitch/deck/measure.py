"""How much room text takes: font files, line wrapping and the largest size that fits a box.

Pure (no python-pptx): widths come from the TrueType metrics of the font on
disk that matches the deck's font (Carlito stands in for Calibri, Liberation
for Arial and Times), read with Pillow; when no font file is found, from
conservative character-width estimates. Wrapping follows PowerPoint's rule
(break at spaces, break a word that is wider than the line anywhere) and
assumes a line height of 1.22 x the font size, Calibri's single spacing.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

#: Line height as a multiple of the font size (Calibri's single spacing).
LINE_HEIGHT = 1.22
#: Extra width allowed for differences between our metrics and the renderer's.
WIDTH_SAFETY = 1.04
_REFERENCE_PX = 200

_FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.fonts",
    "~/.local/share/fonts",
    "C:/Windows/Fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
)
# Metric-compatible stand-ins first, then the family itself.
_ALIASES = {
    "calibri": ("carlito", "calibri"),
    "cambria": ("caladea", "cambria"),
    "arial": ("liberationsans", "arial", "arimo"),
    "helvetica": ("liberationsans", "arimo", "helvetica"),
    "times new roman": ("liberationserif", "timesnewroman", "tinos"),
    "courier new": ("liberationmono", "couriernew", "cousine"),
    "arial narrow": ("liberationsansnarrow", "arialnarrow"),
}
# When the family is unknown, measure with a wide font so that text still fits.
_FALLBACKS = ("dejavusans", "liberationsans", "carlito")


@lru_cache(maxsize=1)
def _font_index() -> dict[str, str]:
    """Map of normalised font file stems (``"carlitobold"``) to their paths."""
    index: dict[str, str] = {}
    for root in _FONT_DIRS:
        base = Path(os.path.expanduser(root))
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.suffix.lower() in (".ttf", ".otf"):
                index.setdefault(_norm(path.stem), str(path))
    return index


def _norm(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


@lru_cache(maxsize=64)
def font_file(family: str, bold: bool = False) -> str | None:
    """The TrueType file that measures ``family`` best, or ``None`` when no font files are installed."""
    index = _font_index()
    key = " ".join(family.lower().split())
    candidates = _ALIASES.get(key, (_norm(family),)) + _FALLBACKS
    for stem in candidates:
        for suffix in (("bold", "b") if bold else ("regular", "", "book")):
            path = index.get(_norm(stem + suffix))
            if path:
                return path
    return None


@lru_cache(maxsize=16)
def _pil_font(path: str):
    from PIL import ImageFont

    return ImageFont.truetype(path, _REFERENCE_PX, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=65536)
def _char_em(path: str | None, ch: str) -> float:
    """Advance width of one character in ems (1 em = the font size)."""
    if path is not None:
        try:
            return _pil_font(path).getlength(ch) / _REFERENCE_PX
        except (OSError, ValueError):
            pass
    if unicodedata.east_asian_width(ch) in ("W", "F") or ord(ch) >= 0x1F000:
        return 1.0
    return 0.62 if ch.isupper() or ch.isdigit() else 0.55


@lru_cache(maxsize=65536)
def _text_em(path: str | None, text: str) -> float:
    """Advance width of ``text`` in ems: the sum of its characters' (a word is measured at many sizes while a deck is fitted)."""
    return sum(_char_em(path, ch) for ch in text)


class Measure:
    """Widths of text in one font, in points at a given size."""

    def __init__(self, family: str = "Calibri", bold: bool = False):
        self.path = font_file(family, bold)

    def width_pt(self, text: str, size_pt: float) -> float:
        return _text_em(self.path, text) * size_pt * WIDTH_SAFETY

    def lines(self, text: str, width_pt: float, size_pt: float) -> int:
        """How many lines ``text`` takes when wrapped to ``width_pt`` (every ``\\n`` starts a line)."""
        return sum(self._wrapped_lines(part, width_pt, size_pt) for part in text.split("\n"))

    def _wrapped_lines(self, text: str, width_pt: float, size_pt: float) -> int:
        if width_pt <= 0:
            return 10**6
        space = self.width_pt(" ", size_pt)
        lines, used = 1, 0.0
        for word in text.split(" "):
            w = self.width_pt(word, size_pt)
            if used and used + space + w <= width_pt:
                used += space + w
                continue
            if used:
                lines += 1
            if w <= width_pt:
                used = w
                continue
            used = 0.0  # a word wider than the line breaks anywhere
            for ch in word:
                cw = self.width_pt(ch, size_pt)
                if used and used + cw > width_pt:
                    lines += 1
                    used = 0.0
                used += cw
        return lines

    def height_pt(
        self,
        paragraphs: Sequence[str],
        width_pt: float,
        size_pt: float,
        *,
        indent_pt: float = 0.0,
        space_before_pt: float = 0.0,
    ) -> float:
        """Height of ``paragraphs`` wrapped to ``width_pt`` (less a hanging indent), spacing included."""
        total = 0.0
        for i, para in enumerate(paragraphs):
            total += self.lines(para, width_pt - indent_pt, size_pt) * size_pt * LINE_HEIGHT
            if i:
                total += space_before_pt
        return total

    def best_size(
        self,
        paragraphs: Sequence[str],
        width_pt: float,
        height_pt: float,
        max_pt: float,
        min_pt: float,
        *,
        indent_pt: float = 0.0,
        space_before_pt: float = 0.0,
        max_lines: int | None = None,
    ) -> float | None:
        """The largest whole point size from ``max_pt`` down to ``min_pt`` at which the text fits, else ``None``.

        ``max_lines`` caps the number of lines (a title may take two).

        >>> m = Measure("Calibri")
        >>> m.best_size(["Coaching pays back in 7 months"], 600, 80, 28, 20)
        28
        >>> m.best_size(["word " * 400], 300, 40, 28, 20) is None
        True
        """
        size = int(max_pt)
        while size >= min_pt:
            fits = self.height_pt(paragraphs, width_pt, size, indent_pt=indent_pt, space_before_pt=space_before_pt) <= height_pt
            if fits and max_lines is not None:
                fits = sum(self.lines(p, width_pt - indent_pt, size) for p in paragraphs) <= max_lines
            if fits:
                return size
            size -= 1
        return None
