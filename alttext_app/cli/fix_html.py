"""`alttext fix-html FILE…`: fill missing alt attributes in web pages and Markdown files."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from alttext_app.cli.model_options import add_model_arguments, describe_config
from alttext_app.core.errors import AltTextError
from alttext_app.core.i18n import localize, tr
from alttext_app.core.library.describe import Describer
from alttext_app.core.library.page_alt import Page, propose, read_page


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "fix-html",
        help="fill missing alt text in web pages and Markdown",
        description="Caption every <img> without an alt attribute (and every Markdown ![](image) "
        "with empty brackets) and write the alt text in. Existing alt text, including alt=\"\" for "
        "decorative images, is never changed, and every other byte of the file stays the same. "
        "Web images are not downloaded. With --review the proposals are listed first.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help=".html/.htm or .md files")
    parser.add_argument("--review", action="store_true", help="list the proposals and ask before writing")
    parser.add_argument("--yes", action="store_true", help="with --review: write without asking")
    add_model_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    pages = []
    for name in args.files:
        try:
            pages.append(read_page(name))
        except OSError as exc:
            raise AltTextError(f"“{name}” cannot be read.", detail=str(exc)) from exc
    describer = Describer(describe_config(args))
    if any(page.missing for page in pages):
        describer.load()
    cache: dict[object, str] = {}

    def caption(source: Path | bytes) -> str:
        key = source.resolve() if isinstance(source, Path) else source
        if key not in cache:
            cache[key] = describer.caption(source).alt_text
        return cache[key]

    for page in pages:
        propose(page, caption)
    proposed = sum(1 for page in pages for item in page.missing if item.alt is not None)
    if args.review:
        _list(pages)
        if not proposed or not _confirm(proposed, args.yes):
            print(tr("Nothing written."))
            return 0
    for page in pages:
        added = sum(item.alt is not None for item in page.missing)
        left = [item for item in page.missing if item.alt is None]
        if added:
            _replace(page.path, page.updated_bytes())
        line = tr("{n} alt texts added", n=added)
        if left:
            line += ", " + tr("{n} left without", n=len(left))
        print(f"{page.path}: {line}")
        if not args.review:
            for item in left:
                print("  " + tr("line {n}", n=item.line) + f": {item.src[:60]}: {localize(item.note)}")
    return 0


def _list(pages: list[Page]) -> None:
    for page in pages:
        for item in page.missing:
            where = f"{page.path}:{item.line}: {item.src[:60]}"
            print(f"{where}\n    → {item.alt}" if item.alt is not None else f"{where}\n    ✗ {localize(item.note)}")


def _confirm(count: int, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        print(tr("Review only: run again with --yes (or without --review) to write."), file=sys.stderr)
        return False
    answer = input(tr("Write these {n} alt texts? [y/N] ", n=count))
    return answer.strip().lower() in ("y", "yes")


def _replace(path: Path, data: bytes) -> None:
    """Write beside the file, then rename over it: a crash never leaves half a page."""
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        shutil.copymode(path, temp)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
