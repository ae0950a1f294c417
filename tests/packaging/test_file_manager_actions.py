"""“Describe with AltText” in Nautilus (script) and Dolphin (service menu): installed by
install.sh with the program's absolute path, valid, runnable, removed by uninstall.sh."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from test_install_scripts import _exec_argv, _run, bundle, home  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "packaging" / "linux" / "file-managers"
SERVICE_MENU = "alttext-describe.desktop"
SCRIPT = "Describe with AltText"
needs_validator = pytest.mark.skipif(
    not shutil.which("desktop-file-validate"), reason="needs desktop-file-utils"
)


def _validate(path: Path) -> None:
    run = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert run.returncode == 0 and not run.stdout.strip(), run.stdout + run.stderr


@needs_validator
def test_service_menu_template_validates():
    _validate(TEMPLATES / SERVICE_MENU)
    text = (TEMPLATES / SERVICE_MENU).read_text()
    assert "Actions=describe;" in text and "MimeType=image/png;image/jpeg;" in text


def test_install_adds_both_actions_and_uninstall_removes_them(bundle: Path, home: Path):  # noqa: F811
    assert _run(bundle / "install.sh", home, "--no-selftest").returncode == 0
    share = home / ".local" / "share"
    program = home / ".local" / "opt" / "alttext" / "alttext-app"
    menu = share / "kio" / "servicemenus" / SERVICE_MENU
    script = share / "nautilus" / "scripts" / SCRIPT
    assert os.access(menu, os.X_OK) and os.access(script, os.X_OK)
    assert _exec_argv(menu) == [str(program), "%F"]  # the action's Exec, quoted for the space
    if shutil.which("desktop-file-validate"):
        _validate(menu)
    ran = subprocess.run([str(script), "/pics/a b.png", "c.jpg"], capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin"}, check=True)
    assert ran.stdout.strip() == "ran alttext-app /pics/a b.png c.jpg"

    assert _run(home / ".local/opt/alttext/uninstall.sh", home).returncode == 0
    assert not menu.exists() and not script.exists()


def test_uninstall_keeps_a_script_that_is_not_ours(bundle: Path, home: Path):  # noqa: F811
    assert _run(bundle / "install.sh", home, "--no-selftest").returncode == 0
    script = home / ".local/share/nautilus/scripts" / SCRIPT
    script.write_text("#!/bin/sh\necho mine\n")
    assert _run(home / ".local/opt/alttext/uninstall.sh", home).returncode == 0
    assert script.read_text() == "#!/bin/sh\necho mine\n"
