"""The user's installed models: list them, find one by name, pick the active one, remove one.

Layout under the model folder (`models_root()`):
    <org>--<name>/             one installed model in Hugging Face format (config.json, weights...)
        alttext-model.json     what AltText knows about it: id, revision, family, source, file hashes
        onnx-int8/manifest.json  an optional ONNX export made by alttext_app.core.engines.export
    .partial/                  downloads in progress (never listed; see downloader.py)
A folder appears here only once complete: downloads and imports are staged, then renamed in.
Nothing in this module touches the network.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from alttext_app.core import paths
from alttext_app.core.errors import ModelBusyError, ModelNotFoundError
from alttext_app.core.models.catalogue import find_entry, folder_name_for, load_catalogue

log = logging.getLogger(__name__)

MANIFEST = "alttext-model.json"
STAGING = ".partial"
AUTO_NAMES = ("", "auto")


TRAINED = "trained"  # alttext-model.json "source" of models made by `alttext train`


@dataclass(frozen=True)
class InstalledModel:
    name: str  # catalogue id when known ("Salesforce/blip-image-captioning-base"), else folder name
    path: Path
    size_bytes: int
    family: str  # transformers model_type ("blip", "git", ...), or "unknown"
    has_onnx: bool  # holds an ONNX export the onnx engine can load
    revision: str = ""
    source: str = ""  # "download", "import" or "trained" (made by `alttext train`)

    @property
    def folder_name(self) -> str:
        return self.path.name


_configured_root: Path | None = None  # the `models_dir` setting, handed over by the Session


def set_models_root(path: Path | None) -> None:
    """Use `path` as the model folder (None: the platform one). Called by the Session, which owns
    the settings; this module never reads them."""
    global _configured_root
    _configured_root = path


def models_root() -> Path:
    """The model folder: $ALTTEXT_MODELS_DIR, else the `models_dir` setting, else the platform one."""
    if os.environ.get("ALTTEXT_MODELS_DIR") or _configured_root is None:
        return paths.models_dir()
    return _configured_root


def folder_size(path: Path) -> int:
    """Bytes used by the files under `path` (links are not followed, so nothing is counted twice)."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(root, name)).st_size
    return total


def read_manifest(model_dir: Path) -> dict:
    try:
        return json.loads((model_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_manifest(model_dir: Path, data: dict) -> None:
    (model_dir / MANIFEST).write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")


def detect_family(model_dir: Path) -> str:
    """The transformers model_type from config.json, or from an ONNX export's manifest."""
    for candidate in (model_dir / "config.json", *sorted(model_dir.glob("*/config.json"))):
        try:
            model_type = json.loads(candidate.read_text(encoding="utf-8")).get("model_type")
        except (OSError, ValueError, AttributeError):
            continue
        if model_type:
            return str(model_type)
    return "unknown"


def onnx_export_dirs(model_dir: Path) -> list[Path]:
    """Sub-folders (or the folder itself) holding an ONNX export: a manifest.json beside *.onnx."""
    found = []
    for candidate in (model_dir, *sorted(p for p in model_dir.iterdir() if p.is_dir())):
        if (candidate / "manifest.json").is_file() and any(candidate.glob("*.onnx")):
            found.append(candidate)
    return found


def load_dir_for(model_dir: Path, backend: str = "auto") -> Path:
    """The folder an engine should load: for backend auto/onnx, an installed model's ONNX export
    (`onnx-int8/` first) when it has one, since that runs fast without PyTorch; else the folder."""
    if backend not in ("auto", "onnx") or not model_dir.is_dir():
        return model_dir
    if (model_dir / "manifest.json").is_file():
        return model_dir  # already an export
    exports = [p for p in onnx_export_dirs(model_dir) if p != model_dir]
    exports.sort(key=lambda p: (p.name != "onnx-int8", p.name))
    return exports[0] if exports else model_dir


def looks_like_model(path: Path) -> bool:
    """A folder a captioning engine could load: a transformers config or an ONNX export."""
    return path.is_dir() and ((path / "config.json").is_file() or bool(onnx_export_dirs(path)))


def _describe(model_dir: Path) -> InstalledModel:
    manifest = read_manifest(model_dir)
    name = manifest.get("id") or model_dir.name
    return InstalledModel(
        name=name,
        path=model_dir,
        size_bytes=folder_size(model_dir),
        family=manifest.get("family") or detect_family(model_dir),
        has_onnx=bool(onnx_export_dirs(model_dir)),
        revision=manifest.get("revision", ""),
        source=manifest.get("source", ""),
    )


def list_installed() -> list[InstalledModel]:
    """Complete installed models, sorted by name. Staging and hidden folders are skipped."""
    root = models_root()
    if not root.is_dir():
        return []
    models = []
    for child in sorted(root.iterdir()):
        if child.name.startswith(".") or not child.is_dir():
            continue
        if not looks_like_model(child):
            log.info("skipping %s: not a model folder", child)
            continue
        models.append(_describe(child))
    return models


def installed_model_dir(name: str) -> Path | None:
    """The folder of an installed model named by catalogue id, short alias or folder name."""
    wanted = name.strip()
    if not wanted:
        return None
    root = models_root()
    candidates = [wanted, folder_name_for(wanted)]
    entry = find_entry(wanted)
    if entry is not None:
        candidates.append(entry.folder_name)
    for candidate in candidates:
        if candidate.startswith(".") or "/" in candidate or "\\" in candidate:
            continue  # never resolve to staging or outside the model folder
        path = root / candidate
        if looks_like_model(path):
            return path
    lowered = wanted.lower()
    for model in list_installed():  # case-insensitive, and ids recorded in manifests (imports)
        if lowered in (model.name.lower(), model.folder_name.lower()):
            return model.path
    return None


def find_installed(name: str) -> InstalledModel | None:
    path = installed_model_dir(name)
    return _describe(path) if path is not None else None


def active_model_dir(chosen: str = "auto") -> Path | None:
    """The model to use for the choice `chosen` (the `model` setting): that model if installed,
    else the recommended installed model, else the first installed one that is not user-trained,
    else None (the built-in describer). A model made by `alttext train` runs only when the user
    chooses it by name. Walks the model folder: callers cache it (the Session does)."""
    chosen = chosen.strip()
    if chosen == "builtin":
        return None
    if chosen not in AUTO_NAMES:
        path = Path(chosen).expanduser()
        if path.is_absolute() and looks_like_model(path):
            return path
        found = installed_model_dir(chosen)
        if found is not None:
            return found
        log.warning("the chosen model %r is not installed; using the next best one", chosen)
    # Translation models (core.translation) and question-only models never write alt text.
    installed = [m for m in list_installed()
                 if m.source != TRAINED and m.family not in ("marian",) and _writes_captions(m.path)]
    if not installed:
        return None
    by_path = {model.path: model for model in installed}
    for entry in load_catalogue():  # catalogue order: recommended first, then the rest in order
        if entry.recommended:
            path = models_root() / entry.folder_name
            if path in by_path:
                return path
    return installed[0].path


def _writes_captions(model_dir: Path) -> bool:
    """False for question-only models (BLIP-VQA): "auto" never picks them for alt text."""
    from alttext_app.core.engines.registry import family_for_dir
    from alttext_app.core.errors import ModelError

    try:
        return family_for_dir(load_dir_for(model_dir)).writes_captions
    except ModelError:
        return True  # unknown here: loading it later gives the one clear error


def model_name(path: Path | None) -> str:
    """A name for a model folder, for lists and status lines ("builtin" for None)."""
    if path is None:
        return "builtin"
    return read_manifest(path).get("id") or path.name


def remove_model(name: str) -> tuple[str, int]:
    """Delete an installed model and its unfinished downloads; returns (name, bytes freed).
    Refused (ModelBusyError) while that model is being downloaded; ModelNotFoundError when there
    is nothing of it to remove."""
    path = installed_model_dir(name)
    entry = find_entry(name)
    folder = path.name if path is not None else (entry.folder_name if entry else "")
    missing = ModelNotFoundError(f"No model called “{name}” is installed; see “alttext models list”.")
    root = models_root().resolve()
    if not folder or not (root / STAGING).is_dir() and path is None:
        raise missing
    model = _describe(path) if path is not None else None
    if path is not None and path.resolve().parent != root:  # never delete outside the model folder
        raise ModelNotFoundError(f"“{name}” is not inside the model folder, so it was not removed.")
    label = model.name if model else (entry.id if entry else name)
    with model_lock(root, folder, f"{label} is being downloaded; cancel the download, then remove it."):
        freed = 0
        for partial in sorted((root / STAGING).glob(f"{folder}@*")):  # unfinished downloads
            freed += folder_size(partial)
            shutil.rmtree(partial, ignore_errors=True)
        if model is None:
            if not freed:
                raise missing
            return label, freed
        # Rename first so a half-deleted folder never looks installed, then delete.
        trash = root / STAGING / f"removing-{folder}"
        if trash.exists():
            shutil.rmtree(trash, ignore_errors=True)
        model.path.rename(trash)
        shutil.rmtree(trash, ignore_errors=True)
    log.info("removed %s (%d bytes)", model.name, model.size_bytes + freed)
    return model.name, model.size_bytes + freed


def land(staging: Path, target: Path) -> None:
    """Move a verified download into place; an older copy is replaced only after it succeeds."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        if old.exists():
            shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    try:
        staging.rename(target)
    except OSError:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:  # its ONNX export was made from the old weights, so it goes too
        shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def model_lock(root: Path, folder_name: str, busy_message: str) -> Iterator[None]:
    """Hold the lock of one model folder across processes (the window and the command line): a
    download and a removal of the same model never overlap. Raises ModelBusyError(busy_message)
    when another holder has it. The lock goes with the file handle, also if the process dies."""
    (root / STAGING).mkdir(parents=True, exist_ok=True)
    handle = (root / STAGING / f"{folder_name}.lock").open("a+b")
    try:
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise ModelBusyError(busy_message) from exc
        yield
    finally:
        handle.close()


def format_bytes(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{size} bytes"
