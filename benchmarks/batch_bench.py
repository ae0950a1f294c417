"""`alttext batch` at scale: ≥ 2,000 images generated from the shipped photos, killed with
SIGKILL half-way and resumed (no image twice, progress bar on a terminal), then throughput of the
local run against Ray with 1 and 2 workers, measured in this one run.

    PYTHONPATH=. .venv/bin/python benchmarks/batch_bench.py [--images 2000] [--sample 200]

Images go to a temporary folder (never committed); results print as a Markdown table with the
CPU and load beside them (docs/library.md keeps the figures).
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "library"))
from image_set import make_image_set  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def batch(args: list[str], **kwargs) -> subprocess.Popen:
    command = [sys.executable, "-m", "alttext_app.cli.main", "batch", *args, "--model", "builtin", "--no-index"]
    return subprocess.Popen(command, env=ENV, **kwargs)


def lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def cpu() -> str:
    info = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"model name\s*:\s*(.*)", info)
    flags = set((re.search(r"flags\s*:\s*(.*)", info) or re.match("", "")).group(0).split())
    wanted = [f for f in ("avx2", "avx512f", "avx512_vnni", "amx_tile") if f in flags]
    return f"{model.group(1) if model else '?'}, {os.cpu_count()} CPUs, flags {' '.join(wanted)}"


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def kill_and_resume(folder: Path, out: Path, count: int) -> dict:
    started = time.monotonic()
    first = batch([str(folder), "-r", "-o", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while lines(out) < count // 2 and first.poll() is None:
        time.sleep(0.2)
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_at = lines(out)
    first_seconds = time.monotonic() - started
    # The resumed run's progress bar is drawn on a terminal (a pseudo-terminal here).
    main, child = pty.openpty()
    resumed_started = time.monotonic()
    second = batch([str(folder), "-r", "-o", str(out), "--resume"], stdout=subprocess.PIPE, stderr=child)
    os.close(child)
    screen = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    stdout = second.communicate()[0].decode()
    resumed_seconds = time.monotonic() - resumed_started
    records = [json.loads(line) for line in out.read_text().splitlines()]
    paths = [r["path"] for r in records]
    bars = [b for b in screen.decode(errors="replace").split("\r") if "/s" in b and "ETA" in b]
    return {
        "killed_after": killed_at, "records": len(records), "unique": len(set(paths)),
        "errors": sum(1 for r in records if r.get("error")), "summary": stdout.strip(),
        "first_rate": killed_at / first_seconds, "resumed_rate": (count - killed_at) / resumed_seconds,
        "bar_updates": len(bars), "last_bar": bars[-1].strip() if bars else "",
        "returncode": second.returncode,
    }


def throughput(folder: Path, work: Path, mode: str, workers: int | None) -> tuple[float, float]:
    out = work / f"{mode}-{workers}.jsonl"
    extra = ["--ray", "local", "--workers", str(workers)] if mode == "ray" else []
    started = time.monotonic()
    proc = batch([str(folder), "-r", "-o", str(out), *extra], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    stdout = proc.communicate()[0]
    wall = time.monotonic() - started
    rate = float(re.search(r"([\d.]+) images/s", stdout).group(1))
    return rate, lines(out) / wall  # rate while captioning; and including start-up (Ray's too)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=2000)
    parser.add_argument("--sample", type=int, default=200, help="images per throughput run")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="alttext-batch-bench-"))
    print(f"CPU: {cpu()}; load at start {load()}")
    make_image_set(work / "images", args.images)
    make_image_set(work / "sample", args.sample, seed=99)
    result = kill_and_resume(work / "images", work / "results.jsonl", args.images)
    ok = result["records"] == result["unique"] == args.images and result["returncode"] == 0
    print(f"\n## Kill -9 half-way and resume ({args.images} images) — {'PASS' if ok else 'FAIL'}\n")
    print(f"- killed after {result['killed_after']} records; resumed: {result['summary']}")
    print(f"- {result['records']} records, {result['unique']} distinct images, {result['errors']} errors")
    print(f"- progress bar: {result['bar_updates']} updates; last: `{result['last_bar']}`")
    print(f"- rates: {result['first_rate']:.2f} images/s before the kill, {result['resumed_rate']:.2f} after; load {load()}")
    print(f"\n## Throughput ({args.sample} images each, one run)\n")
    print("| run | images/s captioning | images/s incl. start-up | load (1/5/15 min) |")
    print("|---|---|---|---|")
    for mode, workers, label in (("local", None, "local (one process)"), ("ray", 1, "Ray, 1 worker"),
                                 ("ray", 2, "Ray, 2 workers")):
        rate, overall = throughput(work / "sample", work, mode, workers)
        print(f"| {label} | {rate:.2f} | {overall:.2f} | {load()} |", flush=True)
    print(f"\n(work folder: {work}; delete it when done)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
