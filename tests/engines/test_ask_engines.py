"""Question-answering families (BLIP-VQA, SmolVLM): ONNX answers exactly like transformers."""

from __future__ import annotations

import numpy as np
import pytest

from alttext_app.core.captioner import CaptionOptions
from alttext_app.core.engines.onnx_backend import OnnxCaptioner
from alttext_app.core.engines.torch_backend import TorchCaptioner
from alttext_app.core.errors import ModelError

pytestmark = [pytest.mark.torch, pytest.mark.slow]
ASK_FAMILIES = ("blip_vqa", "smolvlm")
QUESTIONS = ("What colour is the car?", "How many people are there?", "is there any text?")

@pytest.fixture(scope="module")
def askers(tiny_model_dir, tiny_export):
    cache = {}

    def get(name: str):
        if name not in cache:
            cache[name] = (TorchCaptioner(tiny_model_dir(name), device="cpu"),
                           OnnxCaptioner(tiny_export(name), device="cpu"))
        return cache[name]

    return get

@pytest.mark.parametrize("family", ASK_FAMILIES)
def test_answers_identical_on_real_photos(family, askers, real_photos):
    torch_cap, onnx_cap = askers(family)
    options = CaptionOptions(max_length=10)
    lengths = set()
    for image in real_photos[:4]:
        for question in QUESTIONS:
            expected = torch_cap.ask(image, question, options)
            got = onnx_cap.ask(image, question, options)
            assert got.text == expected.text
            lengths.add(expected.extra["tokens"])
    assert max(lengths) > 1

@pytest.mark.parametrize("family", ASK_FAMILIES)
def test_the_question_changes_the_answer_ids(family, askers, real_photos):
    """The question really reaches the model (random weights still react to it)."""
    from alttext_app.core.engines.family import AskInputs

    _, onnx_cap = askers(family)
    tok, settings = onnx_cap.decoder.tokenizer, onnx_cap.settings
    inputs = [onnx_cap.family.ask_inputs(tok, q, settings) for q in QUESTIONS]
    assert all(isinstance(i, AskInputs) for i in inputs)
    runner = onnx_cap.runner
    pixels = onnx_cap.family.preprocess(onnx_cap.preprocessor, real_photos[0])
    logits = []
    for item in inputs:

        if item.question_ids is not None:
            state = runner.encode_question(pixels, item.question_ids)
        else:
            state = runner.encode(pixels)
        out, _ = runner.step(state, np.asarray([item.prompt_ids], dtype=np.int64))
        logits.append(out[0])
    assert not np.allclose(logits[0], logits[1])

def test_blip_vqa_writes_no_captions(askers, real_photos):
    torch_cap, onnx_cap = askers("blip_vqa")
    for cap in (torch_cap, onnx_cap):
        with pytest.raises(ModelError):
            cap.caption(real_photos[0], CaptionOptions(max_length=4))
        with pytest.raises(ModelError):
            cap.ask(real_photos[0], "   ", CaptionOptions(max_length=4))

@pytest.mark.parametrize("family", ASK_FAMILIES)
def test_int8_export_answers(family, tiny_export, real_photos):
    import json

    export = tiny_export(family, "int8")
    manifest = json.loads((export / "manifest.json").read_text())
    assert manifest["parity"]["fp32"]["identical"] == manifest["parity"]["fp32"]["images"]
    answer = OnnxCaptioner(export).ask(real_photos[1], QUESTIONS[0], CaptionOptions(max_length=5))
    assert answer.extra["tokens"] >= 1


def test_smolvlm_captions_and_details_identical(askers, real_photos):
    from alttext_app.core.captioner import Detail

    torch_cap, onnx_cap = askers("smolvlm")
    for detail in Detail:
        options = CaptionOptions(max_length=8, detail=detail)
        for image in real_photos[:3]:
            assert onnx_cap.caption(image, options).text == torch_cap.caption(image, options).text


def test_smolvlm_pixels_identical_to_transformers(tiny_model_dir, real_photos):
    """The unsplit SmolVLM path, bit for bit as transformers' image processor does it."""
    from transformers import AutoImageProcessor

    from alttext_app.core.engines.family_smolvlm import SmolVlmFamily

    folder = tiny_model_dir("smolvlm")
    reference = AutoImageProcessor.from_pretrained(folder)
    ours = SmolVlmFamily().preprocessor(folder)
    for image in [*real_photos, real_photos[0].rotate(90, expand=True)]:
        expected = reference(image, do_image_splitting=False, return_tensors="np")["pixel_values"][0]
        assert np.array_equal(ours(image), expected)


@pytest.mark.parametrize("family", ASK_FAMILIES)
def test_int8_export_answers_without_torch(family, tiny_export):
    import json
    import subprocess
    import sys
    import textwrap

    from test_engines_no_torch import BLOCK_TORCH, REPO

    export = tiny_export(family, "int8")
    code = BLOCK_TORCH + textwrap.dedent(f"""
        import json
        from alttext_app.core.asking import ask_image
        r = ask_image({str(REPO / "tests/data/images/rocket.jpg")!r}, "What is in the picture?",
                      model={str(export)!r})
        assert not any(m.split(".")[0] in ("torch", "transformers") for m in sys.modules)
        print(json.dumps(r.to_json()))
    """)
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout.strip().splitlines()[-1])
    assert data["backend"] == "onnx" and data["answer"]


def test_florence2_more_detail_identical(tiny_model_dir, tiny_export, real_photos):
    """"More detail" runs Florence-2's <MORE_DETAILED_CAPTION> task on both backends."""
    from alttext_app.core.captioner import Detail

    torch_cap = TorchCaptioner(tiny_model_dir("florence2"), device="cpu")
    onnx_cap = OnnxCaptioner(tiny_export("florence2"), device="cpu")
    options = CaptionOptions(max_length=8, detail=Detail.MORE)
    for image in real_photos[:3]:
        assert onnx_cap.caption(image, options).text == torch_cap.caption(image, options).text


def test_florence2_task_prompt_is_the_processors(tiny_model_dir, real_photos):
    from tokenizers import Tokenizer
    from transformers import AutoProcessor

    from alttext_app.core.engines.family_florence2 import TASK_QUESTIONS

    folder = tiny_model_dir("florence2")
    processor = AutoProcessor.from_pretrained(folder)
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    for task, question in TASK_QUESTIONS.items():
        ids = processor(text=task, images=real_photos[0], return_tensors="np")["input_ids"][0].tolist()
        ours = tokenizer.encode(question).ids
        assert ids[-len(ours):] == ours
