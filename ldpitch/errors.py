"""The exception tree of ldpitch; the shell turns these into clear messages.

::

    LdpitchError                  anything ldpitch refuses, with a message for people
    ├── PitchFileError            a pitch file that cannot be read as a pitch
    │   ├── PitchTooLarge         more bytes than a pitch can sensibly hold
    │   ├── NotJson               not JSON at all (or NaN / Infinity in it)
    │   ├── UnsupportedVersion    a schema version this ldpitch cannot read
    │   └── InvalidPitch          JSON of the wrong shape; ``problems`` names each field
    └── UnknownExample            no example pitch by that name

Incompleteness is never an exception: it is a list of findings (see ``findings``).
"""

from __future__ import annotations


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
