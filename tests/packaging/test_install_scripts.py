"""install.sh and uninstall.sh on a stand-in bundle: the real scripts, a fake program (fast).

scripts/bundle.sh runs the same scripts on the real PyInstaller bundle.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FAKE_PROGRAM = '#!/bin/sh\necho "ran $(basename "$0") $*"\n'


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A bundle folder laid out by packaging/assemble.sh around a program that says how it was called."""
    dist = tmp_path / "dist" / "alttext"
    (dist / "_internal").mkdir(parents=True)
    program = dist / "alttext"
    program.write_text(FAKE_PROGRAM)
    program.chmod(0o755)
    subprocess.run([str(ROOT / "packaging" / "assemble.sh"), str(dist)], check=True)
    return dist


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "my home"  # a space, as in many real home folders
    path.mkdir()
    return path


def _run(script: Path, home: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {"HOME": str(home), "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", **env}
    return subprocess.run(
        ["bash", str(script), *args], env=clean, capture_output=True, text=True, check=False
    )


def _exec_argv(desktop: Path) -> list[str]:
    """The Exec= line as a launcher reads it: string escapes first, then quoting (Desktop Entry spec)."""
    line = next(x for x in desktop.read_text().splitlines() if x.startswith("Exec="))
    value = line[len("Exec="):].replace("\\\\", "\\")
    return shlex.split(value)


def test_assemble_lays_out_the_bundle(bundle: Path) -> None:
    assert os.readlink(bundle / "alttext-app") == "alttext"
    assert (bundle / "share/applications/alttext.desktop").is_file()
    assert (bundle / "share/metainfo/io.github.alttext.AltText.metainfo.xml").is_file()
    assert (bundle / "share/icons/hicolor/scalable/apps/alttext.svg").is_file()
    for size in (16, 32, 48, 128, 256, 512):
        assert (bundle / f"share/icons/hicolor/{size}x{size}/apps/alttext.png").is_file()
    assert os.access(bundle / "install.sh", os.X_OK) and os.access(bundle / "uninstall.sh", os.X_OK)


def test_install_then_uninstall(bundle: Path, home: Path) -> None:
    run = _run(bundle / "install.sh", home)
    assert run.returncode == 0, run.stderr
    local = home / ".local"
    opt = local / "opt" / "alttext"
    # The self-test ran through the window's name.
    assert "ran alttext-app --selftest" in run.stdout
    # Commands on PATH, each starting the program under its own name.
    for name in ("alttext", "alttext-app"):
        link = local / "bin" / name
        assert link.is_symlink()
        called = subprocess.run([str(link), "x"], capture_output=True, text=True, check=True)
        assert called.stdout.strip() == f"ran {name} x"
    # The menu entry starts the installed program by absolute path, quoted for the space.
    desktop = local / "share/applications/alttext.desktop"
    argv = _exec_argv(desktop)
    assert argv == [str(opt / "alttext-app"), "%F"]
    assert f"TryExec={opt}/alttext-app" in desktop.read_text()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout
    assert (local / "share/metainfo/io.github.alttext.AltText.metainfo.xml").is_file()
    assert (local / "share/icons/hicolor/256x256/apps/alttext.png").is_file()
    assert (local / "share/icons/hicolor/scalable/apps/alttext.svg").is_file()

    # Installing again updates in place.
    again = _run(bundle / "install.sh", home, "--no-selftest")
    assert again.returncode == 0, again.stderr
    assert "selftest" not in again.stdout
    assert not (local / "opt" / "alttext.new").exists()

    # A user's own data survives a plain uninstall.
    config = home / ".config" / "alttext"
    config.mkdir(parents=True)
    (config / "alttext.ini").write_text("[General]\n")
    gone = _run(opt / "uninstall.sh", home)
    assert gone.returncode == 0, gone.stderr
    leftovers = [p for p in local.rglob("*alttext*")]
    assert leftovers == []
    assert (config / "alttext.ini").is_file()


def test_install_does_not_need_to_be_run_from_its_folder(bundle: Path, home: Path, tmp_path) -> None:
    run = subprocess.run(
        ["bash", str(bundle / "install.sh"), "--no-selftest"],
        cwd=tmp_path, env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stderr
    assert (home / ".local/opt/alttext/alttext").is_file()


def test_prefix_can_be_moved(bundle: Path, home: Path, tmp_path) -> None:
    prefix = tmp_path / "elsewhere"
    run = _run(bundle / "install.sh", home, "--no-selftest", ALTTEXT_PREFIX=str(prefix))
    assert run.returncode == 0, run.stderr
    assert (prefix / "bin" / "alttext").is_symlink()
    assert not (home / ".local").exists()
    assert _run(prefix / "opt/alttext/uninstall.sh", home, ALTTEXT_PREFIX=str(prefix)).returncode == 0
    assert not (prefix / "opt" / "alttext").exists()


def test_uninstall_leaves_other_programs_alone(bundle: Path, home: Path) -> None:
    assert _run(bundle / "install.sh", home, "--no-selftest").returncode == 0
    own = home / ".local/bin/alttext"
    own.unlink()
    own.write_text("#!/bin/sh\necho someone else's alttext\n")
    assert _run(home / ".local/opt/alttext/uninstall.sh", home).returncode == 0
    assert own.is_file()
    assert not (home / ".local/bin/alttext-app").exists()


def test_purge_removes_only_alttext_folders(bundle: Path, home: Path, tmp_path) -> None:
    assert _run(bundle / "install.sh", home, "--no-selftest").returncode == 0
    ours = [home / ".local/share/alttext/models", home / ".config/alttext", home / ".local/state/alttext/log"]
    for folder in ours:
        folder.mkdir(parents=True)
        (folder / "file").write_text("x")
    neighbour = home / ".config" / "other-app"
    neighbour.mkdir()
    custom = tmp_path / "my-models"  # moved with ALTTEXT_MODELS_DIR: the person's own folder
    custom.mkdir()
    run = _run(home / ".local/opt/alttext/uninstall.sh", home, "--purge", ALTTEXT_MODELS_DIR=str(custom))
    assert run.returncode == 0, run.stderr
    assert not any(folder.exists() for folder in ours)
    assert neighbour.is_dir() and custom.is_dir()


def test_install_refuses_without_a_bundle(tmp_path: Path, home: Path) -> None:
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    shutil.copy(ROOT / "packaging" / "install.sh", lonely)
    run = _run(lonely / "install.sh", home)
    assert run.returncode == 1
    assert "no AltText bundle" in run.stderr
    assert not (home / ".local").exists()
