"""How sure the money is, on Budget and return: the simulation beside the exact figures, and each benefit's ranges and evidence.

``simulation`` draws the ROI histogram (p10, p50 and p90 marked) with the
chance of paying back in one sentence, labelled as a simulation beside the
exact expected case. ``ranges_and_evidence`` is a form for one benefit line:
a low and a high beside each input, attribution and confidence, and the
evidence register; what is typed goes through ``editing.ranges`` (the model's
own checks), a bad value is shown under the form and the pitch is kept.
Cost lines take their Low and High in the costs table (``tables.COSTS``).
"""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

import ui.charts as charts
import ui.grid as grid
import ui.library as library
from ldpitch import format as fmt
from ldpitch.charts import build as chart_builders
from ldpitch.editing import parse, ranges
from ldpitch.engine import Analysis, payback_sentence, simulation_line
from ldpitch.pitch import TEMPLATES, EvidenceKind, IsolationMethod, Pitch

#: Drivers of the spread named under the histogram.
DRIVERS_SHOWN = 3


def simulation(p: Pitch, a: Analysis) -> None:
    """The ROI histogram of the simulated futures and the chance of paying back, clearly apart from the exact figures."""
    st.subheader("How sure: the range of the return",
                 help="A Monte Carlo simulation: each estimate with a low and a high value is drawn from a PERT curve; "
                      "a benefit without a range moves by the scenario spread. Seeded: the same pitch always gives the same figures.")
    spec = chart_builders.roi_distribution(p, a)
    if spec is None:
        st.info("The simulation appears once the pitch has costs and a benefit in money.", icon=":material/casino:")
        return
    sim = a.simulation
    st.markdown(f"**{payback_sentence(sim)}.**")
    st.caption(f"Simulation, {fmt.number(Decimal(sim.trials), p.locale)} seeded futures, beside the exact expected case above "
               f"(ROI {fmt.percent(a.evaluation.roi_percent, p.locale)}): {simulation_line(sim, p.locale)}.")
    charts.chart(spec, key="chart.roi-distribution")
    if sim.drivers:
        st.caption("Widens the range most: " + "; ".join(
            f"{d.label} ({fmt.share(d.share, p.locale)} of the spread)" for d in sim.drivers[:DRIVERS_SHOWN]) + ".")


def _end_text(p: Pitch, kind: str, value: Decimal | None) -> str:
    """One end of a range as its text input shows it: money as the locale writes it, attribution and confidence in percent."""
    if value is None:
        return ""
    if kind == "money":
        return parse.money_text(value, p.currency, p.locale)
    if kind == "percent":
        return f"{parse.percent_from_share(value):g}"
    return f"{float(value):g}"


def _expected_text(p: Pitch, line, name: str, kind: str) -> str:
    """The expected value beside its range, as the pitch holds it ("not given" for an empty input)."""
    value = line.inputs.get(name) if kind != "percent" else getattr(line, name)
    if value is None:
        return "not given"
    if kind == "money":
        return fmt.money(value, p.currency, p.locale)
    # Attribution and confidence are typed in %; a template's share input as labelled, 0 to 1.
    return fmt.share(value, p.locale) if kind == "percent" else fmt.number(value, p.locale)


def ranges_and_evidence(p: Pitch, index: int) -> None:
    """A form for the benefit line at ``index``: low and high beside each value, and its evidence register."""
    line, t = p.benefits[index], TEMPLATES[p.benefits[index].template]
    locked = library.read_only()
    v = grid.table_version("budget.benefits")  # a benefit row changed: the form starts again from the pitch
    base = f"budget.ranges.{index}.{v}"
    # A toggle, not an expander: a closed expander still builds every widget inside it on each run of the page,
    # and this form has two inputs a value; it is drawn only while someone is working in it.
    if not st.toggle("How sure: ranges and evidence for this benefit", key="budget.ranges.open",
                     help="A low and a high beside each value, and what the benefit's figures rest on."):
        return
    with st.container(border=True), st.form(base, border=False):
        st.caption("A low and a high beside each expected value; the simulation draws between them. "
                   "Leave both empty to use the scenario spread.")
        typed: dict[str, tuple[str, str]] = {}
        rows = [(i.name, i.label + (" (0 to 1)" if i.kind == "share" else ""), i.kind) for i in t.inputs]
        rows += [(s, s.capitalize(), "percent") for s in ranges.SHARES]
        c = st.columns([3, 2, 2])
        c[1].caption("Low (attribution and confidence in %)")
        c[2].caption("High")
        for name, label, kind in rows:
            rng = line.ranges.get(name)
            c = st.columns([3, 2, 2])
            c[0].markdown(f"{label}: **{_expected_text(p, line, name, kind)}**")
            typed[name] = (c[1].text_input(f"Low: {label}", _end_text(p, kind, rng.low if rng else None), key=f"{base}.{name}.low",
                                           disabled=locked, label_visibility="collapsed",
                                           placeholder="low %" if kind == "percent" else "low"),
                           c[2].text_input(f"High: {label}", _end_text(p, kind, rng.high if rng else None), key=f"{base}.{name}.high",
                                           disabled=locked, label_visibility="collapsed",
                                           placeholder="high %" if kind == "percent" else "high"))
        ev = line.evidence
        kinds = [ranges.NOT_RECORDED, *(k.value for k in EvidenceKind)]
        methods = ["", *(m.value for m in IsolationMethod)]
        c = st.columns(2)
        evidence = {
            "kind": c[0].selectbox("Evidence", kinds, index=kinds.index(ev.kind.value) if ev else 0, key=f"{base}.kind",
                                   disabled=locked, help="What this benefit's figures rest on, strongest first."),
            "isolation": c[1].selectbox("Isolation method", methods,
                                        index=methods.index(ev.isolation.value) if ev and ev.isolation else 0,
                                        format_func=lambda m: m or "not stated", key=f"{base}.isolation", disabled=locked,
                                        help="How the programme's share is separated from other causes (Phillips)."),
            "supplied_by": c[0].text_input("Supplied by", ev.supplied_by if ev else "", key=f"{base}.supplied_by", disabled=locked),
            "on": c[1].date_input("On", ev.on if ev else None, key=f"{base}.on", disabled=locked, format="YYYY-MM-DD"),
            "note": st.text_input("Note", ev.note if ev else "", key=f"{base}.note", disabled=locked),
        }
        if st.form_submit_button("Save ranges and evidence", icon=":material/save:", disabled=locked):
            applied = ranges.set_benefit_ranges(p, index, typed, evidence)
            library.keep_or_explain(applied)
