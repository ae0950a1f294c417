"""An install without torch/transformers captions with ONNX exports (the packaged bundle has neither)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).parents[2]

BLOCK_TORCH = """
import sys
class _Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("torch", "transformers", "torchvision", "onnx", "onnxscript"):
            raise ModuleNotFoundError(f"blocked for the test: {name}")
        return None
sys.meta_path.insert(0, _Block())
"""


def _run(code: str) -> subprocess.CompletedProcess:
    script = BLOCK_TORCH + textwrap.dedent(code)
    return subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True,
                          timeout=120)


def test_every_family_imports_without_torch():
    result = _run("""
        from alttext_app.core.engines.registry import families
        import alttext_app.core.engines.onnx_backend, alttext_app.core.engines.generation
        names = [f.name for f in families()]
        assert "vision-encoder-decoder" in names and "blip" in names, names
        assert not any(m.split(".")[0] in ("torch", "transformers") for m in sys.modules)
        print("ok")
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.torch
@pytest.mark.parametrize("family", ["vit_gpt2", "blip"])
def test_onnx_export_captions_without_torch(family, tiny_export, tmp_path):
    export = tiny_export(family, "int8")
    image = REPO / "tests" / "data" / "images" / "rocket.jpg"
    result = _run(f"""
        import json
        from alttext_app.core.pipeline import caption_image
        from alttext_app.core.captioner import CaptionOptions
        r = caption_image({str(image)!r}, model={str(export)!r}, backend="auto",
                          options=CaptionOptions(max_length=6))
        assert not any(m.split(".")[0] in ("torch", "transformers") for m in sys.modules)
        print(json.dumps(r.to_json()))
    """)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["backend"] == "onnx" and data["device"] == "cpu"


def test_torch_backend_without_torch_is_one_clear_error(tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "blip"}))
    result = _run(f"""
        from alttext_app.core.engines import load_captioner
        from alttext_app.core.errors import ModelError
        try:
            load_captioner({str(tmp_path)!r}, backend="auto")
        except ModelError as exc:
            print(exc.user_message)
    """)
    assert result.returncode == 0, result.stderr
    assert "PyTorch" in result.stdout
