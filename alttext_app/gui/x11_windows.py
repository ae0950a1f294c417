"""Which window is active on X11, asked of the X server through libX11 (ctypes, no new package).

Qt can grab any window by id but cannot say which window of another program is active. The
window manager names it in the root window's _NET_ACTIVE_WINDOW property (EWMH); without a
window manager (e.g. a bare Xvfb) the window holding the keyboard focus is used instead, climbed
up to its top-level window.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
from functools import cache

log = logging.getLogger(__name__)

_XA_WINDOW = 33
_SUCCESS = 0


@cache
def _xlib() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("X11")
    if not name:
        return None
    lib = ctypes.CDLL(name)
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    lib.XDefaultRootWindow.restype = ctypes.c_ulong
    lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    lib.XInternAtom.restype = ctypes.c_ulong
    lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    lib.XGetWindowProperty.argtypes = [
        ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long, ctypes.c_int,
        ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_int),
        ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.c_void_p),
    ]
    lib.XGetInputFocus.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_int)]
    lib.XQueryTree.argtypes = [
        ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_uint),
    ]
    lib.XFree.argtypes = [ctypes.c_void_p]
    lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    return lib


def active_window() -> tuple[int, int] | None:
    """(the active window, its top-level window: the frame a window manager drew around it)
    as X11 ids, or None when this is not X11 or nothing is active."""
    lib = _xlib()
    if lib is None or not os.environ.get("DISPLAY"):
        return None
    display = lib.XOpenDisplay(None)
    if not display:
        return None
    try:
        root = lib.XDefaultRootWindow(display)
        window = _net_active_window(lib, display, root) or _focus_window(lib, display)
        top = _top_level(lib, display, root, window) if window else None
        return (window, top) if window and top else None
    finally:
        lib.XCloseDisplay(display)


def _net_active_window(lib, display, root: int) -> int | None:
    atom = lib.XInternAtom(display, b"_NET_ACTIVE_WINDOW", True)
    if not atom:
        return None
    kind, fmt = ctypes.c_ulong(), ctypes.c_int()
    count, after, data = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
    status = lib.XGetWindowProperty(display, root, atom, 0, 1, False, _XA_WINDOW, ctypes.byref(kind),
                                    ctypes.byref(fmt), ctypes.byref(count), ctypes.byref(after),
                                    ctypes.byref(data))
    try:
        if status != _SUCCESS or not data.value or count.value < 1 or fmt.value != 32:
            return None
        return ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))[0] or None
    finally:
        if data.value:
            lib.XFree(data)


def _focus_window(lib, display) -> int | None:
    window, revert = ctypes.c_ulong(), ctypes.c_int()
    lib.XGetInputFocus(display, ctypes.byref(window), ctypes.byref(revert))
    return window.value if window.value > 1 else None  # 0 = None, 1 = PointerRoot


def _top_level(lib, display, root: int, window: int) -> int | None:
    """Climb from a (child) window to the window just below the root."""
    for _ in range(64):
        root_out, parent = ctypes.c_ulong(), ctypes.c_ulong()
        children, count = ctypes.c_void_p(), ctypes.c_uint()
        if not lib.XQueryTree(display, window, ctypes.byref(root_out), ctypes.byref(parent),
                              ctypes.byref(children), ctypes.byref(count)):
            return None
        if children.value:
            lib.XFree(children)
        if parent.value in (0, root):
            return window if window != root else None
        window = parent.value
    return None
