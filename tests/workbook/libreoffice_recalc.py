"""Workbooks recalculated by LibreOffice Calc, for tests that check the formulas, not only their cached values.

``stale`` sets every cached formula result to 0, so only a real recalculation
brings the figures back; ``recalculated`` stales a set of workbooks and has
Calc recalculate and save them all in one headless run, with a private profile
that tells Calc to recalculate on load.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

_RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def stale(data: bytes) -> bytes:
    """The workbook with every cached formula result replaced by 0: only a real recalculation brings the figures back."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                body = re.sub(rb"</f><v>[^<]*</v>", b"</f><v>0</v>", body)
            target.writestr(item, body)
    return out.getvalue()


def recalculated(files: dict[str, bytes], root: Path) -> dict[str, bytes]:
    """Each workbook of ``files``, staled, then recalculated and saved by LibreOffice Calc (one run, working in ``root``)."""
    if SOFFICE is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    profile, source, target = root / "profile", root / "in", root / "out"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_RECALC_ALWAYS, encoding="utf-8")
    source.mkdir()
    for name, data in files.items():
        (source / f"{name}.xlsx").write_bytes(stale(data))
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(target), *sorted(map(str, source.glob("*.xlsx")))],
        check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(root)},
    )
    missing = [name for name in files if not (target / f"{name}.xlsx").is_file()]
    if missing:
        raise RuntimeError(f"LibreOffice did not convert {missing}: is LibreOffice Calc installed (Debian: libreoffice-calc)?")
    return {name: (target / f"{name}.xlsx").read_bytes() for name in files}
