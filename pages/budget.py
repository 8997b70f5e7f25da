"""Budget and return: fully loaded costs, benefits from templates, funding, and the figures a CFO checks."""

import streamlit as st

import ui
from ldpitch import format as fmt
from ldpitch.charts import build as cb
from ldpitch.editing import tables
from ldpitch.engine import Undefined, analyse
from ldpitch.pitch import TEMPLATES


def settings() -> None:
    c = st.columns(5)
    with c[0]:
        ui.choice("Currency", "currency", list(tables.CURRENCIES))
    with c[1]:
        names = tables.locale_names()
        ui.choice("Number format", "locale", list(names), labels=names)
    with c[2]:
        ui.number("Horizon (years)", "horizon_years", low=1, high=10, whole=True,
                  help="Short programmes count first-year benefits only (Phillips); choose more years on purpose.")
    with c[3]:
        ui.number("Discount rate %", "discount_rate", high=100, step=0.5, percent=True, help="For the net present value.")
    with c[4]:
        ui.number("Scenario spread %", "scenario_spread", high=100, step=5, percent=True,
                  help="How far benefits move in the conservative and optimistic cases, and each input in the tornado.")


def benefit_inputs(p) -> None:
    names = [b.label or TEMPLATES[b.template].title for b in p.benefits]
    i = st.selectbox("Fill in the inputs of", range(len(names)), format_func=names.__getitem__, key="budget.benefit")
    line, t = p.benefits[i], TEMPLATES[p.benefits[i].template]
    st.caption(f"**{t.title}**: {t.help} Formula: {t.formula}; counted = raw × attribution × confidence.")
    v = ui.table_version("budget.benefits")  # a benefit row changed above: the form starts again from the pitch
    with st.form(f"budget.inputs.{i}.{v}"):
        values, sources = {}, {}
        for spec in t.inputs:
            a, b = st.columns([2, 3])
            now, key = line.inputs.get(spec.name), f"budget.inputs.{i}.{v}.{spec.name}"
            if spec.kind == "money":
                with a:
                    values[spec.name] = ui.money_input(spec.label, now, key=key, help=spec.help)
            else:
                values[spec.name] = a.number_input(
                    spec.label + (" (0 to 1)" if spec.kind == "share" else ""), value=None if now is None else float(now),
                    min_value=0.0, max_value=1.0 if spec.kind == "share" else None, step=0.01 if spec.kind == "share" else 1.0,
                    format="%g", help=spec.help, key=key, disabled=ui.library.read_only())
            sources[spec.name] = b.text_input(f"Source of “{spec.label}”", line.sources.get(spec.name, ""), key=key + ".source",
                                              placeholder="Where does this number come from?", disabled=ui.library.read_only())
            if spec.default is not None:
                b.caption(f"Cited default {fmt.number(spec.default, p.locale)}: {spec.source}")
        st.caption(tables.benefit_in_words(p, line))
        if st.form_submit_button("Save inputs", icon=":material/save:", disabled=ui.library.read_only()):
            applied = tables.set_benefit_inputs(p, i, values, sources)
            ui.library.keep_or_explain(applied)
    ui.risk.ranges_and_evidence(p, i)


def results(p) -> None:
    a = analyse(p)  # this version's figures: derived once, reused by every rerun that changes nothing
    e = a.evaluation
    cur, loc = p.currency, p.locale

    def why(figure, otherwise: str) -> str:
        return f"n/a: {figure.reason}." if isinstance(figure, Undefined) else otherwise

    be = e.break_even_share
    row = st.columns(4) + st.columns(4)
    row[0].metric("Total cost", fmt.money(e.total_costs, cur, loc), help="Fully loaded, over the horizon, people's time included.", border=True)
    row[1].metric("Counted benefit", fmt.money(e.total_benefits, cur, loc), help="After attribution and confidence.", border=True)
    row[2].metric("Benefit-cost ratio", fmt.ratio(e.bcr, loc), help=why(e.bcr, "Counted benefits ÷ total cost."), border=True)
    row[3].metric("ROI", fmt.percent(e.roi_percent, loc), help=why(e.roi_percent, "(Benefits − costs) ÷ costs."), border=True)
    row[4].metric("Payback", fmt.months(e.payback_months, loc), help=why(e.payback_months, "Months until cumulative net cash turns positive."), border=True)
    row[5].metric(f"NPV at {fmt.share(p.discount_rate, loc)}", fmt.money(e.npv, cur, loc), help="Net present value over the horizon.", border=True)
    row[6].metric("Break-even", fmt.share(be, loc) if not isinstance(be, Undefined) else fmt.NOT_AVAILABLE,
                  help=why(be, "The share of the expected improvement that pays back the costs."), border=True)
    row[7].metric("Net benefit", fmt.money(e.net_benefit, cur, loc), help="Counted benefits − total cost.", border=True)
    left, right = st.columns(2)
    with left:
        ui.chart(cb.costs_vs_benefits(p, a))
    with right:
        ui.chart(cb.cumulative_cash(p, a))
    ui.chart(cb.cost_waterfall(p, a))
    left, right = st.columns([1, 2])
    with left:
        ui.chart(cb.scenario_roi(p, a))
    with right:
        ui.chart(cb.sensitivity(p, a), empty="The tornado appears once the pitch has costs and benefits.")
    ui.risk.simulation(p, a)


def body() -> None:
    p = ui.header("budget", "Budget and return",
                  "Show the budget: every cost element, where the funding comes from, and the financial translation "
                  "of the benefit. Count conservatively; finance will check.")
    with st.expander("Currency, horizon and rates", expanded=False, icon=":material/tune:"):
        settings()
    st.subheader("Costs", help="Fully loaded: design, content, hardware and software, delivery, people's time, admin, evaluation.")
    ui.table(tables.COSTS, "budget.costs")
    ui.importer.offer("costs", "budget.import_costs")
    group_lines = analyse(p).evaluation.learner_group_costs
    if group_lines:
        st.caption("Also counted, from the learner groups on the Initiative page: " + "; ".join(
            f"{c.label} {fmt.money(c.amount, p.currency, p.locale)}" for c in group_lines) + ".")
    st.subheader("Benefits", help="Each line is a template you fill in; attribution and confidence make it conservative.")
    ui.table(tables.BENEFITS, "budget.benefits")
    ui.importer.offer("benefits", "budget.import_benefits")
    if p.benefits:
        benefit_inputs(ui.pitch())
    left, right = st.columns(2)
    with left:
        st.subheader("Funding")
        ui.table(tables.FUNDING, "budget.funding")
    with right:
        st.subheader("Intangible benefits", help="Listed, never turned into money.")
        ui.table(tables.INTANGIBLES, "budget.intangibles")
    st.subheader("The return")
    p = ui.pitch()
    if p.costs or p.learner_groups or p.benefits:
        results(p)
    else:
        st.info("Add cost lines and at least one benefit line: the figures and charts a CFO checks appear here.",
                icon=":material/monitoring:")
    ui.footer(ui.pitch(), "budget")


ui.run(body)
