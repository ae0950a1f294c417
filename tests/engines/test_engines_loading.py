"""Choosing backends, clear errors, cancelling, length limits, manifests and the export command."""

from __future__ import annotations

import json

import pytest

from alttext_app.core.captioner import CaptionOptions
from alttext_app.core.engines import load_captioner
from alttext_app.core.engines.manifest import read_manifest, verify_files
from alttext_app.core.errors import Cancelled, ModelError

pytestmark = pytest.mark.torch


def test_auto_picks_onnx_for_exports_and_torch_for_model_folders(tiny_model_dir, tiny_export):
    assert load_captioner(tiny_export("vit_gpt2"), backend="auto").backend == "onnx"
    torch_cap = load_captioner(tiny_model_dir("vit_gpt2"), backend="auto", device="auto")
    assert (torch_cap.backend, torch_cap.device) == ("torch", "cpu")
    with pytest.raises(ModelError, match="not an ONNX export"):
        load_captioner(tiny_model_dir("vit_gpt2"), backend="onnx")
    with pytest.raises(ModelError, match="use the onnx backend"):
        load_captioner(tiny_export("vit_gpt2"), backend="torch")


def test_unknown_or_missing_models_are_one_sentence(tmp_path):
    with pytest.raises(ModelError, match="does not exist"):
        load_captioner(tmp_path / "nope")
    with pytest.raises(ModelError, match="no config.json"):
        load_captioner(tmp_path)
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "llama"}))
    with pytest.raises(ModelError, match="cannot run this kind of model"):
        load_captioner(tmp_path, backend="torch")


@pytest.mark.parametrize("backend", ["torch", "onnx"])
def test_abort_between_tokens_and_max_length(backend, tiny_model_dir, tiny_export, real_photos):
    folder = tiny_export("blip") if backend == "onnx" else tiny_model_dir("blip")
    captioner = load_captioner(folder, backend=backend, device="cpu")
    calls = []

    def should_abort() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled):
        captioner.caption(real_photos[0], CaptionOptions(max_length=15), should_abort)
    assert len(calls) <= 5  # stopped within a token or two of the request
    ids = captioner.generate_ids(real_photos[0], CaptionOptions(max_length=3))
    ids = getattr(ids, "token_ids", ids)
    assert 0 < len(ids) <= 3


def test_manifest_hashes_every_file(tiny_export):
    folder = tiny_export("blip")
    manifest = read_manifest(folder)
    names = set(manifest["files"])
    assert {"encoder.onnx", "decoder.onnx", "tokenizer.json", "preprocessor_config.json",
            "config.json"} <= names
    assert verify_files(folder, manifest) == []
    assert manifest["source"]["config_sha256"] and manifest["opset"] >= 17
    assert manifest["parity"]["passed"] is True


def test_export_command(tiny_model_dir, tmp_path, capsys):
    from alttext_app.cli.main import main

    out = tmp_path / "export"
    assert main(["export", str(tiny_model_dir("vit_gpt2")), "--output", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["parity"]["fp32"]["identical"] == report["parity"]["fp32"]["images"]
    assert read_manifest(out)["family"] == "vision-encoder-decoder"
    # a second export into the same non-empty folder is refused with one line
    assert main(["export", str(tiny_model_dir("vit_gpt2")), "--output", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
