"""Readiness (RADAR): minimise Resistance, Apathy and Disruptions; maximise Application and Results."""

import streamlit as st

import ui
from ldpitch import format as fmt
from ldpitch.charts import build as cb
from ldpitch.engine import FACTORS, Undefined, readiness_share, weakest

QUESTIONS = {
    "resistance": "Do stakeholders at every level get what they expect, not what you think they need?",
    "apathy": "Will people actually buy in, because it is worth their scarce time?",
    "disruptions": "How little does it take people away from their work?",
    "application": "Will people apply it on the job through real practice, not slides and one-way webinars?",
    "results": "Will you report skills applied (level 3) tied to business metrics (level 4)?",
}


def body() -> None:
    p = ui.header("readiness", "Get on the RADAR",
                  "Score how well the plan handles each factor, from 1 (not addressed) to 5 (well handled), and say how "
                  "you will mitigate the weak ones: minimise Resistance, Apathy and Disruptions; maximise Application and Results.")
    left, right = st.columns([3, 2], gap="large")
    with left:
        for key, label, aim in FACTORS:
            st.markdown(f"**{label}** ({aim}): {QUESTIONS[key]}")
            a, b = st.columns([1, 3])
            with a:
                ui.choice(f"{label} score", f"radar.{key}.score", [1, 2, 3, 4, 5], help="1 = not addressed, 5 = well handled.")
            with b:
                ui.text(f"How you handle {label.lower()}", f"radar.{key}.mitigation", long=True)
    with right:
        p = ui.pitch()
        share = readiness_share(p.radar)
        st.metric("Readiness", fmt.NOT_AVAILABLE if isinstance(share, Undefined) else fmt.share(share, p.locale),
                  help="Sum of the scores over the best possible score of the factors scored.", border=True)
        ui.chart(cb.readiness_radar(p), empty="Score a factor to draw the radar.")
        low = weakest(p.radar)
        if low:
            st.markdown("**Mitigate first:** " + ", ".join(f.label for f in low))
            for f in low:
                st.caption(f"{f.label}: {f.mitigation or 'no mitigation written yet.'}")

    ui.footer(ui.pitch(), "readiness")


ui.run(body)
