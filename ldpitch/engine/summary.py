"""The business case in a few lines: the figures as readable text and as JSON-ready data."""

from __future__ import annotations

from ldpitch import format as fmt
from ldpitch.engine.analysis import analyse
from ldpitch.engine.finance import Undefined
from ldpitch.pitch import Pitch


def summary_data(pitch: Pitch) -> dict:
    """Headline figures, scenarios and sensitivity-free findings count, as JSON-ready data."""
    a = analyse(pitch)
    out = {"title": pitch.title, **a.evaluation.as_dict()}
    out["scenarios"] = [
        {"name": s.name, "benefit_factor": str(s.benefit_factor), **{k: v for k, v in s.evaluation.as_dict().items()
         if k in ("total_costs", "counted_benefits", "net_benefit", "bcr", "roi_percent", "payback_months", "npv", "break_even_share", "undefined")}}
        for s in a.scenarios
    ]
    return out


def summary_text(pitch: Pitch) -> str:
    """A business-case summary a person reads in the terminal."""
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
