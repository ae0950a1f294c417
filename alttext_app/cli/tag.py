"""`alttext tag`: write alt text into image files (IPTC/XMP "Alt Text (Accessibility)")."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alttext_app.cli.model_options import add_model_arguments, describe_config
from alttext_app.cli.progress import ProgressBar
from alttext_app.core.errors import AltTextError
from alttext_app.core.i18n import localize, tr
from alttext_app.core.library.describe import Describer, Record
from alttext_app.core.library.metadata import ExifTool, WriteOutcome
from alttext_app.core.library.result_log import LogFormat, read_records

_RESULT_SUFFIXES = tuple(fmt.value for fmt in LogFormat) + (".json",)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "tag",
        help="write alt text into image files' metadata",
        description="Store alt text inside image files (JPEG, PNG, WebP, TIFF, GIF) as IPTC/XMP "
        "“Alt Text (Accessibility)”, without re-encoding the image, using the exiftool program. "
        "Give a result file of “alttext batch” to use its alt text, or images to caption them now. "
        "Existing alt text is kept unless --overwrite. Every write is read back to check it.",
    )
    parser.add_argument("sources", nargs="+", metavar="RESULTS|IMAGE")
    parser.add_argument("--overwrite", action="store_true", help="replace alt text already in a file")
    parser.add_argument(
        "--extended", action="store_true",
        help="also store the text read from the image as the extended description",
    )
    parser.add_argument("--read", action="store_true", help="only show the alt text files hold")
    add_model_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with ExifTool() as exiftool:
        if args.read:
            for source in args.sources:
                alt, extended = exiftool.read_alt(Path(source))
                print(f"{source}: {alt or tr('(no alt text)')}" + (f"\n  {extended}" if extended else ""))
            return 0
        records = _records(args)
        progress = ProgressBar(len(records), "tag ")
        counts = dict.fromkeys(WriteOutcome, 0)
        failed = 0
        for record in records:
            progress.advance()
            try:
                if record.get("error") or not record.get("alt_text"):
                    raise AltTextError(record.get("error") or tr("There is no alt text for it."))
                extended = record.get("text") if args.extended else None
                outcome = exiftool.write_alt(
                    Path(record["path"]), record["alt_text"], extended, overwrite=args.overwrite
                )
                counts[outcome] += 1
            except AltTextError as exc:
                failed += 1
                progress.close()
                print(f"alttext: {record['path']}: {localize(exc.user_message)}", file=sys.stderr)
        progress.close()
    line = tr("{n} files tagged", n=counts[WriteOutcome.WRITTEN])
    line += ", " + tr("{n} already had this alt text", n=counts[WriteOutcome.SAME])
    line += ", " + tr("{n} kept their own alt text", n=counts[WriteOutcome.KEPT])
    if counts[WriteOutcome.KEPT]:
        line += " " + tr("(--overwrite replaces it)")
    print(line + (", " + tr("{n} failed", n=failed) if failed else "") + ".")
    return 1 if failed else 0


def _records(args: argparse.Namespace) -> list[Record]:
    records: list[Record] = []
    images = []
    for source in args.sources:
        path = Path(source)
        if path.suffix.lower() in _RESULT_SUFFIXES:
            if not path.is_file():
                raise AltTextError(f"The result file “{path.name}” does not exist.")
            records += read_records(path)
        else:
            images.append(path.absolute())
    if images:
        describer = Describer(describe_config(args))
        describer.load()
        records += [describer.record(path) for path in images]
    return records
