"""GIT family: detection, decoding settings, preprocessing and the ONNX graph layout."""

from __future__ import annotations

import json

import numpy as np
import pytest
from tiny_models import GIT_PREPROCESSOR

from alttext_app.core.engines.family_git import DOCUMENTED_MAX_LENGTH, GitFamily
from alttext_app.core.engines.registry import family_for_config
from alttext_app.core.errors import ModelError

# microsoft/git-base-coco config.json (the keys that matter), as published.
GIT_BASE_COCO = {
    "architectures": ["GitForCausalLM"], "model_type": "git", "bos_token_id": 101,
    "eos_token_id": 102, "pad_token_id": 0, "hidden_size": 768, "num_hidden_layers": 6,
    "num_attention_heads": 12, "num_image_with_embedding": None, "vocab_size": 30522,
    "vision_config": {"model_type": "git_vision_model", "projection_dim": 512},
}


def _folder(tmp_path, config, generation=None):
    (tmp_path / "config.json").write_text(json.dumps(config))
    if generation is not None:
        (tmp_path / "generation_config.json").write_text(json.dumps(generation))
    return tmp_path


def test_registry_picks_git_for_git_base_coco():
    assert isinstance(family_for_config(GIT_BASE_COCO), GitFamily)
    assert not GitFamily().matches({"model_type": "blip"})


def test_settings_start_at_cls_and_stop_at_sep(tmp_path):
    settings = GitFamily().generation_settings(_folder(tmp_path, GIT_BASE_COCO))
    assert settings.prompt_ids == [101]
    assert settings.eos_token_ids == [102]
    assert settings.pad_token_id == 0
    assert settings.num_beams == 1
    # The model card's generate(max_length=50) counts [CLS].
    assert settings.max_new_tokens == DOCUMENTED_MAX_LENGTH - 1


def test_generation_config_wins_over_defaults(tmp_path):
    folder = _folder(tmp_path, GIT_BASE_COCO, {"max_length": 30, "num_beams": 4, "eos_token_id": 102})
    settings = GitFamily().generation_settings(folder)
    assert settings.max_new_tokens == 29
    assert settings.num_beams == 4


def test_video_git_is_refused_with_one_sentence(tmp_path):
    folder = _folder(tmp_path, {**GIT_BASE_COCO, "num_image_with_embedding": 6})
    with pytest.raises(ModelError, match="video"):
        GitFamily().generation_settings(folder)


@pytest.mark.torch
def test_pixels_identical_to_the_git_processor(tiny_model_dir, real_photos):
    from transformers import AutoProcessor

    folder = tiny_model_dir("git")
    assert json.loads((folder / "preprocessor_config.json").read_text()) == GIT_PREPROCESSOR
    family = GitFamily()
    pre = family.preprocessor(folder)
    processor = AutoProcessor.from_pretrained(folder)
    for image in real_photos:
        expected = processor(images=image, return_tensors="np")["pixel_values"]
        got = family.preprocess(pre, image)
        assert got.shape == expected.shape == (1, 3, 224, 224)
        assert np.array_equal(got, expected)


@pytest.mark.torch
@pytest.mark.slow
def test_image_prefix_is_cached_once_and_text_grows_it(tiny_export, real_photos):
    """encode() yields the image tokens' keys/values; each step adds exactly the new tokens."""
    from alttext_app.core.engines.onnx_backend import OnnxCaptioner

    cap = OnnxCaptioner(tiny_export("git"), device="cpu")
    fs = cap.manifest["family_settings"]
    assert fs["image_tokens"] == (224 // 32) ** 2 + 1
    assert set(cap.manifest["graphs"]) == {"vision", "decoder"}
    state = cap.runner.encode(cap.family.preprocess(cap.preprocessor, real_photos[0]))
    assert state.image.shape == (1, fs["image_tokens"], fs["hidden"])
    assert state.past_k.shape == (fs["layers"], 1, fs["heads"], 0, fs["head_dim"])
    logits, state = cap.runner.step(state, np.asarray([cap.settings.prompt_ids], dtype=np.int64))
    assert state.past_k.shape[3] == fs["image_tokens"] + 1  # image prefix + [CLS], cached
    assert state.image.shape[1] == 0  # ... and never fed again
    beams = cap.runner.select(state, np.array([0, 0, 0]))
    logits3, beams = cap.runner.step(beams, np.full((3, 1), int(np.argmax(logits[0])), dtype=np.int64))
    assert beams.past_k.shape[1] == 3 and beams.past_k.shape[3] == fs["image_tokens"] + 2
    assert np.allclose(logits3[0], logits3[2], atol=1e-5)  # identical rows stay identical
