"""A seeded slice of the image fuzz run (scripts/fuzz_images.py is the full one): malformed and
extreme images through the API and the CLI give no crash, no traceback, bounded memory and CPU
time, and at most one stderr line per failed file."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "fuzz_images.py"


@pytest.fixture(scope="module")
def fuzz_images():
    spec = importlib.util.spec_from_file_location("fuzz_images", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generator_is_seeded_and_covers_every_kind(fuzz_images, tmp_path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = fuzz_images.make_files(tmp_path / "a", 120, seed=5)
    second = fuzz_images.make_files(tmp_path / "b", 120, seed=5)
    assert [Path(f["path"]).read_bytes() for f in first] == [Path(f["path"]).read_bytes() for f in second]
    assert {f["kind"] for f in first} >= {"truncate", "flip", "dimensions", "exif", "extension", "intact"}


@pytest.mark.slow
def test_a_fuzz_slice_through_api_and_cli(fuzz_images, tmp_path) -> None:
    summary = fuzz_images.fuzz(30, seed=11, folder=tmp_path, chunk=30)
    assert summary["problems"] == []
    assert summary["cli_stderr_lines"] <= summary["cli_failed"]
    assert sum(summary["outcomes"].values()) == 30
