"""A CLI start builds only the parser of the sub-command it runs (importing all of them cost half a
second), and every sub-command still parses alone; help and unknown commands see them all."""

from __future__ import annotations

import argparse

from alttext_app.cli.main import SUBCOMMANDS, _command, build_parser


def _choices(parser: argparse.ArgumentParser) -> set[str]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices)


def test_each_command_alone_and_all_for_help_or_unknown() -> None:
    everything = _choices(build_parser())
    assert len(everything) == len(SUBCOMMANDS)
    for command in everything:
        assert _choices(build_parser(command)) == {command}
    assert _choices(build_parser(None)) == everything
    assert _choices(build_parser("nonsense")) == everything


def test_the_command_is_the_first_word_that_is_no_option() -> None:
    assert _command(["--lang", "zh", "caption", "a.png"]) == "caption"
    assert _command(["--lang=zh", "fix-html", "page.html"]) == "fix-html"
    assert _command(["--version"]) is None
    assert _command([]) is None
