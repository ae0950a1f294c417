"""Benchmark the caption engines: transformers eager fp32 (baseline) vs ONNX fp32 vs ONNX int8.

Full-size model shapes with random weights (built once and cached, exports too), 8 real photos,
exactly N new tokens per caption (EOS forbidden in both paths), median seconds per caption and
peak RSS of a fresh process per engine. Not a test; run it on a quiet machine:

    .venv/bin/python benchmarks/engines_bench.py            # vit-gpt2 and blip-base
    .venv/bin/python benchmarks/engines_bench.py --models vit-gpt2 --engines onnx-int8

Each model's run ends with the cold start of its int8 export (a new CLI process and a new window
to the caption, per phase; `startup_bench.py` measures it alone, `--no-cold-start` skips it).

On a busy desktop: `--background-load 2` measures every engine twice in one run, alone and
beside two busy processes (pure Python spin loops), and prints the slow-down. The engine
`torch-legacy` is the PyTorch backend as it was (every core, OpenMP threads spinning at barriers).
On a shared machine `--priority -15` (root) runs the measured process and the synthetic load
above other people's jobs, so that they, not the others, decide the numbers:

    .venv/bin/python benchmarks/engines_bench.py --models vit-gpt2 --images 2 --tokens 10 \
        --engines torch-legacy,torch-eager-fp32,onnx-int8 --background-load 2 --priority -15
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).parent))
IMAGES = ("chelsea", "astronaut", "rocket", "motorcycle_left", "hubble_deep_field", "camera",
          "page", "coffee")
ENGINES = ("torch-eager-fp32", "onnx-fp32", "onnx-int8", "onnx-int4", "onnx-int8-static",
           "onnx-int8-spin", "torch-legacy")
TORCH_ENGINES = ("torch-eager-fp32", "torch-legacy")
DEFAULT_ENGINES = ("torch-eager-fp32", "onnx-fp32", "onnx-int8", "onnx-int4")


def prepare(name: str, cache: Path, engines: list[str]) -> dict[str, Path]:
    """The model folder and the exports the engines need (built once)."""
    import bench_models

    from alttext_app.core.engines.export import export_model
    from alttext_app.core.engines.manifest import is_onnx_export, read_manifest

    folder = bench_models.model_folder(name, cache)
    paths = {engine: folder for engine in TORCH_ENGINES}
    for quant in ("fp32", "int8", "int4", "int8-static"):
        if not any(e == f"onnx-{quant}" or e == f"onnx-{quant}-spin" for e in engines):
            continue
        out = cache / f"{name}-onnx-{quant}"
        if not is_onnx_export(out) or "prepared" not in read_manifest(out):  # made before them
            print(f"exporting {name} ({quant})...", file=sys.stderr, flush=True)
            # random weights: no agreement floor (the guard is for real models on real photos)
            export_model(folder, out, quantize=None if quant == "fp32" else quant, overwrite=True,
                         min_agreement=0.0)
        paths[f"onnx-{quant}"] = out
    paths["onnx-int8-spin"] = paths.get("onnx-int8", folder)
    return paths


def stages(captioner, images, tokens: int) -> dict:
    """Median per-stage times of the ONNX path: preprocessing, encoder, prompt step, per token."""
    from dataclasses import replace

    from alttext_app.core.engines.generation import generate_from

    pre, enc, per_token = [], [], []
    for image in images:
        t0 = time.perf_counter()
        pixels = captioner.family.preprocess(captioner.preprocessor, image)
        t1 = time.perf_counter()
        state = captioner.runner.encode(pixels)
        t2 = time.perf_counter()
        settings = replace(captioner.settings, min_new_tokens=tokens)
        out = generate_from(captioner.runner, state, settings, tokens)
        t3 = time.perf_counter()
        pre.append(t1 - t0)
        enc.append(t2 - t1)
        per_token.append((t3 - t2) / max(out.steps, 1))
    med = statistics.median
    return {"preprocess_ms": 1000 * med(pre), "encoder_ms": 1000 * med(enc),
            "per_token_ms": 1000 * med(per_token)}


def measure(engine: str, folder: Path, tokens: int, rounds: int, threads: int | None,
            photos: int = len(IMAGES)) -> dict:
    """Runs in a fresh process: load, warm up, caption every photo `rounds` times."""
    if engine == "torch-legacy":  # before torch loads its OpenMP runtime
        os.environ["OMP_WAIT_POLICY"] = "ACTIVE"
        os.environ["ALTTEXT_THREADS"] = str(threads or len(os.sched_getaffinity(0)))
    from PIL import Image

    from alttext_app.core.captioner import CaptionOptions

    images = [Image.open(REPO / "tests" / "data" / "images" / f"{n}.jpg").convert("RGB")
              for n in IMAGES[:photos]]
    started = time.perf_counter()
    if engine.startswith("onnx"):
        if engine.endswith("-spin"):
            os.environ["ALTTEXT_ORT_SPIN"] = "1"
        from alttext_app.core.engines.onnx_backend import OnnxCaptioner

        captioner = OnnxCaptioner(folder, device="cpu", threads=threads)
    else:
        if threads:
            os.environ["ALTTEXT_THREADS"] = str(threads)
        from alttext_app.core.engines.torch_backend import TorchCaptioner

        captioner = TorchCaptioner(folder, device="cpu", dtype="float32")
    load_s = time.perf_counter() - started
    options = CaptionOptions(max_length=tokens)

    def one(image) -> float:
        t0 = time.perf_counter()
        out = captioner.generate_ids(image, options, min_new_tokens=tokens)
        seconds = time.perf_counter() - t0
        ids = getattr(out, "token_ids", out)
        assert len(ids) == tokens, (engine, len(ids))
        return seconds

    one(images[0])  # warm-up: first-run allocations and kernel selection
    times = [one(image) for _ in range(rounds) for image in images]
    peak_kb = _peak_rss_kb()
    result = {"median_s": statistics.median(times), "min_s": min(times), "load_s": load_s,
              "peak_rss_mb": peak_kb / 1024, "captions": len(times)}
    if engine.startswith("onnx"):
        result.update(stages(captioner, images, tokens))
    else:
        import torch

        result["threads"] = torch.get_num_threads()
    return result


def busy_processes(count: int, priority: int | None) -> list[subprocess.Popen]:
    """`count` processes that each keep one core busy (a pure Python loop), like other apps."""
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"], preexec_fn=_niceness(priority))
            for _ in range(count)]


def _niceness(priority: int | None):  # noqa: ANN202 - a preexec_fn or None
    if priority is None:
        return None
    return lambda: os.setpriority(os.PRIO_PROCESS, 0, priority)


def run_child(args: argparse.Namespace, engine: str, folder: Path, load: int) -> dict | None:
    cmd = [sys.executable, __file__, "--measure", engine, str(folder), "--tokens", str(args.tokens),
           "--rounds", str(args.rounds), "--images", str(args.images)]
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    busy = busy_processes(load, args.priority)
    try:
        time.sleep(1.0 if load else 0)  # let the load settle before the child looks at it
        proc = subprocess.run(cmd, capture_output=True, text=True, preexec_fn=_niceness(args.priority))
    finally:
        for p in busy:
            p.kill()
            p.wait()
    if proc.returncode != 0:
        print(f"{engine} failed:\n{proc.stderr[-2000:]}", file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _peak_rss_kb() -> int:
    """VmHWM of this process. (ru_maxrss would include the parent's RSS: Linux keeps it across
    fork+exec, so every child would report the exporting parent's peak.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--models", default="vit-gpt2,blip-base")
    parser.add_argument("--engines", default=",".join(DEFAULT_ENGINES), help=f"of {','.join(ENGINES)}")
    parser.add_argument("--tokens", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=1, help="passes over the 8 photos")
    parser.add_argument("--threads", type=int, default=None, help="default: every usable core")
    parser.add_argument("--cache", type=Path, default=REPO / "models" / "bench")
    parser.add_argument("--json", type=Path, default=None, help="also write results here")
    parser.add_argument("--images", type=int, default=len(IMAGES), help="how many of the 8 photos")
    parser.add_argument("--background-load", type=int, default=0, metavar="N",
                        help="also measure beside N busy processes; prints the slow-down")
    parser.add_argument("--priority", type=int, default=None, metavar="NICE",
                        help="niceness of the measured process and the synthetic load (e.g. -15)")
    parser.add_argument("--no-cold-start", action="store_true",
                        help="skip the cold start (new CLI process, new window: startup_bench.py)")
    parser.add_argument("--measure", nargs=2, metavar=("ENGINE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:  # child process
        result = measure(args.measure[0], Path(args.measure[1]), args.tokens, args.rounds, args.threads,
                         args.images)
        print(json.dumps(result))
        return 0

    import startup_bench
    from builtin_bench import cpu_flags

    rows = []
    load_before = os.getloadavg()
    engines = args.engines.split(",")
    cold: dict[str, dict] = {}
    for name in args.models.split(","):
        paths = prepare(name, args.cache, engines)
        for engine in engines:
            for busy in [0, args.background_load] if args.background_load else [0]:
                result = run_child(args, engine, paths[engine], busy)
                if result is None:
                    continue
                rows.append({"model": name, "engine": engine, "busy": busy, **result})
                print(f"  {name:10s} {engine:17s} +{busy} busy {result['median_s']:.3f} s",
                      file=sys.stderr, flush=True)
        if "onnx-int8" in paths and not args.no_cold_start:
            cold[name] = startup_bench.measure(paths["onnx-int8"], 3, ["cli", "window"], args.tokens)

    load = os.getloadavg()
    print(f"\nCPU: {cpu_flags()}; {os.cpu_count()} CPUs; load average before "
          f"{load_before[0]:.2f}, after {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    nice = f"; niceness {args.priority}" if args.priority is not None else ""
    print(f"{args.tokens} new tokens per caption, {args.images} photos x {args.rounds}{nice}\n")
    print("| model | engine | busy processes | median s/caption | vs alone | speed-up vs eager "
          "| preprocess ms | encoder ms | per token ms | peak RSS MB | load s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        base = next((r for r in rows if r["model"] == row["model"] and r["busy"] == row["busy"]
                     and r["engine"] == "torch-eager-fp32"), None)
        alone = next((r for r in rows if r["model"] == row["model"] and r["engine"] == row["engine"]
                      and r["busy"] == 0), None)
        ratio = f"{base['median_s'] / row['median_s']:.2f}x" if base else "-"
        slower = f"{row['median_s'] / alone['median_s']:.2f}x" if alone else "-"
        stage = " | ".join(f"{row[k]:.1f}" if k in row else "-"
                           for k in ("preprocess_ms", "encoder_ms", "per_token_ms"))
        print(f"| {row['model']} | {row['engine']} | {row['busy']} | {row['median_s']:.3f} | {slower} | "
              f"{ratio} | {stage} | {row['peak_rss_mb']:.0f} | {row['load_s']:.1f} |")
    for name, results in cold.items():
        print(f"\ncold start, {name} int8, median of 3 new processes (benchmarks/startup_bench.py):")
        startup_bench.print_table(results)
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "load": load, "load_before": load_before,
                                         "cold_start_s": cold, "tokens": args.tokens}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
