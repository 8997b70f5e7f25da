"""A draft slide: a section builder's slide without its notes, and what its notes template needs besides."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ldpitch.deck.facts import Facts
from ldpitch.deck.slides import SlideSpec


@dataclass(frozen=True)
class Draft:
    """A slide without its notes, and the context its notes template needs beyond the common one."""

    slide: SlideSpec
    notes: dict = field(default_factory=dict)


Builder = Callable[[Facts], Draft | list[Draft] | None]
