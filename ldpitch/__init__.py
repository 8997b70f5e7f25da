"""ldpitch: turn a learning-and-development initiative into a business case leadership says yes to.

The public surface for Python callers; every name is loaded on first use, so
``import ldpitch`` stays cheap. For example:

>>> import ldpitch
>>> pitch = ldpitch.examples.load("sales_mobile")          # or ldpitch.load_pitch(bytes_of_a_pitch_file)
>>> ldpitch.evaluate(pitch).roi_percent                    # exact, never a float
Decimal('111.8')
>>> ldpitch.build_deck(pitch, audience="executive", length="full")[:2]   # .pptx bytes
b'PK'
>>> ldpitch.workbook_bytes(pitch)[:2]                      # .xlsx bytes with live formulas
b'PK'

Errors are ``ldpitch.LdpitchError`` and its subclasses (see ``ldpitch.errors``).
"""

from ldpitch.fronts import front

__version__ = "0.1.0"

__all__, __getattr__, __dir__ = front(__name__, {
    # what a pitch is
    "Pitch": "pitch",
    "load_pitch": "pitch",
    "dump_pitch": "pitch",
    "examples": "pitch",
    # the numbers
    "Evaluation": "engine",
    "evaluate": "engine",
    "findings": "engine",
    # what it makes
    "Branding": "deck",
    "build_deck": "deck",
    "update_deck_bytes": "deck",
    "workbook_bytes": "workbook",
    # the error tree
    "LdpitchError": "errors",
    "PitchFileError": "errors",
    "PitchTooLarge": "errors",
    "NotJson": "errors",
    "UnsupportedVersion": "errors",
    "InvalidPitch": "errors",
    "UnknownExample": "errors",
    "NothingTracked": "errors",
    "SheetRefused": "errors",
    "SimulationRefused": "errors",
    "TemplateError": "errors",
    "PreviewUnavailable": "errors",
    "PreviewFailed": "errors",
    "StoreError": "errors",
    "StoreUnavailable": "errors",
    "PitchNotFound": "errors",
    "SaveConflict": "errors",
    "NothingToUndo": "errors",
    "AccessDenied": "errors",
})
