"""The app icon, built from whatever icon files the assets folder holds."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from alttext_app.core.paths import asset


def app_icon() -> QIcon:
    """The app icon from the PNG sizes and the SVG, whichever exist (the SVG needs Qt's svg plugin)."""
    icon = QIcon()
    folder = asset("icons")
    for png in sorted(folder.glob("alttext-*.png")) if folder.is_dir() else []:
        icon.addFile(str(png))
    svg = folder / "alttext.svg"
    if svg.is_file():
        icon.addFile(str(svg))
    return icon
