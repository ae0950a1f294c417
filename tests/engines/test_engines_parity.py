"""ONNX exports caption exactly like transformers generate() (fp32), and int8 stays close."""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import FAMILIES

from alttext_app.core.captioner import CaptionOptions
from alttext_app.core.engines.onnx_backend import OnnxCaptioner
from alttext_app.core.engines.torch_backend import TorchCaptioner

pytestmark = [pytest.mark.torch, pytest.mark.slow]


@pytest.fixture(scope="module")
def captioners(tiny_model_dir, tiny_export):
    cache = {}

    def get(name: str, quantize: str | None = None):
        if (name, quantize) not in cache:
            torch_cap = TorchCaptioner(tiny_model_dir(name), device="cpu")
            onnx_cap = OnnxCaptioner(tiny_export(name, quantize), device="cpu")
            cache[(name, quantize)] = (torch_cap, onnx_cap)
        return cache[(name, quantize)]

    return get


@pytest.mark.parametrize("family", FAMILIES)
def test_fp32_greedy_identical_on_real_photos(family, captioners, real_photos):
    torch_cap, onnx_cap = captioners(family)
    options = CaptionOptions(max_length=12)
    lengths = []
    for image in real_photos:
        expected = torch_cap.generate_ids(image, options)
        got = onnx_cap.generate_ids(image, options).token_ids
        assert got == expected
        lengths.append(len(expected))
    assert max(lengths) > 1  # the tiny models really generate, parity is not trivially empty


@pytest.mark.parametrize("family", FAMILIES)
def test_fp32_beam_search_identical(family, captioners, real_photos):
    torch_cap, onnx_cap = captioners(family)
    options = CaptionOptions(max_length=8, num_beams=3)
    for image in real_photos[:3]:
        assert onnx_cap.generate_ids(image, options).token_ids == torch_cap.generate_ids(image, options)


@pytest.mark.parametrize("family", FAMILIES)
def test_forced_length_matches(family, captioners, real_photos):
    """Benchmarks force exactly N tokens (no EOS); both paths must honour min_new_tokens."""
    torch_cap, onnx_cap = captioners(family)
    options = CaptionOptions(max_length=10)
    expected = torch_cap.generate_ids(real_photos[1], options, min_new_tokens=10)
    got = onnx_cap.generate_ids(real_photos[1], options, min_new_tokens=10).token_ids
    assert len(expected) == 10
    assert got == expected


@pytest.mark.parametrize("family", FAMILIES)
def test_int8_close_to_fp32(family, tiny_export, real_photos):
    """int8 logits stay close to fp32 and the measured agreement is recorded in the manifest."""
    fp32 = OnnxCaptioner(tiny_export(family), device="cpu")
    int8 = OnnxCaptioner(tiny_export(family, "int8"), device="cpu")
    sims = []
    for image in real_photos:
        logits = []
        for cap in (fp32, int8):
            pixels = cap.family.preprocess(cap.preprocessor, image)
            state = cap.runner.encode(pixels)
            out, _ = cap.runner.step(state, np.asarray([cap.settings.prompt_ids], dtype=np.int64))
            logits.append(out[0].astype(np.float64))
        a, b = logits
        sims.append(float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b))))
    assert min(sims) > 0.95, sims
    manifest = json.loads((tiny_export(family, "int8") / "manifest.json").read_text())
    assert manifest["quantize"] == "int8"
    int8_parity = manifest["parity"]["int8"]
    assert 0.0 <= int8_parity["token_agreement"] <= 1.0
    assert manifest["parity"]["fp32"]["identical"] == manifest["parity"]["fp32"]["images"]
    import onnx

    for graph in manifest["graphs"].values():
        ops = {node.op_type for node in onnx.load(tiny_export(family, "int8") / graph).graph.node}
        assert "DynamicQuantizeLinear" in ops or "MatMulInteger" in ops, ops
