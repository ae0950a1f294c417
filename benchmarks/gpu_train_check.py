"""GPU training check (run when a CUDA machine is lent): `alttext train` on the GPU with mixed
precision, then the same run on all visible GPUs through `accelerate launch`.

    python3 benchmarks/gpu_train_check.py [--work /tmp/alttext-gpu-train] [--train 3000]

Steps, each timed and printed as one table row:
1. render the synthetic scene set (benchmarks/train_synthetic.py's generator, fixed seed);
2. founding design, frozen Lite0 (cached grids), 1 GPU, bf16/fp16 (`--precision auto`);
3. founding design with the encoder trained too (`--train-encoder`: Lite0 runs every batch);
4. with more than one GPU: step 3 under `accelerate launch --multi_gpu --num_processes N`.
Checks: each run finishes, writes metrics.json and reaches held-out exact match >= 80 %.
Needs the torch and train extras with a CUDA build of torch.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TRAIN = ["-m", "alttext_app.cli.main", "train"]


def run(label: str, command: list[str], out: Path) -> dict:
    started = time.monotonic()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = subprocess.run(command, env=env).returncode
    row = {"run": label, "exit": code, "seconds": round(time.monotonic() - started, 1)}
    metrics = out / "metrics.json"
    if code == 0 and metrics.is_file():
        data = json.loads(metrics.read_text(encoding="utf-8"))
        row.update(exact=data["greedy"]["exact_match"], cider_d=data["greedy"]["cider_d"],
                   epochs=data["epochs_run"], passed=data["greedy"]["exact_match"] >= 0.8)
    print(json.dumps(row), flush=True)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", default="/tmp/alttext-gpu-train")
    parser.add_argument("--train", type=int, default=3000)
    parser.add_argument("--epochs", type=int, default=14)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    import torch

    from alttext_app.core.training.synthetic import generate

    gpus = torch.cuda.device_count()
    print(f"torch {torch.__version__}, {gpus} CUDA device(s): "
          + ", ".join(torch.cuda.get_device_name(i) for i in range(gpus)), flush=True)
    if not gpus:
        print("no CUDA device: nothing to check", file=sys.stderr)
        return 1
    work = Path(args.work)
    data = work / "data"
    if not (data / "captions.jsonl").is_file():
        generate(data, {"train": args.train, "val": 200, "test": 500}, seed=0)
    common = [str(data), "--epochs", str(args.epochs), "--batch-size", str(args.batch_size), "--precision", "auto"]
    rows = [
        run("1 GPU, frozen Lite0", [sys.executable, *TRAIN, *common, "--output", str(work / "frozen")], work / "frozen"),
        run("1 GPU, Lite0 trained", [sys.executable, *TRAIN, *common, "--train-encoder", "--output",
                                     str(work / "full")], work / "full"),
    ]
    if gpus > 1:
        launch = [sys.executable, "-m", "accelerate.commands.launch", "--multi_gpu", "--num_processes",
                  str(gpus), *TRAIN]
        rows.append(run(f"{gpus} GPUs, Lite0 trained", [*launch, *common, "--train-encoder", "--output",
                                                        str(work / "multi")], work / "multi"))
    print("| run | exit | seconds | epochs | held-out exact | CIDEr-D |\n|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['run']} | {r['exit']} | {r['seconds']} | {r.get('epochs', '-')} | "
              f"{r.get('exact', 0):.1%} | {r.get('cider_d', 0):.2f} |")
    return 0 if all(r.get("passed") for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
