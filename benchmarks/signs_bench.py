"""Time the scene-text pass for photos (`text_signs.read_signs`): the cost it adds to a photo.

The describer runs the pass on every photo; a photo without a candidate region (no chain of 6 or
more letter shapes, fine or coarse: `text_signs.candidate_regions`) pays only the coarse look for
sign lettering, a few milliseconds done ahead on the second core. For each photo with a region in tests/data/eval/photos/ (and any folders given), the
pass runs once to warm up, then `--repeat` times: median and worst wall milliseconds, the process
CPU milliseconds per run (what a busy shared machine cannot inflate), and what it read.

    .venv/bin/python benchmarks/signs_bench.py [--repeat 5] [more photo folders ...]
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
sys.path.insert(0, str(ROOT / "benchmarks"))

from builtin_bench import cpu_flags  # noqa: E402

from alttext_app.core.builtin.text_signs import candidate_regions, read_signs  # noqa: E402
from alttext_app.core.images import load_image  # noqa: E402

PHOTOS = ROOT / "tests" / "data" / "eval" / "photos"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("folders", nargs="*", type=Path)
    args = parser.parse_args()
    files = [p for folder in [PHOTOS, *args.folders] for p in sorted(folder.iterdir())
             if p.suffix.lower() in {".jpg", ".jpeg", ".png"} and p.name != "page.png"]
    print(f"CPU: {cpu_flags()}; {os.cpu_count()} cores; load before: {os.getloadavg()[0]:.2f}")
    print("| photo | wall ms median | worst | CPU ms | read |")
    print("|---|---|---|---|---|")
    skipped, medians = 0, []
    for path in files:
        image = load_image(path).convert("RGB")
        if not candidate_regions(image):
            skipped += 1
            continue
        read_signs(image)  # warm-up
        walls, cpus = [], []
        for _ in range(args.repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            result = read_signs(image)
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
        said = result.text.replace("\n", " / ") if result is not None else "(no candidate region)"
        medians.append(statistics.median(walls))
        print(f"| {path.name} | {statistics.median(walls):.0f} | {max(walls):.0f} | "
              f"{statistics.median(cpus):.0f} | {said or '(nothing sure)'} |")
    print(f"\nphotos without a sign region (nothing read): {skipped}; with: {len(medians)}")
    print(f"load after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
