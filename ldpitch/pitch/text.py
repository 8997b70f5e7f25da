"""Text that is safe to put anywhere: cleaned of characters XML cannot hold, capped in length.

Every string field of the pitch goes through :func:`clean_text`, so a pasted
control character can never break a deck, a workbook or a chart later.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import BeforeValidator, Field

# XML 1.0 allows \t \n \r, U+0020-U+D7FF, U+E000-U+FFFD and U+10000-U+10FFFF.
# Everything else (C0 controls, DEL, U+FFFE/U+FFFF, lone surrogates) is removed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")

SHORT_MAX = 200
LONG_MAX = 10_000


def clean_text(value: object, *, keep_newlines: bool = True) -> object:
    """Return ``value`` with XML-illegal characters removed and spaces trimmed.

    Line endings become ``\\n``; single-line fields also fold every run of
    whitespace to one space. Non-strings pass through for pydantic to judge.

    >>> clean_text("Team\\x0bA\\x01B  ")
    'TeamAB'
    >>> clean_text("a\\r\\nb", keep_newlines=False)
    'a b'
    """
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    text = _NOT_XML.sub("", text)
    if not keep_newlines:
        return " ".join(text.split())
    return text.strip()


def _clean_line(value: object) -> object:
    return clean_text(value, keep_newlines=False)


#: One line of text: names, titles, labels (at most 200 characters).
Short = Annotated[str, BeforeValidator(_clean_line), Field(max_length=SHORT_MAX)]
#: Free text that may run to paragraphs (at most 10,000 characters).
Long = Annotated[str, BeforeValidator(clean_text), Field(max_length=LONG_MAX)]
