"""Benchmark the caption engines: transformers eager fp32 (baseline) vs ONNX fp32 vs ONNX int8.

Full-size model shapes with random weights (built once and cached, exports too), 8 real photos,
exactly N new tokens per caption (EOS forbidden in both paths), median seconds per caption and
peak RSS of a fresh process per engine. Not a test; run it on a quiet machine:

    .venv/bin/python benchmarks/engines_bench.py            # vit-gpt2 and blip-base
    .venv/bin/python benchmarks/engines_bench.py --models vit-gpt2 --engines onnx-int8
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
ENGINES = ("torch-eager-fp32", "onnx-fp32", "onnx-int8", "onnx-int4", "onnx-int8-spin")
DEFAULT_ENGINES = ("torch-eager-fp32", "onnx-fp32", "onnx-int8", "onnx-int4")


def prepare(name: str, cache: Path, engines: list[str]) -> dict[str, Path]:
    """The model folder and the exports the engines need (built once)."""
    import bench_models

    from alttext_app.core.engines.export import export_model
    from alttext_app.core.engines.manifest import is_onnx_export

    folder = bench_models.model_folder(name, cache)
    paths = {"torch-eager-fp32": folder}
    for quant in ("fp32", "int8", "int4"):
        if not any(e.startswith(f"onnx-{quant}") for e in engines):
            continue
        out = cache / f"{name}-onnx-{quant}"
        if not is_onnx_export(out):
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


def measure(engine: str, folder: Path, tokens: int, rounds: int, threads: int | None) -> dict:
    """Runs in a fresh process: load, warm up, caption every photo `rounds` times."""
    from PIL import Image

    from alttext_app.core.captioner import CaptionOptions

    images = [Image.open(REPO / "tests" / "data" / "images" / f"{n}.jpg").convert("RGB")
              for n in IMAGES]
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
    return result


def cold_start(folder: Path) -> float:
    """Seconds from starting a fresh `alttext caption` process to its caption: import, load the
    export, describe one photo (the window's own start-up is measured in docs/app.md)."""
    image = REPO / "tests" / "data" / "images" / "coffee.jpg"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "alttext_app.cli.main", "caption", str(image), "--model",
                    str(folder), "--backend", "onnx"], check=True, capture_output=True, cwd=REPO)
    return time.perf_counter() - t0


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
    parser.add_argument("--measure", nargs=2, metavar=("ENGINE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:  # child process
        result = measure(args.measure[0], Path(args.measure[1]), args.tokens, args.rounds, args.threads)
        print(json.dumps(result))
        return 0

    from builtin_bench import cpu_flags

    rows = []
    load_before = os.getloadavg()
    engines = args.engines.split(",")
    cold: dict[str, float] = {}
    for name in args.models.split(","):
        paths = prepare(name, args.cache, engines)
        for engine in engines:
            cmd = [sys.executable, __file__, "--measure", engine, str(paths[engine]),
                   "--tokens", str(args.tokens), "--rounds", str(args.rounds)]
            if args.threads:
                cmd += ["--threads", str(args.threads)]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode != 0:
                print(f"{name} {engine} failed:\n{proc.stderr[-2000:]}", file=sys.stderr)
                continue
            result = json.loads(proc.stdout.strip().splitlines()[-1])
            rows.append({"model": name, "engine": engine, **result})
            print(f"  {name:10s} {engine:17s} {result['median_s']:.3f} s", file=sys.stderr, flush=True)
        if "onnx-int8" in paths:
            cold[name] = cold_start(paths["onnx-int8"])

    load = os.getloadavg()
    print(f"\nCPU: {cpu_flags()}; {os.cpu_count()} CPUs; load average before "
          f"{load_before[0]:.2f}, after {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"{args.tokens} new tokens per caption, {len(IMAGES)} photos x {args.rounds}\n")
    print("| model | engine | median s/caption | speed-up vs eager | preprocess ms | encoder ms "
          "| per token ms | peak RSS MB | load s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        base = next((r for r in rows if r["model"] == row["model"]
                     and r["engine"] == "torch-eager-fp32"), None)
        ratio = f"{base['median_s'] / row['median_s']:.2f}x" if base else "-"
        stage = " | ".join(f"{row[k]:.1f}" if k in row else "-"
                           for k in ("preprocess_ms", "encoder_ms", "per_token_ms"))
        print(f"| {row['model']} | {row['engine']} | {row['median_s']:.3f} | {ratio} | {stage} | "
              f"{row['peak_rss_mb']:.0f} | {row['load_s']:.1f} |")
    for name, seconds in cold.items():
        print(f"\ncold start, {name} int8 (new `alttext caption` process to its caption): {seconds:.2f} s")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "load": load, "load_before": load_before,
                                         "cold_start_s": cold, "tokens": args.tokens}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
