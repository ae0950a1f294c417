"""`alttext batch DIR… --output results.jsonl|.csv`: caption folders and archives, resumably."""

from __future__ import annotations

import argparse
import sys

from alttext_app.cli.model_options import add_model_arguments, describe_config, positive
from alttext_app.cli.progress import ProgressBar
from alttext_app.core.errors import AltTextError
from alttext_app.core.i18n import tr
from alttext_app.core.library.batch import BatchSummary, pending, run_batch
from alttext_app.core.library.describe import Describer, Record
from alttext_app.core.library.result_log import open_log
from alttext_app.core.library.scan import find_images
from alttext_app.core.library.search_index import SearchIndex


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "batch",
        help="caption every image in folders into a result file",
        description="Caption every image in the given folders (and files) into a result log, "
        "written as it goes: after a stop or crash, run the same command with --resume and only "
        "the images not done yet are captioned. Files that are not images are skipped. The results "
        "are added to the picture search index (alttext search).",
    )
    parser.add_argument("paths", nargs="+", metavar="DIR", help="folders or image files")
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="result log: FILE.jsonl or FILE.csv"
    )
    parser.add_argument("-r", "--recursive", action="store_true", help="look inside sub-folders too")
    parser.add_argument("--resume", action="store_true", help="continue an existing result log")
    parser.add_argument("--no-index", action="store_true", help="do not add results to the search index")
    parser.add_argument(
        "--ray", metavar="ADDRESS",
        help="run on Ray: 'local' (a private Ray on this machine), 'auto' (the running cluster) "
        "or a cluster address such as ray://head:10001",
    )
    parser.add_argument("--workers", type=positive, metavar="N", help="Ray actors (default: all CPUs)")
    add_model_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scan = find_images(args.paths, recursive=args.recursive)
    if scan.missing:
        raise AltTextError(f"“{scan.missing[0]}” does not exist.")
    config = describe_config(args)
    with open_log(args.output, resume=args.resume) as log:
        todo = len(pending(scan.images, log))
        progress = ProgressBar(todo, "batch ")
        failures: list[Record] = []

        def on_record(record: Record) -> None:
            progress.advance()
            if record.get("error"):
                failures.append(record)

        try:
            if args.ray:
                from alttext_app.core.library.ray_batch import run_ray_batch

                summary = run_ray_batch(
                    scan.images, log, config, address=args.ray, workers=args.workers,
                    skipped=scan.skipped, on_record=on_record,
                )
            else:
                describer = Describer(config)
                if todo:
                    describer.load()  # a missing model is one error, before any image
                summary = run_batch(
                    scan.images, log, describer.record, skipped=scan.skipped, on_record=on_record
                )
        except KeyboardInterrupt:
            progress.close()
            print("alttext: " + tr("Stopped; run again with --resume to finish {file}.", file=args.output),
                  file=sys.stderr)
            return 130
        progress.close()
        indexed = None if args.no_index else _index(log.records())
    _print_summary(summary, failures, indexed)
    return 1 if summary.failed else 0


def _index(records) -> int:
    with SearchIndex() as index:
        return index.add(records)


def _print_summary(summary: BatchSummary, failures: list[Record], indexed: int | None) -> None:
    for record in failures[:10]:
        print(f"alttext: {record['path']}: {record['error']}", file=sys.stderr)
    if len(failures) > 10:
        more = tr("… and {n} more failures (see the result file)", n=len(failures) - 10)
        print(f"alttext: {more}", file=sys.stderr)
    parts = [tr("{n} images", n=summary.total), tr("{n} captioned in this run", n=summary.described)]
    if summary.already_done:
        parts.append(tr("{n} already done", n=summary.already_done))
    if summary.failed:
        parts.append(tr("{n} failed", n=summary.failed))
    if summary.skipped:
        parts.append(tr("{n} other files skipped", n=summary.skipped))
    line = ", ".join(parts)
    if summary.described:
        line += "; " + tr("{rate} images/s", rate=f"{summary.rate:.2f}")
    if indexed is not None:
        line += "; " + tr("{n} in the search index", n=indexed)
    print(line + ".")
