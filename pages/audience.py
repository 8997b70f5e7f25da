"""Audience: who decides, their KPIs and pain points, their objections, presets per type, the power/interest grid."""

import streamlit as st

import ui
from ldpitch.charts import build as cb
from ldpitch.editing import tables
from ldpitch.pitch import preset


@ui.safely
def fill_from_preset(index: int) -> None:
    p = ui.pitch()
    ui.set_pitch(tables.with_preset(p, index), replaced=True)
    ui.flash(f"Filled what was empty for {p.stakeholders[index].name} from the “{preset(p.stakeholders[index].type).label}” preset.")


def detail(p) -> None:
    names = [s.name for s in p.stakeholders]
    i = st.selectbox("Stakeholder", range(len(names)), format_func=names.__getitem__, key="audience.pick")
    s = p.stakeholders[i]
    ps = preset(s.type)
    st.markdown(f"{ps.what_they_want} {ps.framing}")
    st.button(f"Fill what is empty from the “{ps.label}” preset", key="audience.preset", on_click=fill_from_preset, args=(i,),
              icon=":material/auto_fix_high:", wrap=True, disabled=ui.library.read_only(),
              help="Typical KPIs, pain points, objections with responses and what they want to buy; nothing you typed is overwritten.")
    # Keyed on the table's version: a row edited, added or deleted above never leaves stale text here.
    v = ui.table_version("audience.stakeholders")
    a, b = st.columns(2)
    with a:
        ui.lines("KPIs they own (one a line)", f"stakeholders.{i}.kpis", key=f"stakeholders.{i}.kpis~{v}")
    with b:
        ui.lines("Their pain points (one a line)", f"stakeholders.{i}.pain_points", key=f"stakeholders.{i}.pain_points~{v}")
    ui.text("What they want to buy", f"stakeholders.{i}.wants_to_buy", long=True, key=f"stakeholders.{i}.wants_to_buy~{v}",
            help="Sell people what they want to buy, not what you want to sell.")
    st.markdown(f"**Likely objections from {s.name}, and your responses**")
    ui.table(tables.OBJECTIONS.at(f"stakeholders.{i}.objections"), f"audience.objections.{i}")


def body() -> None:
    p = ui.header("audience", "Know your audience",
                  "Know who decides, their roles and their pain points, then position the initiative from their "
                  "perspective: sell them what they want to buy, not what you want to sell.")
    st.subheader("Stakeholders", help="Who decides or is affected; their KPIs, pain points and objections go in the detail below.")
    ui.table(tables.STAKEHOLDERS, "audience.stakeholders")
    p = ui.pitch()
    if p.stakeholders:
        left, right = st.columns([2, 3], gap="large")
        with left:
            ui.choice("Primary audience of the deck", "primary_audience", [s.name for s in p.stakeholders],
                      help="The deck leads with this person's KPIs and pain points and answers their objections in the notes.")
            st.caption("On the grid, top right: manage closely; top left: keep satisfied; bottom right: keep informed. "
                       "Win over the sceptics with high influence first.")
        with right:
            ui.chart(cb.stakeholder_grid(p))
        st.subheader("One stakeholder in depth")
        detail(p)
    else:
        st.info("Add the people who decide or are affected: senior management, the operations director, the HR partner, "
                "business-unit managers, employees (or, for an association, the board and members' bosses). "
                "Then fill in each one from a preset.", icon=":material/person_add:")
    ui.footer(ui.pitch(), "audience")


ui.run(body)
