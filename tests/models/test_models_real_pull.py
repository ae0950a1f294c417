"""Pull a tiny but real, runnable captioning model through the fake hub, then caption with it."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from conftest import catalogue_entry, write_catalogue

from alttext_app.cli.main import main
from alttext_app.core.models import store
from alttext_app.core.paths import sample_image

pytest.importorskip("torch")
pytest.importorskip("transformers")
pytestmark = [pytest.mark.torch, pytest.mark.slow]

REPO = "test-org/tiny-vit-gpt2"


def _tiny_models():
    path = Path(__file__).parents[1] / "engines" / "tiny_models.py"
    spec = importlib.util.spec_from_file_location("engines_tiny_models", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def built(tmp_path):
    return _tiny_models().make_vit_gpt2(tmp_path / "built")


@pytest.fixture
def tiny_hub(hub, catalogue, built):
    hub.add_folder(REPO, built)
    write_catalogue(catalogue, [catalogue_entry(REPO, "tiny-vit", recommended=True)])
    return hub


def _raw_caption(model: str) -> str:
    from alttext_app.core.pipeline import caption_image
    from alttext_app.core.service import ModelService

    return caption_image(sample_image(), model=model, service=ModelService()).raw_text


def test_pull_then_caption(tiny_hub, built, capsys):
    assert main(["models", "pull", "tiny-vit"]) == 0
    assert f"Installed {REPO}" in capsys.readouterr().out
    model = store.find_installed("tiny-vit")
    assert model is not None and model.family == "vision-encoder-decoder"

    assert main(["caption", "--model", "tiny-vit", "--json", str(sample_image())]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["backend"] == "torch"
    assert result["model"] in (REPO, model.folder_name)
    # The pulled copy runs and captions exactly like the model that was served (random weights
    # give gibberish, which the alt-text rules may drop, so compare the raw model output).
    raw = _raw_caption("tiny-vit")
    assert raw and raw == _raw_caption(str(built))
    # With nothing chosen, "auto" uses the installed model, not the built-in describer.
    assert _raw_caption("auto") == raw


def test_pull_with_int8_export(tiny_hub, capsys):
    assert main(["models", "pull", "tiny-vit", "--export", "int8"]) == 0
    model = store.find_installed("tiny-vit")
    assert model is not None and model.has_onnx
    export = model.path / "onnx-int8"
    assert (export / "manifest.json").is_file()
    capsys.readouterr()
    # By name, the installed model now runs from its int8 export; torch is still there on request.
    for backend, expected in (("auto", "onnx"), ("torch", "torch")):
        args = ["caption", "--model", "tiny-vit", "--backend", backend, "--json", str(sample_image())]
        assert main(args) == 0
        result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
        assert result["backend"] == expected
