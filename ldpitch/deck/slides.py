"""Slide descriptions: one message per slide, as plain data the writer renders.

The outline builds these from a pitch; ``pptx_writer`` is the only code that
turns them into PowerPoint. Text here is final (already formatted with the
pitch's currency and locale, already fitted); the writer does not compute.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ldpitch.charts import ChartSpec

Length = Literal["short", "standard", "full"]


@dataclass(frozen=True)
class Metric:
    """A headline figure shown large: ``value`` over its ``label`` ("ROI" / "212%")."""

    label: str
    value: str


@dataclass(frozen=True)
class TableSpec:
    """A table of already-formatted text; ``align`` is per column ("left" or "right")."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[Literal["left", "right"], ...] = ()
    widths: tuple[float, ...] = ()  # relative column widths; empty means equal


@dataclass(frozen=True)
class SlideSpec:
    """One slide.

    ``section`` names its place in the outline (``"title"``, ``"ask"``, ``"roi"`` ...).
    ``title`` is an action title: a sentence with the takeaway and the pitch's
    own numbers. The body is any of ``bullets``, ``metrics``, ``chart`` and
    ``table``; the writer lays them out (chart or table left and bullets
    right when both are present). ``notes`` are the speaker notes.
    """

    section: str
    title: str
    subtitle: str = ""
    bullets: tuple[str, ...] = ()
    metrics: tuple[Metric, ...] = ()
    chart: ChartSpec | None = None
    table: TableSpec | None = None
    notes: str = ""
