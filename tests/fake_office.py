"""Stand-ins for soffice and pdftoppm, real programs on disk, for preview tests that must not wait for LibreOffice.

``fake_tools(folder)`` writes both and returns their paths and a log: each
conversion logs its start (with the deck's size) and end, takes ``seconds``, and makes a small PDF;
pdftoppm makes ``slides`` valid PNGs. With ``fail=True`` soffice says why on
stderr and exits 1, as a broken LibreOffice does.
"""

from __future__ import annotations

import sys
from pathlib import Path

OFFICE_FAILS = "soffice fake: the document could not be loaded"


def fake_tools(folder: Path, *, seconds: float = 0.3, slides: int = 1, fail: bool = False) -> tuple[str, str, Path]:
    log = folder / "conversions.log"
    office = folder / ("broken-soffice" if fail else "soffice")
    office.write_text(f"""#!{sys.executable}
import os, pathlib, sys, time
out = pathlib.Path(sys.argv[sys.argv.index("--outdir") + 1])
pathlib.Path({str(log)!r} + ".where").write_text(f"{{os.getsid(0)}} {{os.getpgid(0)}} {{os.getpid()}} {{os.nice(0)}}")
with open({str(log)!r}, "a") as log:
    log.write(f"start {{time.monotonic()}} {{pathlib.Path(sys.argv[-1]).stat().st_size}}\\n")
time.sleep({seconds!r})
with open({str(log)!r}, "a") as log:
    log.write(f"end {{time.monotonic()}}\\n")
if {fail!r}:
    sys.exit(print({OFFICE_FAILS!r}, file=sys.stderr) or 1)
(out / "deck.pdf").write_bytes(b"%PDF-1.4 fake")
""")
    raster = folder / "pdftoppm"
    raster.write_text(f"""#!{sys.executable}
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
pixels = zlib.compress(b"".join(b"\\x00" + b"\\x30\\x60\\x90" * 16 for _ in range(9)))
png = b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 9, 8, 2, 0, 0, 0)) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
for n in range(1, {slides!r} + 1):
    open(f"{{sys.argv[-1]}}-{{n}}.png", "wb").write(png)
""")
    for program in (office, raster):
        program.chmod(0o755)
    return str(office), str(raster), log


def where(log: Path) -> dict[str, int]:
    """Where the last fake conversion ran: its session, process group, own id and niceness."""
    session, group, pid, nice = (int(x) for x in Path(f"{log}.where").read_text().split())
    return {"session": session, "group": group, "pid": pid, "nice": nice}


def conversions(log: Path) -> list[tuple[float, float]]:
    """(start, end) of every conversion the fake soffice ran, in order of start."""
    times = [float(line.split()[1]) for line in log.read_text().splitlines()] if log.exists() else []
    return sorted(zip(times[0::2], times[1::2], strict=True))


def sizes_converted(log: Path) -> list[int]:
    """The size in bytes of each deck the fake soffice converted, in the order it started them."""
    return [int(line.split()[2]) for line in log.read_text().splitlines() if line.startswith("start")]
