"""The catalogue of supported captioning models: data in `models/catalogue.json`, read here.

The catalogue is data, not code, so a new model or a new pinned revision needs no code change.
Reading it never touches the network.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from alttext_app.core.errors import DownloadError

log = logging.getLogger(__name__)

CATALOGUE_ENV = "ALTTEXT_CATALOGUE"  # tests and packagers may point at another catalogue file


@dataclass(frozen=True)
class CatalogueEntry:
    id: str  # Hugging Face repo id, e.g. "Salesforce/blip-image-captioning-base"
    aliases: tuple[str, ...]  # short names people type, e.g. ("blip-base",)
    family: str  # transformers model_type: vision-encoder-decoder, blip, git, florence2
    revision: str  # pinned commit sha of the model repo
    download_bytes: int  # what a pull downloads (the files in `files`), for the size column
    license: str
    good_at: str  # one line for people
    coco_cider: float | None  # published COCO Karpathy test CIDEr, None where not published
    onnx_recommended: bool  # export to ONNX int8 after download (faster on CPU)
    recommended: bool = False  # the suggested first download
    files: tuple[str, ...] = field(default_factory=tuple)  # exact files to fetch; () = by pattern
    task: str = "caption"  # "caption", "translation" (English captions into a language), "question"

    @property
    def alias(self) -> str:
        return self.aliases[0] if self.aliases else self.id

    @property
    def folder_name(self) -> str:
        return folder_name_for(self.id)

    @property
    def pinned(self) -> bool:
        """True when the revision is a full commit sha (a branch name like "main" can move)."""
        return len(self.revision) == 40 and all(c in "0123456789abcdef" for c in self.revision)


def folder_name_for(repo_id: str) -> str:
    """The folder an installed model lives in: "org/name" becomes "org--name" (as in the HF cache)."""
    return repo_id.replace("/", "--")


def catalogue_path() -> Path:
    override = os.environ.get(CATALOGUE_ENV)
    if override:
        return Path(override).expanduser()
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "models" / "catalogue.json"
    return Path(__file__).resolve().parents[3] / "models" / "catalogue.json"


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> tuple[CatalogueEntry, ...]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    entries = []
    for raw in data["models"]:
        raw = dict(raw)
        raw["files"] = tuple(raw.get("files", ()))
        raw["aliases"] = tuple(raw.get("aliases", ()))
        raw.pop("note", None)  # free text for people reading the JSON
        entries.append(CatalogueEntry(**raw))
    return tuple(entries)


def read_catalogue() -> list[CatalogueEntry]:
    """All catalogue entries; raises DownloadError (one sentence) if the file is missing or damaged."""
    path = catalogue_path()
    try:
        return list(_load(str(path), path.stat().st_mtime))
    except FileNotFoundError as exc:
        raise DownloadError(
            f"The model catalogue {path} is missing, so AltText cannot list or download "
            "catalogue models; reinstall AltText to restore it.", detail=str(exc)
        ) from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("could not read the model catalogue %s", path, exc_info=True)
        raise DownloadError(
            f"The model catalogue {path} cannot be read, so AltText cannot list or download "
            "catalogue models; reinstall AltText to restore it.", detail=repr(exc)
        ) from exc


def load_catalogue() -> list[CatalogueEntry]:
    """All catalogue entries, or none if the catalogue cannot be read: for callers that only look
    names up (installed models must keep working); `read_catalogue` is for those that show it."""
    try:
        return read_catalogue()
    except DownloadError:
        log.warning("the model catalogue is unavailable; treating it as empty")
        return []


def find_entry(name: str) -> CatalogueEntry | None:
    """The entry for a repo id, alias or folder name (case-insensitive), or None."""
    wanted = name.strip().lower()
    for entry in load_catalogue():
        names = (entry.id, entry.folder_name, *entry.aliases)
        if wanted in (n.lower() for n in names):
            return entry
    return None


def require_entry(name: str) -> CatalogueEntry:
    read_catalogue()  # a missing catalogue is its own error, not "not in the catalogue"
    entry = find_entry(name)
    if entry is None:
        raise DownloadError(
            f"“{name}” is not in the model catalogue; “alttext models list” shows the names."
        )
    return entry


def recommended_entry() -> CatalogueEntry | None:
    entries = load_catalogue()
    for entry in entries:
        if entry.recommended:
            return entry
    return entries[0] if entries else None
