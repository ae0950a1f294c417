"""Model folders in transformers 5's layout, and images of extreme shapes, stay usable and bounded."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from PIL import Image

from alttext_app.core.captioner import CaptionOptions
from alttext_app.core.engines import load_captioner
from alttext_app.core.engines.preprocess import ImagePreprocessor, image_processor_config
from alttext_app.core.errors import ModelError


def _transformers5_layout(source, target):
    """What transformers 5's processor.save_pretrained writes: image settings nested in
    processor_config.json, and no preprocessor_config.json."""
    shutil.copytree(source, target)
    image_settings = json.loads((target / "preprocessor_config.json").read_text())
    (target / "preprocessor_config.json").unlink()
    (target / "processor_config.json").write_text(json.dumps(
        {"image_processor": image_settings, "processor_class": "VisionEncoderDecoderProcessor"}))
    return target


@pytest.mark.torch
def test_processor_config_layout_captions_and_exports(tiny_model_dir, tmp_path, real_photos):
    from alttext_app.core.engines.export import export_model

    original = tiny_model_dir("vit_gpt2")
    folder = _transformers5_layout(original, tmp_path / "t5")
    options = CaptionOptions(max_length=8)
    expected = load_captioner(original, backend="torch").caption(real_photos[0], options).text
    assert load_captioner(folder, backend="torch").caption(real_photos[0], options).text == expected
    out = export_model(folder, tmp_path / "onnx", images=real_photos[:1])
    assert load_captioner(out, backend="onnx").caption(real_photos[0], options).text == expected


def test_image_settings_are_found_in_either_file(tmp_path):
    (tmp_path / "processor_config.json").write_text(json.dumps({"image_processor": {"size": 384}}))
    assert image_processor_config(tmp_path) == {"size": 384}
    (tmp_path / "preprocessor_config.json").write_text(json.dumps({"size": 224}))
    assert image_processor_config(tmp_path) == {"size": 224}  # transformers 4's file wins
    for name in ("preprocessor_config.json", "processor_config.json"):
        (tmp_path / name).unlink()
    with pytest.raises(ModelError, match="not a complete model"):
        image_processor_config(tmp_path)


@pytest.mark.parametrize("size", [(1, 65500), (65500, 1), (3, 40000)])
def test_extreme_aspect_ratios_stay_small_and_fast(size):
    shortest_edge = ImagePreprocessor.from_config(
        {"size": {"shortest_edge": 224}, "do_center_crop": True, "crop_size": 224})
    fixed = ImagePreprocessor.from_config({"size": {"height": 384, "width": 384}})
    image = Image.fromarray(np.random.default_rng(0).integers(0, 255, (size[1], size[0], 3), np.uint8))
    assert shortest_edge(image).shape == (1, 3, 224, 224)
    assert fixed(image).shape == (1, 3, 384, 384)
    no_crop = ImagePreprocessor.from_config({"size": {"shortest_edge": 224}, "do_center_crop": False})
    assert max(no_crop(image).shape[2:]) <= 224 * 8  # the long side is capped, not 14 million


def test_builtin_classifier_crops_strips_first():
    from alttext_app.core.builtin.classifier import preprocess

    for size in ((1, 65500), (65500, 1)):
        assert preprocess(Image.new("RGB", size, "red")).shape == (1, 3, 224, 224)


def test_torch_threads_follow_the_free_cores(monkeypatch):
    """On a busy desktop torch takes only the cores nobody else is running on (at least one)."""
    import os

    from alttext_app.core.engines import common

    monkeypatch.delenv("ALTTEXT_THREADS", raising=False)
    monkeypatch.setattr(common, "usable_cores", lambda: 8)
    for others, wanted in ((0, 8), (3, 5), (8, 1), (40, 1)):
        monkeypatch.setattr(common, "others_running", lambda n=others: n)
        assert common.free_cpu_threads() == wanted
    monkeypatch.setenv("ALTTEXT_THREADS", "3")
    assert common.free_cpu_threads() == 3
    assert os.environ["OMP_WAIT_POLICY"] == "PASSIVE"  # set when the engines package loads
    assert common.others_running() >= 0
