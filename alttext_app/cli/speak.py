"""`alttext speak TEXT`: read text aloud, or write it to a WAV file with --output."""

from __future__ import annotations

import argparse
import sys

from alttext_app.core import i18n
from alttext_app.core.errors import SpeechError
from alttext_app.core.i18n import tr
from alttext_app.core.session import default_session
from alttext_app.core.settings import MAX_RATE, MIN_RATE
from alttext_app.core.speech import shared_engine
from alttext_app.core.text_language import text_language
from alttext_app.core.voices import parse_choices


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
    parser.add_argument(
        "--lang", dest="text_lang", metavar="LANG",
        help="the text's language, which picks the voice (default: recognised from the text)",
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
        print("alttext: " + tr("Give the text to speak, e.g. alttext speak \"Hello\"."), file=sys.stderr)
        return 2
    language = i18n.normalize(args.text_lang) or text_language(text, fallback=i18n.language())
    choices = parse_choices(default_session().settings.voices)
    engine.set_voice(args.voice)  # an unknown voice is one clear error
    if args.voice and args.voice != default_session().settings.voice:  # asked for now: this text, this voice
        choices[language] = args.voice
    engine.set_voice_choices(choices)
    engine.set_rate(args.rate)
    if args.output:
        path = engine.save_wav(text, args.output, language=language)
        print(path)
        return 0
    if not engine.can_play:
        raise SpeechError(engine.reason)
    try:
        engine.speak(text, language).result()
    except KeyboardInterrupt:
        engine.stop()
        raise
    return 0
