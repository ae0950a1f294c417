"""`alttext models import` of an ONNX export folder (what machines without PyTorch can run)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from alttext_app.cli.main import main
from alttext_app.core.models import store

REPO = Path(__file__).parents[2]
IMAGE = REPO / "tests" / "data" / "images" / "rocket.jpg"
BLOCK_TORCH = """
import sys
class _Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("torch", "transformers", "torchvision", "onnx", "onnxscript"):
            raise ModuleNotFoundError(f"blocked for the test: {name}")
        return None
sys.meta_path.insert(0, _Block())
"""


@pytest.fixture(scope="module")
def export_dir(tmp_path_factory) -> Path:
    """A tiny ViT-GPT2 exported to ONNX int8 by the real exporter (parity-checked on one photo)."""
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from PIL import Image

    from alttext_app.core.engines.export import export_model

    spec = importlib.util.spec_from_file_location(
        "engines_tiny_models", REPO / "tests" / "engines" / "tiny_models.py")
    tiny = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tiny)
    base = tmp_path_factory.mktemp("export")
    built = tiny.make_vit_gpt2(base / "built")
    return export_model(built, base / "tiny-onnx", quantize="int8",
                        images=[Image.open(IMAGE).convert("RGB")], min_agreement=0.0)


def _run_without_torch(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", BLOCK_TORCH + textwrap.dedent(code)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.torch
def test_import_export_then_caption_without_torch(export_dir, catalogue, capsys):
    assert main(["models", "import", str(export_dir), "--name", "tiny-export"]) == 0
    assert "Imported tiny-export" in capsys.readouterr().out
    model = store.find_installed("tiny-export")
    assert model is not None and model.has_onnx and model.source == "import"
    assert model.family == json.loads((export_dir / "manifest.json").read_text())["family"]
    assert (model.path / "onnx-int8" / "manifest.json").is_file()
    assert store.load_dir_for(model.path) == model.path / "onnx-int8"
    assert not any((store.models_root() / store.STAGING).iterdir())

    assert main(["models", "list"]) == 0
    listed = capsys.readouterr().out
    line = f"  tiny-export  {store.format_bytes(model.size_bytes)}  {model.family}  ["
    assert line in listed and "ONNX]" in listed.split(line, 1)[1].splitlines()[0]

    # The packaged bundle has no torch: the installed export must caption by name without it.
    result = _run_without_torch(f"""
        import json
        from alttext_app.cli.main import main
        code = main(["caption", "--model", "tiny-export", "--json", {str(IMAGE)!r}])
        assert not any(m.split(".")[0] in ("torch", "transformers") for m in sys.modules)
        print("rc", code)
    """)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == "rc 0", result.stdout + result.stderr
    data = json.loads(lines[-2])
    assert data["backend"] == "onnx" and data["device"] == "cpu"
    # It runs the same model as the export it came from.
    from alttext_app.core.pipeline import caption_image
    from alttext_app.core.service import ModelService

    service = ModelService()
    assert (caption_image(IMAGE, model="tiny-export", service=service).raw_text
            == caption_image(IMAGE, model=str(export_dir), service=service).raw_text)


@pytest.mark.torch
def test_corrupt_export_is_refused_in_one_sentence(export_dir, catalogue, tmp_path, capsys):
    damaged = tmp_path / "damaged"
    shutil.copytree(export_dir, damaged)
    victim = sorted(damaged.glob("*.onnx"))[0]
    victim.write_bytes(victim.read_bytes()[:-1] + b"\x00")
    assert main(["models", "import", str(damaged), "--name", "tiny-export"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"alttext: The export is corrupt: {victim.name} does not match")
    assert store.list_installed() == []
    assert not any((store.models_root() / store.STAGING).iterdir())


def _install_plain_model(tmp_path) -> None:
    from conftest import tiny_files

    folder = tmp_path / "plain-model"
    folder.mkdir()
    for name, data in tiny_files().items():
        (folder / name).write_bytes(data)
    assert main(["models", "import", str(folder), "--name", "plain-model"]) == 0


@pytest.mark.parametrize("damage,words", [("missing", "is missing"), ("broken", "cannot be read")])
def test_unreadable_catalogue_is_one_clear_error(damage, words, tmp_path, monkeypatch, capsys,
                                                 no_network):
    path = tmp_path / "catalogue.json"
    if damage == "broken":
        path.write_text('{"models": [', encoding="utf-8")
    monkeypatch.setenv("ALTTEXT_CATALOGUE", str(path))
    _install_plain_model(tmp_path)  # imports and installed models work without the catalogue
    capsys.readouterr()

    assert main(["models", "list"]) == 1
    captured = capsys.readouterr()
    assert "plain-model" in captured.out  # installed models are still listed
    assert "Catalogue (" not in captured.out
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert captured.err.startswith(f"alttext: The model catalogue {path} {words}")

    assert main(["models", "pull", "tiny"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"The model catalogue {path} {words}" in err
