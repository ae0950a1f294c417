"""Weight quantisation of exported graphs, guarded by the export's own agreement check.

- int8: onnxruntime dynamic quantisation of MatMul/Gemm/Gather weights (activations are scaled
  per call) for every graph.
- int4: the decoder's MatMul weights as 4-bit blocks (`MatMulNBits`, block 32, int8 compute):
  a token reads about half the weight bytes of int8, and decoding is bound by memory bandwidth;
  the other graphs (image side, computed once) get int8.
- int8-static: the image side (Conv and MatMul, which dynamic quantisation leaves as float for
  convolutions) as static QDQ int8, per channel, activation ranges calibrated on the parity photos
  (the shipped sample and its views); the decoder gets dynamic int8. Made for Florence-2's DaViT.

Random test weights agree with themselves trivially, so the real check is the one every export
runs with the user's model on real photos: tokens identical to fp32 PyTorch. `quantize_checked`
warns below `min_agreement` and falls back to the better export (int4 -> int8 -> fp32).
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

QUANTIZATIONS = ("int8", "int4", "int8-static")
MIN_AGREEMENT = 0.95  # token agreement with fp32 below this: warn and fall back
INT4_BLOCK = 32
FALLBACKS = {"int4": ("int4", "int8"), "int8": ("int8",), "int8-static": ("int8-static", "int8")}
Feeds = dict[str, list[dict[str, Any]]]  # graph role -> recorded input feeds (calibration)


def constants_to_initializers(path: Path, min_elements: int = 1024) -> int:
    """Turn large `Constant` nodes into initializers, in place; returns how many.

    The quantisers only see weights stored as initializers. The torch export writes weights it
    reaches through a closure — every encoder's cross-attention K/V projection, computed once per
    image — as Constant nodes, which stayed fp32: 57 MB and ~2.8 GMAC of the int8 ViT-GPT2
    encoder (its time fell 9-16 % once they were int8)."""
    import numpy as np
    import onnx

    model = onnx.load(str(path))
    kept, moved = [], 0
    for node in model.graph.node:
        attrs = list(node.attribute)
        if (node.op_type == "Constant" and len(attrs) == 1 and attrs[0].name == "value"
                and int(np.prod(attrs[0].t.dims)) >= min_elements):
            tensor = attrs[0].t
            tensor.name = node.output[0]
            model.graph.initializer.append(tensor)
            moved += 1
        else:
            kept.append(node)
    if not moved:
        return 0
    del model.graph.node[:]
    model.graph.node.extend(kept)
    if model.ByteSize() > 2_000_000_000:  # protobuf's limit: leave such a graph as it is
        log.info("%s: %d constants left as they are (graph over 2 GB)", path.name, moved)
        return 0
    onnx.save(model, str(path))
    return moved


def quantize_int8(path: Path, op_types: tuple[str, ...] = ("MatMul", "Gemm", "Gather")) -> None:
    """Dynamic int8 quantisation of MatMul/Gemm/Gather weights (activations stay float)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    constants_to_initializers(path)
    tmp = path.with_suffix(".int8.onnx")
    quantize_dynamic(
        str(path), str(tmp), weight_type=QuantType.QInt8, per_channel=False,
        op_types_to_quantize=list(op_types),
    )
    _replace(tmp, path)


def quantize_int4(path: Path) -> None:
    """4-bit block-wise weights for MatMul (MatMulNBits); embedding tables as int8 rows."""
    import onnx
    from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer

    constants_to_initializers(path)
    model = onnx.load(str(path))
    # accuracy_level 4: int8 activations inside the kernel, the fast path on AVX2/VNNI CPUs
    quantizer = MatMulNBitsQuantizer(model, bits=4, block_size=INT4_BLOCK, is_symmetric=True,
                                     accuracy_level=4)
    quantizer.process()
    tmp = path.with_suffix(".int4.onnx")
    quantizer.model.save_model_to_file(str(tmp), use_external_data_format=False)
    _replace(tmp, path)
    quantize_int8(path, ("Gather",))  # the token embedding table: int8 rows, as in the int8 export


def _replace(tmp: Path, path: Path) -> None:
    tmp.replace(path)
    data = path.with_name(path.name + ".data")
    if data.exists():
        data.unlink()


def quantize_static_int8(path: Path, feeds: list[dict[str, Any]]) -> None:
    """Static QDQ int8 (per-channel weights, MinMax activation ranges from `feeds`)."""
    from onnxruntime.quantization import (
        CalibrationDataReader,
        QuantFormat,
        QuantType,
        quantize_static,
    )

    class Reader(CalibrationDataReader):
        def __init__(self) -> None:
            self.items = iter(feeds)

        def get_next(self):  # noqa: ANN202 - dict or None, as onnxruntime expects
            return next(self.items, None)

    constants_to_initializers(path)
    tmp = path.with_suffix(".static.onnx")
    quantize_static(str(path), str(tmp), Reader(), quant_format=QuantFormat.QDQ,
                    op_types_to_quantize=["Conv", "MatMul"], per_channel=True,
                    activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8)
    _replace(tmp, path)


def apply(work: Path, graphs: dict[str, str], quantize: str, feeds: Feeds | None = None) -> None:
    for role, name in graphs.items():
        if quantize == "int4" and role == "decoder":
            quantize_int4(work / name)
        elif quantize == "int8-static" and role != "decoder" and feeds and feeds.get(role):
            quantize_static_int8(work / name, feeds[role])
        else:
            quantize_int8(work / name)


def record_feeds(work: Path, images: list, max_new_tokens: int = 2) -> Feeds:
    """The inputs every image-side graph of the fp32 export in `work` gets for these images."""
    import onnxruntime as ort

    from alttext_app.core.captioner import CaptionOptions
    from alttext_app.core.engines.onnx_backend import OnnxCaptioner

    feeds: Feeds = {}
    captioner = OnnxCaptioner(work, device="cpu")
    roles = {name: role for role, name in captioner.manifest["graphs"].items() if role != "decoder"}

    class Recording:
        def __init__(self, session: ort.InferenceSession, role: str) -> None:
            self.session, self.role = session, role

        def __getattr__(self, name: str):  # noqa: ANN204 - get_inputs/get_outputs pass through
            return getattr(self.session, name)

        def run(self, outputs, inputs, *args):  # noqa: ANN001, ANN201
            feeds.setdefault(self.role, []).append(dict(inputs))
            return self.session.run(outputs, inputs, *args)

    runner = captioner.runner
    for attr, value in list(vars(runner).items()):
        for name, role in roles.items():
            if isinstance(value, ort.InferenceSession) and Path(value._model_path).name == name:
                setattr(runner, attr, Recording(value, role))
    for image in images:
        captioner.generate_ids(image, CaptionOptions(max_length=max_new_tokens))
    captioner.close()
    return feeds


def quantize_checked(
    work: Path, graphs: dict[str, str], quantize: str, measure: Callable[[], dict[str, Any]],
    min_agreement: float = MIN_AGREEMENT, images: list | None = None,
) -> tuple[str | None, dict[str, dict[str, Any]]]:
    """Quantise, measure agreement, fall back while it is below `min_agreement`.

    Returns (the quantisation kept, or None for fp32; {quantisation: its measured agreement}).
    """
    backup = work / ".fp32"
    backup.mkdir(exist_ok=True)
    for name in graphs.values():
        shutil.copy2(work / name, backup / name)
    measured: dict[str, dict[str, Any]] = {}
    kept: str | None = None
    feeds = record_feeds(work, images or []) if quantize == "int8-static" else None
    try:
        for attempt in FALLBACKS[quantize]:
            apply(work, graphs, attempt, feeds)
            result = measure()
            measured[attempt] = result
            if result["token_agreement"] >= min_agreement:
                kept = attempt
                break
            result["warning"] = (f"token agreement {result['token_agreement']:.0%} with fp32 is "
                                 f"below {min_agreement:.0%}")
            log.warning("%s export: %s; trying the next better export", attempt, result["warning"])
            for name in graphs.values():
                shutil.copy2(backup / name, work / name)
    finally:
        shutil.rmtree(backup, ignore_errors=True)
    return kept, measured
