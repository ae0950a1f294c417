"""Time the built-in describer per image, step by step, with its models loaded once.

Photos come from tests/data/eval/photos/, text-heavy images from tests/data/eval/text/ (when
present). Each image is captioned once to warm up, then `--repeat` times; the table shows the
median milliseconds per step. Targets (issue #4): photos <= 150 ms, text-heavy <= 1 s, 2-core CPU.

    .venv/bin/python benchmarks/builtin_bench.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from alttext_app.core.builtin import load_builtin  # noqa: E402
from alttext_app.core.captioner import CaptionOptions  # noqa: E402
from alttext_app.core.images import load_image  # noqa: E402

PHOTOS = ROOT / "tests" / "data" / "eval" / "photos"
TEXT = ROOT / "tests" / "data" / "eval" / "text"
STEPS = ("classify", "ocr", "faces", "total")


def images() -> list[tuple[str, Path]]:
    found = [("photo", p) for p in sorted(PHOTOS.glob("*.jpg"))]
    found += [("text", p) for p in sorted(PHOTOS.glob("*.png")) if p.name == "page.png"]
    if TEXT.is_dir():
        found += [("text", p) for p in sorted(TEXT.glob("*.png"))]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    captioner = load_builtin()
    load_s = time.perf_counter() - started
    options = CaptionOptions()
    print(f"CPU cores: {os.cpu_count()}; load average before: {os.getloadavg()[0]:.1f}; "
          f"models loaded in {load_s:.2f} s")
    print()
    print("| image | group | size | kind | classify ms | OCR ms | faces ms | total ms |")
    print("|---|---|---|---|---|---|---|---|")
    totals: dict[str, list[float]] = {"photo": [], "text": []}
    for group, path in images():
        image = load_image(path)
        captioner.caption(image, options)
        runs = [captioner.caption(image, options) for _ in range(args.repeat)]
        med = {
            step: statistics.median(r.extra["timings"].get(step, 0.0) for r in runs) * 1000
            for step in STEPS
        }
        totals[group].append(med["total"])
        print(f"| {path.name} | {group} | {image.width}x{image.height} | {runs[-1].kind} | "
              + " | ".join(f"{med[s]:.0f}" for s in STEPS) + " |")
    print()
    for group, values in totals.items():
        if values:
            values.sort()
            print(f"{group}: {len(values)} images, median {statistics.median(values):.0f} ms, "
                  f"max {values[-1]:.0f} ms")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
