"""Graphs optimised at export time (`engines.prepared_graphs`): saved, recorded, hashed, used only
where they fit, and never in the way: a mismatch or a broken file falls back to the plain graph."""

from __future__ import annotations

import json
import shutil

import pytest

from alttext_app.core.captioner import CaptionOptions
from alttext_app.core.engines import prepared_graphs
from alttext_app.core.engines.manifest import read_manifest, verify_files
from alttext_app.core.engines.onnx_backend import OnnxCaptioner

pytestmark = [pytest.mark.torch,
              pytest.mark.skipif(not prepared_graphs.cpu_signature(), reason="CPU features unknown")]


def _opened(monkeypatch) -> list[str]:
    """Names of the graph files ONNX Runtime is asked to open from now on."""
    import onnxruntime as ort

    names: list[str] = []
    real = ort.InferenceSession

    def spy(path, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        names.append(path.rsplit("/", 1)[-1])
        return real(path, *args, **kwargs)

    monkeypatch.setattr(ort, "InferenceSession", spy)  # onnx_backend looks it up at each open
    return names


def _copy(folder, tmp_path):
    target = tmp_path / folder.name
    shutil.copytree(folder, target)
    return target


def test_export_saves_prepared_graphs_and_hashes_them(tiny_export):
    folder = tiny_export("vit_gpt2", "int8")
    manifest = read_manifest(folder)
    entry = manifest["prepared"]
    import onnxruntime as ort

    assert entry["onnxruntime"] == ort.__version__ and entry["cpu"] == prepared_graphs.cpu_signature()
    for plain, prepared in entry["graphs"].items():
        assert plain in manifest["graphs"].values()
        assert {prepared, prepared + ".data"} <= set(manifest["files"])
    assert verify_files(folder, manifest) == []


def test_prepared_graphs_are_opened_and_caption_identically(tiny_export, real_photos, monkeypatch,
                                                            tmp_path):
    folder = tiny_export("vit_gpt2", "int8")
    plain = _copy(folder, tmp_path)
    manifest = json.loads((plain / "manifest.json").read_text())
    del manifest["prepared"]
    (plain / "manifest.json").write_text(json.dumps(manifest))
    opened = _opened(monkeypatch)
    options = CaptionOptions(max_length=12)
    fast = OnnxCaptioner(folder, device="cpu")
    assert opened and all(name.endswith(prepared_graphs.SUFFIX) for name in opened)
    slow = OnnxCaptioner(plain, device="cpu")
    for image in real_photos[:3]:
        assert (fast.generate_ids(image, options).token_ids
                == slow.generate_ids(image, options).token_ids)


@pytest.mark.parametrize("change", ["onnxruntime", "cpu", "broken file"])
def test_mismatch_or_damage_falls_back_to_the_plain_graph(change, tiny_export, real_photos,
                                                         monkeypatch, tmp_path):
    folder = _copy(tiny_export("vit_gpt2", "int8"), tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    if change == "broken file":
        for prepared in manifest["prepared"]["graphs"].values():
            (folder / prepared).write_bytes(b"not a graph")
    else:
        manifest["prepared"][change] = "something else"
        (folder / "manifest.json").write_text(json.dumps(manifest))
    opened = _opened(monkeypatch)
    captioner = OnnxCaptioner(folder, device="cpu")
    plain = [name for name in opened if not name.endswith(prepared_graphs.SUFFIX)]
    assert sorted(plain) == sorted(manifest["graphs"].values())
    assert captioner.generate_ids(real_photos[0], CaptionOptions(max_length=5)).token_ids is not None
