"""`alttext export MODEL_DIR --output OUT_DIR [--quantize int8]`: make an ONNX export that runs without torch."""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="convert a model folder to ONNX (checked against PyTorch)",
        description="Convert a Hugging Face model folder to an ONNX folder that AltText runs without "
        "PyTorch. The export is checked against PyTorch on real photos before it is saved.",
    )
    parser.add_argument("model_dir", metavar="MODEL_DIR", help="a model folder (config.json, weights)")
    parser.add_argument("--output", "-o", required=True, metavar="OUT_DIR", help="folder to create")
    parser.add_argument("--quantize", choices=["int8", "int4", "int8-static"], default=None,
                        help="store weights as int8 (int4: a 4-bit decoder; int8-static: the image "
                        "side calibrated, for Florence-2): smaller and faster; "
                        "below 95%% agreement with the full model the export falls back")
    parser.add_argument("--overwrite", action="store_true", help="replace OUT_DIR if it exists")
    parser.add_argument("--json", action="store_true", help="print the manifest's parity as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from alttext_app.core.engines.manifest import read_manifest
    from alttext_app.core.session import default_session

    def progress(message: str, fraction: float) -> None:
        if sys.stderr.isatty():
            print(f"\r\x1b[K{int(fraction * 100):3d}% {message}", end="", file=sys.stderr, flush=True)

    out = default_session().export_model(args.model_dir, args.output, quantize=args.quantize,
                                         progress=progress, overwrite=args.overwrite)
    if sys.stderr.isatty():
        print("\r\x1b[K", end="", file=sys.stderr)
    parity = read_manifest(out).get("parity", {})
    if args.json:
        print(json.dumps({"output": str(out), "parity": parity}, ensure_ascii=False))
        return 0
    fp32 = parity.get("fp32", {})
    print(f"Exported to {out} (captions identical to PyTorch on {fp32.get('identical')}/"
          f"{fp32.get('images')} photos).")
    for quant in ("int8-static", "int4", "int8"):
        if quant in parity:
            got = parity[quant]
            print(f"{quant}: {got['identical']}/{got['images']} captions identical, token agreement "
                  f"{got['token_agreement']:.0%}.")
    if "fallback" in parity:
        print(f"Below 95% agreement: kept {parity['fallback'].split('-> ')[-1]} instead.")
    return 0
