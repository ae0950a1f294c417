"""`alttext ask IMAGE "QUESTION"`: answer a question about an image; and the longer description
behind `alttext caption --detail more` (both through `core.asking`)."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from alttext_app.core import i18n
from alttext_app.core.captioner import CaptionOptions
from alttext_app.core.errors import AltTextError, user_message
from alttext_app.core.service import BACKENDS, DEVICES
from alttext_app.core.session import default_session

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    settings = default_session().settings
    parser = subparsers.add_parser(
        "ask",
        help="answer a question about an image",
        description="Answer a question about an image with an installed model that answers "
        "questions (SmolVLM or BLIP VQA), else with the built-in describer (text, counts, "
        "“is there…”, kind and colour of image). Questions about a person's gender, age or "
        "identity are answered honestly: a picture cannot tell. Use - to read the image from stdin.",
    )
    parser.add_argument("image", metavar="IMAGE")
    parser.add_argument("question", metavar="QUESTION")
    parser.add_argument("--model", default="auto",
                        help="an installed model name or folder, or builtin (default: the best installed one)")
    parser.add_argument("--backend", choices=BACKENDS, default=settings.backend)
    parser.add_argument("--device", choices=DEVICES, default=settings.device)
    parser.add_argument("--max-length", type=int, default=None, metavar="N",
                        help="most tokens the answer may have")
    parser.add_argument("--json", action="store_true", help="one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    source = sys.stdin.buffer.read() if args.image == "-" else args.image
    result = default_session().ask(
        source, args.question, model=args.model, backend=args.backend, device=args.device,
        options=CaptionOptions(max_length=args.max_length, language=i18n.language()),
    )
    result.path = args.image
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False), flush=True)
    else:
        print(result.answer, flush=True)
    return 0


def run_detail(args: argparse.Namespace) -> int:
    """`alttext caption --detail more IMAGE...`: one longer description per image."""
    session = default_session()
    failures = 0
    several = len(args.images) > 1
    for path in args.images:
        try:
            source = sys.stdin.buffer.read() if path == "-" else path
            result = session.describe_more(
                source, model=args.model, backend=args.backend, device=args.device,
                options=CaptionOptions(max_length=args.max_length, num_beams=args.beams),
            )
            result.path = path
        except AltTextError as exc:
            failures += 1
            _failure(path, exc.user_message, args.json)
            log.info("detail failed for %s", path, exc_info=True)
            continue
        except Exception as exc:  # one bad file never stops the batch
            failures += 1
            log.exception("unexpected error describing %s", path)
            _failure(path, user_message(exc), args.json)
            continue
        if args.json:
            print(json.dumps(result.to_json(), ensure_ascii=False), flush=True)
        else:
            print(f"{path}: {result.text}" if several else result.text, flush=True)
    return 1 if failures else 0


def _failure(path: str, message: str, as_json: bool) -> None:
    print(f"alttext: {path}: {message}", file=sys.stderr, flush=True)
    if as_json:
        print(json.dumps({"path": path, "error": message}, ensure_ascii=False), flush=True)
