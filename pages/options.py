"""Options: two to six choices including doing nothing, weighted criteria, scores, a ranking and a recommendation."""

import streamlit as st

import ui
from ldpitch import format as fmt
from ldpitch.charts import build as cb
from ldpitch.editing import tables
from ldpitch.engine import Undefined, rank_options, recommendation


def ranking(p) -> None:
    ranked = rank_options(p) if p.criteria else Undefined("add criteria with weights to rank the options")
    if isinstance(ranked, Undefined):
        st.info(f"No ranking yet: {ranked.reason}.", icon=":material/leaderboard:")
        return
    ui.chart(cb.option_scores(p))
    notes = [f"“{r.name}” is the baseline every other option must beat." for r in ranked if r.is_do_nothing]
    notes += [f"{r.name} is not scored on {', '.join(r.missing)} yet (a blank counts as 1)." for r in ranked if r.missing]
    st.caption(" ".join(notes) or f"{ranked[0].name} scores highest: {fmt.number(ranked[0].score, p.locale)} of 10.")


def body() -> None:
    p = ui.header("options", "Offer choices",
                  "Leaders support what they helped decide. Show several viable options, including doing nothing, "
                  "score them honestly on criteria they care about, and say which one you recommend.")
    left, right = st.columns([2, 1], gap="large")
    with left:
        st.subheader("Options", help="Two to six, one of them 'do nothing'.")
        ui.table(tables.OPTIONS, "options.options")
    with right:
        st.subheader("Criteria", help="What the decision turns on; weights should add up to 100.")
        ui.table(tables.CRITERIA, "options.criteria")
    p = ui.pitch()
    if p.options and p.criteria:
        st.subheader("Scores", help="Score each option from 1 (poor) to 10 (excellent) on each criterion; a blank counts as 1.")
        ui.table(tables.SCORES, "options.scores", fixed=True)
    p = ui.pitch()
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader("Ranked result")
        ranking(p)
    with right:
        st.subheader("Recommendation")
        if p.options:
            ui.choice("The option you recommend", "recommended_option", [o.name for o in p.options],
                      help="Usually the top-ranked option; if you recommend another, be ready to say why.")
            best = recommendation(ui.pitch())
            if not isinstance(best, Undefined):
                st.markdown(f":material/thumb_up: The deck recommends **{best}** and shows the others as real choices.")
        else:
            st.info("Add options first.", icon=":material/alt_route:")
    ui.footer(ui.pitch(), "options")


ui.run(body)
