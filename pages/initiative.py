"""Initiative: the facts of the initiative, the strategic performance objective, learner groups and milestones."""

import streamlit as st

import ui
from ldpitch.editing import tables
from ldpitch.pitch import DeliveryFormat


def body() -> None:
    ui.header("initiative", "Know your initiative",
              "Be clear about what you propose and why it is needed: the expected results, who builds it, how long it "
              "takes, what it needs and what it costs. Then say what will improve for the business and what people "
              "will do differently.")
    with st.expander("About this pitch: title, organisation, presenter", icon=":material/badge:"):
        c = st.columns(3)
        with c[0]:
            ui.text("Pitch title", "title", help="The deck's title slide; an action title works best.")
        with c[1]:
            ui.text("Organisation", "organisation")
        with c[2]:
            ui.text("Presenter", "presenter")
    left, right = st.columns([3, 2], gap="large")
    with left:
        ui.text("Initiative name", "initiative.name", placeholder="e.g. Mobile product lessons for field reps")
        ui.text("Why it matters to the business", "initiative.why_it_matters", long=True,
                help="The business problem in leaders' terms: what it costs today, and why now.",
                placeholder="e.g. New products launch every quarter but reps learn about them once a year; win rates trail by 9 points.")
        ui.text("Expected results", "initiative.expected_results", long=True,
                help="What changes, in numbers where you can.", placeholder="e.g. About $40,000 more sales per rep a year.")
    with right:
        ui.text("Who develops it", "initiative.developed_by")
        a, b = st.columns(2)
        with a:
            ui.number("Development (weeks)", "initiative.development_weeks", step=1.0)
        with b:
            ui.number("Course length (hours)", "initiative.course_length_hours", step=0.5)
        ui.choice("Delivery format", "initiative.delivery_format", [f.value for f in DeliveryFormat],
                  labels={f.value: f.value[:1].upper() + f.value[1:] for f in DeliveryFormat})
        ui.text("Resources you will need", "initiative.resources", long=True,
                help="People, platforms, devices, subject experts, budget lines.")
    st.subheader("Strategic performance objective",
                 help="The SPO defines what will improve for the business and what employees will do differently.")
    c = st.columns(3)
    with c[0]:
        ui.text("What will improve for the business", "objective.business_improvement", long=True,
                placeholder="e.g. Gross margin from new products up 4% by the end of next year.")
    with c[1]:
        ui.text("What people will do differently", "objective.behaviour_change", long=True,
                placeholder="e.g. Before each visit, reps run the five-minute lesson for the products they will show.")
    with c[2]:
        ui.text("How you will know it worked", "objective.evidence_of_success", long=True,
                placeholder="e.g. New-product win rate in the CRM, monthly.")
    st.subheader("Learner groups", help="Their time away from work is a real cost: people × hours × loaded hourly rate.")
    ui.table(tables.LEARNER_GROUPS, "initiative.learner_groups")
    st.subheader("Timeline")
    ui.table(tables.MILESTONES, "initiative.milestones")

    ui.footer(ui.pitch(), "initiative")


ui.run(body)
