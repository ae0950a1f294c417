"""`alttext batch`: result log, resume after kill -9 without repeating work, summary, progress."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from image_set import make_image_set

from alttext_app.cli.main import main
from alttext_app.cli.progress import ProgressBar
from alttext_app.core.errors import AltTextError
from alttext_app.core.library.batch import run_batch
from alttext_app.core.library.result_log import open_log, read_records
from alttext_app.core.library.scan import find_images

ROOT = Path(__file__).resolve().parents[2]


def test_scan_skips_other_files_hidden_and_subfolders_unless_recursive(tmp_path):
    make_image_set(tmp_path / "pics", 3)
    (tmp_path / "pics" / "notes.txt").write_text("x")
    (tmp_path / "pics" / ".hidden.jpg").write_bytes(b"x")
    (tmp_path / "pics" / "top.png").write_bytes(b"not really")
    flat = find_images([tmp_path / "pics"])
    assert [p.name for p in flat.images] == ["top.png"] and flat.skipped == 1
    deep = find_images([tmp_path / "pics", tmp_path / "pics" / "top.png"], recursive=True)
    assert len(deep.images) == 4  # each once, although named twice
    assert deep.images == sorted(deep.images)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_log_resumes_and_drops_a_cut_short_line(tmp_path, suffix):
    path = tmp_path / f"r{suffix}"
    with open_log(path, resume=False) as log:
        log.append({"path": "/a.jpg", "alt_text": "A cat, “ginger”.", "error": None, "labels": [{"label": "cat"}]})
        log.append({"path": "/b.jpg", "alt_text": None, "error": "Broken."})
    with path.open("ab") as handle:
        handle.write(b'{"path": "/c.jpg", "alt_te' if suffix == ".jsonl" else b"/c.jpg,A d")
    with pytest.raises(AltTextError, match="--resume"):
        open_log(path, resume=False)
    with open_log(path, resume=True) as log:
        assert set(log.done) == {"/a.jpg", "/b.jpg"}
        log.append({"path": "/c.jpg", "alt_text": "A dog.", "error": None})
    records = read_records(path)
    assert [r["path"] for r in records] == ["/a.jpg", "/b.jpg", "/c.jpg"]
    assert records[0]["alt_text"] == "A cat, “ginger”." and records[1]["error"] == "Broken."


def test_run_batch_describes_only_what_the_log_lacks(tmp_path):
    images = [tmp_path / f"{n}.jpg" for n in range(5)]
    seen = []

    def describe(path):
        seen.append(path)
        return {"path": str(path), "alt_text": None if path.stem == "3" else f"Picture {path.stem}.",
                "error": "Broken." if path.stem == "3" else None}

    with open_log(tmp_path / "r.jsonl", resume=False) as log:
        log.append({"path": str(images[0]), "alt_text": "Done before.", "error": None})
        summary = run_batch(images, log, describe, skipped=2)
    assert seen == images[1:]
    assert (summary.total, summary.already_done, summary.described, summary.failed, summary.skipped) == (5, 1, 4, 1, 2)


def test_progress_bar_shows_count_rate_and_eta():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    bar = ProgressBar(4, "batch ", stream=stream)
    bar.advance()
    bar.advance()
    line = stream.getvalue().split("\r")[-1]
    assert "2/4" in line and "/s" in line and "ETA" in line
    bar.close()


def _batch(args, **kwargs):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "alttext_app.cli.main", "batch", *args, "--model", "builtin"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs,
    )


def test_batch_survives_kill_9_and_resumes_without_repeating(tmp_path):
    """The small version of benchmarks/batch_resume.py (2,000 images there)."""
    count = 24
    make_image_set(tmp_path / "pics", count)
    (tmp_path / "pics" / "readme.txt").write_text("not an image")
    out = tmp_path / "results.jsonl"
    first = _batch([str(tmp_path / "pics"), "-r", "-o", str(out)])
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or out.read_text().count("\n") < 6):
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait()
    before = read_records(out)
    assert 6 <= len(before) < count, "the kill came too late to test resuming"

    second = _batch([str(tmp_path / "pics"), "-r", "-o", str(out), "--resume"])
    stdout, stderr = second.communicate(timeout=300)
    assert second.returncode == 0, stderr
    after = read_records(out)
    paths = [r["path"] for r in after]
    assert len(paths) == count == len(set(paths)), "an image was captioned twice or not at all"
    assert after[: len(before)] == before  # finished work is kept as it was
    assert f"{count - len(before)} captioned in this run, {len(before)} already done" in stdout
    assert "1 other files skipped" in stdout
    assert all(r["alt_text"] and r["error"] is None for r in after)


def test_batch_cli_records_errors_and_fills_the_search_index(tmp_path, capsys):
    make_image_set(tmp_path / "pics", 2)
    (tmp_path / "pics" / "broken.png").write_bytes(b"not a png")
    out = tmp_path / "r.csv"
    assert main(["batch", str(tmp_path / "pics"), "-r", "-o", str(out), "--model", "builtin"]) == 1
    captured = capsys.readouterr()
    assert "broken.png" in captured.err and "1 failed" in captured.out
    records = {Path(r["path"]).name: r for r in read_records(out)}
    assert records["broken.png"]["error"] and records["img-00000.jpg"]["alt_text"]
    word = records["img-00000.jpg"]["alt_text"].split()[-1].strip(".")
    assert main(["search", "--json", word]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert any(hit["path"].endswith("img-00000.jpg") for hit in hits)
