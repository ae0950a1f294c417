"""Find the images in folders and file lists, in a stable order, skipping everything else."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from alttext_app.core.images import SUPPORTED_SUFFIXES


def is_image_name(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


@dataclass
class ScanResult:
    images: list[Path] = field(default_factory=list)
    skipped: int = 0  # files that are not images (by name)
    missing: list[Path] = field(default_factory=list)  # arguments that do not exist


def find_images(roots: Iterable[str | Path], recursive: bool = False) -> ScanResult:
    """Images among `roots` (files or folders), absolute, sorted, each once.

    Folders are read one level deep unless `recursive`; hidden files and folders are left out
    (thumbnails caches, .git), and symbolic links to folders are not followed (no loops).
    """
    result = ScanResult()
    seen: set[Path] = set()

    def add(path: Path) -> None:
        if not is_image_name(path):
            result.skipped += 1
        elif path not in seen:
            seen.add(path)
            result.images.append(path)

    for root in roots:
        path = Path(root).expanduser().absolute()
        if path.is_file():
            add(path)
        elif path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if recursive else []
                for name in sorted(files):
                    if not name.startswith("."):
                        add(Path(folder) / name)
        else:
            result.missing.append(path)
    result.images.sort()
    return result
