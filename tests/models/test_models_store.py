"""Installed models: import (folder, HF cache), list, use, remove, and no network use."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from conftest import NEEDED, TINY_ID, tiny_files

from alttext_app.cli.main import main
from alttext_app.core.errors import DownloadError, ModelNotFoundError
from alttext_app.core.models import store
from alttext_app.core.models.importer import import_model
from alttext_app.core.session import Session, default_session


def write_folder(folder: Path, files: dict[str, bytes] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in (files or tiny_files()).items():
        (folder / name).write_bytes(data)
    return folder


def write_cache(hf_home: Path, repo_id: str, files: dict[str, bytes], rev: str = "a" * 40) -> Path:
    """The Hugging Face cache layout: blobs named by hash, snapshot links, refs/main."""
    repo = hf_home / "hub" / ("models--" + repo_id.replace("/", "--"))
    (repo / "blobs").mkdir(parents=True)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(rev)
    snapshot = repo / "snapshots" / rev
    snapshot.mkdir(parents=True)
    for name, data in files.items():
        if len(data) >= 100_000:
            blob = hashlib.sha256(data).hexdigest()
        else:
            blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
        (repo / "blobs" / blob).write_bytes(data)
        os.symlink(f"../../blobs/{blob}", snapshot / name)
    return repo


def test_import_folder(tmp_path, catalogue, no_network):
    source = write_folder(tmp_path / "carried" / "my-captioner")
    model = import_model(str(source))
    assert model.name == "my-captioner" and model.source == "import"
    assert {p.name for p in model.path.iterdir()} == NEEDED | {store.MANIFEST}
    assert store.installed_model_dir("my-captioner") == model.path
    assert model.family == "vision-encoder-decoder"
    assert no_network == []


def test_import_folder_keeps_onnx_export(tmp_path, catalogue):
    source = write_folder(tmp_path / "m")
    export = source / "onnx-int8"
    export.mkdir()
    (export / "manifest.json").write_text("{}")
    (export / "decoder.onnx").write_bytes(b"onnx")
    (export / "hack.py").write_text("print('no')")
    model = import_model(str(source), name=TINY_ID)
    assert model.name == TINY_ID and model.has_onnx
    assert sorted(p.name for p in (model.path / "onnx-int8").iterdir()) == [
        "decoder.onnx", "manifest.json"
    ]


@pytest.mark.parametrize("which", ["repo", "snapshot", "hf_home", "catalogue_name"])
def test_import_from_hf_cache(tmp_path, catalogue, monkeypatch, no_network, which):
    hf_home = tmp_path / "hf"
    repo = write_cache(hf_home, TINY_ID, tiny_files())
    monkeypatch.setenv("HF_HOME", str(hf_home))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    source = {
        "repo": str(repo),
        "snapshot": str(repo / "snapshots" / ("a" * 40)),
        "hf_home": str(hf_home),
        "catalogue_name": "tiny",
    }[which]
    model = import_model(source)
    assert model.name == TINY_ID and model.revision == "a" * 40
    assert {p.name for p in model.path.iterdir()} == NEEDED | {store.MANIFEST}
    for name in NEEDED:  # real files, not links into the cache
        assert not (model.path / name).is_symlink()
        assert (model.path / name).read_bytes() == tiny_files()[name]


def test_import_rejects_corrupt_cache_blob(tmp_path, catalogue):
    repo = write_cache(tmp_path / "hf", TINY_ID, tiny_files())
    blob = (repo / "snapshots" / ("a" * 40) / "model.safetensors").resolve()
    data = bytearray(blob.read_bytes())
    data[-1] ^= 0xFF
    blob.write_bytes(bytes(data))
    with pytest.raises(DownloadError, match="corrupt"):
        import_model(str(repo))
    assert store.list_installed() == []


def test_import_rejects_truncated_weights_and_non_models(tmp_path, catalogue):
    files = tiny_files()
    files["model.safetensors"] = files["model.safetensors"][:-100]
    with pytest.raises(DownloadError, match="damaged or incomplete"):
        import_model(str(write_folder(tmp_path / "short", files)))
    (tmp_path / "photos").mkdir()
    with pytest.raises(DownloadError, match="not a model"):
        import_model(str(tmp_path / "photos"))
    with pytest.raises(DownloadError, match="no folder"):
        import_model(str(tmp_path / "missing"))
    assert store.list_installed() == []


def test_pickles_skipped_when_safetensors_exist(tmp_path, catalogue):
    model = import_model(str(write_folder(tmp_path / "m")))
    assert not (model.path / "pytorch_model.bin").exists()
    assert not (model.path / "modeling_evil.py").exists()


def test_active_model_follows_setting_then_recommendation(tmp_path, catalogue):
    session = default_session()
    assert session.active_model() is None  # nothing installed: the built-in describer
    other = session.import_model(str(write_folder(tmp_path / "aaa-other")))
    assert session.active_model() == other.path  # the only installed model
    tiny = session.import_model(str(write_folder(tmp_path / "t")), name="tiny")
    assert session.active_model() == tiny.path  # the recommended one wins over the first
    assert main(["models", "use", "aaa-other"]) == 0
    assert Session().settings.model == "aaa-other"
    assert session.active_model() == other.path
    assert main(["models", "use", "builtin"]) == 0
    assert session.active_model() is None
    assert main(["models", "use", "auto"]) == 0
    assert session.active_model() == tiny.path
    assert main(["models", "use", "aaa-other"]) == 0
    session.remove_model("aaa-other")
    assert Session().settings.model == "auto"  # no stale choice after removal
    assert session.active_model() == tiny.path
    assert store.active_model_dir("aaa-other") == tiny.path  # a stale choice falls back


def test_models_dir_setting(tmp_path, catalogue, monkeypatch):
    monkeypatch.delenv("ALTTEXT_MODELS_DIR")
    session = Session()
    session.update(models_dir=str(tmp_path / "elsewhere"))
    assert session.models_root() == store.models_root() == tmp_path / "elsewhere"
    model = session.import_model(str(write_folder(tmp_path / "m")))
    assert model.path.parent == tmp_path / "elsewhere"
    session.update(models_dir="")


def test_cli_list_import_remove(tmp_path, catalogue, capsys, no_network):
    source = write_folder(tmp_path / "m")
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "none (captions come from the built-in describer)" in out
    assert "tiny" in out and TINY_ID in out and "recommended" in out

    assert main(["models", "import", str(source), "--name", "tiny"]) == 0
    assert "Imported test-org/tiny-captioner" in capsys.readouterr().out
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    size = store.format_bytes(store.folder_size(store.installed_model_dir("tiny")))
    assert f"{TINY_ID}  {size}  vision-encoder-decoder  [active]" in out

    assert main(["models", "remove", "tiny"]) == 0
    assert f"Removed {TINY_ID}; freed {size}." in capsys.readouterr().out
    assert store.list_installed() == []
    assert all(  # only the (empty) per-model lock files stay
        p.name.startswith(".") and all(f.suffix == ".lock" for f in p.iterdir())
        for p in store.models_root().iterdir()
    )
    assert main(["models", "remove", "tiny"]) == 1
    assert "No model called “tiny” is installed" in capsys.readouterr().err
    assert main(["models", "pull", "nope"]) == 1
    assert "not in the model catalogue" in capsys.readouterr().err
    assert no_network == []


def test_remove_never_leaves_the_model_folder(tmp_path, catalogue):
    with pytest.raises(ModelNotFoundError):
        store.remove_model("../../etc")
    with pytest.raises(ModelNotFoundError):
        store.remove_model(".partial")


def test_real_catalogue_is_complete():
    from alttext_app.core.models.catalogue import load_catalogue

    entries = load_catalogue()
    ids = {e.id for e in entries}
    assert {
        "nlpconnect/vit-gpt2-image-captioning", "Mozilla/distilvit",
        "Salesforce/blip-image-captioning-base", "Salesforce/blip-image-captioning-large",
        "microsoft/git-base-coco", "florence-community/Florence-2-base",
    } <= ids
    assert sum(e.recommended for e in entries) == 1
    for entry in entries:
        assert entry.revision and entry.download_bytes > 0 and entry.license and entry.good_at
    raw = json.loads((Path(__file__).parents[2] / "models" / "catalogue.json").read_text())
    assert len(raw["models"]) == len(entries)


def test_load_dir_prefers_the_int8_export(tmp_path, catalogue):
    model = import_model(str(write_folder(tmp_path / "m")))
    assert store.load_dir_for(model.path) == model.path  # no export yet: the HF folder
    for name in ("onnx-fp32", "onnx-int8"):
        export = model.path / name
        export.mkdir()
        (export / "manifest.json").write_text("{}")
        (export / "decoder.onnx").write_bytes(b"x")
    assert store.load_dir_for(model.path) == model.path / "onnx-int8"
    assert store.load_dir_for(model.path, "onnx") == model.path / "onnx-int8"
    assert store.load_dir_for(model.path, "torch") == model.path
    assert store.find_installed(model.name).has_onnx
