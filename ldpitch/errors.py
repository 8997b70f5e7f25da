"""The exception tree of ldpitch; the shell turns these into clear messages.

::

    LdpitchError                  anything ldpitch refuses, with a message for people
    ├── PitchFileError            a pitch file that cannot be read as a pitch
    │   ├── PitchTooLarge         more bytes than a pitch can sensibly hold
    │   ├── NotJson               not JSON at all (or NaN / Infinity in it)
    │   ├── UnsupportedVersion    a schema version this ldpitch cannot read
    │   └── InvalidPitch          JSON of the wrong shape; ``problems`` names each field
    ├── UnknownExample            no example pitch by that name
    ├── NothingTracked            no actual KPI value yet, so no results to report
    ├── SimulationRefused         a number of trials or a seed the simulation cannot run with
    ├── SheetRefused              a file that cannot be imported as a spreadsheet (too large, macros, password...)
    ├── TemplateError             a PowerPoint template, logo or brand setting that cannot be used
    ├── PreviewUnavailable        LibreOffice or pdftoppm is missing, so no slide preview or PDF
    ├── PreviewFailed             LibreOffice or pdftoppm failed or ran out of time on a deck
    └── StoreError                the pitch library refused or failed; nothing saved is damaged
        ├── StoreUnavailable      the library cannot be opened or reached (saving is off)
        ├── PitchNotFound         no pitch with that id that you may open (or it is in the bin)
        ├── SaveConflict          saved elsewhere since you opened it; carries both versions
        ├── NothingToUndo         the pitch is back at the start of its history
        └── AccessDenied          you may not do that (sign in, view only, owner or administrators only)

Incompleteness is never an exception: it is a list of findings (see ``findings``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ldpitch.pitch import Pitch


class LdpitchError(Exception):
    """Base of everything ldpitch raises on purpose; ``str(e)`` is for people."""


class PitchFileError(LdpitchError):
    """A pitch file that cannot be read as a pitch."""


class PitchTooLarge(PitchFileError):
    """The file is bigger than any real pitch."""


class NotJson(PitchFileError):
    """The file is not JSON, or uses NaN / Infinity."""


class UnsupportedVersion(PitchFileError):
    """The file's schema version is unknown or newer than this ldpitch."""


class InvalidPitch(PitchFileError):
    """JSON of the wrong shape; ``problems`` holds one line per bad field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = "; ".join(problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"This pitch file has problems: {shown}{more}")


class UnknownExample(LdpitchError):
    """No example pitch has that name."""


class NothingTracked(LdpitchError):
    """The pitch has no actual value of any measure of its plan yet, so there are no results to report."""


class SheetRefused(LdpitchError):
    """A file offered for import that ldpitch will not read as a spreadsheet; ``str(e)`` says why and what to do instead.

    Not a spreadsheet, too large, too many rows, an .xlsm with macros, a
    password-protected workbook, an empty sheet, merged cells in the table.
    Problems of single rows are not this error: an import preview lists them
    on their rows.
    """


class SimulationRefused(LdpitchError):
    """A number of trials or a seed the simulation cannot run with; ``str(e)`` names it and the bounds."""


class TemplateError(LdpitchError):
    """A PowerPoint template, logo or brand setting that cannot be used; ``str(e)`` says what to do instead."""


class PreviewUnavailable(LdpitchError):
    """The programs that draw slide previews and PDFs are not installed; ``str(e)`` says what to install."""


class PreviewFailed(LdpitchError):
    """LibreOffice or pdftoppm failed, or ran out of time, on a deck; the deck itself is still good."""


class StoreError(LdpitchError):
    """The pitch library refused or failed an operation; what was saved before is intact."""


class StoreUnavailable(StoreError):
    """The library cannot be opened or reached: the app keeps working in memory, with saving off."""


class PitchNotFound(StoreError):
    """No pitch has that id, it is not shared with the acting user, or it is in the bin (``deleted`` says which).

    A pitch the user may not open gets the same message as one that does not
    exist, so guessing or reusing an id learns nothing, not even that it exists.
    """

    def __init__(self, message: str, *, pitch_id: str = "", deleted: bool = False):
        self.pitch_id = pitch_id
        self.deleted = deleted
        super().__init__(message)


class SaveConflict(StoreError):
    """The pitch was saved elsewhere (another tab, another person) after the version this edit started from.

    Nothing was overwritten. ``mine`` is the edit that was not saved, ``theirs``
    the version now in the library (``current_version``), ``their_changes`` the
    summaries of the versions saved since ``based_on_version``. The shell offers
    to keep ``mine`` as a copy (``PitchStore.save_as_copy``) or, once the user
    has seen theirs, to save it on top (``save(..., based_on_version=current_version)``),
    which keeps theirs in the history.
    """

    def __init__(self, *, pitch_id: str, name: str, based_on_version: int, current_version: int,
                 mine: Pitch, theirs: Pitch, their_changes: list[str]):
        self.pitch_id = pitch_id
        self.name = name
        self.based_on_version = based_on_version
        self.current_version = current_version
        self.mine = mine
        self.theirs = theirs
        self.their_changes = their_changes
        latest = f" (latest change: {their_changes[0]})" if their_changes else ""
        super().__init__(
            f"'{name}' was changed elsewhere while you were editing: you started from version {based_on_version}, "
            f"and version {current_version} has been saved since{latest}. Your edit was not saved over it: "
            f"keep your edit as a copy, or look at the saved version and apply your edit again."
        )


class NothingToUndo(StoreError):
    """The pitch is at the start of its history: there is no earlier state to go back to."""


class AccessDenied(StoreError):
    """The acting user may not do this; ``str(e)`` says what they may do instead and reveals nothing of the pitch.

    A viewer changing a pitch, anyone but its owner sharing it or moving it to
    the bin, anyone but an administrator changing the organisation's brand, or
    an actor the library does not take (no one signed in while sign-in is on).
    """
