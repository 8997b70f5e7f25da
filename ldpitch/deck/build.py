"""A pitch to a deck in one call: outline, fit, write.

``deck_slides`` is the deck as data (what the app previews and the tests
check); ``build_deck`` is the .pptx file. Both are pure functions of the
pitch, the audience, the length and the branding.
"""

from __future__ import annotations

from ldpitch.deck.branding import Branding
from ldpitch.deck.fit import paginate
from ldpitch.deck.outline import outline
from ldpitch.deck.slides import Length, SlideSpec
from ldpitch.pitch.model import Pitch


def deck_slides(pitch: Pitch, audience: str | None = None, length: Length = "standard", branding: Branding | None = None) -> list[SlideSpec]:
    """The slides of the deck, fitted to their boxes (long tables continued, long text shortened into the notes)."""
    font = (branding or Branding()).font
    return paginate(outline(pitch, audience, length), font=font)


def build_deck(pitch: Pitch, audience: str | None = None, length: Length = "standard", branding: Branding | None = None) -> bytes:
    """The deck as .pptx bytes, for ``audience`` (a stakeholder's name; default the primary audience) at ``length``."""
    branding = branding or Branding()
    title = pitch.title or pitch.initiative.name
    return _write(deck_slides(pitch, audience, length, branding), branding, title)


def _write(slides: list[SlideSpec], branding: Branding, title: str) -> bytes:
    from ldpitch.deck.pptx.writer import write_deck  # deferred: python-pptx loads only when a file is written

    return write_deck(slides, branding, title=title)
