"""int4 (MatMulNBits) decoders, and the agreement guard that falls back to the better export."""

from __future__ import annotations

import json

import onnx
import pytest

from alttext_app.core.captioner import CaptionOptions
from alttext_app.core.engines.export import export_model
from alttext_app.core.engines.onnx_backend import OnnxCaptioner

pytestmark = [pytest.mark.torch, pytest.mark.slow]


def _ops(path) -> set[str]:
    return {node.op_type for node in onnx.load(str(path)).graph.node}


def test_int4_decoder_int8_encoder(tiny_export, real_photos):
    export = tiny_export("vit_gpt2", "int4")
    manifest = json.loads((export / "manifest.json").read_text())
    assert manifest["quantize"] == "int4"
    decoder = _ops(export / "decoder.onnx")
    assert "MatMulNBits" in decoder and "DequantizeLinear" in decoder  # 4-bit MatMuls, int8 embeddings
    assert _ops(export / "encoder.onnx") & {"MatMulInteger", "DynamicQuantizeLinear"}
    assert 0.0 <= manifest["parity"]["int4"]["token_agreement"] <= 1.0
    out = OnnxCaptioner(export).generate_ids(real_photos[0], CaptionOptions(max_length=6))
    assert len(out.token_ids) >= 1


def test_below_the_floor_falls_back_to_fp32_with_a_warning(tiny_model_dir, tmp_path, real_photos):
    export = export_model(tiny_model_dir("vit_gpt2"), tmp_path / "guarded", quantize="int4",
                          images=real_photos[:2], min_agreement=1.01)  # nothing can reach it
    manifest = json.loads((export / "manifest.json").read_text())
    parity = manifest["parity"]
    assert manifest["quantize"] is None and parity["fallback"] == "int4 -> fp32"
    assert "warning" in parity["int4"] and "warning" in parity["int8"]
    for graph in manifest["graphs"].values():
        assert not _ops(export / graph) & {"MatMulNBits", "MatMulInteger", "DynamicQuantizeLinear"}
    assert not (export / ".fp32").exists()


def test_static_int8_image_side_calibrated(tiny_export, real_photos):
    """Florence-2's convolutional image encoder as static QDQ int8, calibrated on the photos."""
    export = tiny_export("florence2", "int8-static")
    manifest = json.loads((export / "manifest.json").read_text())
    assert manifest["quantize"] == "int8-static"
    encoder = _ops(export / "encoder.onnx")
    assert "QuantizeLinear" in encoder and "DequantizeLinear" in encoder
    assert _ops(export / "decoder.onnx") & {"MatMulInteger", "DynamicQuantizeLinear"}
    out = OnnxCaptioner(export).generate_ids(real_photos[0], CaptionOptions(max_length=6))
    assert len(out.token_ids) >= 1


@pytest.mark.parametrize("family", ["vit_gpt2", "blip"])
def test_int8_reaches_weights_the_export_wrote_as_constants(family, tiny_export):
    """The encoder's cross-attention K/V projections come out of the torch export as Constant
    nodes; the quantiser only sees initializers, so they used to stay fp32."""
    import numpy as np

    fp32 = onnx.load(str(tiny_export(family) / "encoder.onnx"))
    int8 = onnx.load(str(tiny_export(family, "int8") / "encoder.onnx"))

    def big_constants(model) -> int:  # noqa: ANN001 - an onnx ModelProto
        return sum(1 for n in model.graph.node if n.op_type == "Constant"
                   and int(np.prod(n.attribute[0].t.dims)) >= 1024)

    def quantised(model) -> int:  # noqa: ANN001
        return sum(1 for n in model.graph.node if n.op_type == "MatMulInteger")

    def weight_matmuls(model) -> int:  # noqa: ANN001 - MatMuls whose right side is a stored weight
        stored = {i.name for i in model.graph.initializer}
        stored |= {n.output[0] for n in model.graph.node if n.op_type == "Constant"}
        return sum(1 for n in model.graph.node if n.op_type == "MatMul" and n.input[1] in stored)

    assert big_constants(fp32) > 0  # what this test is about is really there
    assert big_constants(int8) == 0
    assert quantised(int8) == weight_matmuls(fp32) > 0
