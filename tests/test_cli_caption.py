"""The `alttext caption` contract: one line per image, JSON lines, exit codes, failures on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from alttext_app.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "assets" / "samples" / "sample.jpg"
CAT = ROOT / "tests" / "data" / "images" / "chelsea.jpg"


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["caption", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_one_image_prints_only_its_alt_text(capsys) -> None:
    code, out, err = _run(capsys, "--model", "builtin", str(SAMPLE))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == 1
    assert "espresso" in lines[0].lower() or "coffee" in lines[0].lower()
    assert not lines[0].lower().startswith(("image of", "picture of", "photo of"))


def test_several_images_print_path_first(capsys) -> None:
    code, out, _ = _run(capsys, "--model", "builtin", str(SAMPLE), str(CAT))
    assert code == 0
    lines = out.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [str(SAMPLE), str(CAT)]
    assert "cat" in lines[1].lower()


def test_json_lines_with_a_bad_file_in_the_batch(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "broken.jpg"
    bad.write_text("not an image")
    missing = tmp_path / "missing.png"
    code, out, err = _run(capsys, "--model", "builtin", "--json", str(bad), str(SAMPLE), str(missing))
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["path"] for r in records] == [str(bad), str(SAMPLE), str(missing)]
    assert set(records[0]) == {"path", "error"} and "not an image" in records[0]["error"]
    good = records[1]
    for key in ("alt_text", "model", "backend", "seconds", "kind", "text", "labels"):
        assert key in good
    assert good["model"] == "builtin" and good["backend"] == "builtin"
    assert 0 < good["seconds"] < 60
    assert good["labels"] and {"label", "score"} <= set(good["labels"][0])
    assert "does not exist" in records[2]["error"]
    err_lines = err.strip().splitlines()
    assert len(err_lines) == 2 and all(line.startswith("alttext: ") for line in err_lines)
    assert "Traceback" not in err


def test_max_chars_bounds_the_alt_text(capsys) -> None:
    code, out, _ = _run(capsys, "--model", "builtin", "--json", "--max-chars", "20", str(SAMPLE))
    assert code == 0
    assert len(json.loads(out)["alt_text"]) <= 20


def test_unknown_model_is_one_clear_line(capsys) -> None:
    code, out, err = _run(capsys, "--model", "no-such-model", str(SAMPLE))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "No model called" in err


def test_bad_arguments_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["caption", "--max-length", "zero", str(SAMPLE)])
    assert exc.value.code == 2


def test_installed_command_reads_stdin_and_never_shows_a_traceback(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("alttext")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "alttext_app.cli.main"]
    done = subprocess.run(
        [*command, "caption", "--model", "builtin", "-"], input=SAMPLE.read_bytes(),
        capture_output=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().strip()
    folder = subprocess.run(
        [*command, "caption", "--model", "builtin", str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert folder.returncode == 1
    assert "is a folder" in folder.stderr and "Traceback" not in folder.stderr
