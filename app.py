"""ldpitch: the app's entry point: page set-up, the one pitch in session state, and the wizard's pages."""

import streamlit as st

import ui

st.set_page_config(page_title="ldpitch: L&D business case", page_icon=":material/slideshow:", layout="wide")
ui.pitch()  # the single source of truth exists before any page runs

pages = [st.Page(path, title=title, icon=icon, default=(step == "start")) for step, (path, title, icon) in ui.PAGES.items()]
st.navigation(pages).run()
