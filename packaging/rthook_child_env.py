"""PyInstaller runtime hook: programs AltText starts get the system's libraries, not the bundle's.

The bootloader starts the bundle with LD_LIBRARY_PATH pointing at its own folder. The dynamic
loader has read it before Python runs, so the bundle keeps finding its libraries; restoring the
person's value here only changes what child processes (audio players, tesseract) inherit, which
would otherwise load the bundle's older copies of libstdc++, libdbus or libsystemd and may fail.
"""

import os

_original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
if _original:
    os.environ["LD_LIBRARY_PATH"] = _original
else:
    os.environ.pop("LD_LIBRARY_PATH", None)
