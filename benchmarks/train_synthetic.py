"""The training proof: render the synthetic scene set (fixed seed, never stored in the repo), train
the founding design (EfficientNet-Lite0 grid + GPT-2 decoder from scratch) on CPU, and print the
held-out exact match and CIDEr-D with wall time, CPU time and machine load.

    PYTHONPATH=. .venv/bin/python benchmarks/train_synthetic.py --work /tmp/alttext-train-proof

Targets (issue 14): held-out exact match >= 80 % and CIDEr-D >= 2.0 within 15 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", default="/tmp/alttext-train-proof", help="scratch folder (data, run)")
    parser.add_argument("--train", type=int, default=3000)
    parser.add_argument("--val", type=int, default=200)
    parser.add_argument("--test", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=14)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("extra", nargs="*", help="more `alttext train` options after --")
    args = parser.parse_args()

    from alttext_app.core.training.synthetic import generate

    work = Path(args.work)
    data, run = work / "data", work / "run"
    load_before = os.getloadavg()
    started = time.monotonic()
    if not (data / "captions.jsonl").is_file():
        generate(data, {"train": args.train, "val": args.val, "test": args.test}, seed=args.seed)
    command = [sys.executable, "-m", "alttext_app.cli.main", "train", str(data), "--base", "cnn-gpt2",
               "--output", str(run), "--epochs", str(args.epochs), "--threads", str(args.threads),
               "--seed", str(args.seed), *args.extra]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": str(args.threads)}
    code = subprocess.run(command, env=env).returncode
    wall = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime + time.process_time()
    if code:
        return code
    metrics = json.loads((run / "metrics.json").read_text(encoding="utf-8"))
    greedy = metrics["greedy"]
    beam = next(v for k, v in metrics.items() if k.startswith("beam"))
    print(f"| held-out images | exact (greedy) | CIDEr-D | BLEU-4 | exact (beam) | epochs | wall | CPU | "
          f"load before / after |\n|---|---|---|---|---|---|---|---|---|\n"
          f"| {greedy['images']} | {greedy['exact_match']:.1%} | {greedy['cider_d']:.2f} | "
          f"{greedy['bleu4']:.3f} | {beam['exact_match']:.1%} | {metrics['epochs_run']} | "
          f"{wall / 60:.1f} min | {cpu / 60:.1f} min | {load_before[0]:.1f} / {os.getloadavg()[0]:.1f} |")
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        model = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "?")
    print(f"CPU: {model}, {os.cpu_count()} cores visible, {args.threads} threads")
    return 0


if __name__ == "__main__":
    sys.exit(main())
