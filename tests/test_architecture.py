"""The core and the CLI never import Qt: the CLI, the bundle and scripts must work without a GUI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import alttext_app.cli
import alttext_app.core


def _modules(package) -> list[str]:
    return [
        info.name
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
    ]


def test_core_and_cli_import_no_qt() -> None:
    modules = _modules(alttext_app.core) + _modules(alttext_app.cli)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except ImportError as exc:\n"
        "        if 'PySide6' in str(exc) or 'shiboken' in str(exc):\n"
        "            raise\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'alttext_app.gui')))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
