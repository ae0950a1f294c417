"""`alttext models pull`: progress on a terminal, quiet in pipes, clear errors."""

from __future__ import annotations

import io
import re
import sys

import pytest
from conftest import NEEDED, TINY_ID, tiny_files

from alttext_app.cli import models as cli_models
from alttext_app.cli.main import main
from alttext_app.core.models import store


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_pull_shows_bytes_and_percent_on_a_terminal(hub, monkeypatch, capsys):
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["models", "pull", "tiny"]) == 0
    shown = terminal.getvalue()
    total = store.format_bytes(sum(len(v) for k, v in tiny_files().items() if k in NEEDED))
    assert re.search(rf" 100% {re.escape(total)}/{re.escape(total)} ", shown)  # bytes and percent
    assert shown.endswith("\r\x1b[K")  # the bar is cleared before the result line
    assert f"Installed {TINY_ID}" in capsys.readouterr().out


def test_pull_is_quiet_when_not_a_terminal(hub, capsys):
    assert main(["models", "pull", "tiny"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.startswith(f"Installed {TINY_ID}")


def test_pull_error_is_one_line(hub, capsys):
    hub.faults.corrupt.add("model.safetensors")
    assert main(["models", "pull", "tiny"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("alttext: The downloaded file model.safetensors is corrupt")


@pytest.fixture
def without_torch(monkeypatch):
    """As in the bundle: `import torch` fails wherever it happens (not only in one module)."""
    import sys

    for name in ("torch", "transformers"):
        monkeypatch.setitem(sys.modules, name, None)


def test_pull_export_without_torch_is_one_sentence(hub, without_torch, capsys):
    assert main(["models", "pull", "tiny", "--export", "int8"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Something went wrong" not in err
    assert "needs PyTorch" in err and "not downloaded" in err
    assert main(["models", "pull", "tiny"]) == 0  # without --export the download works


def test_export_without_torch_is_one_sentence(hub, without_torch, capsys, tmp_path):
    assert main(["models", "pull", "tiny"]) == 0
    capsys.readouterr()
    folder = store.installed_model_dir("tiny")
    assert main(["export", str(folder), "--output", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "needs PyTorch" in err and "Something went wrong" not in err
    assert not (tmp_path / "out").exists()


def test_models_without_action_lists(catalogue, capsys, no_network):
    assert main(["models"]) == 0
    assert "Catalogue (alttext models pull NAME):" in capsys.readouterr().out


@pytest.mark.parametrize("size,text", [(0, "0 bytes"), (999, "999 bytes"), (1500, "1.5 KB"),
                                       (730_000_000, "730.0 MB"), (1_880_000_000, "1.9 GB")])
def test_format_bytes(size, text):
    assert cli_models.format_bytes(size) == text
