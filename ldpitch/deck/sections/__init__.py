"""The sections of a deck: one builder per section, each turning ``Facts`` into a draft slide or nothing.

A builder returns ``None`` when the pitch has nothing for its section (never
an empty slide); the outline then mentions the gap in a neighbouring slide's
notes. Builders write the action title in Python, because picking the
takeaway is a decision on the figures; the speaker notes come from
``templates/notes/<section>.j2`` (rendered by the outline once it knows which
objections each slide answers), with ``Draft.notes`` as their extra context.
"""

from __future__ import annotations

from ldpitch.deck.sections import appendix, case, money, opening, plan, risk
from ldpitch.deck.sections.draft import Builder, Draft
from ldpitch.deck.sections.plan import measure_value

__all__ = ["Builder", "Draft", "builders", "measure_value"]


def builders() -> dict[str, Builder]:
    """Every section's builder by section name (the name of its notes template too)."""
    return {
        "title": opening.title,
        "ask": opening.ask,
        "problem": opening.problem,
        "initiative": case.initiative,
        "thread": case.thread,
        "audience": case.audience,
        "options": money.options,
        "budget": money.budget,
        "roi": money.roi,
        "sensitivity": money.sensitivity,
        "simulation": risk.simulation,
        "timeline": plan.timeline,
        "measurement": plan.measurement,
        "readiness": plan.readiness,
        "decision": plan.decision,
        "assumptions": appendix.assumptions,
        "cost_detail": appendix.cost_detail,
        "option_detail": appendix.option_detail,
        "stakeholders": appendix.stakeholders,
    }
