"""The money side: options and the recommendation, the budget and its funding, the return, sensitivity and risk."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ldpitch.charts import build as chart_builders
from ldpitch.deck.facts import Facts, fits, pick, short_name
from ldpitch.deck.sections.draft import Draft
from ldpitch.deck.sections.risk import evidence_summary
from ldpitch.deck.slides import SlideSpec, TableSpec
from ldpitch.engine import Undefined
from ldpitch.narrative import capfirst, clip, count_word, gist, join_and, lower_first, ordinal, plural, with_article
from ldpitch.pitch import CADENCE_WORDS, CostCategory, StakeholderType

#: Audiences for whom the time people spend away from work is the cost that matters most.
TIME_MINDED = (StakeholderType.operations_director, StakeholderType.business_unit_manager, StakeholderType.employee,
               StakeholderType.members_boss)


def options(f: Facts) -> Draft | None:
    """Offer choices: the options by weighted score, and the one we recommend."""
    opts = f.pitch.options
    if len(opts) < 2:
        return None
    ranked, rec = f.ranked, f.recommended
    do_nothing = next((r for r in ranked if r.is_do_nothing), None)
    rec_name = rec if fits(rec, 34) else "The recommended option"
    # Scores are said in words here: the chart beside the bullets labels them itself, rounded its own way.
    others = len(ranked) - 1
    if ranked and ranked[0].name == rec:
        if f.lens.is_finance and do_nothing is not None and others >= 2:
            headline = f"{rec_name} beats doing nothing and {plural(others - 1, 'other option')} on our criteria"
        else:
            headline = f"{rec_name} beats {plural(others, 'alternative')} on our weighted criteria"
    elif ranked and rec:
        top_name = ranked[0].name if fits(ranked[0].name, 30) else "another option"
        headline = f"We recommend {rec_name if fits(rec, 34) else 'our choice'}, although {top_name} scores higher"
    else:
        headline = f"We compare {plural(len(opts), 'option')}" + (", including doing nothing" if any(o.is_do_nothing for o in opts) else "")
    bullets = []
    rec_option = next((o for o in opts if o.name == rec), None)
    if rec_option is not None:
        cost = f" at {f.money(rec_option.cost)}" if rec_option.cost else ""
        bullets.append(f"We recommend {clip(rec, 60)}{cost}.")
        if rec_option.description:
            bullets.append(gist(rec_option.description, 150))
    if do_nothing is not None:
        bullets.append(f"Doing nothing ranks {ordinal(do_nothing.rank)} of {count_word(len(ranked))}: the problem stays.")
    elif not any(o.is_do_nothing for o in opts):
        bullets.append("Doing nothing is not on the list yet.")
    if f.pitch.criteria:
        bullets.append(f"Weighted on {clip(join_and([c.name.lower() if not c.name[:2].isupper() else c.name for c in f.pitch.criteria]), 130)}.")
    chart = chart_builders.option_scores(f.pitch)
    table = None
    if chart is None:  # no criteria yet: the options as a table instead of a chart
        table = TableSpec(("Option", "Cost"), tuple((clip(o.name, 60), f.money(o.cost) if o.cost is not None else "not costed") for o in opts),
                          align=("left", "right"), widths=(3, 1))
    return Draft(SlideSpec("options", headline, bullets=tuple(bullets), chart=chart, table=table),
                 {"ranked": ranked, "rec_option": rec_option, "do_nothing": do_nothing, "criteria": list(f.pitch.criteria)})


def _category_label(category: str) -> str:
    return category[:1].upper() + category[1:]


def budget(f: Facts) -> Draft | None:
    """Show the budget: every cost category, one-time and recurring, fully loaded, and where the money comes from."""
    if not f.has_costs:
        return None
    e, years = f.e, f.pitch.horizon_years
    rows = [(_category_label(c.category), f.money(c.one_time), f.money(c.per_year), f.money(c.over_horizon), f.share(c.share))
            for c in e.categories]
    rows.append(("Total", f.money(e.one_time_costs), f.money(e.recurring_costs_per_year), f.money(e.total_costs), f.share(Decimal(1))))
    span = "Total, year one" if years == 1 else f"Total, {f.horizon_words}"
    cadences = (CADENCE_WORDS["one_time"].heading, CADENCE_WORDS["per_year"].heading)
    table = TableSpec(("Cost", *cadences, span, "Share"), tuple(rows), align=("left", "right", "right", "right", "right"),
                      widths=(3.2, 1.4, 1.4, 1.6, 1))
    funding = list(f.pitch.funding)
    confirmed = e.funding_confirmed
    time_share = f.category_share(CostCategory.participant_time.value) if f.time_cost else None
    largest = next(iter(f.cost_categories))
    if f.lens.is_finance and funding and confirmed:
        headline = f"Confirmed funding covers {f.money(confirmed)} of the {f.money(e.total_costs)} fully loaded cost"
    elif time_share is not None and f.lens.type in TIME_MINDED:
        headline = f"Participants' time is {f.share(time_share)} of the {f.money(e.total_costs)} investment"
    else:
        headline = f"{short_name(_category_label(largest), 40)} is {f.share(f.category_share(largest))} of the {f.money(e.total_costs)} investment"
    bullets = [f"{f.money(s.amount)} from {clip(s.source, 70)} ({'confirmed' if s.confirmed else 'to confirm'})" for s in funding[:4]]
    if not funding:
        bullets.append("Funding source still to agree.")
    return Draft(SlideSpec("budget", headline, bullets=tuple(bullets), table=table),
                 {"funding": funding, "confirmed": confirmed, "funded": e.funding_total,
                  "time_cost": f.time_cost, "time_share": time_share, "largest": largest,
                  "largest_share": f.category_share(largest)})


def roi(f: Facts) -> Draft | None:
    """The return on investment: ROI, payback, BCR and break-even, with the cash flow turning positive."""
    if not f.has_return:
        return None
    e = f.e
    positive = e.roi_percent >= 0
    if positive and f.pays_back:
        if f.lens.is_finance or f.lens.type == StakeholderType.association_board:
            # The ask already said "pays back and returns": this slide reads the cash line beside it.
            end = "the first year" if f.pitch.horizon_years == 1 else f"year {count_word(f.pitch.horizon_years)}"
            headline = pick(f"Cash turns positive after {f.months(e.payback_months)} and reaches {f.money(e.net_benefit)} by the end of {end}",
                            f"Cash turns positive after {f.months(e.payback_months)}; net benefit {f.money(e.net_benefit)}")
        else:
            headline = f"{f.name} returns {f.money(e.net_benefit)} more than it costs {f.over_horizon}"
    elif positive:
        headline = f"{f.name} returns {f.percent(e.roi_percent)} {f.over_horizon}"
    else:
        headline = f"The expected case does not pay back within {f.horizon_words}; here is what would change that"
    bullets = [f"ROI {f.percent(e.roi_percent)}: net benefit {f.money(e.net_benefit)} over costs of {f.money(e.total_costs)}.",
               f"Benefit-cost ratio {f.ratio(e.bcr)}."]
    if f.pitch.horizon_years > 1:
        bullets.append(f"Net present value {f.money(e.npv)} at {with_article(f.share(f.pitch.discount_rate) + ' discount rate')}.")
    if not isinstance(e.break_even_share, Undefined):
        if e.break_even_share <= 1:
            bullets.append(f"Break-even: it pays back if {f.share(e.break_even_share)} of the expected improvement happens.")
        else:
            bullets.append(f"Break-even needs {f.share(e.break_even_share)} of the expected improvement, so benefits must grow or costs fall.")
    chart = chart_builders.cumulative_cash(f.pitch, f.analysis) if f.pays_back or positive else chart_builders.costs_vs_benefits(f.pitch, f.analysis)
    return Draft(SlideSpec("roi", headline, bullets=tuple(bullets), chart=chart),
                 {"positive": positive, "evidence": evidence_summary(f)})


def sensitivity(f: Facts) -> Draft | None:
    """Sensitivity and risks: the three scenarios, the inputs that move ROI most, and the weakest RADAR factor."""
    if not f.has_return:
        return None
    cases = f.scenarios
    cons, exp, opt = (s.evaluation for s in cases)
    if any(isinstance(x.roi_percent, Undefined) for x in (cons, exp, opt)):
        return None
    spread = f.share(f.pitch.scenario_spread)
    if cons.roi_percent >= 0:
        headline = f"ROI stays positive in all three cases, from {f.percent(cons.roi_percent)} to {f.percent(opt.roi_percent)}"
    elif exp.roi_percent >= 0:
        headline = f"ROI ranges from {f.percent(cons.roi_percent)} to {f.percent(opt.roi_percent)}; the conservative case loses money"
    elif opt.roi_percent >= 0:
        headline = f"Only the optimistic case turns ROI positive, at {f.percent(opt.roi_percent)}"
    else:
        headline = f"ROI stays below zero even in the optimistic case, at {f.percent(opt.roi_percent)}"
    bullets = []
    for s in cases:
        how = "as estimated" if s.benefit_factor == 1 else f"benefits {spread} {'lower' if s.benefit_factor < 1 else 'higher'}"
        bullets.append(f"{s.name} ({how}): ROI {f.percent(s.evaluation.roi_percent)}, payback {f.months(s.evaluation.payback_months)}.")
    bars = f.tornado
    drivers = [driver_words(f, b.driver) for b in bars[:3]]
    if drivers:
        bullets.append(f"Moves ROI most: {clip(drivers[0], 90)}.")
    chart = chart_builders.sensitivity(f.pitch, f.analysis)
    if chart is not None:
        chart = replace(chart, categories=tornado_labels(f, chart.categories))
    if chart is None:
        chart = chart_builders.scenario_roi(f.pitch, f.analysis)
    return Draft(SlideSpec("sensitivity", headline, bullets=tuple(bullets), chart=chart),
                 {"cases": cases, "bars": bars[:3], "drivers": drivers, "spread": f.pitch.scenario_spread, "weakest": _weakest(f)})


def driver_words(f: Facts, driver: str) -> str:
    """A tornado driver as said aloud: "the cost of <line>" for a cost line, else the benefit it belongs to.

    A benefit driver is named "<benefit>: <inputs>" by the tornado; the inputs
    are detail for the chart, the benefit is what a person remembers.
    """
    if any(c.label == driver for c in f.e.costs):
        return f"the cost of {lower_first(driver)}"
    group = driver.split(": ", 1)[0] if any(driver.startswith(b.label + ": ") for b in f.e.benefits) else driver
    return lower_first(group)


def tornado_labels(f: Facts, drivers: tuple[str, ...], limit: int = 40) -> tuple[str, ...]:
    """Tornado bar labels a person can read at a glance (values untouched; the alt text keeps the full names).

    The tornado names a benefit driver "<benefit>: <inputs>". When a bar moves
    most of a benefit's inputs it is that benefit, so it is labelled with the
    benefit alone; a bar of one or two inputs is labelled with the inputs,
    and with as much of the benefit as fits when two bars would read the
    same or the input is a bare "Confidence". Cost lines keep their label.
    """
    benefits = [b.label for b in f.e.benefits]
    parts: list[tuple[str, str | None]] = []  # (label, benefit it belongs to)
    for d in drivers:
        group = next((g for g in benefits if d.startswith(g + ": ")), None)
        if group is None:
            parts.append((d, None))
            continue
        inputs = d[len(group) + 2:].split(", ")
        parts.append((group, None) if len(inputs) >= 3 else (capfirst(join_and(inputs)), group))
    heads = [label for label, _ in parts]
    out: list[str] = []
    for label, group in parts:
        if group is not None and (heads.count(label) > 1 or label in ("Attribution", "Confidence", "Attribution and confidence")):
            room = limit - len(label) - 3
            label = f"{label} ({clip(lower_first(group), room)})" if room >= 12 else label
        out.append(label)
    # Two bars must never share a label (a chart's totals and markers match categories by name).
    seen: dict[str, int] = {}
    unique = []
    for label in out:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return tuple(unique)


def _weakest(f: Facts):
    from ldpitch.engine import weakest

    found = weakest(f.pitch.radar)
    return found[0] if found else None

