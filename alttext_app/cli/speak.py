"""`alttext speak TEXT`: read text aloud, or write it to a WAV file with --output."""

from __future__ import annotations

import argparse
import sys

from alttext_app.core.errors import SpeechError
from alttext_app.core.session import default_session
from alttext_app.core.settings import MAX_RATE, MIN_RATE
from alttext_app.core.speech import shared_engine


def register(subparsers: argparse._SubParsersAction) -> None:
    settings = default_session().settings
    parser = subparsers.add_parser(
        "speak",
        help="read text aloud or save it as a WAV file",
        description="Read text aloud with the offline speech engine (espeak-ng), or write a WAV "
        "file with --output. Use - to read the text from stdin.",
    )
    parser.add_argument("text", nargs="*", metavar="TEXT", help="the words to speak (joined by spaces)")
    parser.add_argument(
        "--voice", default=settings.voice, metavar="V",
        help="voice id from --list-voices (default: the settings' voice, else the engine's)",
    )
    parser.add_argument(
        "--rate", type=int, default=settings.rate, metavar="R",
        help=f"words per minute, {MIN_RATE}–{MAX_RATE} (default: {settings.rate})",
    )
    parser.add_argument("--output", "-o", metavar="FILE.wav", help="write a WAV file instead of playing")
    parser.add_argument("--list-voices", action="store_true", help="list the voices and exit")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    engine = shared_engine()
    if not engine.is_available:
        raise SpeechError(engine.reason)
    if args.list_voices:
        for voice in engine.list_voices():
            langs = ",".join(voice.languages) or "-"
            print(f"{voice.id}\t{langs}\t{voice.name}")
        return 0
    text = " ".join(args.text)
    if text == "-":
        text = sys.stdin.read()
    if not text.strip():
        print("alttext: give the text to speak, e.g. alttext speak \"Hello\".", file=sys.stderr)
        return 2
    engine.set_voice(args.voice)
    engine.set_rate(args.rate)
    if args.output:
        path = engine.save_wav(text, args.output)
        print(path)
        return 0
    if not engine.can_play:
        raise SpeechError(engine.reason)
    try:
        engine.speak(text).result()
    except KeyboardInterrupt:
        engine.stop()
        raise
    return 0
