#!/usr/bin/python3
"""Does Orca SPEAK each new image description AltText shows?  Driver for orca_speaks.sh.

Adapted from ../shared/tools/a11y/orca_driver.py for the test suite: with `--not-an-image FILE`
it also opens a file that is not an image and checks that the error is spoken, that the old
description and title are gone, and that Orca's "read status bar" (Orca+KP_Enter twice) reads the
status text; each description must be spoken exactly once.

Run it with the system Python (/usr/bin/python3: pyatspi), inside the private X display, D-Bus
session and AT-SPI bus that orca_speaks.sh sets up, with Orca already started there:

    orca_driver.py --orca-debug FILE --orca-pid PID IMAGE1 IMAGE2

Scenario:
  1. start the app with IMAGE1 and wait until the alt-text field (found over AT-SPI) has text;
  2. move the keyboard focus off the field (to the Open Image button), press Ctrl+O, type IMAGE2's
     path, Return, and wait until the field holds a different, non-empty text;
  3. Ctrl+Q.
A description counts as spoken when Orca's debug file has a `SPEECH OUTPUT: '...'` line containing
it (quotes, spacing and case normalised) written after the description could first have appeared
(app start for the first, the Return in the file dialog for the second) and before the driver's
next key press, so only what the app itself brings to Orca counts, not what our navigation made
Orca read.

Prints `description N: '<text>' spoken: yes|no` for both and a last line
`orca: N/2 new descriptions spoken`; exit 0 only for 2/2.  When something keeps the check from
running (Orca or the window does not start, no description), the last line says so; exit 1.
Notes go to stderr.

`orca_driver.py --launch-orca DEBUGFILE PREFSDIR` is how orca_speaks.sh starts Orca: the stock
/usr/bin/orca program, with its debug log line-buffered (so the driver can read it live) and
without its per-user "other Orca" check (`--replace` would SIGKILL every `orca` process of this
user, including a screen reader the developer is using; without it, Orca refuses to start while
one runs). This Orca lives on the private display and buses only.

Environment: ALTTEXT_APP_CMD (the app command, split like a shell would; the image path is
appended; default ./.venv/bin/alttext-app), ORCA_BAR_SPEAK_WAIT (seconds to wait for Orca to
speak a description, default 8), ORCA_BAR_DEADLINE (epoch seconds by which to give up), OUTDIR.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time

import pyatspi
from gi.repository import GLib

T0 = time.monotonic()
OUT = os.environ.get("OUTDIR") or "."
DEADLINE = float(os.environ.get("ORCA_BAR_DEADLINE") or time.time() + 130)
SPEAK_WAIT = float(os.environ.get("ORCA_BAR_SPEAK_WAIT") or 8)
FIELD_NAME = re.compile(r"\balt[\s_-]*text\b", re.I)
_logf = None


# ------------------------------------------------------------------------------------------------
# Orca launcher (a separate process; see the module docstring)
def launch_orca(debug_path: str, prefs_dir: str) -> int:
    orca_bin = shutil.which("orca") or "/usr/bin/orca"
    try:
        import importlib.machinery
        import importlib.util

        loader = importlib.machinery.SourceFileLoader("orca_cli", orca_bin)
        spec = importlib.util.spec_from_loader("orca_cli", loader)
        cli = importlib.util.module_from_spec(spec)
        loader.exec_module(cli)  # defines Orca's main() and helpers; runs nothing else
        from orca import debug

        if not (hasattr(cli, "main") and hasattr(debug, "debugFile")):
            raise RuntimeError("unknown Orca layout")
    except Exception as exc:  # another Orca version: run it as is (it may refuse if one runs)
        print(f"orca launcher: {exc!r}; running {orca_bin} plainly", file=sys.stderr, flush=True)
        os.execv(orca_bin, [orca_bin, f"--debug-file={debug_path}", "-u", prefs_dir])
    # What `--debug-file=F` does, but line-buffered so every line is on disk as soon as it is written.
    debug.debugLevel = debug.LEVEL_ALL
    debug.eventDebugLevel = debug.LEVEL_OFF
    debug.debugFile = open(debug_path, "w", buffering=1, encoding="utf-8", errors="replace")  # noqa: SIM115 - open for the whole run
    if hasattr(cli, "otherOrcas"):
        cli.otherOrcas = lambda: []
    sys.argv = [orca_bin, "-u", prefs_dir]
    return cli.main()


# ------------------------------------------------------------------------------------------------
def note(msg: str) -> None:
    line = f"{time.monotonic() - T0:6.1f}s {msg}"
    print(f"orca_speaks: {msg}", file=sys.stderr, flush=True)
    if _logf:
        _logf.write(line + "\n")
        _logf.flush()


def remaining() -> float:
    return DEADLINE - time.time()


class Abort(Exception):
    """Something kept the check from running; the message is the last line printed."""

    def __init__(self, message: str, *logs: str) -> None:
        super().__init__(message)
        self.logs = logs  # whose last lines help (orca.log, app.log)


# --- Orca's debug file -------------------------------------------------------------------------
ENTRY_START = re.compile(r"^\d\d:\d\d:\d\d\.\d+ - ", re.M)
# SPEECH OUTPUT: 'text'  then maybe " voice=NAME" and the voice (a dict, or None), e.g.
# SPEECH OUTPUT: 'A cat.'{'established': False}
SPEECH = re.compile(r"SPEECH OUTPUT: '(.*)'(?: voice=\S+)?\s*(?:\{.*\}|None)?$", re.S)
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                        "\u00ab": '"', "\u00bb": '"', "\u00a0": " ", "\u202f": " "})


def norm(text: str) -> str:
    return " ".join(text.translate(QUOTES).split()).casefold()


class OrcaLog:
    def __init__(self, path: str) -> None:
        self.path = path

    def size(self) -> int:
        try:
            return os.path.getsize(self.path)
        except OSError:
            return 0

    def text(self, start: int = 0, end: int | None = None) -> str:
        try:
            with open(self.path, "rb") as f:
                if start:
                    f.seek(start - 1)
                    if f.read(1) != b"\n":  # started inside a line: skip to the next one
                        f.readline()
                data = f.read() if end is None else f.read(max(0, end - f.tell()))
        except OSError:
            return ""
        return data.decode("utf-8", "replace")

    def utterances(self, start: int, end: int | None = None) -> list[str]:
        """What Orca would have said between two offsets, in order."""
        text = self.text(start, end)
        starts = [m.start() for m in ENTRY_START.finditer(text)] + [len(text)]
        out = []
        for a, b in zip(starts, starts[1:], strict=False):
            entry = text[a:b]
            m = SPEECH.search(entry.rstrip())
            if m:
                out.append(m.group(1))
        return out


def spoken(utterances: list[str], desc: str, other: str = "") -> bool:
    """True if Orca said `desc`: within one utterance or across consecutive ones (line by line)."""
    d, o = norm(desc), norm(other)
    if not d:
        return False
    # If this description is part of the other one, Orca reading the other is not reading this one.
    ambiguous = bool(o) and d in o and d != o
    said = [norm(u) for u in utterances]
    for i in range(len(said)):
        joined = ""
        for k in range(i, min(len(said), i + 8)):
            joined = f"{joined} {said[k]}".strip()
            if d in joined:
                if ambiguous and o in joined:
                    break
                return True
            if len(joined) > 4 * len(d) + 200:
                break
    return False


def times_spoken(utterances: list[str], desc: str) -> int:
    """How many utterances contain `desc` (a description read twice counts twice)."""
    d = norm(desc)
    return sum(1 for u in utterances if d and d in norm(u))


# --- AT-SPI ------------------------------------------------------------------------------------
_ctx = GLib.MainContext.default()


def pump(seconds: float) -> None:
    end = time.monotonic() + max(0.0, seconds)
    while True:
        while _ctx.pending():
            _ctx.iteration(False)
        if time.monotonic() >= end:
            return
        time.sleep(0.05)


def walk(acc, depth=0, max_depth=40):
    yield acc
    if depth >= max_depth:
        return
    try:
        n = acc.childCount
    except Exception:
        return
    for i in range(n):
        try:
            child = acc.getChildAtIndex(i)
        except Exception:
            child = None
        if child is not None:
            yield from walk(child, depth + 1, max_depth)


def text_of(acc) -> str | None:
    try:
        t = acc.queryText()
        return t.getText(0, t.characterCount)
    except Exception:
        return None


def has_state(acc, state) -> bool:
    try:
        return acc.getState().contains(state)
    except Exception:
        return False


def desktop_apps():
    try:
        desktop = pyatspi.Registry.getDesktop(0)
        return [a for a in desktop if a is not None]
    except Exception:
        return []


def find_app(pid: int):
    named = None
    for a in desktop_apps():
        try:
            if a.get_process_id() == pid:
                return a
            if "alttext" in (a.name or "").lower():
                named = a
        except Exception:
            pass
    return named


def find_field(app):
    """The alt-text field: an editable text object named like "Alt text"."""
    best = None
    for acc in walk(app):
        try:
            role = acc.getRole()
            if role not in (pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY):
                continue
            if not FIELD_NAME.search(acc.name or ""):
                continue
        except Exception:
            continue
        if has_state(acc, pyatspi.STATE_EDITABLE) and has_state(acc, pyatspi.STATE_SHOWING):
            return acc
        best = best or acc
    return best


def find_button(app, prefix: str):
    for acc in walk(app):
        try:
            if acc.getRole() == pyatspi.ROLE_PUSH_BUTTON and (acc.name or "").lower().startswith(prefix):
                return acc
        except Exception:
            pass
    return None


def open_dialog(app, main_window):
    """A showing top-level window of the app other than the main one (the file dialog)."""
    try:
        for i in range(app.childCount):
            w = app.getChildAtIndex(i)
            if w is None or w == main_window:
                continue
            if has_state(w, pyatspi.STATE_SHOWING) or has_state(w, pyatspi.STATE_VISIBLE):
                return w
    except Exception:
        pass
    return None


def status_text(window) -> str:
    """The status bar's text as Orca reads it: the names of its showing labels."""
    for acc in walk(window):
        try:
            if acc.getRole() != pyatspi.ROLE_STATUS_BAR:
                continue
        except Exception:
            continue
        names = []
        for child in walk(acc):
            try:
                if child.getRole() == pyatspi.ROLE_LABEL and has_state(child, pyatspi.STATE_SHOWING) and child.name:
                    names.append(child.name)
            except Exception:
                pass
        return " ".join(names)
    return ""


def xdo(*args: str, timeout: float = 15) -> str:
    r = subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=timeout)
    return r.stdout.strip()


def key(combo: str) -> None:
    note(f"key {combo}")
    xdo("key", "--clearmodifiers", combo)


# --- the check ---------------------------------------------------------------------------------
class Check:
    def __init__(self, args) -> None:
        self.args = args
        self.log = OrcaLog(args.orca_debug)
        self.orca_pid = args.orca_pid
        self.app_proc: subprocess.Popen | None = None
        self.app = None
        self.main_window = None
        self.field = None
        self.desc: list[str] = []
        self.windows: list[tuple[int, int]] = []

    # waiting helpers
    def wait(self, what: str, fn, timeout: float, step: float = 0.2):
        """fn()'s first true value within `timeout` s, else None; Abort when the run's time is up."""
        capped = remaining() - 3 < timeout
        end = time.monotonic() + max(0.0, min(timeout, remaining() - 3))
        while True:
            try:
                v = fn()
            except Exception:
                v = None
            if v:
                return v
            if time.monotonic() >= end:
                if capped:
                    raise Abort(f"out of time (ORCA_BAR_TIMEOUT) while waiting for {what}")
                return None
            self.check_alive(what)
            pump(step)

    def orca_alive(self) -> bool:
        try:
            os.kill(self.orca_pid, 0)
        except OSError:
            return False
        try:  # a zombie is not alive
            with open(f"/proc/{self.orca_pid}/stat") as f:
                return f.read().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return True

    def check_alive(self, what: str) -> None:
        if not self.orca_alive():
            if what == "Orca to start":
                raise Abort("Orca did not start: it exited (the end of its output is above, on stderr)", "orca.log")
            raise Abort(f"Orca exited while waiting for {what}", "orca.log")
        if self.app_proc is not None and self.app_proc.poll() is not None and "exit" not in what:
            raise Abort(f"AltText exited (status {self.app_proc.returncode}) while waiting for {what}", "app.log")

    def field_text(self) -> str:
        t = text_of(self.field) if self.field is not None else None
        if t is None and self.app is not None:  # re-find after the tree changed
            self.field = find_field(self.app)
            t = text_of(self.field) if self.field is not None else None
        return (t or "").strip()

    # steps
    def wait_orca(self) -> None:
        """Orca 43 logs "ORCA: Starting registry" once it listens; other versions may not, so Orca
        being on the AT-SPI desktop for 5 s also counts."""
        seen = []

        def ready():
            if "ORCA: Starting registry" in self.log.text(max(0, self.log.size() - 200000)):
                return True
            if any((a.name or "").lower() == "orca" for a in desktop_apps()):
                seen.append(time.monotonic())
                return seen[-1] - seen[0] >= 5
            return False
        if not self.wait("Orca to start", ready, 45, 0.3):
            if not self.orca_alive():
                raise Abort("Orca did not start: it exited", "orca.log")
            raise Abort("Orca did not start within 45 s", "orca.log")
        pump(1.5)  # let it settle on the bus before the app appears
        note("Orca is running")

    def start_app(self, image: str) -> int:
        cmd = shlex.split(os.environ.get("ALTTEXT_APP_CMD") or "./.venv/bin/alttext-app")
        start = self.log.size()
        logf = open(os.path.join(OUT, "app.log"), "w")  # noqa: SIM115 - open for the whole run
        note(f"starting {' '.join(cmd)} {image}")
        try:
            self.app_proc = subprocess.Popen([*cmd, image], stdout=logf, stderr=subprocess.STDOUT,
                                             stdin=subprocess.DEVNULL)
        except OSError as exc:
            raise Abort(f"the AltText window did not start: {exc}") from None

        def window():
            app = find_app(self.app_proc.pid)
            if app is None:
                return None
            for i in range(app.childCount):
                w = app.getChildAtIndex(i)
                if w is not None and w.getRole() == pyatspi.ROLE_FRAME and has_state(w, pyatspi.STATE_SHOWING):
                    return app, w
            return None
        found = self.wait("the AltText window", window, 45, 0.3)
        if not found:
            raise Abort("the AltText window did not appear on the accessibility bus within 45 s", "app.log")
        self.app, self.main_window = found
        try:  # noqa: SIM105 - kept as in the shared harness
            self.app.set_cache_mask(pyatspi.Atspi.Cache.NONE)  # read live state, never stale cache
        except Exception:
            pass
        self.field = self.wait("the alt-text field", lambda: find_field(self.app), 20, 0.3)
        if self.field is None:
            raise Abort("no text field named like 'Alt text' in the AltText window", "app.log")
        note(f"window up; field: [{self.field.getRoleName()}] {self.field.name!r}")
        return start

    def wait_description(self, n: int, old: str, timeout: float) -> str:
        text = self.wait(f"description {n}", lambda: (lambda t: t if t and t != old else None)(self.field_text()),
                         timeout, 0.2)
        if not text:
            raise Abort(f"description {n} never appeared in the alt-text field (within {timeout:.0f} s)", "app.log")
        note(f"description {n} in the field: {text!r}")
        return text

    def wait_spoken(self, start: int, desc: str, other: str) -> None:
        """Give Orca time to speak; return early (after a short settle) once it has."""
        if self.wait("Orca to speak", lambda: spoken(self.log.utterances(start), desc, other), SPEAK_WAIT, 0.25):
            pump(0.7)

    def move_focus_off_field(self) -> None:
        """So that focus coming back after the file dialog cannot make Orca read the field."""
        button = find_button(self.app, "open image")
        if button is not None:
            with contextlib.suppress(Exception):
                button.queryComponent().grabFocus()
            if self.wait("focus on Open Image", lambda: has_state(button, pyatspi.STATE_FOCUSED), 2, 0.1):
                note("focus moved to the Open Image button")
                pump(0.8)
                return
        for _ in range(3):
            if not has_state(self.field, pyatspi.STATE_FOCUSED):
                break
            key("shift+Tab")
            pump(0.8)
        note(f"focus off the field: {not has_state(self.field, pyatspi.STATE_FOCUSED)}")

    def ensure_active(self) -> None:
        try:
            wids = xdo("search", "--onlyvisible", "--pid", str(self.app_proc.pid)).split()
            active = xdo("getactivewindow")
            if wids and active not in wids:
                note(f"activating the AltText window (active was {active or 'none'})")
                xdo("windowactivate", "--sync", wids[-1])
                pump(1.0)
        except Exception:
            pass

    def open_second(self, image: str) -> int:
        key("ctrl+o")
        dialog = self.wait("the file dialog", lambda: open_dialog(self.app, self.main_window), 15, 0.2)
        if dialog is None:
            raise Abort("Ctrl+O opened no file dialog within 15 s")
        note(f"file dialog: {dialog.name!r}")
        pump(1.0)
        note(f"type {image}")
        xdo("type", "--delay", "15", "--", image, timeout=60)
        pump(0.6)
        self.check_typed(dialog, image)
        start = self.log.size()
        key("Return")
        # A completion popup may take the first Return: then the dialog stays, so press it once more.
        if not self.wait("the file dialog to close", lambda: open_dialog(self.app, self.main_window) is None, 5, 0.2):
            key("Return")
        return start

    def check_typed(self, dialog, image: str) -> None:
        """The dialog's focused text field should hold the path; if keys got lost, set it directly."""
        entry = None
        for acc in walk(dialog):
            try:
                if acc.getRole() in (pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY) and has_state(acc, pyatspi.STATE_FOCUSED):
                    entry = acc
                    break
            except Exception:
                pass
        typed = text_of(entry) if entry is not None else None
        if typed is None or typed == image:
            return
        note(f"the file name field holds {typed!r}; setting it to the path over AT-SPI")
        try:
            entry.queryEditableText().setTextContents(image)
        except Exception as exc:
            note(f"could not set it: {exc}")
        pump(0.5)

    def quit(self) -> None:
        if self.app_proc is None or self.app_proc.poll() is not None:
            return
        key("ctrl+q")
        if not self.wait("the app to exit", lambda: self.app_proc.poll() is not None, 8, 0.2):
            note("AltText did not quit on Ctrl+Q; terminating it")
            self.stop_app()

    def stop_app(self) -> None:
        p = self.app_proc
        if p is not None and p.poll() is None:
            p.terminate()
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(5)

    def run(self) -> int:
        img1, img2 = self.args.image1, self.args.image2
        self.wait_orca()
        s1 = self.start_app(img1)
        d1 = self.wait_description(1, "", 60)
        self.desc.append(d1)
        self.wait_spoken(s1, d1, "")
        self.windows.append((s1, self.log.size()))

        self.ensure_active()
        self.move_focus_off_field()
        s2 = self.open_second(img2)
        d2 = self.wait_description(2, d1, 60)
        self.desc.append(d2)
        self.wait_spoken(s2, d2, d1)
        self.windows.append((s2, self.log.size()))
        self.extra: list[str] = []
        self.extra_ok = True
        if self.args.not_an_image:
            self.check_error(self.args.not_an_image, d2)
            self.check_status_bar()
        self.quit()
        return self.report()

    def check_error(self, path: str, old: str) -> None:
        self.ensure_active()
        self.move_focus_off_field()
        before = status_text(self.main_window)
        start = self.open_second(path)
        name = os.path.basename(path)

        def error_shown():
            text = status_text(self.main_window)
            return text if text != before and name in text else None
        error = self.wait("the error in the status bar", error_shown, 30, 0.2)
        if not error:
            raise Abort(f"no error about {name} appeared in the status bar")
        note(f"error in the status bar: {error!r}")
        self.wait("Orca to speak the error", lambda: spoken(self.log.utterances(start), error), SPEAK_WAIT, 0.25)
        pump(0.7)
        said = self.log.utterances(start)
        field = self.field_text()
        title = self.main_window.name or ""
        ok_spoken = spoken(said, error)
        ok_field = norm(old) not in norm(field)
        ok_title = os.path.basename(self.args.image2) not in title
        self.extra.append(f"error: {error!r} spoken: {'yes' if ok_spoken else 'no'}")
        self.extra.append(f"old description gone from the field: {'yes' if ok_field else 'no'} ({field!r})")
        self.extra.append(f"old title gone: {'yes' if ok_title else 'no'} ({title!r})")
        self.extra_ok &= ok_spoken and ok_field and ok_title
        self.status_expected = error

    def check_status_bar(self) -> None:
        start = self.log.size()
        note("key KP_Insert+KP_Enter twice (read status bar)")
        xdo("key", "--clearmodifiers", "--delay", "60", "KP_Insert+KP_Enter", "KP_Insert+KP_Enter")
        want = self.status_expected
        self.wait("Orca to read the status bar", lambda: spoken(self.log.utterances(start), want), SPEAK_WAIT, 0.25)
        said = self.log.utterances(start)
        ok = spoken(said, want)
        note(f"after read status bar Orca said: {' | '.join(repr(u) for u in said[:6]) or '(nothing)'}")
        self.extra.append(f"status bar read as text: {'yes' if ok else 'no'}")
        self.extra_ok &= ok

    def report(self) -> int:
        n = n_once = 0
        lines = []
        for i, (desc, (a, b)) in enumerate(zip(self.desc, self.windows, strict=False)):
            other = self.desc[1 - i] if len(self.desc) == 2 else ""
            said = self.log.utterances(a, b)
            ok = spoken(said, desc, other)
            n += ok
            heard = " | ".join(repr(u) for u in said[:8]) + (" | ..." if len(said) > 8 else "")
            note(f"after description {i + 1} appeared Orca said: {heard or '(nothing)'}")
            times = times_spoken(said, desc)
            once = ok and times <= 1
            n_once += once
            lines.append(f"description {i + 1}: {desc!r} spoken: {'yes' if ok else 'no'} times: {times}")
        for line in lines + getattr(self, "extra", []):
            print(line, flush=True)
        print(f"orca: {n}/2 new descriptions spoken, {n_once}/2 exactly once", flush=True)
        return 0 if n == 2 and n_once == 2 and getattr(self, "extra_ok", True) else 1


def main() -> int:
    global _logf
    if len(sys.argv) == 4 and sys.argv[1] == "--launch-orca":
        return launch_orca(sys.argv[2], sys.argv[3])
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--orca-debug", required=True, help="Orca's debug file (written by --launch-orca)")
    ap.add_argument("--orca-pid", required=True, type=int)
    ap.add_argument("image1")
    ap.add_argument("image2")
    ap.add_argument("--not-an-image", default="", help="also open this file and check the error")
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    _logf = open(os.path.join(OUT, "driver.log"), "w")  # noqa: SIM115 - open for the whole run
    check = Check(args)
    try:
        return check.run()
    except Abort as exc:
        for i, desc in enumerate(check.desc):  # what was seen before it broke off
            note(f"description {i + 1} was {desc!r}")
        for name in exc.logs:
            try:
                with open(os.path.join(OUT, name), errors="replace") as f:
                    tail = f.read().splitlines()[-6:]
            except OSError:
                tail = []
            for line in tail:
                note(f"{name}: {line}")
        print(f"orca: could not run the check: {exc}", flush=True)
        return 1
    except Exception as exc:  # a bug or a broken bus: still one clear last line
        import traceback
        traceback.print_exc(file=sys.stderr)
        print(f"orca: could not run the check: {type(exc).__name__}: {exc}", flush=True)
        return 1
    finally:
        check.stop_app()
        stop_orca(check.orca_pid)


def stop_orca(pid: int) -> None:
    """Orca is this process's child (orca_speaks.sh execs the driver from Orca's parent shell)."""
    for sig, wait in ((signal.SIGTERM, 4.0), (signal.SIGKILL, 2.0)):
        try:
            os.kill(pid, sig)
        except OSError:
            return
        end = time.monotonic() + wait
        while time.monotonic() < end:
            try:
                if os.waitpid(pid, os.WNOHANG)[0] == pid:
                    return
            except ChildProcessError:  # not our child after all: just make sure it is gone
                try:
                    os.kill(pid, 0)
                except OSError:
                    return
            time.sleep(0.1)


if __name__ == "__main__":
    sys.exit(main())
