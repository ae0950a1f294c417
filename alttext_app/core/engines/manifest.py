"""Reading and checking `manifest.json` of ONNX exports (format documented in engines.family)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from alttext_app.core.checksums import sha256_file
from alttext_app.core.errors import ModelError

__all__ = ["is_onnx_export", "read_manifest", "sha256_file", "verify_files", "write_manifest"]

MANIFEST = "manifest.json"
FORMAT = "alttext-onnx"
FORMAT_VERSION = 1


def is_onnx_export(model_dir: Path) -> bool:
    return (Path(model_dir) / MANIFEST).is_file()


def file_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under folder except the manifest, keyed by relative POSIX path."""
    return {
        path.relative_to(folder).as_posix(): sha256_file(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }


def read_manifest(model_dir: Path) -> dict[str, Any]:
    path = Path(model_dir) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"The export's {MANIFEST} cannot be read.", detail=str(exc)) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ModelError(f"“{Path(model_dir).name}” is not an AltText ONNX export.")
    if int(data.get("format_version", 0)) > FORMAT_VERSION:
        raise ModelError("This export was made by a newer AltText; update AltText to use it.")
    return data


def verify_files(model_dir: Path, manifest: dict[str, Any]) -> list[str]:
    """Relative paths whose sha256 differs from the manifest (or that are missing)."""
    bad = []
    for rel, expected in manifest.get("files", {}).items():
        path = Path(model_dir) / rel
        if not path.is_file() or sha256_file(path) != expected:
            bad.append(rel)
    return bad


def write_manifest(model_dir: Path, manifest: dict[str, Any]) -> Path:
    path = Path(model_dir) / MANIFEST
    path.write_text(json.dumps(manifest, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return path
