"""What every page shows: the menu of pages, a page's header and footer, links to the wizard's steps, messages and findings.

The steps, their order and their titles come from ``ldpitch.steps``; this
module adds each step's page file and icon by step id, and the Library page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import streamlit as st

import ui.state as state
from ldpitch import format as fmt
from ldpitch import steps
from ldpitch.engine import completeness, findings, overall_completeness
from ldpitch.pitch import Pitch

#: Each step's page file and icon, by step id (the order and the titles are ldpitch.steps.WIZARD's).
STEP_PAGES: dict[str, tuple[str, str]] = {
    "start": ("pages/start.py", ":material/flag:"),
    "initiative": ("pages/initiative.py", ":material/lightbulb:"),
    "audience": ("pages/audience.py", ":material/groups:"),
    "budget": ("pages/budget.py", ":material/payments:"),
    "options": ("pages/options.py", ":material/alt_route:"),
    "alignment": ("pages/alignment.py", ":material/target:"),
    "readiness": ("pages/readiness.py", ":material/radar:"),
    "export": ("pages/export.py", ":material/slideshow:"),
    "track": ("pages/track.py", ":material/monitoring:"),
}
LIBRARY_PAGE = "pages/library.py"


@dataclass(frozen=True)
class MenuPage:
    """One page of the app's menu; ``step`` is None for the Library, which is not a step of the wizard."""

    path: str
    title: str
    icon: str
    step: str | None


def menu() -> list[MenuPage]:
    """Every page of the app in menu order: Start, the Library, then the wizard's steps."""
    pages = [MenuPage(STEP_PAGES[s.id][0], s.title, STEP_PAGES[s.id][1], s.id) for s in steps.WIZARD]
    return [pages[0], MenuPage(LIBRARY_PAGE, "Library", ":material/folder_open:", None), *pages[1:]]


def step_title(step: str) -> str:
    return steps.title(step)


def page_link(step: str, label: str | None = None, icon: str | None = None) -> None:
    """A link to the page of the wizard's ``step`` (labelled with its title unless ``label`` says otherwise)."""
    path, default_icon = STEP_PAGES[step]
    st.page_link(path, label=label or steps.title(step), icon=icon or default_icon)


def show_flash() -> None:
    """The messages callbacks left for this run (``header`` shows them; a page without one calls this)."""
    for kind, message in state.take_flashes():
        getattr(st, kind)(message)


def header(step: str | None, title: str, guidance: str) -> Pitch:
    """Title, one or two sentences of guidance, and how complete the pitch is; returns the pitch."""
    p = state.pitch()
    st.title(title)
    st.markdown(guidance)
    overall = overall_completeness(p)
    if step is None:
        st.progress(float(overall), text=f"The whole pitch is {fmt.share(overall, p.locale)} complete.")
    else:
        mine = completeness(p)[step]
        st.progress(float(mine), text=f"This step is {fmt.share(mine, p.locale)} complete · "
                                      f"the whole pitch {fmt.share(overall, p.locale)}.")
    show_flash()
    return p


def findings_list(items: list, *, links: bool = True) -> None:
    """Findings as a short list, each with a link to the page that fixes it."""
    icons = {"missing": ":material/radio_button_unchecked:", "cfo": ":material/gavel:", "weak": ":material/info:"}
    for f in items:
        cols = st.columns([5, 2]) if links else [st.container()]
        cols[0].markdown(f"{icons[f.severity]} {f.message}")
        if links:
            with cols[1]:
                page_link(f.step, label=f"Fix in {step_title(f.step)}")


def footer(p: Pitch, step: str) -> None:
    """The foot of a step's page: what would make the step stronger, and the way to the next step."""
    mine = [f for f in findings(p) if f.step == step and f.severity != "missing"]
    if mine:
        with st.expander(f"What would make this step stronger ({len(mine)})", icon=":material/tips_and_updates:"):
            findings_list(mine, links=False)
    following = steps.following(step)
    page_link(following.id, label=f"Next: {following.title}", icon=":material/arrow_forward:")


def pitch_filename(p: Pitch, extension: str = "json") -> str:
    """A file name for downloads, from the pitch's title."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", p.title or p.initiative.name or "pitch").strip("-").lower()[:60]
    return f"{stem or 'pitch'}.{extension}"


def markdown_text(text: str) -> str:
    """Text a user typed, shown literally inside Markdown (a name with * or _ stays as typed)."""
    return "".join("\\" + ch if ch in "\\`*_[]<>#|~$" else ch for ch in text)
