"""`alttext search "dog on a beach"`: find captioned pictures by what they show."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from alttext_app.cli.model_options import positive
from alttext_app.core.errors import AltTextError
from alttext_app.core.i18n import tr
from alttext_app.core.library.result_log import read_records
from alttext_app.core.library.search_index import SearchIndex, default_index_path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "search",
        help="find captioned pictures by what they show",
        description="Search the pictures captioned by “alttext batch” by words in their alt "
        "text, the text read from them and their labels; best matches first.",
    )
    parser.add_argument("query", nargs="*", help="words to look for, e.g. dog on a beach")
    parser.add_argument("--add", nargs="+", metavar="RESULTS", default=[],
                        help="first add these result files (.jsonl/.csv) to the index")
    parser.add_argument("--index", type=Path, default=None,
                        help=f"index file (default: {default_index_path()})")
    parser.add_argument("-n", "--limit", type=positive, default=20, help="most results (default 20)")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.query and not args.add:
        raise AltTextError("Say what to look for, e.g. alttext search dog on a beach")
    with SearchIndex(args.index) as index:
        for results in args.add:
            if not Path(results).is_file():
                raise AltTextError(f"The result file “{Path(results).name}” does not exist.")
            added = index.add(read_records(Path(results)))
            print(tr("{n} pictures added from {file}.", n=added, file=results))
        if not args.query:
            return 0
        if index.count() == 0:
            raise AltTextError("The search index is empty: caption pictures with “alttext batch” first.")
        hits = index.search(" ".join(args.query), limit=args.limit)
    for hit in hits:
        if args.json:
            print(json.dumps({"path": hit.path, "alt_text": hit.alt_text, "score": round(hit.score, 4)},
                             ensure_ascii=False))
        else:
            print(f"{hit.path}\t{hit.alt_text}")
    if not hits and not args.json:
        print(tr("No pictures match."))
    return 0 if hits else 1
