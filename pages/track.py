"""Track: actual KPI values after launch against baseline and target, results to date, and the results-update deck."""

import hashlib
from functools import partial

import streamlit as st

import ui
from ldpitch import format as fmt
from ldpitch import preview
from ldpitch.charts import build as cb
from ldpitch.deck import measure_briefs, results_report, update_deck_bytes
from ldpitch.editing import tables
from ldpitch.engine import Undefined, track
from ldpitch.pitch import dump_pitch

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
FIRST_RESULTS = ("Record your first results: in the table above, pick a measure of your plan, the date you read it and its value. "
                 "The charts, the benefits and ROI to date, and the results-update deck appear as soon as one is in.")


def results(p, t) -> None:
    money, percent = partial(fmt.money, currency=p.currency, locale=p.locale), partial(fmt.percent, locale=p.locale)
    report = results_report(p, t)
    st.markdown("**Every measure against plan** (the TDRp management report)")
    st.table(report.records(), border="horizontal", hide_index=True)
    st.caption(report.method)
    share = t.realised_share
    of_forecast = None if isinstance(share, Undefined) else f"{fmt.share(share, p.locale)} of the forecast"
    figures = [
        ("Realised benefits", t.realised_benefits, money, of_forecast,
         "Counted benefit × progress toward each linked measure's target (capped at the target) × time since launch."),
        ("Forecast by now", t.forecast_to_date, money, None, "What the business case expected by this date."),
        ("Costs to date", t.costs_to_date, money, None, "One-time costs in full, running costs for the time since launch."),
        ("ROI to date", t.roi_to_date, percent, None, "(Realised benefits − costs to date) ÷ costs to date."),
        ("Forecast ROI by now", t.forecast_roi_to_date, percent, None, "The ROI the business case expected by this date."),
        ("Net to date", t.net_to_date, money, None, "Realised benefits − costs to date."),
    ]
    for col, (label, figure, show, delta, why) in zip(st.columns(3) + st.columns(3), figures, strict=True):
        unknown = isinstance(figure, Undefined)
        col.metric(label, fmt.NOT_AVAILABLE if unknown else show(figure), delta=delta, delta_color="off", delta_arrow="off",
                   help=f"n/a: {figure.reason}." if unknown else why, border=True)
    if not t.money_known:
        st.info(f"Benefits and ROI to date need more: {t.realised_benefits.reason}.", icon=":material/event:")
    st.markdown(report.money_title)
    st.table(report.money_records(), border="horizontal", hide_index=True, width="content")
    st.caption(report.basis)
    briefs = dict((m.name, words) for m, words in measure_briefs(p, t))
    tracked = t.tracked
    for row in range(0, len(tracked), 2):
        for col, m in zip(st.columns(2, gap="large"), tracked[row:row + 2], strict=False):
            with col:
                st.markdown(f"**{briefs[m.name]}**")
                ui.chart(cb.kpi_tracking(p, m.name), key=f"track.chart.{row}.{m.name[:40]}")
    waiting = [briefs[m.name] for m in t.measures if not m.tracked]
    if waiting:
        with st.expander(f"Measures with no reading yet ({len(waiting)})", icon=":material/pending_actions:"):
            st.markdown("\n".join(f"- {w}" for w in waiting))


def update_deck(p, t) -> None:
    if not t.has_results:  # the message above says the deck comes with the first result
        return
    st.subheader("Share the results", help="A short deck for the sponsor: what we promised, what happened, what it is worth so far, "
                                           "what comes next.")
    settings = hashlib.sha256(dump_pitch(p)).hexdigest()
    built = ui.state.built_deck("track")
    fresh = bool(built) and built[0] == settings
    if st.button("Build the results update again" if fresh else "Build the results-update deck", icon=":material/slideshow:",
                 type="secondary" if fresh else "primary", key="track.build"):
        with st.spinner("Building the results update: your KPIs against baseline and target, benefits and ROI to date…"):
            ui.state.keep_built_deck("track", settings, ui.workers.run(update_deck_bytes, p))
        st.rerun()  # draw the page again with the deck built, so the button says what a click now does
    if fresh:
        row = st.container(horizontal=True)
        row.download_button("Download the results update (.pptx)", data=built[1], mime=PPTX, key="track.pptx", on_click="ignore",
                            file_name="results-update-" + ui.pitch_filename(p, "pptx"), type="primary", icon=":material/download:")
        if not preview.missing_tools():  # drawn by LibreOffice only when clicked
            row.download_button("PDF", data=partial(preview.deck_pdf, built[1]), mime="application/pdf", key="track.pdf",
                                file_name="results-update-" + ui.pitch_filename(p, "pdf"), on_click="ignore", icon=":material/picture_as_pdf:")
    elif built:
        st.info("Results changed since the last build: build the results update again.", icon=":material/update:")


def body() -> None:
    p = ui.header(None, "Track results",
                  "Buy-in must be maintained, not only obtained: keep sharing results. After launch, record what your "
                  "measures actually read, see them against the baseline and the target you promised, and take the "
                  "results back to the people who said yes.")
    left, right = st.columns([1, 3], vertical_alignment="bottom")
    with left:
        ui.date("Launch date", "launch_date", help="When the programme went live: benefits and running costs count from this date.")
    right.caption("Benefits realised and running costs are counted from the launch date to the latest reading.")
    st.subheader("Actual values", help="One row per reading: the measure, the date you read it and its value.")
    if not p.measures:
        st.info("The measurement plan has no measures yet: add them (with baselines and targets) on the Alignment page, "
                "then record their actual values here.", icon=":material/target:")
        ui.page_link("alignment", label="Add measures in Alignment and measurement")
    if p.measures or p.actuals:
        ui.table(tables.actuals_for(p), "track.actuals")
        ui.importer.offer("actuals", "track.import")
    p = ui.pitch()
    if not p.measures:
        return
    t = track(p)
    st.subheader("Results to date")
    if t.as_of:
        st.caption(f"As of {fmt.date(t.as_of, p.locale)}, the latest reading; launched {fmt.date(t.launch_date, p.locale)}.")
    if t.unmatched_actuals:
        st.warning("These readings are for measures the plan does not list, so they count for nothing: "
                   + "; ".join(t.unmatched_actuals) + ". Pick a measure of the plan for them.", icon=":material/link_off:")
    if t.has_results:
        results(p, t)
    else:
        st.info(FIRST_RESULTS, icon=":material/edit_note:")
    update_deck(p, t)


ui.run(body)
