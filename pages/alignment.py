"""Alignment and measurement: the common thread from goals to KPIs, and the measurement plan by level."""

import streamlit as st

import ui
from ldpitch.editing import tables


def body() -> None:
    p = ui.header("alignment", "Align with goals, plan the measures",
                  "Tie the initiative to the goals and KPIs leaders already own, not to 'learning is good'. Then plan how "
                  "you will show it worked: beyond attendance and smile sheets, to application on the job and business impact.")
    st.subheader("The common thread", help="Each organisational goal, what the initiative changes for it, and the KPI that shows it.")
    ui.table(tables.GOALS, "alignment.goals")
    p = ui.pitch()
    for g in p.goals:
        if g.outcome or g.kpi:
            st.markdown(f":material/flag: **{g.goal}** → {g.outcome or '…'} → KPI: *{g.kpi or 'to be named'}*")
    st.subheader("Measurement plan", help="Reaction, learning, application, business impact and ROI; the last three tied to business data.")
    ui.table(tables.MEASURES, "alignment.measures")
    st.caption("Pick one or two key measures to track after launch and keep sharing the results: buy-in must be sustained, "
               "not only obtained.")

    ui.footer(ui.pitch(), "alignment")


ui.run(body)
