"""The menu entry, the AppStream metadata and the icons: valid, consistent with each other and the app."""

from __future__ import annotations

import configparser
import importlib.util
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from alttext_app.core.images import SUPPORTED_SUFFIXES

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / "alttext.desktop"
METAINFO = LINUX / "io.github.alttext.AltText.metainfo.xml"
ICONS = ROOT / "assets" / "icons"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (scripts/setup.sh --test installs it)")
    return path


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def _list(value: str) -> list[str]:
    return [item for item in value.split(";") if item]


def test_desktop_file_is_valid() -> None:
    run = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True)
    assert run.returncode == 0 and not run.stdout.strip(), run.stdout + run.stderr


def test_metainfo_is_valid() -> None:
    run = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr


# freedesktop shared-mime-info's type for each suffix core.images accepts.
FREEDESKTOP_TYPES = {
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".jpe": "image/jpeg",
    ".webp": "image/webp", ".gif": "image/gif", ".bmp": "image/bmp", ".tif": "image/tiff",
    ".tiff": "image/tiff", ".ico": "image/vnd.microsoft.icon", ".ppm": "image/x-portable-pixmap",
    ".pgm": "image/x-portable-graymap",
}


def test_open_with_covers_every_image_type_the_app_reads() -> None:
    """"Open with AltText" must be offered for each format core.images accepts."""
    offered = set(_list(_desktop_entry()["MimeType"]))
    for suffix in SUPPORTED_SUFFIXES:
        assert suffix in FREEDESKTOP_TYPES, f"add {suffix} here and to MimeType= in {DESKTOP.name}"
        assert FREEDESKTOP_TYPES[suffix] in offered, f"{suffix} is missing from MimeType="
    assert all(mime.startswith("image/") for mime in offered)


def test_desktop_entry_opens_files_with_the_window() -> None:
    entry = _desktop_entry()
    assert entry["Exec"] == "alttext-app %F"  # install.sh makes the path absolute
    assert entry["TryExec"] == "alttext-app"
    assert entry["Icon"] == "alttext"
    assert entry["Terminal"] == "false"
    assert "Accessibility" in _list(entry["Categories"])


def test_metainfo_agrees_with_the_desktop_entry() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("icon") == _desktop_entry()["Icon"]
    assert {b.text for b in root.iter("binary")} == {"alttext", "alttext-app"}
    offered = set(_list(_desktop_entry()["MimeType"]))
    assert {m.text for m in root.iter("mediatype")} <= offered
    from alttext_app import __version__

    versions = [r.get("version") for r in root.iter("release")]
    assert __version__ in versions, "add a <release> for the app's version"
    assert re.fullmatch(r"[a-z]+(\.[A-Za-z0-9_]+){2,}", root.findtext("id") or "")


def _load_render_icons():
    spec = importlib.util.spec_from_file_location("render_icons", ROOT / "packaging" / "render_icons.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_png_icons_are_current_renders_of_the_svg(qapp, tmp_path) -> None:
    """Every PNG size exists, has its size, and matches the SVG master (re-render after editing it)."""
    import numpy as np
    from PIL import Image

    render_icons = _load_render_icons()
    for size in render_icons.SIZES:
        shipped = ICONS / f"alttext-{size}.png"
        assert shipped.is_file(), shipped
        fresh = tmp_path / f"{size}.png"
        render_icons.render(ICONS / "alttext.svg", size, fresh)
        with Image.open(shipped) as a, Image.open(fresh) as b:
            assert a.size == (size, size)
            diff = np.abs(np.asarray(a.convert("RGBA"), float) - np.asarray(b.convert("RGBA"), float))
        assert diff.mean() < 1.0, f"{shipped.name} is out of date: run packaging/render_icons.py"


def test_icon_has_strong_contrast() -> None:
    """The mark must stand out: dark blue against white and yellow, checked on the 48 px icon."""
    from PIL import Image

    with Image.open(ICONS / "alttext-48.png") as img:
        colours = sorted(img.convert("RGB").getcolors(48 * 48), reverse=True)[:3]

    def luminance(rgb: tuple[int, int, int]) -> float:
        def channel(c: int) -> float:
            c /= 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lums = sorted(luminance(rgb) for _, rgb in colours)
    assert (lums[-1] + 0.05) / (lums[0] + 0.05) >= 7  # WCAG AAA contrast between its main colours
