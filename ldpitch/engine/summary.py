"""The business case in a few lines: the figures as readable text and as JSON-ready data."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ldpitch import format as fmt
from ldpitch.engine.analysis import analyse
from ldpitch.engine.finance import Undefined
from ldpitch.pitch import Pitch

if TYPE_CHECKING:
    from ldpitch.engine.simulation import Simulation


def summary_data(pitch: Pitch, simulation: Simulation | None = None) -> dict:
    """Headline figures, scenarios and the simulation (``simulation``, else the default one), as JSON-ready data."""
    a = analyse(pitch)
    out = {"title": pitch.title, **a.evaluation.as_dict()}
    out["scenarios"] = [
        {"name": s.name, "benefit_factor": str(s.benefit_factor), **{k: v for k, v in s.evaluation.as_dict().items()
         if k in ("total_costs", "counted_benefits", "net_benefit", "bcr", "roi_percent", "payback_months", "npv", "break_even_share", "undefined")}}
        for s in a.scenarios
    ]
    out["simulation"] = (simulation or a.simulation).as_dict()
    return out


def simulation_line(simulation: Simulation, locale: str = "en_US") -> str:
    """The simulation in one line: the range of ROI (else net benefit) and the chance of paying back within the horizon."""
    sim = simulation
    years = "the year" if sim.horizon_years == 1 else f"the {sim.horizon_years}-year horizon"
    if isinstance(sim.roi_percent, Undefined):
        net = sim.net_benefit
        spread = f"net benefit {fmt.money(net.p10, sim.currency, locale)} to {fmt.money(net.p90, sim.currency, locale)}"
    else:
        r = sim.roi_percent
        spread = f"ROI {fmt.percent(r.p10, locale)} to {fmt.percent(r.p90, locale)} (p10 to p90, median {fmt.percent(r.p50, locale)})"
    paying_back, trials = fmt.number(Decimal(sim.paying_back), locale), fmt.number(Decimal(sim.trials), locale)
    return f"{spread}; pays back within {years} in {paying_back} of {trials} simulated futures"


def payback_sentence(simulation: Simulation) -> str:
    """The simulation's chance of paying back in one sentence a leader reads aloud (an action title).

    Shares are rounded down, so the sentence never claims more than the trials show, and said in
    hundredths once 99 in 100 pay back, so it never undersells either: 9,998 of 10,000 reads "at
    least 99 of 100", 9,500 "at least 9 of 10"; every trial reads "all"; none reads "none".
    """
    sim = simulation
    years = "the year" if sim.horizon_years == 1 else f"{sim.horizon_years} years"
    if sim.paying_back == sim.trials:
        return f"In all {sim.trials:,} simulated futures the programme pays back within {years}"
    if sim.paying_back == 0:
        return f"In none of {sim.trials:,} simulated futures does the programme pay back within {years}"
    if sim.paying_back * 100 // sim.trials >= 99:
        return f"In at least 99 of 100 simulated futures the programme pays back within {years}"
    tenths = sim.paying_back * 10 // sim.trials
    if tenths == 0:
        return f"In fewer than 1 of 10 simulated futures the programme pays back within {years}"
    return f"In at least {tenths} of 10 simulated futures the programme pays back within {years}"


def summary_text(pitch: Pitch, simulation: Simulation | None = None) -> str:
    """A business-case summary a person reads in the terminal (``simulation``: else the default one)."""
    from ldpitch.engine.review import cfo_findings

    a = analyse(pitch)
    e = a.evaluation
    cur, loc = pitch.currency, pitch.locale

    def m(v):
        return fmt.money(v, cur, loc)

    def why(v):
        return f" ({v.reason})" if isinstance(v, Undefined) else ""

    years = "1 year (first-year benefits only)" if pitch.horizon_years == 1 else f"{pitch.horizon_years} years"
    be = e.break_even_share
    rows = [
        ("Fully loaded costs", f"{m(e.total_costs)}  (one-time {m(e.one_time_costs)}, recurring {m(e.recurring_costs_per_year)} a year)"),
        ("Counted benefits", f"{m(e.total_benefits)}  (after attribution and confidence)"),
        ("Net benefit", m(e.net_benefit)),
        ("Benefit-cost ratio", fmt.ratio(e.bcr, loc) + why(e.bcr)),
        ("ROI", fmt.percent(e.roi_percent, loc) + why(e.roi_percent)),
        ("Payback", fmt.months(e.payback_months, loc) + why(e.payback_months)),
        (f"NPV at {fmt.share(pitch.discount_rate, loc)}", f"{m(e.npv)}  (one-time costs at year 0, undiscounted)"),
        ("Simulation", simulation_line(simulation or a.simulation, loc)),
        ("Break-even", (f"pays back if {fmt.share(be, loc)} of the expected improvement happens" if not isinstance(be, Undefined) else "n/a" + why(be))),
    ]
    width = max(len(k) for k, _ in rows)
    lines = [pitch.title or pitch.initiative.name or "Untitled pitch", f"Horizon {years}; currency {cur}", ""]
    lines += [f"{k:<{width}}  {v}" for k, v in rows]
    lines += ["", "Scenarios"]
    for s in a.scenarios:
        se = s.evaluation
        lines.append(f"  {s.name:<13} benefits {m(se.total_benefits):>14}  ROI {fmt.percent(se.roi_percent, loc):>8}  payback {fmt.months(se.payback_months, loc)}")
    attacks = cfo_findings(pitch)
    if attacks:
        lines += ["", "What a CFO will attack"] + [f"  - {f.message}" for f in attacks]
    return "\n".join(lines)
