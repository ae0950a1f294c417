#!/usr/bin/env python3
"""Compare the built-in describer of two checkouts on the same images, runs interleaved.

On a shared machine the load changes from minute to minute, so before/after figures taken in two
runs are not comparable. Here one worker process per checkout (models loaded once) describes each
image in turn, A, B, A, B, ...; the table gives each side's median and worst wall time, CPU time
per run (all threads), the median of each stage, the ratio B/A, and whether the alt text is the
same. The load average and CPU flags are printed with it.

    .venv/bin/python benchmarks/ab_builtin.py --base /path/to/main IMAGE... [--repeat 5] [--more]
Make dense screenshots with `benchmarks/bench_screenshot.py --keep DIR` first.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_screenshot import STAGES, cpu_flags  # noqa: E402

WORKER = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from alttext_app.core.builtin import load_builtin
from alttext_app.core.captioner import CaptionOptions, Detail
from alttext_app.core.images import load_image

captioner = load_builtin()
options = CaptionOptions(detail=Detail.MORE if sys.argv[2] == "more" else Detail.BRIEF)
images = {}
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    path = line.strip()
    if path not in images:
        images[path] = load_image(Path(path))
        captioner.caption(images[path], options)  # warm-up
    use = resource.getrusage(resource.RUSAGE_SELF)
    cpu0, wall0 = use.ru_utime + use.ru_stime, time.perf_counter()
    result = captioner.caption(images[path], options)
    wall = time.perf_counter() - wall0
    use = resource.getrusage(resource.RUSAGE_SELF)
    peak = next(int(ln.split()[1]) for ln in open("/proc/self/status") if ln.startswith("VmHWM"))
    print(json.dumps({"wall": wall, "cpu": use.ru_utime + use.ru_stime - cpu0, "text": result.text,
                      "timings": result.extra.get("timings", {}), "peak_mb": peak / 1024}), flush=True)
captioner.close()
"""


class Worker:
    def __init__(self, checkout: Path, more: bool) -> None:
        env = dict(os.environ, PYTHONPATH=str(checkout))
        self.proc = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(checkout), "more" if more else "brief"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=checkout,
        )
        self._read()

    def _read(self) -> dict:
        assert self.proc.stdout is not None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("the worker stopped")
            if line.startswith("{"):
                return json.loads(line)

    def describe(self, path: Path) -> dict:
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{path}\n")
        self.proc.stdin.flush()
        return self._read()

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("images", nargs="+", type=Path)
    parser.add_argument("--base", type=Path, required=True, help="the other checkout (A)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--more", action="store_true", help="describe with --detail more")
    args = parser.parse_args()
    sides = {"A": Worker(args.base.resolve(), args.more), "B": Worker(ROOT, args.more)}
    print(f"A: {args.base.resolve()}  B: {ROOT}")
    print(f"CPU: {cpu_flags()}; load average before: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    print()
    print("| screenshot | side | wall median s | wall worst s | CPU s/run | "
          + " | ".join(f"{s} ms" for s in STAGES) + " | peak RSS MB | load | alt text |")
    print("|---|---|---|---|---|" + "---|" * len(STAGES) + "---|---|---|")
    for path in args.images:
        runs: dict[str, list[dict]] = {"A": [], "B": []}
        for _ in range(args.repeat):
            for name, worker in sides.items():
                runs[name].append(worker.describe(path.resolve()))
        medians, cpus = {}, {}
        for name, got in runs.items():
            walls = [r["wall"] for r in got]
            medians[name] = statistics.median(walls)
            cpus[name] = statistics.median(r["cpu"] for r in got)
            stages = [statistics.median(r["timings"].get(s, 0.0) for r in got) * 1000 for s in STAGES]
            same = "" if name == "A" else (" (same)" if got[0]["text"] == runs["A"][0]["text"] else " (CHANGED)")
            print(f"| {path.name} | {name} | {medians[name]:.2f} | {max(walls):.2f} | "
                  f"{cpus[name]:.2f} | "
                  + " | ".join(f"{v:.0f}" for v in stages)
                  + f" | {max(r['peak_mb'] for r in got):.0f} | {os.getloadavg()[0]:.1f} | {got[0]['text'][:90]}{same} |")
        print(f"| {path.name} | B/A | {medians['B'] / medians['A']:.2f} | | {cpus['B'] / cpus['A']:.2f} |"
              + " |" * (len(STAGES) + 3))
    for worker in sides.values():
        worker.close()
    print(f"\nload average after: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
