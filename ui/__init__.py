"""The app's shell: the Streamlit helpers pages use (with app.py and pages/, the only importers of streamlit).

Every page keeps one pitch as the single source of truth: widgets read it,
their changes go through ``ldpitch.editing`` and come back as a new validated
pitch, which ``set_pitch`` stores and autosaves to the pitch library. Each
page ends with ``run(body)``, so no Python exception ever reaches the screen.

The modules, each importing only modules listed before it (no cycle):

    state    every session-state key, behind functions (the one owner)
    library  the pitch library as this tab uses it: store, URL, autosave, undo, conflicts
    guard    no traceback; the pitch rolled back on a failure (``safely`` for callbacks)
    fields   widgets bound to a path of the pitch
    editor   Streamlit's data editor over a base table converted once per table version, not on every run
    grid     the data editor over a table of the pitch
    importer a spreadsheet import: upload, first rows, a column per field, each row's problems, one confirmed change
    charts   chart(spec) and its image downloads
    risk     Budget's simulation (the ROI histogram and the chance of paying back) and each benefit's ranges and evidence
    page     the menu, a page's header and footer, links between steps
    brand    Export's branding picker, starting from the organisation's brand in the library (saved by administrators)
    signin   who is signed in: the sign-in page, the sidebar's name and sign-out, a tab that starts afresh for another person
    workers  exports (decks, workbooks) built in worker processes, off the app's interpreter lock
    serving  what the app process sets once about how it serves: TCP_NODELAY, export workers, a lighter garbage collector
    frame    what runs around every page: sign-in, URL, conflict and read-only banners, guard, sidebar status
    shelf    the Library page's actions on the whole library
    sharing  the Library's "who has access" panel: share, revoke, hand over
    slides   Export's slide previews, drawn in the background and polled by a fragment
"""

from ui import brand, importer, library, risk, sharing, shelf, signin, slides, state, workers
from ui.charts import chart
from ui.fields import choice, date, lines, money_input, number, text
from ui.frame import run
from ui.grid import table, table_version
from ui.guard import safely
from ui.library import set_pitch
from ui.page import LIBRARY_PAGE, findings_list, footer, header, markdown_text, menu, page_link, pitch_filename, show_flash, step_title
from ui.state import flash, pitch

__all__ = [
    "LIBRARY_PAGE",
    "brand",
    "chart",
    "choice",
    "date",
    "findings_list",
    "flash",
    "footer",
    "header",
    "importer",
    "library",
    "lines",
    "markdown_text",
    "menu",
    "money_input",
    "number",
    "page_link",
    "pitch",
    "pitch_filename",
    "risk",
    "run",
    "safely",
    "set_pitch",
    "sharing",
    "shelf",
    "signin",
    "slides",
    "state",
    "show_flash",
    "step_title",
    "table",
    "table_version",
    "text",
    "workers",
]
