"""The appendix: assumptions with their sources, the detailed costs, the options' scores and the stakeholder map."""

from __future__ import annotations

from decimal import Decimal

from ldpitch import format as fmt
from ldpitch.charts import build as chart_builders
from ldpitch.deck.facts import Facts, person, pick
from ldpitch.deck.sections.case import GAIN
from ldpitch.deck.sections.draft import Draft
from ldpitch.deck.sections.risk import evidence_rows, evidence_said
from ldpitch.deck.slides import SlideSpec, TableSpec
from ldpitch.narrative import clip, count_word, lower_first, plural
from ldpitch.pitch import CADENCE_WORDS, TEMPLATES

DEFAULT_PREFIX = "default: "


def input_value(f: Facts, kind: str, value: Decimal) -> str:
    """A benefit input as written on the slide: money (cents only when it has them), share, or number."""
    if kind == "money":
        return f.money(value) if value == value.to_integral_value() else _cents(f, value)
    if kind == "share":
        return f.share(value)
    return f.number(value)


def _cents(f: Facts, value: Decimal) -> str:
    return fmt.money(value, f.pitch.currency, f.pitch.locale, cents=True)


def assumptions(f: Facts) -> list[Draft] | None:
    """Assumptions and sources: one slide per benefit line, every input with its value and source (cited defaults marked)."""
    drafts = []
    for b in f.pitch.benefits:
        t = TEMPLATES[b.template]
        label = b.label or t.title
        rows, defaults, unsourced = [], 0, 0
        for spec in t.inputs:
            if spec.name not in b.inputs:
                rows.append((spec.label, "missing", "counts as zero until it is filled in"))
                unsourced += 1
                continue
            source = b.sources.get(spec.name, "")
            if source.startswith(DEFAULT_PREFIX):
                defaults += 1
                source = "Cited default: " + source[len(DEFAULT_PREFIX):]
            elif not source:
                unsourced += 1
                source = "source still to be given"
            rows.append((spec.label, input_value(f, spec.kind, b.inputs[spec.name]), _with_range(f, b, spec.name, spec.kind, source)))
        rows.append(("Attribution to the programme", f.share(b.attribution),
                     _with_range(f, b, "attribution", "share", "the share of the improvement credited to the programme")))
        rows.append(("Confidence in the estimate", f.share(b.confidence),
                     _with_range(f, b, "confidence", "share", "adjusts the estimate for its possible error")))
        rows += evidence_rows(f, b)
        name = lower_first(label)
        if unsourced:
            headline = pick(f"Inputs behind {name}: {plural(unsourced, 'input')} still {'needs' if unsourced == 1 else 'need'} a source",
                            f"{plural(unsourced, 'benefit input').capitalize()} {'needs' if unsourced == 1 else 'need'} a source before this is presented")
        else:
            headline = pick(f"Every input behind {name} comes with its source",
                            f"Every input behind {gain_phrase_of(b.template, label)} comes with its source",
                            "Every input behind this benefit comes with its source")
        table = TableSpec(("Input", "Value", "Source"), tuple(rows), align=("left", "right", "left"), widths=(2.6, 1.3, 6))
        drafts.append(Draft(SlideSpec("assumptions", headline, table=table),
                            {"benefit": label, "template": t, "defaults": defaults, "unsourced": unsourced, "line": b,
                             "evidence": evidence_said(f, b)}))
    return drafts or None


def _with_range(f: Facts, line, name: str, kind: str, source: str) -> str:
    """A source cell led by the input's range, when it has one ("Range 18 to 24; ..."): a long source is clipped, the range never."""
    rng = line.ranges.get(name)
    if rng is None:
        return source
    return f"Range {input_value(f, kind, rng.low)} to {input_value(f, kind, rng.high)}; {source}"


def gain_phrase_of(template_id: str, label: str) -> str:
    return lower_first(GAIN.get(template_id, label))


def cost_detail(f: Facts) -> Draft | None:
    """Every cost line as the engine counts it, participants' time included."""
    e = f.e
    if not e.costs:
        return None
    years = f.pitch.horizon_years
    rows = tuple(
        (clip(c.label, 70), c.category[:1].upper() + c.category[1:], CADENCE_WORDS[c.cadence].cell,
         f.money(c.amount), f.money(over_horizon))
        for c, over_horizon in zip(e.costs, e.costs_over_horizon, strict=True)
    )
    rows += (("Total", "", "", "", f.money(e.total_costs)),)
    span = f"Over {f.horizon_words}"
    if f.time_cost:
        headline = f"The {f.money(e.total_costs)} fully loaded cost includes participants' time away from work"
    else:
        headline = f"The {f.money(e.total_costs)} cost still leaves out participants' time away from work"
    table = TableSpec(("Cost line", "Category", "Cadence", "Amount", span), rows, align=("left", "left", "left", "right", "right"),
                      widths=(4, 2.6, 1.2, 1.4, 1.5))
    if years == 1:  # over one year the last column only repeats the amounts
        table = TableSpec(("Cost line", "Category", "Cadence", "Amount"), tuple((*r[:3], r[4]) for r in rows),
                          align=("left", "left", "left", "right"), widths=(4, 2.6, 1.2, 1.5))
    return Draft(SlideSpec("cost_detail", headline, table=table), {"lines": len(e.costs), "time_cost": f.time_cost})


def option_detail(f: Facts) -> Draft | None:
    """The decision matrix: each option's score on each weighted criterion, and its weighted score."""
    if not f.ranked or not f.pitch.criteria:
        return None
    crits = f.pitch.criteria[:6]
    by_name = {o.name: o for o in f.pitch.options}
    rows = tuple(
        (clip(r.name, 50), *(f.number(by_name[r.name].scores[c.name]) if c.name in by_name[r.name].scores else "-" for c in crits),
         f.score(r.score))
        for r in f.ranked
    )
    columns = ("Option", *(f"{clip(c.name, 24)} ({f.number(c.weight)})" for c in crits), "Weighted")
    headline = f"Each option is scored on the same {plural(len(f.pitch.criteria), 'criterion', 'criteria')}, weighted by importance"
    table = TableSpec(columns, rows, align=("left", *("right" for _ in crits), "right"), widths=(3, *(1.4 for _ in crits), 1.3))
    return Draft(SlideSpec("option_detail", headline, table=table), {"criteria": list(f.pitch.criteria), "ranked": f.ranked})


QUADRANTS = (
    ("key player", "manage them closely and involve them in the decision"),
    ("keep satisfied", "give them the payback and the risk, briefly"),
    ("keep informed", "keep them updated, as they can become advocates or critics"),
    ("monitor", "keep a light touch and look again later"),
)


def quadrant(influence: int, interest: int) -> tuple[str, str]:
    """Where a stakeholder sits on the power/interest grid (Mendelow), and what to do about it.

    >>> quadrant(5, 2)[0], quadrant(4, 4)[0], quadrant(2, 5)[0], quadrant(3, 3)[0]
    ('keep satisfied', 'key player', 'keep informed', 'monitor')
    """
    high_power, high_interest = influence >= 4, interest >= 4
    if high_power and high_interest:
        return QUADRANTS[0]
    if high_power:
        return QUADRANTS[1]
    if high_interest:
        return QUADRANTS[2]
    return QUADRANTS[3]


def stakeholders(f: Facts) -> Draft | None:
    """The stakeholder map: influence against interest, with how each is engaged."""
    people = list(f.pitch.stakeholders)
    chart = chart_builders.stakeholder_grid(f.pitch)
    if not people or chart is None:
        return None
    placed = [(s, *quadrant(s.influence, s.interest)) for s in people]
    key = [s for s, q, _ in placed if q == "key player"]
    who = f"{plural(len(people), 'stakeholder').capitalize()} {'shapes' if len(people) == 1 else 'shape'} this decision"
    if key:
        headline = f"{who}; {count_word(len(key))} {'is a key player' if len(key) == 1 else 'are key players'}"
    else:
        headline = f"{who}; none is yet a key player"
    bullets = tuple(f"{person(s.name)}: {q}, {s.stance.value}" for s, q, _ in placed[:6])
    return Draft(SlideSpec("stakeholders", headline, bullets=bullets, chart=chart), {"placed": placed})
