"""File checksums shared by the model store, the downloader, ONNX exports and built-in assets."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

CHUNK = 1 << 20


def hash_file(path: Path, digest: Any) -> str:
    """Feed a file to `digest` (a hashlib object, maybe already primed) in chunks; its hex digest."""
    with Path(path).open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def sha256_file(path: Path) -> str:
    return hash_file(path, hashlib.sha256())


def git_blob_sha1(path: Path) -> str:
    """The git blob id the hub reports for small (non-LFS) files: sha1("blob <size>\\0" + content)."""
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update(f"blob {Path(path).stat().st_size}\0".encode())
    return hash_file(path, digest)
