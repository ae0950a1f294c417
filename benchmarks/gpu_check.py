"""GPU check (run on a CUDA machine): fp16 PyTorch generation and, where onnxruntime has CUDA,
the ONNX backend on CUDA, with full-size random ViT-GPT2 and BLIP-base shapes (and the ask
families: --models blip-vqa-base,smolvlm-256m; BLIP VQA is timed answering a question).

    python3 benchmarks/gpu_check.py [--out results.json]
    python3 benchmarks/gpu_check.py --models smolvlm-256m,blip-vqa-base --device cpu --tiny  # dry run

Prints one line per measurement: median seconds per caption for exactly 20 new tokens over 8 real
photos, and how often fp16 picks the same tokens as fp32 (random weights make this a stress test).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).parent))
TOKENS = 20
QUESTION = "What is in the picture?"
IMAGES = ("chelsea", "astronaut", "rocket", "motorcycle_left", "hubble_deep_field", "camera",
          "page", "coffee")


def timed(captioner, images, options) -> tuple[float, list[list[int]]]:
    import torch

    family = captioner.family
    inputs = None
    if not family.writes_captions:  # question-only (BLIP VQA): time an answer instead
        inputs = family.ask_inputs(captioner.decoder.tokenizer, QUESTION, captioner.settings)

    def one(image):
        if torch.cuda.is_available():
            torch.cuda.synchronize()
        t0 = time.perf_counter()
        out = captioner.generate_ids(image, options, min_new_tokens=TOKENS, inputs=inputs)
        if torch.cuda.is_available():
            torch.cuda.synchronize()
        return time.perf_counter() - t0, list(getattr(out, "token_ids", out))

    one(images[0])
    one(images[1])
    runs = [one(image) for image in images]
    return statistics.median(t for t, _ in runs), [ids for _, ids in runs]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--models", default="vit-gpt2,blip-base")
    parser.add_argument("--device", default="cuda", help="cpu: a quick dry run of this script")
    parser.add_argument("--tiny", action="store_true", help="tiny test models (dry run)")
    args = parser.parse_args()
    import bench_models
    import onnxruntime as ort
    import torch
    import transformers
    from PIL import Image

    from alttext_app.core.captioner import CaptionOptions
    from alttext_app.core.engines.torch_backend import TorchCaptioner

    results: dict = {
        "torch": torch.__version__, "transformers": transformers.__version__,
        "onnxruntime": ort.__version__, "ort_providers": ort.get_available_providers(),
        "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
        "rows": [],
    }
    print(json.dumps({k: v for k, v in results.items() if k != "rows"}), flush=True)
    images = [Image.open(REPO / "tests" / "data" / "images" / f"{n}.jpg").convert("RGB")
              for n in IMAGES]
    options = CaptionOptions(max_length=TOKENS)
    work = Path(tempfile.mkdtemp())
    for name in args.models.split(","):
        try:
            if args.tiny:
                sys.path.insert(0, str(REPO / "tests" / "engines"))
                import tiny_models

                make = {"vit-gpt2": tiny_models.make_vit_gpt2, "blip-base": tiny_models.make_blip,
                        "blip-vqa-base": tiny_models.make_blip_vqa, "smolvlm-256m": tiny_models.make_smolvlm}
                folder = make[name](work / name)
            else:
                folder = bench_models.model_folder(name, work)
            ref_ids = None
            dtypes = ("float32", "float16", "bfloat16") if args.device == "cuda" else ("float32",)
            for device, dtype in ((args.device, d) for d in dtypes):
                cap = TorchCaptioner(folder, device=device, dtype=dtype)
                median, ids = timed(cap, images, options)
                if ref_ids is None:
                    ref_ids = ids
                same = sum(a == b for a, b in zip(ids, ref_ids, strict=True))
                row = {"model": name, "engine": f"torch-{device}-{dtype}", "median_s": median,
                       "identical_to_fp32": f"{same}/{len(ids)}"}
                results["rows"].append(row)
                print(json.dumps(row), flush=True)
                cap.close()
                del cap
                if torch.cuda.is_available():
                    torch.cuda.empty_cache()
            if args.device == "cpu" or "CUDAExecutionProvider" in ort.get_available_providers():
                results["rows"].append(
                    onnx_run(name, folder, work, images, options, ref_ids, args.device)
                )
                print(json.dumps(results["rows"][-1]), flush=True)
            else:
                print(json.dumps({"model": name, "engine": "onnx-cuda",
                                  "skipped": "onnxruntime has no CUDAExecutionProvider"}), flush=True)
        except Exception:
            traceback.print_exc()
    if args.out:
        args.out.write_text(json.dumps(results, indent=2))
    return 0


def onnx_run(name, folder, work, images, options, ref_ids, device) -> dict:
    """Export fp32 graphs without the CPU parity step (timed separately), run them on CUDA."""
    from alttext_app.core.engines.manifest import write_manifest
    from alttext_app.core.engines.onnx_backend import OnnxCaptioner
    from alttext_app.core.engines.torch_backend import TorchCaptioner

    out = work / f"{name}-onnx"
    out.mkdir()
    ref = TorchCaptioner(folder, device="cpu", dtype="float32")
    ref.model.requires_grad_(False)
    graphs, settings = ref.family.export_onnx(ref.model, out, 17)
    for f in ("config.json", "preprocessor_config.json", "tokenizer.json", "generation_config.json"):
        if (folder / f).is_file():
            (out / f).write_bytes((folder / f).read_bytes())
    write_manifest(out, {"format": "alttext-onnx", "format_version": 1, "family": ref.family.name,
                         "graphs": graphs, "family_settings": settings,
                         "generation": ref.settings.to_json(),
                         "preprocess": ref.preprocessor.to_json()})
    cap = OnnxCaptioner(out, device=device)
    median, ids = timed(cap, images, options)
    same = sum(a == b for a, b in zip(ids, ref_ids, strict=True))
    return {"model": name, "engine": f"onnx-{cap.device}-fp32", "median_s": median,
            "identical_to_torch_fp32": f"{same}/{len(ids)}"}


if __name__ == "__main__":
    sys.exit(main())
