"""`alttext models list|pull|import|remove|use`: the catalogue and the user's installed models."""

from __future__ import annotations

import argparse
import logging
import sys
import time

from alttext_app.core.models.catalogue import read_catalogue, require_entry
from alttext_app.core.models.store import format_bytes, model_name
from alttext_app.core.session import default_session

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "models",
        help="list, download, import, remove or choose captioning models",
        description="Manage captioning models. Nothing touches the network except “pull”.",
    )
    sub = parser.add_subparsers(dest="models_command", metavar="ACTION")
    list_parser = sub.add_parser("list", help="the catalogue and the installed models")
    list_parser.set_defaults(func=run_list)

    pull = sub.add_parser("pull", help="download a catalogue model (with a progress bar)")
    pull.add_argument("name", metavar="NAME", help="catalogue id or short name, e.g. distilvit")
    pull.add_argument(
        "--export", choices=("int8",), default=None,
        help="then export it to ONNX int8 for fast captions on the CPU (needs PyTorch)",
    )
    pull.set_defaults(func=run_pull)

    imp = sub.add_parser("import", help="install a model folder or Hugging Face cache you carried over")
    imp.add_argument("path", metavar="PATH", help="model folder, models--org--name cache folder, or HF_HOME")
    imp.add_argument("--name", default=None, help="the name to install it under")
    imp.set_defaults(func=run_import)

    remove = sub.add_parser("remove", help="delete an installed model to free space")
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(func=run_remove)

    use = sub.add_parser("use", help="make an installed model the active one (or builtin / auto)")
    use.add_argument("name", metavar="NAME")
    use.set_defaults(func=run_use)

    parser.set_defaults(func=run_list)


def run_list(args: argparse.Namespace) -> int:
    session = default_session()
    installed = session.installed_models()
    active = session.active_model()
    root = session.models_root()
    print(f"Model folder: {root}")
    print(f"Active model: {model_name(active)}")
    print()
    print("Installed:")
    if not installed:
        print("  none (captions come from the built-in describer)")
    for model in installed:
        marks = []
        if model.path == active:
            marks.append("active")
        if model.has_onnx:
            marks.append("ONNX")
        mark = f"  [{', '.join(marks)}]" if marks else ""
        print(f"  {model.name}  {format_bytes(model.size_bytes)}  {model.family}{mark}")
    from alttext_app.core.models.downloader import partial_downloads

    for partial in partial_downloads():
        print(f"  (unfinished download: {partial.name.split('@')[0]}; “pull” resumes it)")
    print()
    sys.stdout.flush()  # the installed models stay shown even if the catalogue cannot be read
    catalogue = read_catalogue()
    print("Catalogue (alttext models pull NAME):")
    installed_paths = {m.path for m in installed}
    for entry in catalogue:
        state = "installed" if root / entry.folder_name in installed_paths else ""
        cider = f"CIDEr {entry.coco_cider:g}" if entry.coco_cider else "CIDEr n/a"
        extras = [x for x in (
            "recommended" if entry.recommended else "",
            state,
            "" if entry.pinned else "revision not pinned",
        ) if x]
        tail = f"  [{', '.join(extras)}]" if extras else ""
        print(f"  {entry.alias:<16} {entry.id}  ~{format_bytes(entry.download_bytes)}  "
              f"{entry.license}  {cider}{tail}")
        print(f"  {'':<16} {entry.good_at}")
    return 0


class _Bar:
    """Bytes and percentage on stderr, only when it is a terminal."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty()
        self.started = time.monotonic()

    def __call__(self, progress) -> None:  # noqa: ANN001 - downloader.Progress
        if not self.enabled or not progress.total_bytes:
            return
        width = 30
        filled = int(width * progress.fraction)
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = progress.done_bytes / elapsed
        sys.stderr.write(
            f"\r{self.label} {'█' * filled}{'·' * (width - filled)} {progress.fraction:4.0%} "
            f"{format_bytes(progress.done_bytes)}/{format_bytes(progress.total_bytes)} "
            f"{format_bytes(int(rate))}/s \x1b[K"
        )
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def run_pull(args: argparse.Namespace) -> int:
    entry = require_entry(args.name)
    bar = _Bar(entry.alias)
    try:
        model = default_session().pull_model(
            entry.id, progress=bar, export=args.export, export_progress=_export_progress
        )
    finally:
        bar.close()
    print(f"Installed {model.name} ({format_bytes(model.size_bytes)}) in {model.path}")
    return 0


def _export_progress(message: str, fraction: float) -> None:
    if sys.stderr.isatty():
        print(f"\r\x1b[K{int(fraction * 100):3d}% {message}", end="", file=sys.stderr, flush=True)


def run_import(args: argparse.Namespace) -> int:
    model = default_session().import_model(args.path, name=args.name)
    print(f"Imported {model.name} ({format_bytes(model.size_bytes)}) into {model.path}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    name, freed = default_session().remove_model(args.name)
    print(f"Removed {name}; freed {format_bytes(freed)}.")
    return 0


def run_use(args: argparse.Namespace) -> int:
    session = default_session()
    session.use_model(args.name)
    print(f"Active model: {session.active_model_name()}")
    return 0
