"""GIT and Florence-2: ONNX exports caption exactly like transformers generate(), on real photos.

The reference is the models' documented usage (processor + generate()); the ONNX side runs the
numpy loop over image.onnx/encoder.onnx + decoder.onnx without torch.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from alttext_app.core.captioner import CaptionOptions
from alttext_app.core.engines.onnx_backend import OnnxCaptioner
from alttext_app.core.engines.torch_backend import TorchCaptioner

pytestmark = [pytest.mark.torch, pytest.mark.slow]
FAMILIES = ("git", "florence2")


@pytest.fixture(scope="module")
def captioners(tiny_model_dir, tiny_export):
    cache = {}

    def get(name: str):
        if name not in cache:
            cache[name] = (
                TorchCaptioner(tiny_model_dir(name), device="cpu"),
                OnnxCaptioner(tiny_export(name), device="cpu"),
            )
        return cache[name]

    return get


@pytest.mark.parametrize("family", FAMILIES)
def test_fp32_greedy_identical_on_real_photos(family, captioners, real_photos):
    torch_cap, onnx_cap = captioners(family)
    options = CaptionOptions(max_length=12)
    lengths = []
    for image in real_photos[:5]:
        expected = torch_cap.generate_ids(image, options)
        assert onnx_cap.generate_ids(image, options).token_ids == expected
        lengths.append(len(expected))
    assert max(lengths) > 1  # the tiny models really generate: parity is not trivially empty


@pytest.mark.parametrize("family", FAMILIES)
def test_fp32_beam_search_identical(family, captioners, real_photos):
    torch_cap, onnx_cap = captioners(family)
    options = CaptionOptions(max_length=8, num_beams=3)
    for image in real_photos[:3]:
        assert onnx_cap.generate_ids(image, options).token_ids == torch_cap.generate_ids(image, options)


def _documented_ids(family: str, model_dir, model, image, max_new_tokens: int) -> list[int]:
    """Token ids the model card's own recipe produces (AutoProcessor + generate(), greedy)."""
    import torch
    from transformers import AutoProcessor

    processor = AutoProcessor.from_pretrained(model_dir)
    if family == "git":
        inputs = processor(images=image, return_tensors="pt")
        start = 1  # [CLS]
    else:
        inputs = processor(text="<CAPTION>", images=image, return_tensors="pt")
        start = 2  # </s> <s>
    with torch.inference_mode():
        out = model.generate(**inputs, max_new_tokens=max_new_tokens, num_beams=1)
    ids = []
    for token in out[0].tolist()[start:]:
        if token == model.generation_config.eos_token_id:
            break
        ids.append(token)
    return ids


@pytest.mark.parametrize("family", FAMILIES)
def test_torch_path_follows_the_documented_usage(family, captioners, tiny_model_dir, real_photos):
    torch_cap, _ = captioners(family)
    for image in real_photos[:3]:
        documented = _documented_ids(family, tiny_model_dir(family), torch_cap.model, image, 12)
        ours = torch_cap.generate_ids(image, CaptionOptions(max_length=12))
        if family == "git":
            assert ours == documented
        else:
            # Documented Florence-2 decoding spends one of the 12 on the forced <s> and swaps the
            # last for a forced </s>; ours feeds <s> as prompt and never forces </s>.
            assert len(documented) == 10
            assert ours[:10] == documented


@pytest.mark.parametrize("family", FAMILIES)
def test_int8_close_to_fp32_and_agreement_recorded(family, tiny_export, real_photos):
    fp32 = OnnxCaptioner(tiny_export(family), device="cpu")
    int8 = OnnxCaptioner(tiny_export(family, "int8"), device="cpu")
    sims = []
    for image in real_photos[:4]:
        logits = []
        for cap in (fp32, int8):
            state = cap.runner.encode(cap.family.preprocess(cap.preprocessor, image))
            out, _ = cap.runner.step(state, np.asarray([cap.settings.prompt_ids], dtype=np.int64))
            logits.append(out[0].astype(np.float64))
        a, b = logits
        sims.append(float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b))))
    assert min(sims) > 0.95, sims
    manifest = json.loads((tiny_export(family, "int8") / "manifest.json").read_text())
    assert manifest["quantize"] == "int8"
    assert manifest["parity"]["fp32"]["identical"] == manifest["parity"]["fp32"]["images"]
    assert 0.0 <= manifest["parity"]["int8"]["token_agreement"] <= 1.0
    # Tiny models are dominated by tensors int8 leaves alone (patch convolutions, embeddings),
    # so only a real shrink is asserted here; on the real models it is about 4x.
    fp32_size = _graphs_size(tiny_export(family))
    int8_size = _graphs_size(tiny_export(family, "int8"))
    assert int8_size < 0.95 * fp32_size


@pytest.mark.parametrize("family", FAMILIES)
def test_onnx_captions_without_torch(family, tiny_export, real_photos, tmp_path):
    """The ONNX path (family module, runner, loop) works where torch/transformers are missing."""
    image_path = tmp_path / "photo.png"
    real_photos[0].save(image_path)
    code = textwrap.dedent(f"""
        import sys
        for name in ("torch", "transformers"):
            sys.modules[name] = None  # any import of them now fails
        from alttext_app.core.captioner import CaptionOptions
        from alttext_app.core.engines.onnx_backend import OnnxCaptioner
        from alttext_app.core.images import load_image
        cap = OnnxCaptioner({str(tiny_export(family))!r}, device="cpu")
        out = cap.generate_ids(load_image({str(image_path)!r}), CaptionOptions(max_length=6))
        print(len(out.token_ids), cap.family.name)
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    count, name = result.stdout.split()
    assert name == family and int(count) > 0


def _graphs_size(folder) -> int:  # noqa: ANN001 - a Path
    """Bytes of the export's graphs (not the prepared copies beside them)."""
    graphs = json.loads((folder / "manifest.json").read_text())["graphs"].values()
    return sum((folder / name).stat().st_size for name in graphs)
