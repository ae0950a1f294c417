"""Image–caption pairs from a folder (captions.jsonl / captions.csv) or a COCO captions JSON.

Formats (paths are relative to the file that names them):
- captions.jsonl: one JSON object per line: {"image": "cats/1.jpg", "caption": "..."} or
  {"image": ..., "captions": ["...", "..."]}, optional "split": "train" | "val" | "test";
- captions.csv: a header row with `image` and `caption` columns (optional `split`); an image may
  appear on several rows, one caption each;
- COCO: {"images": [{"id", "file_name", "split"?}], "annotations": [{"image_id", "caption"}]}.
Bad rows (missing or unreadable image, empty caption, broken line) are reported and skipped.
"""

from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from alttext_app.core.errors import AltTextError

SPLITS = ("train", "val", "test")
SPLIT_ALIASES = {"validation": "val", "valid": "val", "dev": "val", "restval": "train"}
DATA_FILES = ("captions.jsonl", "captions.csv")


class DataError(AltTextError):
    """The training data cannot be used (one sentence for the user)."""


class TrainError(AltTextError):
    """Training cannot start or go on for a reason the user can fix (set-up, memory, disk)."""


@dataclass
class Pair:
    image: Path
    captions: list[str]
    split: str | None = None


@dataclass
class Dataset:
    train: list[Pair]
    val: list[Pair]
    test: list[Pair]
    skipped: list[str] = field(default_factory=list)  # "where: why", one per bad row

    def counts(self) -> dict[str, int]:
        return {"train": len(self.train), "val": len(self.val), "test": len(self.test),
                "skipped": len(self.skipped)}


def clean_caption(text: object) -> str:
    return " ".join(str(text or "").split())


def _split_name(value: object) -> str | None:
    name = str(value or "").strip().lower()
    name = SPLIT_ALIASES.get(name, name)
    return name if name in SPLITS else None


class _Collector:
    """Merges rows per image, checks each image once, records why rows were skipped."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pairs: dict[Path, Pair] = {}
        self.skipped: list[str] = []
        self._bad: dict[Path, str] = {}

    def add(self, where: str, image: object, captions: list[object], split: object = None) -> None:
        if not image:
            self.skipped.append(f"{where}: no image named")
            return
        path = (self.root / str(image)).resolve()
        problem = self._check(path)
        if problem:
            self.skipped.append(f"{where}: {problem}")
            return
        texts = [clean_caption(c) for c in captions]
        if not any(texts):
            self.skipped.append(f"{where}: empty caption")
            return
        pair = self.pairs.setdefault(path, Pair(path, [], _split_name(split)))
        pair.captions.extend(t for t in texts if t)

    def _check(self, path: Path) -> str:
        if path in self._bad:
            return self._bad[path]
        if path in self.pairs:
            return ""
        problem = ""
        if not path.is_file():
            problem = f"image {path.name} not found"
        else:
            try:
                with Image.open(path) as img:
                    img.verify()
            except Exception:  # any decoder error means this row cannot be used
                problem = f"image {path.name} cannot be read"
        if problem:
            self._bad[path] = problem
        return problem


def _read_jsonl(path: Path, out: _Collector) -> None:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path.name} line {number}"
            try:
                row = json.loads(line)
            except ValueError:
                out.skipped.append(f"{where}: not valid JSON")
                continue
            if not isinstance(row, dict):
                out.skipped.append(f"{where}: not a JSON object")
                continue
            captions = row.get("captions")
            captions = captions if isinstance(captions, list) else [row.get("caption")]
            out.add(where, row.get("image") or row.get("file_name"), captions, row.get("split"))


def _read_csv(path: Path, out: _Collector) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = {name.strip().lower(): name for name in reader.fieldnames or []}
        if "image" not in fields or "caption" not in fields:
            raise DataError(f"{path.name} needs a header row with “image” and “caption” columns.")
        for number, row in enumerate(reader, 2):
            out.add(f"{path.name} line {number}", row.get(fields["image"]),
                    [row.get(fields["caption"])], row.get(fields.get("split", ""), None))


def _read_coco(path: Path, out: _Collector) -> None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        images = {img["id"]: img for img in data["images"]}
        annotations = data["annotations"]
    except (ValueError, KeyError, TypeError) as exc:
        raise DataError(f"{path.name} is not a COCO captions file (images + annotations).") from exc
    by_image: dict[object, list[object]] = {}
    for ann in annotations:
        if isinstance(ann, dict) and ann.get("image_id") in images:
            by_image.setdefault(ann["image_id"], []).append(ann.get("caption"))
        else:
            out.skipped.append(f"{path.name}: annotation for an unknown image")
    for image_id, img in images.items():
        name = img.get("file_name", "")
        if name and not (out.root / name).exists() and (out.root / "images" / name).exists():
            name = f"images/{name}"
        out.add(f"{path.name} image {image_id}", name, by_image.get(image_id, []), img.get("split"))


def read_pairs(source: str | Path) -> tuple[list[Pair], list[str]]:
    """All usable pairs and the reasons rows were skipped."""
    source = Path(source).expanduser()
    if source.is_dir():
        found = [source / name for name in DATA_FILES if (source / name).is_file()]
        if not found:
            raise DataError(f"“{source}” has no captions.jsonl or captions.csv.")
        source = found[0]
    if not source.is_file():
        raise DataError(f"“{source}” does not exist.")
    out = _Collector(source.parent)
    try:
        if source.suffix == ".jsonl":
            _read_jsonl(source, out)
        elif source.suffix == ".csv":
            _read_csv(source, out)
        elif source.suffix == ".json":
            _read_coco(source, out)
        else:
            raise DataError(f"“{source.name}” is not a .jsonl, .csv or COCO .json captions file.")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"Could not read {source.name}.", detail=str(exc)) from exc
    return list(out.pairs.values()), out.skipped


def split_pairs(pairs: list[Pair], val_fraction: float = 0.1, seed: int = 0) -> tuple[list, list, list]:
    """Given splits when any row names one (others train); else, or when no row is "val", a
    seeded train/val split of the training images."""
    if any(p.split for p in pairs):
        train, val, test = ([p for p in pairs if (p.split or "train") == name] for name in SPLITS)
        if val:
            return train, val, test
        pairs = train  # splits given without a validation split: carve one out of train
    else:
        test = []
    order = sorted(pairs, key=lambda p: str(p.image))
    random.Random(seed).shuffle(order)
    n_val = max(1, round(len(order) * val_fraction)) if len(order) > 1 else 0
    return order[n_val:], order[:n_val], test


def load_dataset(source: str | Path, val_fraction: float = 0.1, seed: int = 0) -> Dataset:
    pairs, skipped = read_pairs(source)
    train, val, test = split_pairs(pairs, val_fraction, seed)
    if not train:
        raise DataError("No usable image–caption pairs to train on" + (
            f" ({len(skipped)} rows skipped; the first: {skipped[0]})." if skipped else "."))
    if not val:
        raise DataError("There are too few images to set some aside for validation; add more.")
    return Dataset(train, val, test, skipped)
