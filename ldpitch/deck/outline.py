"""The outline of a deck: which slides, in which order, for which audience, at which length (pure).

``outline(pitch, audience, length)`` returns slide descriptions with action
titles and speaker notes; ``fit.paginate`` then makes them fit and
``pptx_writer`` draws them.

- **short** (a 10-minute slot, about six slides): title, the ask, the problem
  in the audience's terms, the return, then options (or the budget, for a
  finance audience), and the decision;
- **standard** (twelve to fifteen slides): every section of the method, in
  an order that puts what this audience buys first;
- **full**: standard plus the appendix (assumptions and sources, detailed
  costs, the decision matrix, the stakeholder map).

A section the pitch has no data for is left out, and the gap is named in
the notes of the slide before it, so the presenter knows what is missing.
The audience's objections are answered in the notes of the slide they
belong to (a budget objection on the budget slide); any left over go to the
decision slide.
"""

from __future__ import annotations

from dataclasses import replace

from ldpitch.deck.audience import Lens, lens, topic_sections
from ldpitch.deck.facts import Facts
from ldpitch.deck.sections import Draft, builders
from ldpitch.deck.slides import Length, SlideSpec
from ldpitch.engine import Analysis
from ldpitch.pitch import Pitch, StakeholderType

LENGTHS: tuple[Length, ...] = ("short", "standard", "full")

#: The middle of a standard deck (between the ask and the decision), per audience type:
#: what this audience buys comes first (seeds 003 and 004; DOMAIN 4.1 and 7.6); finance leads with the range of
#: ROI and the chance of paying back (the simulation), everyone else sees it after the scenarios (issue 14).
MIDDLE: dict[StakeholderType, tuple[str, ...]] = {
    # Senior management: performance against business objectives, payback, ROI and risk.
    StakeholderType.executive: ("simulation", "problem", "roi", "budget", "sensitivity", "options", "thread", "audience", "initiative",
                                "measurement", "readiness", "timeline"),
    # Operations: production output first, then how it is delivered without disrupting the line.
    StakeholderType.operations_director: ("problem", "audience", "initiative", "thread", "options", "budget", "roi", "timeline",
                                          "readiness", "measurement", "sensitivity", "simulation"),
    # HR partner: new-hire targets, retention, and the people plan.
    StakeholderType.hr_partner: ("problem", "audience", "initiative", "thread", "timeline", "options", "budget", "roi", "measurement",
                                 "readiness", "sensitivity", "simulation"),
    # Business-unit managers: quick results and immediate application.
    StakeholderType.business_unit_manager: ("problem", "audience", "timeline", "initiative", "readiness", "options", "budget", "roi",
                                            "measurement", "thread", "sensitivity", "simulation"),
    # Association board: mission, legal protection, image, membership growth and revenue.
    StakeholderType.association_board: ("problem", "thread", "audience", "initiative", "options", "budget", "roi", "measurement",
                                        "sensitivity", "simulation", "readiness", "timeline"),
    # The member's boss: proof that attending made the person more productive.
    StakeholderType.members_boss: ("problem", "audience", "measurement", "initiative", "roi", "budget", "options", "timeline", "thread",
                                   "readiness", "sensitivity", "simulation"),
    # Employees: tangible value in their job, and what it asks of them.
    StakeholderType.employee: ("problem", "audience", "initiative", "timeline", "readiness", "thread", "options", "budget", "roi",
                               "measurement", "sensitivity", "simulation"),
}
DEFAULT_MIDDLE = ("problem", "initiative", "thread", "audience", "options", "budget", "roi", "sensitivity", "simulation", "timeline",
                  "measurement", "readiness")
APPENDIX = ("assumptions", "cost_detail", "option_detail", "stakeholders")

#: What a left-out section lacks, as the notes of its neighbour say it.
GAPS: dict[str, str] = {
    "problem": "the audience's pain points and the cost of doing nothing",
    "initiative": "the initiative and its strategic performance objective",
    "thread": "the organisational goals the initiative serves (the common thread)",
    "audience": "the benefits for this audience, priced or not",
    "options": "at least two options to compare, including doing nothing",
    "budget": "the cost lines (show the budget)",
    "roi": "the return, which needs both costs and a benefit in money",
    "sensitivity": "the scenarios and sensitivity, which need both costs and a benefit in money",
    "simulation": "the range of ROI across simulated futures, which needs both costs and a benefit in money",
    "timeline": "the timeline milestones",
    "measurement": "the measurement plan",
    "readiness": "the RADAR readiness scores",
    "assumptions": "the benefit inputs and their sources",
    "cost_detail": "the detailed cost lines",
    "option_detail": "the weighted criteria for the options",
    "stakeholders": "the stakeholder map",
}

#: Objections answered in one slide's notes (keeps notes under about 200 words); the rest go to the decision slide.
OBJECTIONS_PER_SLIDE = 2
OBJECTIONS_ON_DECISION = 3


def sections_for(kind: StakeholderType, length: Length) -> tuple[str, ...]:
    """The sections a deck of ``length`` tries, in order, for an audience of type ``kind``.

    >>> sections_for(StakeholderType.executive, "short")
    ('title', 'ask', 'problem', 'roi', 'budget', 'options', 'decision')
    >>> len(sections_for(StakeholderType.hr_partner, "standard")), len(sections_for(StakeholderType.hr_partner, "full"))
    (15, 19)
    """
    if length not in LENGTHS:
        raise ValueError(f"length must be one of {', '.join(LENGTHS)}, not {length!r}")
    if length == "short":
        # The fifth slide is the budget for finance, the options for everyone else; the other is a fallback.
        fifth = ("budget", "options") if kind == StakeholderType.executive else ("options", "budget")
        return ("title", "ask", "problem", "roi", *fifth, "decision")
    middle = MIDDLE.get(kind, DEFAULT_MIDDLE)
    tail = APPENDIX if length == "full" else ()
    return ("title", "ask", *middle, "decision", *tail)


SHORT_SLIDES = 6


def outline(pitch: Pitch, audience: str | None = None, length: Length = "standard", analysis: Analysis | None = None) -> list[SlideSpec]:
    """The deck for ``audience`` (a stakeholder's name or type; default the primary audience) at ``length``.

    Pure: the same pitch, audience and length give the same slides. ``analysis``
    is ``analyse(pitch)`` when the caller already has it.
    """
    view = lens(pitch, audience)
    f = Facts.of(pitch, view, analysis)
    make = builders()
    wanted = sections_for(view.type, length)
    drafts: list[tuple[str, Draft]] = []
    gaps: dict[int, list[str]] = {}  # index of the draft before which a gap occurred -> the gaps
    for section in wanted:
        if length == "short" and len(drafts) >= SHORT_SLIDES - 1 and section != "decision":
            continue
        made = make[section](f)
        if not made:
            if section in GAPS:
                gaps.setdefault(len(drafts), []).append(GAPS[section])
            continue
        drafts.extend((section, d) for d in (made if isinstance(made, list) else [made]))
    present = [s for s, _ in drafts]
    routed = route_objections(view, present)
    deck = frozenset(present)
    slides = []
    for n, (section, draft) in enumerate(drafts):
        # A gap is told in the notes of the slide before it (the title slide always comes first).
        told = gaps.get(n + 1, [])
        notes = f.notes(section, present=deck, objections=routed.get(section, []), gaps=told, **draft.notes)
        slides.append(replace(draft.slide, notes=notes))
    return slides


def route_objections(view: Lens, present: list[str]) -> dict[str, list[tuple[str, str, bool]]]:
    """Each of the audience's objections assigned to the slide whose notes answer it.

    The audience's own objections come first and are never dropped (the
    decision slide takes any that find no room); the preset's fill what room
    is left.
    """
    out: dict[str, list[tuple[str, str, bool]]] = {s: [] for s in present}
    for objection in view.objections:
        own = objection[2]
        placed = False
        for section in topic_sections(objection[0]):
            if section in out and len(out[section]) < OBJECTIONS_PER_SLIDE:
                out[section].append(objection)
                placed = True
                break
        if placed:
            continue
        if "decision" in out and (own or len(out["decision"]) < OBJECTIONS_ON_DECISION):
            out["decision"].append(objection)
    return out

