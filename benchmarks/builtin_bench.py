"""Time the built-in describer per image, step by step, with its models loaded once.

Photos come from tests/data/eval/photos/, text-heavy images from tests/data/eval/text/ (when
present). Each image is captioned once to warm up, then `--repeat` times; the table shows the
median milliseconds per step, the process CPU time per caption (all threads; what a busy shared
machine cannot inflate the way it inflates wall time) and the peak resident memory (VmHWM).
Targets (issue #11): photos <= 250 ms median including the detector, a dense 1920x1080
screenshot <= 1 s, peak RSS <= 400 MB, on a 2-core CPU.

    .venv/bin/python benchmarks/builtin_bench.py [--repeat 5] [--only photo] [--fresh]
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
STEPS = ("classify", "precheck", "ocr", "signs", "faces", "detect", "total")


def cpu_flags() -> str:
    """CPU model and the vector extensions ONNX Runtime can use."""
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return "unknown CPU"
    model = next((ln.split(":", 1)[1].strip() for ln in info.splitlines() if ln.startswith("model name")), "?")
    flags = next((ln.split(":", 1)[1].split() for ln in info.splitlines() if ln.startswith("flags")), [])
    wanted = ("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512_vnni", "avx_vnni", "amx_tile")
    return f"{model}; flags: {' '.join(f for f in wanted if f in flags)}"


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def images() -> list[tuple[str, Path]]:
    found = [("photo", p) for p in sorted(PHOTOS.glob("*.jpg"))]
    found += [("text", p) for p in sorted(PHOTOS.glob("*.png")) if p.name == "page.png"]
    if TEXT.is_dir():
        found += [("text", p) for p in sorted(TEXT.glob("*.png"))]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", choices=("photo", "text"), help="time one group of images")
    parser.add_argument("--fresh", action="store_true",
                        help="caption a new copy each run: steps remembered per image (the text "
                             "pre-check's letter chains) start cold, as for a newly opened image")
    args = parser.parse_args()
    started = time.perf_counter()
    captioner = load_builtin()
    load_s = time.perf_counter() - started
    options = CaptionOptions()
    print(f"CPU: {cpu_flags()}; cores: {os.cpu_count()}; load average before: "
          f"{os.getloadavg()[0]:.1f}; models loaded in {load_s:.2f} s")
    print()
    print("| image | group | size | kind | classify ms | pre-check ms | OCR ms | signs ms | faces ms | detect ms | total ms | CPU ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    totals: dict[str, list[float]] = {"photo": [], "text": []}
    cpu_totals: dict[str, list[float]] = {"photo": [], "text": []}
    prechecks: dict[str, list[float]] = {"photo": [], "text": []}
    for group, path in images():
        if args.only and group != args.only:
            continue
        image = load_image(path)
        captioner.caption(image, options)
        runs, cpu = [], []
        for _ in range(args.repeat):
            shown = image.copy() if args.fresh else image
            before = time.process_time()
            runs.append(captioner.caption(shown, options))
            cpu.append((time.process_time() - before) * 1000)
        med = {
            step: statistics.median(r.extra["timings"].get(step, 0.0) for r in runs) * 1000
            for step in STEPS
        }
        totals[group].append(med["total"])
        cpu_totals[group].append(statistics.median(cpu))
        prechecks[group].append(med["precheck"])
        print(f"| {path.name} | {group} | {image.width}x{image.height} | {runs[-1].kind} | "
              + " | ".join(f"{med[s]:.0f}" for s in STEPS) + f" | {statistics.median(cpu):.0f} |")
    print()
    for group, values in totals.items():
        if values:
            values.sort()
            print(f"{group}: {len(values)} images, wall median {statistics.median(values):.0f} ms, "
                  f"worst {values[-1]:.0f} ms; CPU median {statistics.median(cpu_totals[group]):.0f} ms, "
                  f"worst {max(cpu_totals[group]):.0f} ms; text pre-check median "
                  f"{statistics.median(prechecks[group]):.1f} ms, worst {max(prechecks[group]):.1f} ms")
    print(f"peak RSS: {peak_rss_mb():.0f} MB; load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
