"""How long a slide preview takes: the standard deck of the largest example (15 slides), cold and from the cache.

Cold is ``render_preview`` on a freshly built deck: LibreOffice with a new
profile converts it to PDF, then pdftoppm draws one PNG per slide. The floor
is the same two programs run bare on the same deck (the commands of
RECIPES.md, no progress reporting, no fingerprint), timed in the same run,
so the ratio shows what ldpitch adds. Warm is a second preview of the same
unchanged pitch: the deck is built again (new zip timestamps, same content)
and its preview comes from the cache without running LibreOffice.

Targets: cold under 4 s, warm under 0.1 s.

    .venv/bin/python bench/bench_preview.py [--runs N] [--strict]

``--strict`` exits 1 when a target is missed (for CI); by default the script
only reports. Without LibreOffice or pdftoppm it says so and exits 0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]
COLD_TARGET, WARM_TARGET = 4.0, 0.1


def floor(pptx: bytes, office: str, raster: str) -> float:
    """The bare programs on the same deck: soffice to PDF with a fresh profile, then pdftoppm at the same resolution."""
    from ldpitch.preview import DPI

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "deck.pptx"
        source.write_bytes(pptx)
        start = time.perf_counter()
        subprocess.run([office, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore", "--convert-to", "pdf",
                        "--outdir", tmp, str(source)], check=True, capture_output=True, env={**os.environ, "HOME": f"{tmp}/profile"})
        subprocess.run([raster, "-png", "-r", str(DPI), f"{tmp}/deck.pdf", f"{tmp}/slide"], check=True, capture_output=True)
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args()

    from ldpitch import preview
    from ldpitch.deck.build import build_deck
    from ldpitch.pitch import examples

    missing = preview.missing_tools()
    if missing:
        print(f"bench_preview: skipped. {missing}")
        return 0
    office, raster = preview.find_tools()
    name = examples.largest()
    pitch = examples.load(name)
    start = time.perf_counter()
    deck = build_deck(pitch, length="standard")
    build = time.perf_counter() - start
    slides = preview.slide_count(deck)

    cold, warm, bare = [], [], []
    for _ in range(args.runs):  # alternate, so a busy moment hits both alike
        bare.append(floor(deck, office, raster))
        preview.clear_cache()
        start = time.perf_counter()
        first = preview.render_preview(deck, on_progress=lambda share, message: None)
        cold.append(time.perf_counter() - start)
        again = build_deck(pitch, length="standard")  # the same pitch, built again
        start = time.perf_counter()
        second = preview.render_preview(again)
        warm.append(time.perf_counter() - start)
        assert second is first and len(first) == slides, "the second preview comes from the cache"

    cold_s, warm_s, bare_s = statistics.median(cold), statistics.median(warm), statistics.median(bare)
    print(f"bench_preview: {name}, standard deck, {slides} slides at {preview.DPI} dpi ({args.runs} runs, medians)")
    print(f"  deck build                     {build:7.3f} s")
    print(f"  floor: bare soffice + pdftoppm {bare_s:7.3f} s")
    print(f"  preview, cold                  {cold_s:7.3f} s   {cold_s / bare_s:.2f}x the floor   target < {COLD_TARGET:g} s")
    print(f"  preview again, from cache      {warm_s:7.4f} s   ({warm_s * 1000:.1f} ms)        target < {WARM_TARGET:g} s")
    print(f"  thumbnails {sum(map(len, first.slides)) / 1024:.0f} KiB, PDF {len(first.pdf) / 1024:.0f} KiB")
    ok = cold_s < COLD_TARGET and warm_s < WARM_TARGET
    print("  " + ("within target" if ok else "OVER TARGET"))
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
