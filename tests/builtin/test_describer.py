"""The built-in describer end to end, on real photos, through the shared pipeline."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from alttext_app.core.alttext_rules import finalize_alt_text
from alttext_app.core.builtin.classifier import ImageClassifier
from alttext_app.core.captioner import Captioner, CaptionOptions
from alttext_app.core.errors import Cancelled, ModelError
from alttext_app.core.paths import asset
from alttext_app.core.pipeline import caption_image
from alttext_app.core.service import ModelService

ROOT = Path(__file__).resolve().parents[2]
PHOTOS = ROOT / "tests" / "data" / "eval" / "photos"


def alt(describer, photo, name: str, max_chars: int = 125) -> str:
    raw = describer.caption(photo(name), CaptionOptions(max_chars=max_chars))
    return finalize_alt_text(raw.text, max_chars=max_chars)


def test_is_a_captioner(describer):
    assert isinstance(describer, Captioner)
    assert (describer.model_name, describer.backend, describer.device) == ("builtin", "builtin", "cpu")


@pytest.mark.parametrize(
    "name,words",
    [
        ("chelsea.jpg", ["cat"]),
        ("coffee.jpg", ["espresso"]),
        ("astronaut.jpg", ["person"]),
        ("camera.jpg", ["person", "tripod"]),
    ],
)
def test_describes_real_photos(describer, photo, name, words):
    text = alt(describer, photo, name).lower()
    for word in words:
        assert word in text, text
    assert "may show" not in text  # these are confident, correct claims


@pytest.mark.parametrize("name", ["grass.jpg", "moon.jpg", "horse.png", "retina.jpg"])
def test_says_nothing_it_cannot_back(describer, photo, name):
    text = alt(describer, photo, name).lower()
    for wrong in ("dog", "worm", "tick", "baseball", "bubble"):
        assert wrong not in text, text
    # The horse silhouette: the detector sees a horse, the texture-bound classifier a dog; in a
    # graphic the detector's shape wins, hedged.
    assert "could not be recognised" in text or text.endswith(("graphic.", "graphic that may show a horse."))


def test_reports_kind_labels_and_timings(describer, photo):
    raw = describer.caption(photo("coffee.jpg"), CaptionOptions())
    assert raw.kind == "photo"
    assert raw.labels[0][0] == "espresso" and raw.labels[0][1] > 0.8
    scores = [score for _, score in raw.labels]
    assert len(scores) == 5 and scores == sorted(scores, reverse=True)
    assert set(raw.extra["timings"]) >= {"classify", "faces", "total"}


def test_text_heavy_images_are_described_by_their_text(describer, photo):
    raw = describer.caption(photo("page.png"), CaptionOptions())
    text = finalize_alt_text(raw.text)
    assert raw.kind in ("document", "screenshot")
    assert "segmentation" in text.lower() and raw.ocr_text
    assert len(text) <= 125


def test_length_setting_is_respected(describer, photo):
    assert len(alt(describer, photo, "page.png", max_chars=40)) <= 40


def test_abort_is_checked_between_steps(describer, photo):
    with pytest.raises(Cancelled):
        describer.caption(photo("chelsea.jpg"), CaptionOptions(), should_abort=lambda: True)
    calls = []

    def later() -> bool:
        calls.append(1)
        return len(calls) > 2  # let the classifier run, stop before the end

    with pytest.raises(Cancelled):
        describer.caption(photo("chelsea.jpg"), CaptionOptions(), should_abort=later)


def test_pipeline_json_has_kind_text_and_labels():
    service = ModelService()
    result = caption_image(PHOTOS / "chelsea.jpg", model="builtin", service=service)
    data = result.to_json()
    assert data["alt_text"] == "A cat." and data["backend"] == "builtin" and data["kind"] == "photo"
    assert "text" in data and data["labels"][0]["label"] in ("Egyptian cat", "tiger cat", "tabby")
    assert service.get("builtin") is service.get("builtin")  # loaded once
    service.clear()


def test_damaged_or_missing_model_gives_one_clear_sentence(tmp_path):
    folder = tmp_path / "builtin"
    shutil.copytree(asset("builtin"), folder)
    onnx = folder / "efficientnet_lite0.onnx"
    data = bytearray(onnx.read_bytes())
    data[len(data) // 2] ^= 0xFF
    onnx.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="damaged"):
        ImageClassifier(folder)
    (folder / "manifest.json").unlink()
    with pytest.raises(ModelError, match="missing"):
        ImageClassifier(folder)


def test_manifest_records_licences_and_checksums():
    manifest = json.loads((asset("builtin") / "manifest.json").read_text())
    assert "Apache-2.0" in manifest["licence"] and "MIT" in manifest["faces"]["licence"]
    assert len(manifest["sha256"]) == 64
    assert manifest["parity_max_abs_diff"] < 1e-3


def test_runs_without_torch():
    code = (
        "import sys; sys.modules['torch'] = None; sys.modules['transformers'] = None\n"
        "from alttext_app.core.pipeline import caption_image\n"
        f"print(caption_image({str(PHOTOS / 'coffee.jpg')!r}, model='builtin').alt_text)\n"
        "assert sys.modules['torch'] is None\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert "espresso" in out.stdout.lower()


def test_text_in_a_photo_is_quoted_when_it_fits():
    from alttext_app.core.builtin.render_en import render_en
    from alttext_app.core.builtin.scene import Certainty, Scene, SceneObject, Source

    cup = SceneObject("cup of espresso", 1, Certainty.SURE, 0.9, Source.CLASSIFIER)
    scene = Scene(objects=(cup,), text="“OPEN DAILY”")
    assert finalize_alt_text(render_en(scene, 125)) == "A cup of espresso, with text reading “OPEN DAILY”."
    assert render_en(scene, 30) == "A cup of espresso"


def test_counts_people_side_by_side(describer, photo):
    from PIL import Image

    left, right = photo("astronaut.jpg"), photo("grace_hopper.jpg")
    both = Image.new("RGB", (left.width + right.width, max(left.height, right.height)))
    both.paste(left, (0, 0))
    both.paste(right, (left.width, 0))
    raw = describer.caption(both, CaptionOptions())
    assert finalize_alt_text(raw.text) == "Two people."


@pytest.mark.parametrize(
    "size,fill,expected",
    [((1, 1), "white", "Plain white image."), ((3000, 8), "black", "Plain black image."),
     ((64, 40), "navy", "Plain blue image."), ((200, 100), "#808080", "Plain grey image.")],
)
def test_flat_and_odd_sized_images(describer, size, fill, expected):
    from PIL import Image

    raw = describer.caption(Image.new("RGB", size, fill), CaptionOptions())
    assert finalize_alt_text(raw.text) == expected


def test_noise_is_not_given_a_subject(describer):
    import numpy as np
    from PIL import Image

    noise = np.random.default_rng(0).integers(0, 255, (300, 400, 3), dtype=np.uint8)
    raw = describer.caption(Image.fromarray(noise), CaptionOptions())
    assert "could not be recognised" in raw.text


@pytest.mark.parametrize(
    "name,said,never",
    [
        ("yellow_flower.jpg", ["daisy"], ["banana"]),  # detector banana 0.60 vs classifier daisy
        ("raccoon.jpg", ["animal"], ["cat", "bear"]),  # the two models disagree: only "animal"
        ("chelsea.jpg", ["cat"], ["person", "people"]),  # whole-frame "person" 0.59 on fur
        ("hubble.jpg", ["may show stars"], ["person"]),  # whole-frame "person" 0.55; layout: stars
        ("street_parking_sign.jpg", ["street sign", "person", "car"], ["with a street sign"]),
        ("motorcycle.jpg", ["motorcycle"], ["bicycle"]),
        ("rowing_boats.jpg", ["boats"], ["six", "nine"]),
    ],
)
def test_detector_claims_are_cross_checked_on_real_photos(describer, photo, name, said, never):
    text = alt(describer, photo, name).lower()
    for word in said:
        assert word in text, text
    for word in never:
        assert word not in text, text


@pytest.mark.parametrize(
    "name,english,chinese",
    [
        ("tree_field.jpg", "A tree and greenery under a blue sky.", "蓝天下的一棵树和绿色植被"),
        ("forest_path.jpg", "May show trees or other plants.", "可能是树木或其他植物"),
    ],
)
def test_outdoor_layout_end_to_end(describer, photo, name, english, chinese):
    """Landscapes no ImageNet class names are read from the pixels (layout.py), in both languages."""
    assert alt(describer, photo, name) == english
    raw = describer.caption(photo(name), CaptionOptions(language="zh"))
    assert raw.text.startswith(chinese) and "layout" in raw.extra["timings"]
