"""Command-line options shared by every sub-command that captions: which model, how long."""

from __future__ import annotations

import argparse

from alttext_app.core import i18n
from alttext_app.core.captioner import CaptionOptions
from alttext_app.core.library.describe import DescribeConfig
from alttext_app.core.service import BACKENDS, DEVICES
from alttext_app.core.session import default_session


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def add_model_arguments(parser: argparse.ArgumentParser) -> None:
    settings = default_session().settings
    parser.add_argument(
        "--model",
        default=settings.model,
        help="'builtin', 'auto' (the active installed model, else builtin), an installed model "
        f"name or a model folder (default: {settings.model})",
    )
    parser.add_argument("--backend", choices=BACKENDS, default=settings.backend)
    parser.add_argument("--device", choices=DEVICES, default=settings.device)
    parser.add_argument(
        "--max-length", type=positive, default=None, metavar="N", help="most tokens a model may generate"
    )
    parser.add_argument("--beams", type=positive, default=1, metavar="N", help="beam search width (1 = greedy)")
    parser.add_argument(
        "--max-chars", type=positive, default=settings.max_chars, metavar="N",
        help=f"alt-text length budget in characters (default: {settings.max_chars})",
    )


def caption_options(args: argparse.Namespace) -> CaptionOptions:
    """Options from the model arguments; descriptions in the message language, as `caption`."""
    return CaptionOptions(
        max_length=args.max_length, num_beams=args.beams, max_chars=args.max_chars,
        language=i18n.language(),
    )


def describe_config(args: argparse.Namespace) -> DescribeConfig:
    return DescribeConfig(args.model, args.backend, args.device, caption_options(args))
