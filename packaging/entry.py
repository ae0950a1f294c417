"""The bundled program's entry point: one executable, two names.

`alttext` runs the command line; `alttext-app` (a symlink to the same file) opens the window.
`alttext --gui [...]` opens the window too, for launchers that resolve symlinks.
One binary instead of two keeps a single copy of the Python archive in the bundle.
"""

from __future__ import annotations

import os
import sys

GUI_NAMES = ("alttext-app",)

# ONNX Runtime 1.31's Linux build uploads usage events to Microsoft and keeps a device id in
# ~/.cache/Microsoft unless this is set before it starts. AltText promises nothing leaves the computer.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
# Model downloads happen only when a person asks; they need not report usage either.
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def wants_gui(argv: list[str]) -> bool:
    return os.path.basename(argv[0]) in GUI_NAMES or argv[1:2] == ["--gui"]


def main() -> int:
    if wants_gui(sys.argv):
        if sys.argv[1:2] == ["--gui"]:
            del sys.argv[1]
        sys.argv[0] = "alttext-app"
        from alttext_app.gui.app import main as gui_main

        return int(gui_main() or 0)
    from alttext_app.cli.main import main as cli_main

    return int(cli_main() or 0)


if __name__ == "__main__":
    sys.exit(main())
