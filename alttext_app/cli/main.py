"""Entry point of `alttext`: dispatches to sub-commands; errors become one line on stderr."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from alttext_app import __version__
from alttext_app.core import i18n
from alttext_app.core.errors import AltTextError, user_message
from alttext_app.core.i18n import localize, tr
from alttext_app.core.logs import setup_logging
from alttext_app.core.paths import log_file
from alttext_app.core.session import default_session

log = logging.getLogger("alttext.cli")

# Modules under alttext_app.cli that each add one sub-command with `register(subparsers)`.
SUBCOMMANDS = (
    "caption", "ask", "speak", "export", "models", "batch", "tag", "fix_html", "search", "video",
    "train",
)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser with every sub-command, or with only `command`'s when it names one: importing
    all eleven sub-command modules took half a second of every start."""
    module = (command or "").replace("-", "_")
    names = (module,) if module in SUBCOMMANDS else SUBCOMMANDS
    parser = argparse.ArgumentParser(
        prog="alttext", description="Offline alt text for images: caption, speak, manage models."
    )
    parser.add_argument("--version", action="version", version=f"alttext {__version__}")
    parser.add_argument(
        "--lang", metavar="LANG", default=None,
        help="language of messages and descriptions, e.g. zh or en (default: the settings' "
        "language, else the system's)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in names:
        importlib.import_module(f"alttext_app.cli.{name}").register(subparsers)
    if len(names) == 1 and command not in subparsers.choices:  # a module naming its command otherwise
        return build_parser()
    _localize_help(parser)
    return parser


def _localize_help(parser: argparse.ArgumentParser) -> None:
    """Every help text and description in the message language (sub-commands included)."""
    parser.description = localize(parser.description or "") or None
    for action in parser._actions:
        if action.help and action.help is not argparse.SUPPRESS:
            action.help = localize(action.help)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = localize(choice.help or "")
            for sub in set(action.choices.values()):
                _localize_help(sub)


def _choose_language(argv: Sequence[str]) -> None:
    """--lang (before or after the sub-command), else the setting, else the system locale.
    Read before the parser is built so that its help texts are in that language too."""
    chosen = default_session().settings.language  # the session applies it; --lang overrides
    for i, item in enumerate(argv):
        if item == "--lang" and i + 1 < len(argv):
            chosen = argv[i + 1]
        elif item.startswith("--lang="):
            chosen = item.split("=", 1)[1]
    i18n.set_language(chosen)
    argparse._ = localize  # argparse's own words ("usage:", "error:") through the same table


def _command(argv: Sequence[str]) -> str | None:
    """The sub-command named on the command line (the first word that is no option or --lang's
    value), or None."""
    items = iter(argv)
    for item in items:
        if item == "--lang":
            next(items, None)
        elif not item.startswith("-"):
            return item
    return None


def main(argv: Sequence[str] | None = None) -> int:
    setup_logging()
    argv = list(sys.argv[1:] if argv is None else argv)
    _choose_language(argv)
    parser = build_parser(_command(argv))
    args = parser.parse_args(argv)
    notice = default_session().take_notice()  # damaged settings: said once, then repaired
    if notice:
        print(f"alttext: {localize(notice)}", file=sys.stderr)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        print(f"alttext: {tr('Stopped.')}", file=sys.stderr)
        return 130
    except AltTextError as exc:
        log.info("command failed: %s", exc, exc_info=True)
        print(f"alttext: {localize(exc.user_message)}", file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback in a person's face
        log.exception("unexpected error in %s", args.command)
        print(f"alttext: {localize(user_message(exc))} ({log_file()})", file=sys.stderr)
        return 1


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not complain again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
