"""ldpitch: the app's entry point: page set-up, the one pitch in session state, and the menu of pages (ui.menu)."""

import streamlit as st

import ui

st.set_page_config(page_title="ldpitch: L&D business case", page_icon=":material/slideshow:", layout="wide")
ui.pitch()  # the single source of truth exists before any page runs

pages = [st.Page(m.path, title=m.title, icon=m.icon, default=(m.step == "start")) for m in ui.menu()]
st.navigation(pages, position="sidebar" if ui.signin.may_enter() else "hidden").run()  # each page's ui.run opens the pitch its URL names and shows the library's status
