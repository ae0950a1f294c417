"""Florence-2 family: native-format checks, task prompt, decoding settings, text clean-up."""

from __future__ import annotations

import json

import numpy as np
import pytest
from tiny_models import FLORENCE2_GENERATION, FLORENCE2_PREPROCESSOR

from alttext_app.core.engines.family_florence2 import (
    CAPTION_MAX_NEW_TOKENS,
    TASK,
    Florence2Family,
    is_original_format,
)
from alttext_app.core.engines.registry import family_for_config
from alttext_app.core.errors import ModelError

# florence-community/Florence-2-base (transformers' native format), the keys that matter.
NATIVE = {
    "architectures": ["Florence2ForConditionalGeneration"], "model_type": "florence2",
    "image_token_id": 51289, "is_encoder_decoder": True,
    "text_config": {"model_type": "bart", "d_model": 768, "decoder_layers": 6,
                    "decoder_start_token_id": 2, "eos_token_id": 2, "pad_token_id": 1,
                    "bos_token_id": 0, "vocab_size": 51328},
    "vision_config": {"model_type": "florence_vision", "embed_dim": [128, 256, 512, 1024]},
}
# microsoft/Florence-2-base as first released: remote code, DaViT keys in another layout.
ORIGINAL = {
    "architectures": ["Florence2ForConditionalGeneration"], "model_type": "florence2",
    "auto_map": {"AutoConfig": "configuration_florence2.Florence2Config",
                 "AutoModelForCausalLM": "modeling_florence2.Florence2ForConditionalGeneration"},
    "text_config": {"model_type": "florence2_language", "d_model": 768},
    "vision_config": {"model_type": "", "dim_embed": [128, 256, 512, 1024]},
}


def _folder(tmp_path, config, generation=None):
    (tmp_path / "config.json").write_text(json.dumps(config))
    if generation is not None:
        (tmp_path / "generation_config.json").write_text(json.dumps(generation))
    return tmp_path


def test_registry_picks_florence2():
    assert isinstance(family_for_config(NATIVE), Florence2Family)


def test_original_microsoft_release_is_refused_without_running_remote_code(tmp_path):
    assert is_original_format(ORIGINAL) and not is_original_format(NATIVE)
    folder = _folder(tmp_path, ORIGINAL)
    with pytest.raises(ModelError, match="florence-community/Florence-2-base"):
        Florence2Family().generation_settings(folder)
    with pytest.raises(ModelError, match="remote code"):
        Florence2Family().load_torch(folder, "cpu", None)


def test_settings_follow_the_published_generation_config(tmp_path):
    settings = Florence2Family().generation_settings(_folder(tmp_path, NATIVE, FLORENCE2_GENERATION))
    assert settings.prompt_ids == [2, 0]  # decoder start </s>, then the forced <s>
    assert settings.eos_token_ids == [2]
    assert settings.pad_token_id == 1
    assert settings.num_beams == 3
    assert settings.no_repeat_ngram_size == 3
    assert settings.early_stopping is True
    assert settings.max_new_tokens == CAPTION_MAX_NEW_TOKENS


def test_clean_text_strips_special_and_location_tokens():
    family = Florence2Family()
    assert family.clean_text("</s><s>A cat on a  red sofa.</s><pad>") == "A cat on a red sofa."
    assert family.clean_text("a dog<loc_12><loc_40> running") == "a dog running"


@pytest.mark.torch
def test_encoder_prompt_is_the_processors_caption_question(tiny_model_dir):
    from tokenizers import Tokenizer

    from alttext_app.core.engines.family_florence2 import encoder_prompt

    folder = tiny_model_dir("florence2")
    ids, image_tokens = encoder_prompt(folder)
    assert image_tokens == FLORENCE2_PREPROCESSOR["image_seq_length"] == 577
    assert ids[0] == 0 and ids[-1] == 2  # <s> ... </s>
    text = Tokenizer.from_file(str(folder / "tokenizer.json")).decode(ids, skip_special_tokens=True)
    assert text == "What does the image describe?"
    assert TASK == "<CAPTION>"


@pytest.mark.torch
def test_pixels_identical_to_the_florence2_processor(tiny_model_dir, real_photos):
    from transformers import AutoProcessor

    folder = tiny_model_dir("florence2")
    family = Florence2Family()
    pre = family.preprocessor(folder)
    processor = AutoProcessor.from_pretrained(folder)
    for image in real_photos[:4]:
        expected = processor(text=TASK, images=image, return_tensors="np")["pixel_values"]
        got = family.preprocess(pre, image)
        assert got.shape == expected.shape == (1, 3, 768, 768)
        assert np.array_equal(got, expected)


@pytest.mark.torch
@pytest.mark.slow
def test_export_records_task_and_computes_cross_attention_once(tiny_export, real_photos):
    from alttext_app.core.engines.onnx_backend import OnnxCaptioner

    cap = OnnxCaptioner(tiny_export("florence2"), device="cpu")
    fs = cap.manifest["family_settings"]
    assert fs["task"] == TASK and fs["image_tokens"] == 577
    # the task prompt is an input (rows of prompt_embeds.npy), so "More detail" needs no 2nd graph
    assert [i.name for i in cap.runner.encoder.get_inputs()] == ["pixel_values", "prompt_embeds"]
    state = cap.runner.encode(cap.family.preprocess(cap.preprocessor, real_photos[0]))
    source = 577 + len(fs["encoder_prompt_ids"])
    assert state.cross_k.shape == (fs["layers"], 1, fs["heads"], source, fs["head_dim"])
    _, state = cap.runner.step(state, np.asarray([cap.settings.prompt_ids], dtype=np.int64))
    assert state.past_k.shape[3] == 2 and state.cross_k.shape[3] == source
