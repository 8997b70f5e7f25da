"""A pitch's results so far to a results-update deck in one call: outline, fit, write.

``update_deck_slides`` is the deck as data (what the app previews and the
tests check); ``update_deck_bytes`` is the .pptx file. Both raise
``errors.NothingTracked`` when no measure of the plan has a reading yet.
The text is fitted once, by the writer, with the font it is written in.
"""

from __future__ import annotations

from datetime import date

from ldpitch.deck.branding import Branding
from ldpitch.deck.slides import SlideSpec
from ldpitch.deck.update.outline import update_outline
from ldpitch.engine import track
from ldpitch.pitch import Pitch


def update_deck_slides(pitch: Pitch, branding: Branding | None = None, as_of: date | None = None) -> list[SlideSpec]:
    """The slides of the results-update deck as the writer draws them, fitted to their boxes (as of the latest reading unless ``as_of`` is given)."""
    from ldpitch.deck.pptx import fitted  # deferred: python-pptx loads only for a file or its exact fit

    return fitted(update_outline(pitch, track(pitch, as_of)), branding or Branding())


def update_deck_bytes(pitch: Pitch, branding: Branding | None = None, as_of: date | None = None) -> bytes:
    """The results-update deck as .pptx bytes: native charts, speaker notes on every slide."""
    from ldpitch.deck.pptx import write_deck  # deferred: python-pptx loads only when a file is written

    branding = branding or Branding()
    name = pitch.title or pitch.initiative.name
    title = f"Results update: {name}" if name else "Results update"
    return write_deck(update_outline(pitch, track(pitch, as_of)), branding, title=title)
