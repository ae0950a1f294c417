"""`alttext caption IMAGE...`: one line of alt text per image, or one JSON object per line."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from alttext_app.cli.model_options import add_model_arguments
from alttext_app.cli.progress import ProgressBar
from alttext_app.core import i18n
from alttext_app.core.captioner import CaptionOptions, Detail
from alttext_app.core.errors import AltTextError, user_message
from alttext_app.core.i18n import localize
from alttext_app.core.session import default_session

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "caption",
        help="write alt text for images",
        description="Write alt text for each image: one line per image (path first when there are "
        "several), or one JSON object per line with --json. Use - to read an image from stdin.",
    )
    parser.add_argument("images", nargs="+", metavar="IMAGE")
    add_model_arguments(parser)
    parser.add_argument(
        "--detail", choices=[d.value for d in Detail], default=Detail.BRIEF.value,
        help="'more': a longer description instead of the alt text, from the installed model that "
        "can (Florence-2, SmolVLM, else the built-in describer), with any text in the image",
    )
    parser.add_argument(
        "--lang", dest="description_lang", metavar="LANG",
        help="language of the descriptions, e.g. zh (default: the message language); captioning "
        "models write English, which an installed translation model turns into LANG",
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.detail == Detail.MORE.value:
        from alttext_app.cli.ask import run_detail

        return run_detail(args)
    # Any language a translator may write, not only those with a message table.
    language = i18n.normalize(args.description_lang) or i18n.language()
    options = CaptionOptions(
        max_length=args.max_length, num_beams=args.beams, max_chars=args.max_chars,
        detail=Detail(args.detail), language=language,
    )
    notices: set[str] = set()
    session = default_session()
    # Load the model once, up front: a missing or broken model is one error, not one per image.
    session.load_model(args.model, args.backend, args.device)
    several = len(args.images) > 1
    progress = ProgressBar(len(args.images), "captioning ") if len(args.images) > 2 else None
    failures = 0
    for path in args.images:
        try:
            source = sys.stdin.buffer.read() if path == "-" else path
            result = session.caption(
                source, model=args.model, backend=args.backend, device=args.device,
                options=options, display_path=path,
            )
        except AltTextError as exc:
            failures += 1
            _report_failure(path, exc.user_message, args.json, progress)
            log.info("caption failed for %s", path, exc_info=True)
            continue
        except Exception as exc:  # one bad file never stops the batch
            failures += 1
            log.exception("unexpected error captioning %s", path)
            _report_failure(path, user_message(exc), args.json, progress)
            continue
        finally:
            if progress:
                progress.advance()
        if progress:
            progress.close()
        if result.notice and result.notice not in notices:  # once per run, not once per image
            notices.add(result.notice)
            print(f"alttext: {result.notice}", file=sys.stderr, flush=True)
        if args.json:
            print(json.dumps(result.to_json(), ensure_ascii=False), flush=True)
        elif several:
            print(f"{path}: {result.alt_text}", flush=True)
        else:
            print(result.alt_text, flush=True)
    if progress:
        progress.close()
    return 1 if failures else 0


def _report_failure(path: str, message: str, as_json: bool, progress: ProgressBar | None) -> None:
    if progress:
        progress.close()
    message = localize(message)
    print(f"alttext: {path}: {message}", file=sys.stderr, flush=True)
    if as_json:
        print(json.dumps({"path": path, "error": message}, ensure_ascii=False), flush=True)
