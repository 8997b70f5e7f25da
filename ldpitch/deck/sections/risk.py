"""How sure the money is: the simulation slide (the range of ROI and the chance of paying back) and each benefit's evidence in words."""

from __future__ import annotations

from ldpitch.charts import build as chart_builders
from ldpitch.deck.facts import Facts, person
from ldpitch.deck.sections.draft import Draft
from ldpitch.deck.slides import SlideSpec
from ldpitch.engine import Undefined, payback_sentence
from ldpitch.narrative import clip, join_and, lower_first, plural, with_article
from ldpitch.pitch import TEMPLATES, BenefitLine, EvidenceKind

#: Drivers named on the slide and in its notes.
DRIVERS_SAID = 2


def simulation(f: Facts) -> Draft | None:
    """The range of ROI across simulated futures, with the chance of paying back as the action title.

    A separate view beside the expected case: the histogram and its p10, p50
    and p90 come from the seeded simulation; the expected ROI said beside them
    still comes from the exact engine. Nothing when the pitch has no return.
    """
    if not f.has_return:
        return None
    sim = f.analysis.simulation
    chart = chart_builders.roi_distribution(f.pitch, f.analysis)
    if chart is None or isinstance(sim.roi_percent, Undefined):
        return None
    r = sim.roi_percent
    trials = f.number(sim.trials)
    bullets = [
        f"ROI from {f.percent(r.p10)} (p10) to {f.percent(r.p90)} (p90), median {f.percent(r.p50)}.",
        f"ROI above zero in {f.number(round(sim.chance_roi_positive * sim.trials))} of {trials} futures.",
        f"The expected case, from the exact figures: ROI {f.percent(f.e.roi_percent)}.",
    ]
    drivers = [driver_said(f, d.label) for d in sim.drivers[:DRIVERS_SAID]]
    if drivers:
        bullets.append(f"Widens the range most: {drivers[0]}.")
    bullets.append("Dark columns: the middle 80% of futures.")
    return Draft(SlideSpec("simulation", payback_sentence(sim), bullets=tuple(bullets), chart=chart),
                 {"sim": sim, "roi": r, "drivers": drivers, "shares": [d.share for d in sim.drivers[:DRIVERS_SAID]],
                  "ranged": sum(1 for u in sim.inputs if u.source == "range"),
                  "spread_lines": sum(1 for u in sim.inputs if u.source != "range")})


def driver_said(f: Facts, label: str) -> str:
    """A simulation driver as said aloud: "<benefit>: <input>" becomes "<input> (<benefit>)"; a cost line, "the cost of <line>"."""
    if any(c.label == label for c in f.e.costs):
        return f"the cost of {lower_first(label)}"
    benefit, _, part = label.partition(": ")
    if not part:
        return lower_first(person(label.replace(" (scenario spread)", ""), 60)) + ", moved by the scenario spread"
    return f"{part} ({lower_first(person(benefit, 45))})"


def evidence_rows(f: Facts, line: BenefitLine) -> list[tuple[str, str, str]]:
    """The evidence register of a benefit as rows of its appendix table: the kind of evidence and the isolation method."""
    ev = line.evidence
    if ev is None:
        return [("Evidence", "not recorded", "what this benefit rests on is still to be stated; a CFO will ask"),
                ("Isolation method", "not stated", "how the programme's share is separated from other causes")]
    who = ", ".join(x for x in (ev.supplied_by, f.date(ev.on) if ev.on else "") if x)
    return [("Evidence", ev.kind.value.removeprefix("a ").removeprefix("an ").capitalize(),
             clip(f"{'; '.join(x for x in (who, ev.note) if x)}" or "who supplied it is still to be named", 160)),
            ("Isolation method", ev.isolation.value.capitalize() if ev.isolation else "not stated",
             "how the programme's share is separated from other causes" if ev.isolation else "a CFO will attack an estimate without one")]


def evidence_said(f: Facts, line: BenefitLine, brief: bool = False) -> str:
    """One benefit's evidence in a sentence for speaker notes; ``brief``: its short name, the kind and the isolation method only."""
    name = line.label or TEMPLATES[line.template].title
    ev = line.evidence
    if brief:
        name = person(name, 36)
        if ev is None:
            return f"{name}: no evidence recorded yet."
        return f"{name}: {ev.kind.value}, {ev.isolation.value if ev.isolation else 'no isolation method yet'}."
    if ev is None:
        return f"{name}: no evidence recorded yet, and no isolation method; expect the question."
    how = f"isolated by {ev.isolation.value}" if ev.isolation else "with no isolation method stated yet"
    who = f", supplied by {ev.supplied_by}" if ev.supplied_by else ""
    when = f" on {f.date(ev.on)}" if ev.on else ""
    return f"{name}: rests on {ev.kind.value}, {how}{who}{when}."


#: Each kind of evidence as counted in a sentence ("a pilot", "two estimates").
KIND_NOUNS = {EvidenceKind.measured: ("measured data", "measured data"), EvidenceKind.pilot: ("pilot", "pilots"),
              EvidenceKind.benchmark: ("benchmark", "benchmarks"), EvidenceKind.estimate: ("estimate", "estimates")}


def evidence_summary(f: Facts) -> str:
    """The evidence register of every benefit in one or two short sentences, for the notes of the return slide.

    "Evidence: a pilot and two estimates, isolated by control group, managers' estimate and trend-line analysis."
    A benefit with no evidence or no isolation method is named: that is where a CFO will press.
    """
    lines = f.pitch.benefits
    if not lines:
        return ""
    kinds = [b.evidence.kind for b in lines if b.evidence is not None]
    counted = []
    for kind, (one, many) in KIND_NOUNS.items():
        n = kinds.count(kind)
        if n:
            counted.append(one if kind == EvidenceKind.measured else (with_article(one) if n == 1 else plural(n, one, many)))
    methods = list(dict.fromkeys(b.evidence.isolation.value for b in lines if b.evidence is not None and b.evidence.isolation))
    said = f"Evidence: {join_and(counted)}" if counted else "Evidence: none recorded yet"
    said += f", isolated by {join_and(methods)}." if methods else "."
    bare = [person(b.label or TEMPLATES[b.template].title, 36) for b in lines if b.evidence is None or b.evidence.isolation is None]
    if bare:
        said += f" No isolation method yet for {join_and(bare)}: expect the question."
    return said
