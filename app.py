"""ldpitch: the app's entry point: page set-up, the one pitch in session state, the pitch library, and the wizard's pages."""

import streamlit as st

import library_ui
import ui

st.set_page_config(page_title="ldpitch: L&D business case", page_icon=":material/slideshow:", layout="wide")
ui.pitch()  # the single source of truth exists before any page runs

pages = [st.Page(path, title=title, icon=icon, default=(step == "start")) for step, (path, title, icon) in ui.PAGES.items()]
pages.insert(1, st.Page(library_ui.LIBRARY_PAGE, title="Library", icon=":material/folder_open:"))
st.navigation(pages).run()  # each page's ui.run opens the pitch its URL names and shows the library's status
