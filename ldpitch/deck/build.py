"""A pitch to a deck in one call: analyse, outline, fit, write.

``deck_slides`` is the deck as data (what the tests check); ``build_deck`` is
the .pptx file. Both are pure functions of the pitch, the audience, the
length and the branding. The figures come from one ``analyse(pitch)``; the
text is fitted once, by the writer, with the font it is written in.
"""

from __future__ import annotations

from ldpitch.deck.branding import Branding
from ldpitch.deck.outline import outline
from ldpitch.deck.slides import Length, SlideSpec
from ldpitch.engine import analyse
from ldpitch.pitch import Pitch


def deck_slides(pitch: Pitch, audience: str | None = None, length: Length = "standard", branding: Branding | None = None) -> list[SlideSpec]:
    """The slides of the deck as the writer draws them: fitted to their boxes (long tables continued, long text shortened into the notes)."""
    from ldpitch.deck.pptx import fitted  # deferred: python-pptx loads only for a file or its exact fit

    return fitted(outline(pitch, audience, length, analyse(pitch)), branding or Branding())


def build_deck(pitch: Pitch, audience: str | None = None, length: Length = "standard", branding: Branding | None = None) -> bytes:
    """The deck as .pptx bytes, for ``audience`` (a stakeholder's name; default the primary audience) at ``length``."""
    from ldpitch.deck.pptx import write_deck  # deferred: python-pptx loads only when a file is written

    branding = branding or Branding()
    title = pitch.title or pitch.initiative.name
    return write_deck(outline(pitch, audience, length, analyse(pitch)), branding, title=title)
