"""A deck's fingerprint: a hash of what is inside a .pptx, blind to when it was written (the previews' cache key)."""

from __future__ import annotations

import hashlib
import io
import re
import threading
import zipfile
from collections import OrderedDict

#: How many decks' fingerprints are remembered by the plain hash of their bytes.
KEPT = 64
_fingerprints: OrderedDict[bytes, str] = OrderedDict()  # sha256 of a deck's bytes -> its fingerprint
_lock = threading.Lock()


def fingerprint(pptx_bytes: bytes) -> str:
    """A hash of what is inside a .pptx, blind to when it was written.

    It hashes every part's name and content, looking inside embedded
    workbooks (a native chart's data) the same way, and leaves out what
    changes on every build of the same deck: the zip's timestamps and the
    created and modified dates of the document properties. So two builds of
    the same pitch with the same settings share a fingerprint, and any
    change to a slide, a chart, a note or the branding changes it. Bytes
    that are not a zip are hashed as they are.

    >>> import io, zipfile
    >>> def deck(text, when):
    ...     out = io.BytesIO()
    ...     with zipfile.ZipFile(out, "w") as z:
    ...         z.writestr(zipfile.ZipInfo("ppt/slides/slide1.xml", when), text)
    ...         z.writestr("docProps/core.xml", f"<cp:coreProperties><dcterms:modified>{when}</dcterms:modified></cp:coreProperties>")
    ...     return out.getvalue()
    >>> a, b = deck("hello", (2026, 1, 1, 9, 0, 0)), deck("hello", (2026, 1, 1, 9, 0, 2))
    >>> a == b, fingerprint(a) == fingerprint(b), fingerprint(a) == fingerprint(deck("hello!", (2026, 1, 1, 9, 0, 0)))
    (False, True, False)

    The same bytes asked about again (every run of the Export page asks about
    its deck) are answered from a short memory keyed by their plain hash, a
    twentieth of the work of opening the zip again.
    """
    plain = hashlib.sha256(pptx_bytes).digest()
    with _lock:
        known = _fingerprints.get(plain)
        if known is not None:
            _fingerprints.move_to_end(plain)
            return known
    found = _digest(pptx_bytes, depth=0).hexdigest()
    with _lock:
        _fingerprints[plain] = found
        while len(_fingerprints) > KEPT:
            _fingerprints.popitem(last=False)
    return found


_DATES = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")


def _digest(data: bytes, depth: int):
    digest = hashlib.sha256()
    if depth > 2 or not data.startswith(b"PK\x03\x04"):
        digest.update(data)
        return digest
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for name in sorted(z.namelist()):
                part = z.read(name)
                if name.endswith("docProps/core.xml"):
                    part = _DATES.sub(b"", part)
                digest.update(name.encode() + b"\0" + _digest(part, depth + 1).digest())
    except zipfile.BadZipFile:
        digest.update(data)
    return digest
