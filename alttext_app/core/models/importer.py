"""Import a model carried over on a disk: a Hugging Face format folder or a Hugging Face cache.

Accepted PATHs:
- a model folder (config.json + weights), e.g. one saved with `save_pretrained`;
- a cache snapshot `models--org--name/snapshots/<rev>/`, or the `models--org--name/` folder itself
  (the snapshot named by refs/main, else the newest), or a hub cache folder holding one model;
- a catalogue name (e.g. "blip-base"), looked up in the local Hugging Face cache (HF_HOME);
- an ONNX export folder made by `alttext export` (manifest.json): the only kind a bundle without
  PyTorch can run. Its files are checked against the manifest's sha256 list and it is installed
  as `<name>/onnx-<int8|fp32>/`, the layout `store.load_dir_for` picks for the ONNX backend.
Only the files a captioner needs are copied (never *.py remote code), cache files are checked against
the hashes their blob names carry, and the copy lands atomically like a download. No network use.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from pathlib import Path

from alttext_app.core.checksums import git_blob_sha1, sha256_file
from alttext_app.core.engines import manifest as onnx_manifest
from alttext_app.core.errors import DownloadError, ModelError
from alttext_app.core.models.catalogue import find_entry, folder_name_for
from alttext_app.core.models.hub_files import PICKLE_WEIGHTS, SAFETENSORS_INDEX, SUPPORT_FILES
from alttext_app.core.models.store import (
    STAGING,
    InstalledModel,
    detect_family,
    find_installed,
    land,
    models_root,
    onnx_export_dirs,
    write_manifest,
)

log = logging.getLogger(__name__)

_HEX40 = re.compile(r"^[0-9a-f]{40}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def hf_cache_dir() -> Path:
    """The local Hugging Face hub cache (HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub)."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    home = os.environ.get("HF_HOME") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "huggingface"
    )
    return Path(home).expanduser() / "hub"


def _pick_snapshot(repo_dir: Path) -> Path:
    snapshots = repo_dir / "snapshots"
    ref = repo_dir / "refs" / "main"
    if ref.is_file():
        candidate = snapshots / ref.read_text(encoding="utf-8").strip()
        if candidate.is_dir():
            return candidate
    found = sorted((p for p in snapshots.glob("*") if p.is_dir()), key=lambda p: p.stat().st_mtime)
    if not found:
        raise DownloadError(f"The cached model in {repo_dir} has no downloaded files.")
    return found[-1]


def _repo_id_from_cache_name(name: str) -> str | None:
    if not name.startswith("models--"):
        return None
    return name[len("models--"):].replace("--", "/", 1)


def resolve_source(source: str) -> tuple[Path, str | None, str]:
    """(folder holding the files, repo id if known, revision if known) for an import source."""
    path = Path(source).expanduser()
    if not path.exists():
        entry = find_entry(source)
        if entry is None:
            raise DownloadError(f"There is no folder at {source}.")
        path = hf_cache_dir() / f"models--{entry.folder_name}"
        if not path.is_dir():
            raise DownloadError(
                f"{entry.id} is not in the Hugging Face cache at {hf_cache_dir()}; "
                "give the model folder's path instead."
            )
    if not path.is_dir():
        raise DownloadError(f"{path} is a file; give the model's folder instead.")
    if path.parent.name == "snapshots":  # models--org--name/snapshots/<rev>/
        return path, _repo_id_from_cache_name(path.parent.parent.name), path.name
    if (path / "snapshots").is_dir():  # models--org--name/
        snapshot = _pick_snapshot(path)
        return snapshot, _repo_id_from_cache_name(path.name), snapshot.name
    cached = sorted(p for p in path.glob("models--*") if (p / "snapshots").is_dir())
    if not cached and (path / "hub").is_dir():  # HF_HOME itself
        cached = sorted(p for p in (path / "hub").glob("models--*") if (p / "snapshots").is_dir())
    if cached:
        usable = [p for p in cached if (_pick_snapshot_or_none(p) / "config.json").is_file()]
        if len(usable) != 1:
            names = ", ".join(_repo_id_from_cache_name(p.name) or p.name for p in usable) or "none"
            raise DownloadError(
                f"That cache holds several models ({names}); give one model's folder instead."
            )
        snapshot = _pick_snapshot(usable[0])
        return snapshot, _repo_id_from_cache_name(usable[0].name), snapshot.name
    return path, None, ""


def _pick_snapshot_or_none(repo_dir: Path) -> Path:
    try:
        return _pick_snapshot(repo_dir)
    except DownloadError:
        return repo_dir / "missing"


def _wanted(name: str) -> bool:
    return (
        name in SUPPORT_FILES
        or name in PICKLE_WEIGHTS
        or name == SAFETENSORS_INDEX
        or name.endswith(".safetensors")
        or (name.startswith("pytorch_model-") and name.endswith(".bin"))
    )


def _check_cache_hash(source: Path, copied: Path) -> None:
    """Cache files are links to blobs named by their hash: check the copy against it."""
    if not source.is_symlink():
        return
    blob = os.path.basename(os.readlink(source))
    if _HEX64.match(blob):
        ok = sha256_file(copied) == blob
    elif _HEX40.match(blob):
        ok = git_blob_sha1(copied) == blob
    else:
        return
    if not ok:
        raise DownloadError(f"The cached file {source.name} is corrupt (its checksum does not match).")


def _copy_files(source: Path, staging: Path) -> list[str]:
    copied = []
    has_safetensors = any(source.glob("*.safetensors"))
    for item in sorted(source.iterdir()):
        if not item.is_file() or not _wanted(item.name):
            continue
        if has_safetensors and (item.name in PICKLE_WEIGHTS or item.name.endswith(".bin")):
            continue  # never pickled weights when safetensors exist
        shutil.copyfile(item, staging / item.name)  # follows cache links to the blob
        _check_cache_hash(item, staging / item.name)
        copied.append(item.name)
    for export in onnx_export_dirs(source):  # an ONNX export made by `alttext export` comes along
        if export == source:
            continue
        shutil.copytree(export, staging / export.name, ignore=shutil.ignore_patterns("*.py"))
        copied.append(export.name + "/")
    return copied


def _validate(staging: Path) -> str:
    """The model family; raises DownloadError if the folder cannot be a captioning model."""
    config = staging / "config.json"
    if config.is_file():
        try:
            json.loads(config.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise DownloadError("The model's config.json is damaged.") from exc
        if not any(staging.glob("*.safetensors")) and not any(staging.glob("*.bin")):
            raise DownloadError("The folder has a config.json but no model weights.")
        for weights in staging.glob("*.safetensors"):
            _check_safetensors_header(weights)
        return detect_family(staging)
    if onnx_export_dirs(staging):
        return detect_family(staging)
    raise DownloadError("That folder is not a model: it has no config.json and no ONNX export.")


def _check_safetensors_header(path: Path) -> None:
    """Cheap check that a safetensors file is whole: its JSON header parses and sizes add up."""
    try:
        with path.open("rb") as handle:
            length = int.from_bytes(handle.read(8), "little")
            if length <= 0 or length > 100_000_000:
                raise ValueError("bad header length")
            header = json.loads(handle.read(length))
        end = max((v["data_offsets"][1] for k, v in header.items() if k != "__metadata__"),
                  default=0)
        if path.stat().st_size != 8 + length + end:
            raise ValueError("size does not match the header")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DownloadError(f"The weights file {path.name} is damaged or incomplete.") from exc


def _export_model_id(folder: Path, export: dict) -> str:
    """A name for an imported export: the catalogue id of the model it was made from, if known."""
    source = export.get("source") if isinstance(export.get("source"), dict) else {}
    for guess in (str(source.get("name") or ""), Path(str(source.get("model_dir") or "")).name):
        entry = find_entry(guess) if guess else None
        if entry is not None:
            return entry.id
    return folder.name


def _copy_export(folder: Path, export: dict, target: Path) -> list[str]:
    """Copy the files the manifest lists (and the manifest), then check each copy's sha256."""
    hashes = export.get("files")
    if not isinstance(hashes, dict) or not hashes:
        raise DownloadError("The export's manifest.json lists no file checksums, so it cannot be checked.")
    target.mkdir(parents=True)
    for rel in hashes:
        parts = Path(rel).parts
        if Path(rel).is_absolute() or ".." in parts or not parts or rel.endswith(".py"):
            raise DownloadError(f"The export's manifest.json names an unsafe file, {rel}.")
        if not (folder / rel).is_file():
            raise DownloadError(f"The export is incomplete: {rel} is missing.")
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / rel, target / rel)
    shutil.copyfile(folder / onnx_manifest.MANIFEST, target / onnx_manifest.MANIFEST)
    bad = onnx_manifest.verify_files(target, export)  # the copy is what will run, so check it
    if bad:
        raise DownloadError(
            f"The export is corrupt: {bad[0]} does not match the checksum in its manifest.json."
        )
    return sorted(f"{target.name}/{rel}" for rel in hashes)


def _import_export(folder: Path, name: str | None) -> InstalledModel:
    try:
        export = onnx_manifest.read_manifest(folder)
    except ModelError as exc:
        raise DownloadError(exc.user_message, detail=exc.detail) from exc
    entry = find_entry(name or "")
    model_id = entry.id if entry else (name or _export_model_id(folder, export))
    sub = f"onnx-{export.get('quantize') or 'fp32'}"
    family = str(export.get("family") or "unknown")

    def fill(staging: Path) -> dict:
        files = _copy_export(folder, export, staging / sub)
        return {"family": family, "files": files}

    return _install(model_id, folder, "", fill)


def import_model(source: str, name: str | None = None, *, origin: str = "import") -> InstalledModel:
    """Copy a local model into the model folder; returns it installed. No network use.

    `origin` is recorded as the manifest's "source"; "trained" models are never picked by "auto"."""
    folder, repo_id, revision = resolve_source(source)
    if onnx_manifest.is_onnx_export(folder):
        return _import_export(folder, name)
    if repo_id is None:
        try:
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            guess = str(config.get("_name_or_path") or "")
        except (OSError, ValueError):
            guess = ""
        entry = find_entry(guess) if guess else None
        repo_id = entry.id if entry else None
    entry = find_entry(name or repo_id or "")
    model_id = entry.id if entry else (name or repo_id or folder.name)

    def fill(staging: Path) -> dict:
        copied = _copy_files(folder, staging)
        return {"family": _validate(staging), "files": copied}

    return _install(model_id, folder, revision, fill, origin)


def _install(model_id: str, folder: Path, revision: str, fill, origin: str = "import") -> InstalledModel:  # noqa: ANN001
    """Stage the copy made by `fill(staging)` (-> family and files), write alttext-model.json, and
    rename it into the model folder, so a failed or corrupt import never looks installed."""
    target_name = folder_name_for(model_id)
    if target_name.startswith(".") or not re.match(r"^[\w.\-]+$", target_name):
        raise DownloadError(f"“{model_id}” cannot be used as a model name.")
    root = models_root()
    staging = root / STAGING / f"import-{target_name}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    try:
        filled = fill(staging)
        write_manifest(
            staging,
            {
                "id": model_id,
                "revision": revision,
                "family": filled["family"],
                "source": origin,
                "imported_from": str(folder),
                "files": filled["files"],
            },
        )
        land(staging, root / target_name)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise DownloadError(f"Could not copy the model: {exc.strerror or exc}.") from exc
    except DownloadError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info("imported %s from %s", model_id, folder)
    installed = find_installed(target_name)
    assert installed is not None
    return installed
