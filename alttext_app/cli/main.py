"""Entry point of `alttext`: dispatches to sub-commands; errors become one line on stderr."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from alttext_app import __version__
from alttext_app.core.errors import AltTextError, user_message
from alttext_app.core.logs import setup_logging
from alttext_app.core.paths import log_file

log = logging.getLogger("alttext.cli")

# Modules under alttext_app.cli that each add one sub-command with `register(subparsers)`.
SUBCOMMANDS = ("caption", "speak", "export", "models")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alttext", description="Offline alt text for images: caption, speak, manage models."
    )
    parser.add_argument("--version", action="version", version=f"alttext {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        try:
            module = importlib.import_module(f"alttext_app.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"alttext_app.cli.{name}":
                raise
            continue  # a sub-command not built yet
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    setup_logging()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("alttext: stopped.", file=sys.stderr)
        return 130
    except AltTextError as exc:
        log.info("command failed: %s", exc, exc_info=True)
        print(f"alttext: {exc.user_message}", file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback in a person's face
        log.exception("unexpected error in %s", args.command)
        print(f"alttext: {user_message(exc)} ({log_file()})", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
