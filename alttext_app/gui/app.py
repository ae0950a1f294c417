"""`alttext-app [IMAGE]` and `python -m alttext_app`: start the window."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from alttext_app import APP_NAME, __version__
from alttext_app.core.logs import setup_logging

log = logging.getLogger(__name__)


# Qt's own command-line options that take a value; they pass through to QApplication.
_QT_VALUE_OPTIONS = {
    "-platform", "-platformpluginpath", "-platformtheme", "-plugin", "-qwindowgeometry", "-geometry",
    "-qwindowtitle", "-qwindowicon", "-style", "-stylesheet", "-session", "-display", "-widgetcount",
}
_QT_FLAGS = {"-reverse", "-nograb", "-dograb", "-sync"}


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="alttext-app", description="Open the AltText window.")
    # Several images (a file manager's "Open with" passes them all): the first is described.
    parser.add_argument("images", nargs="*", metavar="IMAGE", help="an image to describe at start")
    parser.add_argument("--selftest", action="store_true", help="check the installation and exit")
    parser.add_argument(
        "--describe", choices=("screen", "window", "region", "clipboard"),
        help="at start, describe the screen, the active window, a region or the clipboard's image "
        "(for a desktop-wide keyboard shortcut)",
    )
    parser.add_argument("--watch-clipboard", action="store_true",
                        help="describe every new image copied, from the start")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    ours, qt_args = [], []
    items = iter(argv)
    for item in items:
        if item in _QT_VALUE_OPTIONS:
            qt_args += [item, next(items, "")]
        elif item in _QT_FLAGS:
            qt_args.append(item)
        else:
            ours.append(item)
    args = parser.parse_args(ours)
    args.qt_args = qt_args
    return args


def create_application(qt_args: Sequence[str] = ()):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("alttext")  # matches the .desktop file, so docks show the right icon
    from alttext_app.gui.icons import app_icon

    app.setWindowIcon(app_icon())  # dialogs too
    from alttext_app.gui.translations import install_translations

    install_translations(app)  # the language setting, else the system's (before any window)
    from alttext_app.gui.clipboard import release_clipboard

    app.aboutToQuit.connect(release_clipboard)  # else copying crashes the app as it exits
    from alttext_app.gui.look import install_focus_frames

    install_focus_frames(app)  # a visible focus frame in the palette's colours, contrast-checked
    return app


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    setup_logging()
    if args.selftest:
        from alttext_app.gui.selftest import run_selftest

        return run_selftest()
    app = create_application(args.qt_args)
    sys.excepthook = _log_unexpected
    _quit_on_ctrl_c(app)
    if args.images or args.describe:
        _load_model_early()  # a description follows at once: load its model beside the window
    from alttext_app.gui.main_window import MainWindow

    global _window
    window = _window = MainWindow()
    window.show()
    _tell_settings_notice(window)
    log.info("window open")
    if args.images:
        window.load_first_of(args.images)
    elif args.describe == "clipboard":
        window.paste()
    elif args.describe:
        window.library.describe_screen(args.describe)
    if args.watch_clipboard:
        from alttext_app.gui.actions import Act

        window.actions[Act.WATCH_CLIPBOARD].setChecked(True)
    return app.exec()


_window = None


def _load_model_early() -> None:
    """Load the chosen model while the window is being built (Qt's imports and the widgets take
    about as long as opening an int8 export on a second core): on the caption lane, so the first
    description waits for this load instead of starting its own. A failure is left to that
    description, which meets it again and says it in the window."""
    from alttext_app.core.session import default_session
    from alttext_app.gui.tasks import Lane, shared_runner

    session = default_session()
    shared_runner().start(lambda _context: session.load_model(), name="load the model",
                          lane=Lane.CAPTION)


def _tell_settings_notice(window) -> None:  # noqa: ANN001 - MainWindow
    """Settings that could not be used are said once: in the window and on stderr."""
    from alttext_app.core.i18n import localize

    notice = window.session.take_notice()
    if notice:
        print(f"alttext-app: {localize(notice)}", file=sys.stderr)
        window.tell(localize(notice))


def _quit_on_ctrl_c(app) -> None:  # noqa: ANN001 - QApplication
    """Ctrl+C in the terminal closes the window like Quit. Python runs signal handlers only
    between bytecodes, so a timer wakes the interpreter while Qt's loop waits."""
    import signal

    from PySide6.QtCore import QTimer

    signal.signal(signal.SIGINT, lambda *_: app.closeAllWindows() or app.quit())
    app._sigint_timer = timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(200)


def _log_unexpected(kind, value, tb) -> None:
    """A bug in a slot must not kill the window: log it, say one sentence, keep going."""
    log.critical("unexpected error", exc_info=(kind, value, tb))
    if _window is not None:
        from alttext_app.core.errors import user_message

        _window.show_error(user_message(value))


if __name__ == "__main__":
    sys.exit(main())
